/**
 * Old code that still runs after an update (a call the entry tables keep on its old version:
 * update/forward.ts) works on the running version's module state, not on the copy its own module
 * kept when the update replaced it.
 *
 * A replaced module keeps its own top-level bindings: the update gave the new module the values,
 * it did not move the bindings. The modules one update replaced together are a group (a version's
 * code imports its own version's modules); old code runs in the group of its function's module.
 * The bindings that every update since carried by name (a `let` or `var` of both versions, neither
 * transformed nor initialised anew) are shared with the running version by copying, through the
 * state accessors every compiled module has (compiler/passes/loaderFormat.ts stateFunction):
 *  - when the program enters old code (runOld), the running version's values are copied into the
 *    group's modules, so old code reads what the new code wrote;
 *  - when it leaves old code (its call returns or throws, an old async function reaches an await,
 *    an old generator yields), what the old code changed is copied back;
 *  - a call old code makes that runs new code (a forwarded call, runNew) is a leave and an enter:
 *    the new code sees the old code's writes, and the old code the new code's.
 *
 * Nothing here holds a replaced version: a group is reached from its modules' handles (a WeakMap),
 * which the old code that runs holds; what is kept per update is names (no WeakRef, which would
 * keep its target alive until the synchronous job that made it ends: a busy loop updated many
 * times would keep every version it left).
 *
 * What this cannot share, and says (the report's and status's `oldCode`): bindings an update
 * transformed or initialised anew (old code reads and writes its own version's), `const`
 * bindings whose initialiser changed, and writes made by new code that old code calls without a
 * forwarded call (a function of the new version it holds, a listener the new version registered):
 * when both the old code and such new code change one binding in one stretch of old code, the old
 * code's value is kept and the conflict counted (stats.oldStateConflicts).
 */
import type { ModuleHandle } from '../core/moduleHandle.js';
import { ArrayIncludes, ArrayPush, defineElement, mapEntries, MapGet, MapHas, MapSet, mapValues, ObjectGetOwnPropertyDescriptor, ObjectIs, ObjectKeys, SetHas, WeakMapGet, WeakMapSet } from '../core/primordials.js';

/** A top-level binding of a replaced module that old code does not share with the running version. */
export interface Unshared {
  module: string;
  /** The version whose module keeps its own value. */
  version: string;
  name: string;
  why: string;
}

/** What one update replaced, as names only: per module id, the bindings still shared and those not. */
interface Generation {
  version: string;
  modules: Map<string, { shared: string[]; unshared: Unshared[] }>;
}

/** The modules one update replaced, held by their handles (OldState.groups). */
interface Group {
  gen: Generation;
  handles: Array<{ id: string; h: ModuleHandle; seen: Map<string, unknown> }>;
}

type State = Record<string, unknown>;
type Carry = { module: string; carried: string[]; initialised: string[]; transformed: string[] };

const stateOf = new WeakMap<ModuleHandle, State>();

/**
 * The state accessors of a module version (cached per handle: a WeakMap entry keeps nothing alive
 * that its handle does not).
 */
function accessors(h: ModuleHandle): State | null {
  let s = WeakMapGet(stateOf, h);
  if (s === undefined) {
    const made = h.info?.state?.() as State | undefined;
    if (!made) return null;
    s = made;
    WeakMapSet(stateOf, h, s);
  }
  return s;
}

const settable = (s: State, name: string): boolean => typeof ObjectGetOwnPropertyDescriptor(s, name)?.set === 'function';

function isClass(s: State, name: string): boolean {
  try {
    return typeof s[name] === 'function';
  } catch {
    return false;
  }
}

export class OldState {
  /** Every update's replaced modules, as names (what old code of that version shares). */
  private readonly generations: Generation[] = [];
  private readonly groups = new WeakMap<ModuleHandle, Group>();
  /** The groups old code runs in now, innermost last (empty: new code runs). */
  private active: Group[] = [];
  /** True while old code runs (inside runOld, outside a runNew). */
  inOld = false;
  conflicts = 0;

  constructor(private readonly current: ReadonlyMap<string, ModuleHandle>) {}

