/**
 * Old code that still runs after an update (a call the entry tables keep on its old version:
 * update/forward.ts) works on the running version's module state, not on the copy its own module
 * kept when the update replaced it.
 *
 * A replaced module keeps its own top-level bindings: the update gave the new module the values,
 * it did not move the bindings. For each replaced module (held weakly: a version no code can reach
 * any more is not kept), the bindings that every update since carried by name (a `let` or `var` of
 * both versions, neither transformed nor initialised anew) are shared with the running version by
 * copying, through the state accessors every compiled module has (compiler/passes/loaderFormat.ts
 * stateFunction):
 *  - when the program enters old code (runOld, from compiled code of the running version or from
 *    outside), the running version's values are copied into every replaced module, so old code
 *    reads what the new code wrote;
 *  - when it leaves old code (its call returns or throws, an old async function reaches an await,
 *    an old generator yields), what old code changed is copied back;
 *  - a call old code makes that runs new code (a forwarded call, runNew) is a leave and an enter:
 *    the new code sees the old code's writes, and the old code the new code's.
 *
 * What this cannot share, and says (the report's and status's `oldCode`): bindings an update
 * transformed or initialised anew (old code reads and writes its own version's), `const`
 * bindings whose initialiser changed, and writes made by new code that old code calls without a
 * forwarded call (a function of the new version it holds, a listener the new version registered):
 * when both the old code and such new code change one binding in one stretch of old code, the old
 * code's value is kept and the conflict counted (stats.oldStateConflicts).
 */
import type { ModuleHandle } from '../core/moduleHandle.js';

/** A top-level binding of a replaced module that old code does not share with the running version. */
export interface Unshared {
  module: string;
  /** The version whose module keeps its own value. */
  version: string;
  name: string;
  why: string;
}

interface Replaced {
  ref: WeakRef<ModuleHandle>;
  id: string;
  version: string;
  /** Bindings shared with the running version (copied at every entry and exit of old code). */
  shared: string[];
  /** The value each shared binding had at the last copy, to tell what old code changed. */
  seen: unknown[];
  unshared: Unshared[];
}

type State = Record<string, unknown>;

const stateOf = new WeakMap<ModuleHandle, State>();

/**
 * The state accessors of a module version (cached per handle: a WeakMap entry keeps nothing alive
 * that its handle does not).
 */
function accessors(h: ModuleHandle): State | null {
  let s = stateOf.get(h);
  if (s === undefined) {
    const made = h.info?.state?.() as State | undefined;
    if (!made) return null;
    s = made;
    stateOf.set(h, s);
  }
  return s;
}

const settable = (s: State, name: string): boolean => typeof Object.getOwnPropertyDescriptor(s, name)?.set === 'function';

function isClass(s: State, name: string): boolean {
  try {
    return typeof s[name] === 'function';
  } catch {
    return false;
  }
}

export class OldState {
  private replaced: Replaced[] = [];
  /** True while old code runs (between runOld's entry and exit, outside a runNew). */
  inOld = false;
  conflicts = 0;

  constructor(private readonly current: ReadonlyMap<string, ModuleHandle>) {}

  /**
   * At a commit (called after `current` holds the new version): `stale` are the handles this update
   * replaced, `version` the label of the code they ran; `modules` says how each module's state was
   * carried. Modules replaced before keep sharing only what this update carried too.
   */
  commit(stale: ModuleHandle[], version: string, newVersion: string, modules: Array<{ module: string; carried: string[]; initialised: string[]; transformed: string[] }>): void {
    const carry = new Map(modules.map((m) => [m.module, m]));
    const why = (id: string, name: string): string => {
      const m = carry.get(id);
      if (m?.transformed.includes(name)) return `transformed by ${newVersion}`;
      if (m?.initialised.includes(name)) return `initialised anew by ${newVersion}`;
      if (!this.current.has(id)) return `its module is gone in ${newVersion}`;
      return `not a variable ${newVersion} carried`;
    };
    const kept = (id: string, name: string): boolean => {
      const h = this.current.get(id);
      const s = h ? accessors(h) : null;
      return s !== null && carry.get(id)?.carried.includes(name) === true && settable(s, name);
    };
    const live: Replaced[] = [];
    for (const r of this.replaced) {
      if (r.ref.deref() === undefined) continue;
      const shared: string[] = [];
      const seen: unknown[] = [];
      r.shared.forEach((name, i) => {
        if (kept(r.id, name)) {
          shared.push(name);
          seen.push(r.seen[i]);
        } else {
          r.unshared.push({ module: r.id, version: r.version, name, why: why(r.id, name) });
        }
      });
      r.shared = shared;
      r.seen = seen;
      live.push(r);
    }
    for (const h of stale) {
      const id = h.info?.id;
      const s = accessors(h);
      if (!id || !s) continue;
      const r: Replaced = { ref: new WeakRef(h), id, version, shared: [], seen: [], unshared: [] };
      const m = carry.get(id);
      for (const name of Object.keys(s)) {
        if (m?.carried.includes(name)) {
          // A carried const holds the same value in both versions: nothing to share.
          if (!settable(s, name)) continue;
          if (kept(id, name)) {
            r.shared.push(name);
            r.seen.push(undefined);
          } else {
            r.unshared.push({ module: id, version, name, why: `a constant in ${newVersion}` });
          }
        } else if (m?.transformed.includes(name) || m?.initialised.includes(name) || (settable(s, name) && !isClass(s, name))) {
          // The new version gave it another value: old code keeps its own. (A class is adopted:
          // its old prototype inherits the new one's methods.)
          r.unshared.push({ module: id, version, name, why: why(id, name) });
        }
      }
      live.push(r);
    }
    this.replaced = live;
  }

  /** What old code does not share with the running version, for every replaced module still alive. */
  unshared(): Unshared[] {
    const out: Unshared[] = [];
    for (const r of this.replaced) if (r.ref.deref() !== undefined) out.push(...r.unshared);
    return out;
  }

  /** Runs `f`, old code, on the running version's state (see the file's comment). */
  runOld<T>(f: () => T): T {
    if (this.inOld) return f();
    this.enter();
    this.inOld = true;
    try {
      return f();
    } finally {
      this.inOld = false;
      this.leave();
    }
  }

  /** Runs `f`, new code called from old code: the old code's changes first go to the running version. */
  runNew<T>(f: () => T): T {
    if (!this.inOld) return f();
    this.leave();
    this.inOld = false;
    try {
      return f();
    } finally {
      this.inOld = true;
      this.enter();
    }
  }

  /** The running version's values into each replaced module. */
  private enter(): void {
    for (const r of this.replaced) {
      if (r.shared.length === 0) continue;
      const h = r.ref.deref();
      const cur = this.current.get(r.id);
      if (h === undefined || cur === undefined) continue;
      const from = accessors(cur)!;
      const to = accessors(h)!;
      for (let i = 0; i < r.shared.length; i++) {
        const name = r.shared[i];
        let v: unknown;
        try {
          v = from[name];
        } catch {
          continue; // not initialised (yet) in the running version
        }
        r.seen[i] = v;
        if (!Object.is(to[name], v)) to[name] = v;
      }
    }
  }

  /** What old code changed back into the running version. */
  private leave(): void {
    for (const r of this.replaced) {
      if (r.shared.length === 0) continue;
      const h = r.ref.deref();
      const cur = this.current.get(r.id);
      if (h === undefined || cur === undefined) continue;
      const from = accessors(h)!;
      const to = accessors(cur)!;
      for (let i = 0; i < r.shared.length; i++) {
        const name = r.shared[i];
        const v = from[name];
        if (Object.is(v, r.seen[i])) continue;
        // Changed by old code; if the running version's changed too (new code old code called
        // directly), the old code's write, the later one, is kept.
        let now: unknown;
        try {
          now = to[name];
        } catch {
          now = r.seen[i];
        }
        if (!Object.is(now, r.seen[i])) this.conflicts++;
        to[name] = v;
        r.seen[i] = v;
      }
    }
  }
}