  /**
   * At a commit (called after `current` holds the new version): `stale` are the handles this update
   * replaced, `version` the label of the code they ran; `modules` says how each module's state was
   * carried. The versions replaced before keep sharing only what this update carried too.
   */
  commit(stale: ModuleHandle[], version: string, newVersion: string, modules: Carry[]): void {
    const carry = new Map<string, Carry>();
    for (let i = 0; i < modules.length; i++) MapSet(carry, modules[i].module, modules[i]);
    const why = (id: string, name: string): string => {
      const m = MapGet(carry, id);
      if (m !== undefined && ArrayIncludes(m.transformed, name)) return `transformed by ${newVersion}`;
      if (m !== undefined && ArrayIncludes(m.initialised, name)) return `initialised anew by ${newVersion}`;
      if (!MapHas(this.current, id)) return `its module is gone in ${newVersion}`;
      return `not a variable ${newVersion} carried`;
    };
    const kept = (id: string, name: string): boolean => {
      const h = MapGet(this.current, id);
      const s = h ? accessors(h) : null;
      const m = MapGet(carry, id);
      return s !== null && m !== undefined && ArrayIncludes(m.carried, name) && settable(s, name);
    };
    for (let i = 0; i < this.generations.length; i++) {
      const g = this.generations[i];
      const entries = mapEntries(g.modules);
      for (let j = 0; j < entries.length; j++) {
        const id = entries[j][0];
        const m = entries[j][1];
        const shared: string[] = [];
        for (let k = 0; k < m.shared.length; k++) if (kept(id, m.shared[k])) ArrayPush(shared, m.shared[k]);
        for (let k = 0; k < m.shared.length; k++) {
          const name = m.shared[k];
          if (!ArrayIncludes(shared, name)) ArrayPush(m.unshared, { module: id, version: g.version, name, why: why(id, name) });
        }
        m.shared = shared;
      }
    }
    const gen: Generation = { version, modules: new Map() };
    const group: Group = { gen, handles: [] };
    for (let i = 0; i < stale.length; i++) {
      const h = stale[i];
      const id = h.info?.id;
      const s = accessors(h);
      if (!id || !s) continue;
      const entry = { shared: [] as string[], unshared: [] as Unshared[] };
      const m = MapGet(carry, id);
      const names = ObjectKeys(s);
      for (let k = 0; k < names.length; k++) {
        const name = names[k];
        if (m !== undefined && ArrayIncludes(m.carried, name)) {
          // A carried const holds the same value in both versions: nothing to share.
          if (!settable(s, name)) continue;
          if (kept(id, name)) ArrayPush(entry.shared, name);
          else ArrayPush(entry.unshared, { module: id, version, name, why: `a constant in ${newVersion}` });
        } else if ((m !== undefined && (ArrayIncludes(m.transformed, name) || ArrayIncludes(m.initialised, name))) || (settable(s, name) && !isClass(s, name))) {
          // The new version gave it another value: old code keeps its own. (A class is adopted:
          // its old prototype inherits the new one's methods.)
          ArrayPush(entry.unshared, { module: id, version, name, why: why(id, name) });
        }
      }
      MapSet(gen.modules, id, entry);
      ArrayPush(group.handles, { id, h, seen: new Map() });
      WeakMapSet(this.groups, h, group);
    }
    ArrayPush(this.generations, gen);
  }

  /** What code of the given versions does not share with the running version. */
  unshared(versions: ReadonlySet<string>): Unshared[] {
    const out: Unshared[] = [];
    for (let i = 0; i < this.generations.length; i++) {
      const g = this.generations[i];
      if (!SetHas(versions, g.version)) continue;
      const modules = mapValues(g.modules);
      for (let j = 0; j < modules.length; j++) {
        const unshared = modules[j].unshared;
        for (let k = 0; k < unshared.length; k++) ArrayPush(out, unshared[k]);
      }
    }
    return out;
  }

  /** Runs `f`, old code of the module `h` (a replaced version's), on the running version's state. */
  runOld<T>(h: ModuleHandle, f: () => T): T {
    // Every forwarded call comes here: only builtins captured at start-up (core/primordials.ts).
    const group = WeakMapGet(this.groups, h);
    if (group === undefined || (this.inOld && ArrayIncludes(this.active, group))) return f();
    // Entering another version's old code from old code: what the first changed goes to the
    // running version before the second reads it.
    const outer = this.active;
    const wasOld = this.inOld;
    if (wasOld) for (let i = 0; i < outer.length; i++) this.leave(outer[i]);
    // A copy by index: slice() and spread would consult the program's Array species and iterator.
    const active: Group[] = [];
    for (let i = 0; i < outer.length; i++) defineElement(active, i, outer[i]);
    defineElement(active, outer.length, group);
    this.active = active;
    for (let i = 0; i < active.length; i++) this.enter(active[i]);
    this.inOld = true;
    try {
      return f();
    } finally {
      for (let i = 0; i < active.length; i++) this.leave(active[i]);
      this.active = outer;
      this.inOld = wasOld;
      if (wasOld) for (let i = 0; i < outer.length; i++) this.enter(outer[i]);
    }
  }

  /** Runs `f`, new code called from old code: the old code's changes first go to the running version. */
  runNew<T>(f: () => T): T {
    if (!this.inOld) return f();
    const active = this.active;
    for (let i = 0; i < active.length; i++) this.leave(active[i]);
    this.inOld = false;
    this.active = [];
    try {
      return f();
    } finally {
      this.active = active;
      this.inOld = true;
      for (let i = 0; i < active.length; i++) this.enter(active[i]);
    }
  }

  /** The running version's values into the group's modules. */
  private enter(g: Group): void {
    for (let i = 0; i < g.handles.length; i++) {
      const { id, h, seen } = g.handles[i];
      const shared = MapGet(g.gen.modules, id)!.shared;
      const cur = MapGet(this.current, id);
      if (shared.length === 0 || cur === undefined) continue;
      const from = accessors(cur)!;
      const to = accessors(h)!;
      for (let k = 0; k < shared.length; k++) {
        const name = shared[k];
        let v: unknown;
        try {
          v = from[name];
        } catch {
          continue; // not initialised (yet) in the running version
        }
        MapSet(seen, name, v);
        if (!ObjectIs(to[name], v)) to[name] = v;
      }
    }
  }

  /** What old code changed back into the running version. */
  private leave(g: Group): void {
    for (let i = 0; i < g.handles.length; i++) {
      const { id, h, seen } = g.handles[i];
      const shared = MapGet(g.gen.modules, id)!.shared;
      const cur = MapGet(this.current, id);
      if (shared.length === 0 || cur === undefined) continue;
      const from = accessors(h)!;
      const to = accessors(cur)!;
      for (let k = 0; k < shared.length; k++) {
        const name = shared[k];
        if (!MapHas(seen, name)) continue;
        const before = MapGet(seen, name);
        const v = from[name];
        if (ObjectIs(v, before)) continue;
        // Changed by old code; if the running version's changed too (new code old code called
        // directly), the old code's write, the later one, is kept.
        let now: unknown;
        try {
          now = to[name];
        } catch {
          now = before;
        }
        if (!ObjectIs(now, before)) this.conflicts++;
        to[name] = v;
        MapSet(seen, name, v);
      }
    }
  }
}
