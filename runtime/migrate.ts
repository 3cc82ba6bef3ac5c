/**
 * Moving captured frames and module state to a new version (decision 2), in three steps that
 * change nothing until the last:
 *
 *  1. map: each frame record's continuation point through the patch's plan for its function, its
 *     live variables by name (then the mapping's `vars`, then its stack transformer `frame()`);
 *     every new live variable must get a value;
 *  2. evaluate: run the new version's module functions (loader format): variables carry the old
 *     version's values (or a state transformer's, or their initialiser when new), classes are
 *     collected for adoption; a module the old version did not have runs its top-level code;
 *  3. commit: old instances get the new methods (each old class's prototype inherits from the new
 *     one and keeps no methods of its own), the old modules become stale, the records point at
 *     the new version's restore functions.
 *
 * A failure in 1 or 2 throws an UpdateRefused: the engine rebuilds the old records in the old
 * version (an identity update) and reports why; the new modules evaluated so far are dropped.
 */
import Module, { createRequire, isBuiltin } from 'node:module';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ModuleHandle } from './core/moduleHandle.js';
import {
  ArrayEvery, ArrayIncludes, ArrayIndexOf, ArrayJoin, ArrayPush, ArraySome, defineElement, FunctionCall, FunctionToString,
  MapGet, MapHas, MapSet, mapEntries, mapValues, newSet, ObjectAssign, ObjectCreate, ObjectDefineProperties, ObjectDefineProperty,
  ObjectFreeze, ObjectGetOwnPropertyDescriptor, ObjectGetOwnPropertyDescriptors, ObjectGetPrototypeOf, ObjectHasOwn, ObjectKeys,
  ObjectPrototypeToString, ObjectSetPrototypeOf, ReflectApply, ReflectOwnKeys, RegExpExec, SetAdd, SetHas, SetSize, setValues, StringSlice,
  StringStartsWith, WeakMapGet, WeakMapSet,
} from './core/primordials.js';
import type { FrameRecord } from './core/records.js';
import type { CpMeta, FunctionMeta, LoaderABI } from '../contract/index.js';
import type { FunctionPlan, LoadedPatch, PatchModule } from './patch.js';
import type { FrameMove, UpdateReport } from './report.js';
import type { UpdateScope } from '../patchgen/types.js';
import { FrozenOldObject } from './update/journal.js';
import { bundleTarget, fileOf, fillNamespace, packageTarget, programRoot, repointExports } from './update/commonjs.js';
import type { Transaction } from './update/transaction.js';

export class UpdateRefused extends Error {
  constructor(message: string, readonly frame?: string) {
    super(message);
    this.name = 'UpdateRefused';
  }
}

/** A frame record mapped to the new version, waiting for the new modules to exist. */
export interface MappedFrame {
  rec: FrameRecord;
  /** Where it goes (shared by every frame suspended where this one is). */
  site: SiteMove;
  l: unknown[];
  s: unknown;
}

/**
 * How every frame suspended at one continuation point of one version moves: its new function and
 * continuation point, and where each live variable of the new frame comes from. It depends on the
 * site only, so an update works it out once per site (SiteTable), however many frames (thousands
 * of suspended async activations) are suspended there.
 */
export interface SiteMove {
  /** The new version's module id and module-wide cp id. */
  module: string;
  cpId: number;
  /** 'module.js#fn @cp' of the old and the new frame (the report's frame moves). */
  from: string;
  to: string;
  /**
   * How a frame's locals become the new frame's (a stack transformer, if any, then runs per frame):
   * 'same' for an unchanged function, whose record's slots are the new function's.
   */
  locals: 'same' | SlotMap;
  /** Set per update by the engine: the new version's handle and restore function, once found. */
  handle?: ModuleHandle;
  f?: (rec: FrameRecord) => unknown;
  /** Only with a stack transformer: what mapFrame needs to run it on each frame. */
  transform?: { plan: FunctionPlan; cp: number; target: number; oldCp: CpMeta; newCp: CpMeta; newSlots: string[] };
}

/**
 * For each live variable of the new frame (in the order of the new cp's live list): the slot it
 * goes to, and the old slot its value comes from, or -1 when the mapping gives a constant (values).
 * Old slots are found by name when the site is worked out, not per frame.
 */
interface SlotMap {
  length: number;
  names: string[];
  to: number[];
  from: number[];
  values: unknown[];
  /** Per entry: 0 as it is, 1 box the value (the new slot holds a box), 2 unbox it (the old slot held one). */
  box: Array<0 | 1 | 2>;
}

/** Whether two functions box the same variables (FunctionMeta.boxed). */
const sameBoxes = (a: FunctionMeta, b: FunctionMeta): boolean => ArrayJoin(a.boxed ?? []) === ArrayJoin(b.boxed ?? []);

/**
 * Per (module version, cp id) values for one update attempt, made on first need (make). The
 * patch is a field, not captured by a closure made per update: the optimised code of the loops
 * that look sites up then holds nothing that dies with an update.
 */
export abstract class SiteTable<T> {
  private readonly byModule = new Map<ModuleHandle, Map<number, T>>();
  private lastM: ModuleHandle | undefined = undefined;
  private lastCp = -1;
  private lastValue: T | undefined = undefined;

  constructor(readonly patch: LoadedPatch) {}

  protected abstract make(m: ModuleHandle, cpId: number): T;

  get(m: ModuleHandle, cpId: number): T {
    // Frames at the same site come in runs (thousands of activations of one async function).
    if (m === this.lastM && cpId === this.lastCp) return this.lastValue as T;
    let table = MapGet(this.byModule, m);
    if (!table) {
      table = new Map();
      MapSet(this.byModule, m, table);
    }
    let value = MapGet(table, cpId);
    if (value === undefined && !MapHas(table, cpId)) {
      value = this.make(m, cpId);
      MapSet(table, cpId, value);
    }
    this.lastM = m;
    this.lastCp = cpId;
    this.lastValue = value;
    return value as T;
  }
}

/** What mapping a frame at a site throws (an UpdateRefused, saying why it cannot move). */
export class SiteError {
  constructor(readonly error: unknown) {}
}

/** The moves of one update attempt: each site's move, or what its frames throw. */
export class SiteMoves extends SiteTable<SiteMove | SiteError> {
  constructor(patch: LoadedPatch) {
    super(patch);
  }

  protected make(m: ModuleHandle, cpId: number): SiteMove | SiteError {
    try {
      return planSite(this.patch, m, cpId);
    } catch (e) {
      return new SiteError(e);
    }
  }
}

export interface VersionHost {
  /** The current version's handles, by module id. */
  current: Map<string, ModuleHandle>;
  /** Handles registered while a new version is evaluated, by url. */
  beginLoading(): Map<string, ModuleHandle>;
  endLoading(): void;
  /** Drops handles of a version that was not committed. */
  forget(handles: Iterable<ModuleHandle>): void;
  /** The handle registered under a url (a module of the version loaded after its commit). */
  registered(url: string): ModuleHandle | undefined;
}

/** A fresh scope for one update attempt: `once` keys by object identity. */
export function updateScope(): UpdateScope {
  const made = new Map<object, unknown>();
  return {
    once<T>(key: object, make: () => T): T {
      if ((typeof key !== 'object' && typeof key !== 'function') || key === null) {
        throw new TypeError(`update.once needs an object or function as its key, not ${key === null ? 'null' : typeof key}`);
      }
      if (MapHas(made, key)) return MapGet(made, key) as T;
      const value = make();
      MapSet(made, key, value);
      return value;
    },
    module(id: string): never {
      throw new Error(`update.module('${id}') is only for instance transformers: stack and state transformers run before the new version's modules are evaluated`);
    },
  };
}

const describeFn = (id: string, cp: number): string => `${id} @${cp}`;

/** 'module.js#fn @cp' for a frame of the patch's base version at (m, cpId), else its module and cp id. */
export function frameName(patch: LoadedPatch, m: ModuleHandle, cpId: number): string {
  const cps = m.info ? MapGet(patch.oldCps, m.info.id) : undefined;
  const site = cps ? MapGet(cps, cpId) : undefined;
  return site ? describeFn(site.fn.id, site.cp.cp) : `${m.info?.id ?? m.url} cp id ${cpId}`;
}

/** The old function and cp of a record, with the plan for its function. */
export function planFor(patch: LoadedPatch, m: ModuleHandle, cpId: number): { plan: FunctionPlan; cp: number; where: string } {
  const id = m.info?.id;
  if (!id) throw new UpdateRefused(`${m.url} was compiled without module information; compile it again with this restack`);
  const cps = MapGet(patch.oldCps, id);
  const site = cps ? MapGet(cps, cpId) : undefined;
  if (!site) throw new UpdateRefused(`${id}: continuation point id ${cpId} is not in the base version's metadata`);
  const plan = MapGet(patch.plans, site.fn.id);
  if (!plan) throw new UpdateRefused(`${site.fn.id}: not in patch.json`);
  return { plan, cp: site.cp.cp, where: describeFn(site.fn.id, site.cp.cp) };
}

/** Why a frame suspended at (m, cpId) cannot move, or null when the plan maps it. */
export function refusal(patch: LoadedPatch, m: ModuleHandle, cpId: number): string | null {
  try {
    const { plan, cp, where } = planFor(patch, m, cpId);
    const target = plan.cps[cp];
    if (typeof target === 'number') return null;
    if (!plan.newFn) return `${where}: the function is gone in the new version and a frame of it is on the stack`;
    return `${where}: ${target === 'TODO' ? "still 'TODO' in the mapping" : 'refused by the mapping'}`;
  } catch (e) {
    return (e as Error).message;
  }
}

const NO_NAMES: ReadonlySet<string> = new Set();

/** The names of `fn`'s nested function declarations (a nested function whose id is `fn`'s plus its name). */
function nestedDeclarations(patch: LoadedPatch, module: string, fn: FunctionMeta): ReadonlySet<string> {
  const meta = MapGet(patch.modules, module)?.meta ?? MapGet(patch.baseMeta, module);
  if (!meta) return NO_NAMES;
  const prefix = `${fn.id}/`;
  const out = new Set<string>();
  const functions = meta.functions;
  for (let i = 0; i < functions.length; i++) {
    const f = functions[i];
    if (f.kind !== 'function' && f.kind !== 'generator' && f.kind !== 'async' && f.kind !== 'async generator') continue;
    if (f.id === prefix + f.name && ArrayIncludes(fn.slots, f.name)) SetAdd(out, f.name);
  }
  return out;
}

/** Works out how frames at (m, cpId) move; throws UpdateRefused when they cannot. */
function planSite(patch: LoadedPatch, m: ModuleHandle, cpId: number): SiteMove {
  const { plan, cp, where } = planFor(patch, m, cpId);
  const target = plan.cps[cp];
  if (typeof target !== 'number' || !plan.newFn || !plan.newModule) {
    throw new UpdateRefused(refusal(patch, m, cpId) ?? `${where}: not mapped`, where);
  }
  const newFn = plan.newFn;
  const newCp = newFn.cps[target];
  const to = describeFn(newFn.id, target);
  if (!newCp) throw new UpdateRefused(`${where} -> ${to}: the new function has no cp ${target}`, where);
  const oldCp = plan.oldFn.cps[cp];
  if (newCp.kind !== oldCp.kind) {
    const what = oldCp.kind === 'call' ? 'a call' : oldCp.kind === 'await' ? 'an await' : oldCp.kind === 'yield' ? 'a yield' : 'an update point';
    throw new UpdateRefused(`${where} -> ${to}: a frame suspended at ${what} must resume at ${what}`, where);
  }
  // Every field from the start: the loops that read sites see one object shape.
  const site: SiteMove = { module: plan.newModule, cpId: newCp.id, from: where, to, locals: 'same', handle: undefined, f: undefined, transform: undefined };
  // At its entry nothing of the function has run, so its nested function declarations cannot have
  // escaped: the new frame makes its own (closures over the new activation), rather than taking the
  // old frame's, which would read and write the old activation's variables.
  const fresh = oldCp.kind === 'update' && oldCp.callee === 'entry' ? nestedDeclarations(patch, plan.newModule, newFn) : NO_NAMES;
  const keepsClosure = ArraySome(setValues(fresh), (name) => ArrayIncludes(oldCp.live, name));
  if (!keepsClosure && !plan.mapped && ObjectKeys(plan.renamed[cp] ?? {}).length === 0 && ArrayJoin(plan.oldFn.slots) === ArrayJoin(newFn.slots) && sameBoxes(plan.oldFn, newFn)) {
    // Unchanged function: the record's slots are the new function's.
    return site;
  }
  // Each new live variable: by the mapping's vars, else by the temporary it renames, else by name.
  // A renamed temporary goes first: temporaries are numbered across the module, so a change before
  // the function renumbers its own, and the old temporary with the new one's name is another value.
  const oldLive = newSet(oldCp.live);
  const renamed = plan.renamed[cp] ?? {};
  const slots: SlotMap = { length: newFn.slots.length, names: [], to: [], from: [], values: [], box: [] };
  const given = new Set<string>();
  const newBoxed = newSet(newFn.boxed ?? []);
  const oldBoxed = newSet(plan.oldFn.boxed ?? []);
  const take = (name: string, from: number, value?: unknown): void => {
    SetAdd(given, name);
    ArrayPush(slots.names, name);
    ArrayPush(slots.to, ArrayIndexOf(newFn.slots, name));
    ArrayPush(slots.from, from);
    ArrayPush(slots.values, value);
    // A variable shared with closures in one version only, or a value for a shared one.
    const wasBoxed = from >= 0 && SetHas(oldBoxed, plan.oldFn.slots[from]);
    ArrayPush(slots.box, SetHas(newBoxed, name) === wasBoxed ? 0 : SetHas(newBoxed, name) ? 1 : 2);
  };
  const newLive = newCp.live;
  for (let i = 0; i < newLive.length; i++) {
    const name = newLive[i];
    if (SetHas(fresh, name)) {
      SetAdd(given, name);
      continue;
    }
    const source = plan.vars[name];
    if (source === 'TODO') throw new UpdateRefused(`${to}: variable '${name}' is still 'TODO' in the mapping`, where);
    if (source === 'transform') continue;
    if (source && typeof source === 'object') {
      if ('from' in source) {
        if (!SetHas(oldLive, source.from)) throw new UpdateRefused(`${to}: vars.${name} takes '${source.from}', which is not live at ${where}`, where);
        take(name, ArrayIndexOf(plan.oldFn.slots, source.from));
      } else {
        take(name, -1, source.value);
      }
      continue;
    }
    if (renamed[name] !== undefined && SetHas(oldLive, renamed[name])) take(name, ArrayIndexOf(plan.oldFn.slots, renamed[name]));
    else if (SetHas(oldLive, name)) take(name, ArrayIndexOf(plan.oldFn.slots, name));
  }
  site.locals = slots;
  if (plan.frame) {
    site.transform = { plan, cp, target, oldCp, newCp, newSlots: newFn.slots };
    return site;
  }
  for (let i = 0; i < newLive.length; i++) {
    const name = newLive[i];
    if (!SetHas(given, name)) {
      throw new UpdateRefused(`${to}: no value for the live variable '${name}' (give it one in vars, or set next.locals.${name} in frame())`, where);
    }
  }
  // Each value stays in its slot and the old frame holds nothing else (a record holds exactly
  // its cp's live variables): the record's locals are the new frame's as they are, as for an
  // unchanged function (a function changed elsewhere than in its variables).
  const oldSlots = new Set<number>();
  for (let i = 0; i < oldCp.live.length; i++) SetAdd(oldSlots, ArrayIndexOf(plan.oldFn.slots, oldCp.live[i]));
  if (slots.to.length === SetSize(oldSlots) && ArrayEvery(slots.to, (k, i) => k >= 0 && slots.from[i] === k && SetHas(oldSlots, k) && slots.box[i] === 0)) site.locals = 'same';
  return site;
}

/**
 * How a call that enters an old function at its entry (module id, module-wide cp id of the entry)
 * moves to the new version (update/forward.ts): the same move as a frame suspended there, with the
 * mapping's `vars` and stack transformer. Throws UpdateRefused saying why it cannot.
 */
export function planEntry(patch: LoadedPatch, module: string, cpId: number): SiteMove {
  return planSite(patch, { info: { id: module }, url: module } as unknown as ModuleHandle, cpId);
}

/**
 * The new frame's locals and `this` for a call forwarded through an entry's move (planEntry): its
 * arguments by name, then `vars`, then the stack transformer, which runs for each call, outside
 * any update (no journal: the call is the program's own time).
 */
export function mapCall(site: SiteMove, rec: FrameRecord, scope: UpdateScope): { l: unknown[]; s: unknown } {
  if (site.transform) {
    const m = transformFrame(site, site.transform, rec, scope);
    return { l: m.l, s: m.s };
  }
  return { l: mapLocals(site, rec.l), s: rec.s };
}

/**
 * Maps one frame record to the new version: through its site's move (`sites`, shared by the
 * frames of one update attempt); with a stack transformer, the transformer sees the frame's
 * variables by name and sets the new frame's.
 */
export function mapFrame(sites: SiteMoves, rec: FrameRecord, scope: UpdateScope, tx?: Transaction): MappedFrame {
  const site = sites.get(rec.m, rec.cp);
  if (site instanceof SiteError) throw site.error;
  if (site.transform) return transformFrame(site, site.transform, rec, scope, tx);
  return { rec, site, l: mapLocals(site, rec.l), s: rec.s };
}

/** The new frame's locals from the old frame's, at a site without a stack transformer. */
export function mapLocals(site: SiteMove, old: unknown[]): unknown[] {
  const map = site.locals;
  if (map === 'same') return old;
  // Runs for every forwarded call: elements defined, not stored (a store into the holes would
  // consult setters the program may have put on Array.prototype).
  const l: unknown[] = [];
  const { to, from, values, box } = map;
  for (let i = 0; i < to.length; i++) {
    const value = from[i] >= 0 ? old[from[i]] : values[i];
    defineElement(l, to[i], box[i] === 0 ? value : box[i] === 1 ? { v: value } : (value as { v: unknown } | undefined)?.v);
  }
  if (l.length < map.length) l.length = map.length;
  return l;
}

/** A frame whose function has a stack transformer: its variables by name, through frame(). */
function transformFrame(site: SiteMove, t: NonNullable<SiteMove['transform']>, rec: FrameRecord, scope: UpdateScope, tx?: Transaction): MappedFrame {
  const { plan, cp, target, oldCp, newCp } = t;
  const where = site.from;
  // The transformer sees the frame's objects through the update's journal: what it changes of
  // them is undone if the update does not commit.
  const view = tx ? <T>(v: T): T => tx.journal.view(v) : <T>(v: T): T => v;
  const oldLocals: Record<string, unknown> = ObjectCreate(null);
  const oldLive = oldCp.live;
  for (let i = 0; i < oldLive.length; i++) oldLocals[oldLive[i]] = view(rec.l[ArrayIndexOf(plan.oldFn.slots, oldLive[i])]);
  const locals: Record<string, unknown> = ObjectCreate(null);
  const map = site.locals as SlotMap;
  for (let i = 0; i < map.names.length; i++) locals[map.names[i]] = map.from[i] >= 0 ? view(rec.l[map.from[i]]) : map.values[i];
  const next = { cp: target, this: view(rec.s), locals };
  const oldView = ObjectFreeze({ cp, this: view(rec.s), locals: ObjectFreeze({ ...oldLocals }) });
  const doing = `the stack transformer of ${plan.oldFn.id} at ${where}`;
  try {
    if (tx) tx.run(doing, () => plan.frame!(oldView, next, scope));
    else plan.frame!(oldView, next, scope);
  } catch (e) {
    throw new UpdateRefused(`the stack transformer of ${plan.oldFn.id} threw at ${where}: ${transformerError(e)}`, where);
  }
  const seal = tx ? <T>(v: T): T => tx.journal.seal(v) : <T>(v: T): T => v;
  const l: unknown[] = new Array(t.newSlots.length);
  // A variable the new function shares with closures takes a box: the old frame's box when it is
  // still the value given (closures made before keep sharing it), else a new one.
  const newBoxed = newSet(plan.newFn?.boxed ?? []);
  const oldBoxes = new Set<unknown>();
  const oldBoxed = plan.oldFn.boxed ?? [];
  for (let i = 0; i < oldBoxed.length; i++) SetAdd(oldBoxes, view(rec.l[ArrayIndexOf(plan.oldFn.slots, oldBoxed[i])]));
  const newLive = newCp.live;
  for (let i = 0; i < newLive.length; i++) {
    const name = newLive[i];
    if (!(name in next.locals)) {
      throw new UpdateRefused(`${site.to}: no value for the live variable '${name}' (give it one in vars, or set next.locals.${name} in frame())`, where);
    }
    const value = seal(next.locals[name]);
    l[ArrayIndexOf(t.newSlots, name)] = SetHas(newBoxed, name) && !SetHas(oldBoxes, next.locals[name]) ? { v: value } : value;
  }
  return { rec, site, l, s: seal(next.this) };
}

/** What a transformer threw, for the report. */
export function transformerError(e: unknown): string {
  const message = (e as Error)?.message ?? String(e);
  if (e instanceof FrozenOldObject) return message;
  if (e instanceof TypeError && RegExpExec(/private member|private field/, message) !== null) {
    return `${message} (a transformer reaches the old version's objects through a journal of proxies, and private #fields cannot be read through a proxy: read them in the new version's code, or make the field a plain property)`;
  }
  return message;
}

/** The loader context a module function of the new version runs with (compiler's `__rsU`). */
type LoaderContext = LoaderABI;

/** Starting a thread or process on a version: which modules to run, and where they live. */
export interface BootPlan {
  /** Ids of the modules to run (the thread's entry); what they import runs first. */
  roots: string[];
  /** The url a module has in the program (import.meta.url), by its file relative to the version's root. */
  urlOf(rel: string): string;
}

export interface Evaluated {
  handles: Map<string, ModuleHandle>;
  /** The running modules of packages the update keeps as they are (decision 0013): they stay current. */
  kept: Map<string, ModuleHandle>;
  /** Old class or constructor function, new one, the module and the binding's name. */
  adoptions: Array<[Function, Function, string, string]>;
  modules: UpdateReport['modules'];
  /** The old version's bindings, by module (read once, before the new version ran). */
  oldState: Map<string, Record<string, unknown>>;
  /** Effect statements decided 'run', in order: they run once the update commits. */
  deferred: Array<{ module: string; key: string; run: () => void }>;
}

const wrapped = new WeakMap<object, object>();

/** The namespace an ES import of a CommonJS or builtin module would see. */
function namespaceOf(m: unknown): object {
  if (m !== null && (typeof m === 'object' || typeof m === 'function')) {
    let ns = WeakMapGet(wrapped, m);
    if (!ns) {
      ns = ObjectAssign(ObjectCreate(null), m, { default: m }) as object;
      WeakMapSet(wrapped, m, ns);
    }
    return ns;
  }
  return ObjectAssign(ObjectCreate(null), { default: m }) as object;
}

/** Runs the new version's modules; throws UpdateRefused (after dropping what it made) on failure. */
/**
 * Evaluates the new version's modules in the loader format: in an update, those this thread has
 * loaded (and what they import), carrying their state; with `boot`, the plan's roots and what they
 * import, from scratch, their top-level code included (a thread starting on this version).
 */
export function evaluateVersion(patch: LoadedPatch, host: VersionHost, scope: UpdateScope, boot?: BootPlan, tx?: Transaction): Evaluated {
  const loading = host.beginLoading();
  /** Set once the version's modules were evaluated: a module loaded later registers as current. */
  let evaluated = false;
  const namespaces = new Map<string, object>();
  const handles = new Map<string, ModuleHandle>();
  const adoptions: Evaluated['adoptions'] = [];
  const modules: UpdateReport['modules'] = [];
  const oldStates = new Map<string, Record<string, unknown>>();
  const deferred: Evaluated['deferred'] = [];
  /** What `require` of a module of the bundle returns, by module id (CommonJS: decision 0012). */
  const required = new Map<string, () => unknown>();
  let root: string | null | undefined;
  try {
    const requireModule = (pm: PatchModule): unknown => {
      const ns = load(pm);
      // An ES module required from CommonJS (Node 20 allows one without top-level await): its namespace.
      return (MapGet(required, pm.id) ?? (() => ns))();
    };
    const load = (pm: PatchModule): object => {
      const existing = MapGet(namespaces, pm.id);
      if (existing) return existing;
      const ns = ObjectCreate(null) as Record<string | symbol, unknown>;
      ObjectDefineProperty(ns, Symbol.toStringTag, { value: 'Module' });
      MapSet(namespaces, pm.id, ns);
      const old = boot ? undefined : MapGet(host.current, pm.id);
      const commonjs = pm.meta.sourceKind === 'commonjs';
      // A CommonJS module new in the version lives in the program, next to the others (its
      // __filename, its require's resolution, its require.cache entry).
      if (commonjs && !old && !boot && root === undefined) root = programRoot(host.current);
      // import.meta.url stays the program's: code finds its files next to itself.
      const baseUrl = old ? old.baseUrl : boot ? boot.urlOf(pm.rel) : commonjs && root ? root + pm.rel : pathToFileURL(pm.file).href;
      const baseFile = fileOf(baseUrl) ?? pm.file;
      const req = createRequire(baseFile);
      const report: UpdateReport['modules'][number] = { module: pm.id, carried: [], initialised: [], transformed: [], ran: [] };
      ArrayPush(modules, report);
      const decisions = patch.topLevel[pm.id] ?? {};
      let lastKey = '';
      const kinds = new Map<string, string>();
      const statements = pm.meta.topLevel ?? [];
      for (let i = 0; i < statements.length; i++) MapSet(kinds, statements[i].key, statements[i].kind);

      let oldState: Record<string, unknown> | null = null;
      const readOld = (): Record<string, unknown> => {
        if (oldState) return oldState;
        oldState = ObjectCreate(null) as Record<string, unknown>;
        const getters = old?.info?.state?.() as Record<string, unknown> | undefined;
        if (getters) {
          const names = ObjectKeys(getters);
          for (let i = 0; i < names.length; i++) {
            const name = names[i];
            try {
              oldState[name] = getters[name];
            } catch {
              // Not initialised yet in the old version (its top-level code never reached it).
            }
          }
        }
        MapSet(oldStates, pm.id, oldState);
        return oldState;
      };
      if (old) readOld();
      const assigned = new Map<string, unknown>();
      const transformer = patch.state[pm.id];
      if (transformer && old) {
        const snapshot = readOld();
        // Exactly the variables the generated types name: `old` the old module's, `next` the new
        // module's that the old one had (carried: their old values); a new one is set by assigning
        // it (else its initialiser runs). Functions and classes are not state.
        const oldVars = MapGet(patch.baseMeta, pm.id)?.variables ?? ObjectKeys(snapshot);
        // What the new version computes again (require results, consts read off imports) is not set.
        const again = newSet(pm.meta.recomputed ?? []);
        const newVars = new Set<string>();
        const variables = pm.meta.variables ?? oldVars;
        for (let i = 0; i < variables.length; i++) if (!SetHas(again, variables[i])) SetAdd(newVars, variables[i]);
        // The old values through the update's journal (what the transformer changes of them is
        // undone if the update does not commit); what it assigns is sealed (no proxy left).
        const viewed: Record<string, unknown> = ObjectCreate(null);
        for (let i = 0; i < oldVars.length; i++) {
          const name = oldVars[i];
          if (name in snapshot) viewed[name] = tx ? tx.journal.view(snapshot[name]) : snapshot[name];
        }
        const carried: Record<string, unknown> = ObjectCreate(null);
        const viewedNames = ObjectKeys(viewed);
        for (let i = 0; i < viewedNames.length; i++) {
          const name = viewedNames[i];
          if (SetHas(newVars, name)) carried[name] = viewed[name];
        }
        const next = new Proxy(carried, {
          set(target, key, value) {
            if (typeof key === 'string' && SetHas(again, key)) {
              throw new TypeError(`next.${key}: the new ${pm.id} computes '${key}' again (it reads what require() or the imports give), so a state transformer cannot set it`);
            }
            if (typeof key !== 'string' || !SetHas(newVars, key)) {
              throw new TypeError(`next.${String(key)}: the new ${pm.id} has no top-level variable '${String(key)}' (its variables: ${ArrayJoin(setValues(newVars), ', ') || 'none'})`);
            }
            MapSet(assigned, key, value);
            (target as Record<string | symbol, unknown>)[key] = value;
            return true;
          },
        });
        const doing = `the state transformer of ${pm.id}`;
        try {
          if (tx) tx.run(doing, () => transformer(ObjectFreeze({ ...viewed }), next, scope));
          else transformer(ObjectFreeze({ ...viewed }), next, scope);
        } catch (e) {
          throw new UpdateRefused(`${doing} threw: ${transformerError(e)}`);
        }
        if (tx) {
          const entries = mapEntries(assigned);
          for (let i = 0; i < entries.length; i++) MapSet(assigned, entries[i][0], tx.journal.seal(entries[i][1]));
        }
      }
      let newHandle: ModuleHandle | undefined;
      const ctx: LoaderContext = {
        url: pm.url,
        meta: {
          url: baseUrl,
          filename: StringStartsWith(baseUrl, 'file:') ? baseFile : undefined,
          dirname: StringStartsWith(baseUrl, 'file:') ? dirname(baseFile) : undefined,
          resolve: (spec: string) => resolveUrl(spec, baseUrl, req),
        },
        import: (spec: string): object => {
          if (StringStartsWith(spec, './') || StringStartsWith(spec, '../')) {
            // A CommonJS module of the bundle too: its new version, seen as Node's ESM sees one.
            const id = posix.normalize(posix.join(posix.dirname(pm.id), spec));
            // TypeScript sources import each other by their output names ('./store.js' is store.ts).
            const target = MapGet(patch.modules, id) ?? MapGet(patch.modules, tsSourceOf(id)) ?? MapGet(patch.modules, `${tsSourceOf(id)}x`);
            if (target) return load(target);
          }
          if (isBuiltin(spec)) return namespaceOf(process.getBuiltinModule(spec));
          try {
            return namespaceOf(req(spec));
          } catch (e) {
            const code = (e as { code?: string }).code;
            throw new UpdateRefused(code === 'ERR_REQUIRE_ESM'
              ? `${pm.id} imports '${spec}', an ES module outside the program, which an update cannot load synchronously`
              : `${pm.id} imports '${spec}': ${(e as Error).message}`);
          }
        },
        exports: (getters: object): void => {
          ObjectDefineProperties(ns, ObjectGetOwnPropertyDescriptors(getters));
        },
        reexport: (src: object): void => {
          const keys = ObjectKeys(src);
          for (let i = 0; i < keys.length; i++) {
            const key = keys[i];
            if (key === 'default' || ObjectHasOwn(ns, key)) continue;
            ObjectDefineProperty(ns, key, { enumerable: true, get: () => (src as Record<string, unknown>)[key] });
          }
        },
        carry: (name: string, init: () => unknown): unknown => {
          if (MapHas(assigned, name)) {
            ArrayPush(report.transformed, name);
            return MapGet(assigned, name);
          }
          if (!pm.fresh && old) {
            const state = readOld();
            newHandle ??= MapGet(loading, ctx.url);
            const oldInit = old.info?.inits?.[name];
            const newInit = newHandle?.info?.inits?.[name];
            const constChanged = (oldInit !== undefined || newInit !== undefined) && oldInit !== newInit;
            if (name in state && !constChanged) {
              ArrayPush(report.carried, name);
              return state[name];
            }
          }
          ArrayPush(report.initialised, name);
          return init();
        },
        adopt: (name: string, cls: unknown): void => {
          if (!old || typeof cls !== 'function') return;
          const prev = readOld()[name];
          if (typeof prev === 'function' && prev !== cls && adoptable(prev) && adoptable(cls) && (isClass(cls) || usedAsConstructor(prev) || usedAsConstructor(cls))) {
            ArrayPush(adoptions, [prev, cls, pm.id, name]);
          }
        },
        top: (key: string): boolean => {
          if (boot) return true;
          const decision = decisions[key];
          const run = decision === 'run' || (decision === undefined && MapGet(kinds, key) === 'setup');
          if (run) ArrayPush(report.ran!, key);
          lastKey = key;
          return run;
        },
        later: (run: () => void): void => {
          if (boot) run();
          else ArrayPush(deferred, { module: pm.id, key: lastKey, run });
        },
        dynamicImport: (spec: string): Promise<unknown> => import(resolveUrl(spec, baseUrl, req)),
        boot: boot !== undefined,
        cannotBoot: (why: string): never => {
          throw new UpdateRefused(`${pm.id} cannot start on version ${patch.label}: ${why}`);
        },
      };
      // A CommonJS module runs with Node's wrapper arguments (decision 0012): a module object of
      // its own whose `exports` starts empty (reading through to the running module's Module for
      // the rest), the running module's __filename and __dirname, and a require that loads the
      // bundle's modules through this loader.
      let cjs: { module: { exports: unknown; loaded?: boolean }; running: { exports: unknown } | undefined; require: NodeRequire } | undefined;
      if (commonjs) {
        const running = old ? req.cache[baseFile] : undefined;
        if (old && !running) {
          throw new UpdateRefused(`${pm.id}: the running CommonJS module ${baseFile} is not in require.cache (a program that deletes its own entries cannot be updated there); restart it on the new version instead`);
        }
        const moduleRequire = ((spec: string): unknown => {
          if (typeof spec !== 'string') throw new TypeError(`require() of ${pm.id}: the specifier must be a string, got ${typeof spec}`);
          const target = bundleTarget(patch, pm, spec, dirname(baseFile));
          if (target) return requireModule(target);
          // A package name, found in the new install's layout (decision 0013).
          const pkg = patch.packages ? packageTarget(patch, pm, spec) : null;
          if (pkg && 'module' in pkg) return requireModule(pkg.module);
          if (pkg && 'json' in pkg) return pkg.json;
          if (pkg && 'from' in pkg) {
            root ??= programRoot(host.current);
            if (root) return createRequire(join(root, pkg.from, 'index.js'))(spec);
          }
          return req(spec);
        }) as NodeRequire;
        ObjectAssign(moduleRequire, { resolve: req.resolve, cache: req.cache, main: req.main, extensions: req.extensions });
        let own: { exports: unknown; loaded?: boolean };
        if (running) {
          own = ObjectCreate(running as object, {
            exports: { value: {}, writable: true, enumerable: true, configurable: true },
            require: { value: moduleRequire, writable: true, configurable: true },
          }) as { exports: unknown };
        } else {
          // A module new in the version: a Module of its own, put in require.cache (taken out
          // again if the update does not commit).
          const made = new Module(baseFile) as Module & { exports: unknown };
          made.filename = baseFile;
          made.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dirname(baseFile));
          made.require = moduleRequire;
          own = made;
          const cache = req.cache;
          cache[baseFile] = made;
          tx?.onAbandon(() => { if (cache[baseFile] === made) delete cache[baseFile]; });
        }
        cjs = { module: own, running, require: moduleRequire };
        // A requirer gets the running module's exports (what every old requirer holds, re-pointed
        // below); a module new in the version, its own, as filled so far (a cycle sees them partly
        // filled, as in Node).
        MapSet(required, pm.id, running ? () => running.exports : () => own.exports);
      }
      try {
        const run = cjs
          ? () => FunctionCall(pm.fn, cjs!.module.exports, ctx, cjs!.module.exports, cjs!.require, cjs!.module, baseFile, dirname(baseFile))
          : () => pm.fn(ctx);
        if (tx) tx.run(`evaluating ${pm.id} of the new version`, run);
        else run();
      } catch (e) {
        if (e instanceof UpdateRefused) throw e;
        throw new UpdateRefused(`evaluating ${pm.id} of the new version threw: ${(e as Error)?.message ?? String(e)}`);
      }
      if (cjs) {
        cjs.module.loaded = true;
        if (cjs.running) {
          const running = cjs.running;
          try {
            report.exports = repointExports(running, cjs.module.exports, (oldFn, newFn, name) => {
              // Once per old class (one the module declares is adopted by its name already).
              if (ArraySome(adoptions, (a) => a[0] === oldFn)) return;
              if (adoptable(oldFn) && adoptable(newFn) && (isClass(newFn) || usedAsConstructor(oldFn) || usedAsConstructor(newFn))) {
                ArrayPush(adoptions, [oldFn, newFn, pm.id, name]);
              }
            }, tx);
          } catch (e) {
            throw new UpdateRefused(`${pm.id}: its module.exports cannot be re-pointed to the new version: ${(e as Error).message}; let the module export an object restack can change (no Object.freeze on it)`);
          }
        }
        const exportsNow = MapGet(required, pm.id)!;
        fillNamespace(ns, exportsNow);
      }
      // A module the new version requires only after the commit (a lazy `require`) registered as
      // a current module of the running version.
      const handle = MapGet(loading, ctx.url) ?? (evaluated ? host.registered(ctx.url) : undefined);
      if (!handle) throw new UpdateRefused(`${pm.id} of the new version did not register with the runtime`);
      handle.baseUrl = baseUrl;
      MapSet(handles, pm.id, handle);
      return ns;
    };
    if (boot) {
      const roots = boot.roots;
      for (let i = 0; i < roots.length; i++) {
        const id = roots[i];
        const pm = MapGet(patch.modules, id);
        if (!pm) throw new UpdateRefused(`version ${patch.label} has no module ${id}`);
        load(pm);
      }
    } else {
      // Only what this thread runs: another thread's entry (a worker's module) is not this one's.
      const all = mapValues(patch.modules);
      for (let i = 0; i < all.length; i++) if (MapHas(host.current, all[i].id)) load(all[i]);
    }
    for (let i = 0; i < modules.length; i++) if (!modules[i].ran?.length) delete modules[i].ran;
    evaluated = true;
    const kept = new Map<string, ModuleHandle>();
    if (!boot) {
      const ids = setValues(patch.kept);
      for (let i = 0; i < ids.length; i++) {
        const h = MapGet(host.current, ids[i]);
        if (h) MapSet(kept, ids[i], h);
      }
    }
    return { handles, kept, adoptions, modules, oldState: oldStates, deferred };
  } catch (e) {
    host.forget(mapValues(loading));
    throw e;
  } finally {
    host.endLoading();
  }
}

function resolveUrl(spec: string, baseUrl: string, req: NodeRequire): string {
  if (isBuiltin(spec)) return spec;
  if (RegExpExec(/^[a-z]+:/i, spec) !== null) return spec;
  if (StringStartsWith(spec, './') || StringStartsWith(spec, '../') || StringStartsWith(spec, '/')) return new URL(spec, baseUrl).href;
  return pathToFileURL(req.resolve(spec)).href;
}

/** A class or a plain function with a prototype object (not a generator, async or bound function, not an arrow). */
function adoptable(f: Function): boolean {
  const proto = ObjectGetOwnPropertyDescriptor(f, 'prototype')?.value as unknown;
  return proto !== null && typeof proto === 'object' && ObjectPrototypeToString(f) === '[object Function]';
}

const hasInstance = Function.prototype[Symbol.hasInstance];

const isClass = (f: Function): boolean => RegExpExec(/^class\b/, FunctionToString(f)) !== null;

/** A plain function whose prototype was set up (methods, a parent): a constructor. */
function usedAsConstructor(f: Function): boolean {
  const proto = f.prototype as object;
  return ObjectGetPrototypeOf(proto) !== Object.prototype || ArraySome(ReflectOwnKeys(proto), (k) => k !== 'constructor');
}

/**
 * Adopts the old version's classes and constructor functions (adoptClass) inside the update's
 * transaction: each change is undone if the update does not commit. Done before the after() hooks
 * and instance transformers run, so they see old instances with the new methods.
 */
export function adoptAll(evaluated: Evaluated, tx?: Transaction): void {
  const byModule = new Map<string, UpdateReport['modules'][number]>();
  for (let i = 0; i < evaluated.modules.length; i++) MapSet(byModule, evaluated.modules[i].module, evaluated.modules[i]);
  const adoptions = evaluated.adoptions;
  for (let i = 0; i < adoptions.length; i++) {
    const oldCls = adoptions[i][0];
    const newCls = adoptions[i][1];
    const module = adoptions[i][2];
    const name = adoptions[i][3];
    const proto = oldCls.prototype as object;
    const keys = ReflectOwnKeys(proto);
    const own: Array<readonly [string | symbol, PropertyDescriptor]> = [];
    for (let j = 0; j < keys.length; j++) ArrayPush(own, [keys[j], ObjectGetOwnPropertyDescriptor(proto, keys[j])!] as const);
    const parent = ObjectGetPrototypeOf(proto) as object | null;
    const had = ObjectGetOwnPropertyDescriptor(oldCls, Symbol.hasInstance);
    tx?.onAbandon(() => {
      if (had) ObjectDefineProperty(oldCls, Symbol.hasInstance, had);
      else delete (oldCls as unknown as Record<symbol, unknown>)[Symbol.hasInstance];
      ObjectSetPrototypeOf(proto, parent);
      for (let j = 0; j < own.length; j++) ObjectDefineProperty(proto, own[j][0], own[j][1]);
    });
    adoptClass(oldCls, newCls);
    const report = MapGet(byModule, module);
    if (report) ArrayPush(report.adopted ??= [], name);
  }
}

/**
 * Once the update committed: the effect statements decided 'run' (in module order, each where it
 * stands in its module), then the mapping's after() hooks, module by module in the order they were
 * evaluated, each with the old module's bindings (read-only) and the new module's. They run when
 * the update can no longer be rolled back, so nothing they do has to be undone; what throws is
 * reported (the update stays applied), and the others still run.
 */
export function afterCommit(patch: LoadedPatch, evaluated: Evaluated, scope: UpdateScope): string[] {
  const errors: string[] = [];
  const deferred = evaluated.deferred;
  for (let i = 0; i < deferred.length; i++) {
    const d = deferred[i];
    try {
      d.run();
    } catch (e) {
      ArrayPush(errors, `${d.module}: the top-level statement ${d.key} threw: ${(e as Error)?.message ?? String(e)}`);
    }
  }
  const modules = evaluated.modules;
  for (let i = 0; i < modules.length; i++) {
    const report = modules[i];
    const hook = patch.after[report.module];
    if (!hook) continue;
    const handle = MapGet(evaluated.handles, report.module);
    const accessors = (handle?.info?.state?.() ?? {}) as Record<string, unknown>;
    const old = ObjectFreeze({ ...(MapGet(evaluated.oldState, report.module) ?? {}) });
    const next = new Proxy(accessors, {
      get: (target, key) => (typeof key === 'string' && key in target ? target[key] : undefined),
      set: (target, key, value) => {
        if (typeof key !== 'string' || !(key in target)) throw new TypeError(`after(): the new ${report.module} has no top-level binding '${String(key)}'`);
        if (!ObjectGetOwnPropertyDescriptor(target, key)?.set) throw new TypeError(`after(): '${key}' of the new ${report.module} is a const, a function or a class; it cannot be assigned`);
        target[key] = value;
        return true;
      },
      deleteProperty: () => false,
      defineProperty: () => false,
    });
    try {
      hook(old, next, scope);
      report.after = true;
    } catch (e) {
      ArrayPush(errors, `${report.module}: the after() hook threw: ${(e as Error)?.message ?? String(e)}`);
    }
  }
  return errors;
}

/**
 * Instances made by the old class get the new methods: the old prototype keeps no methods of its
 * own and inherits from the new one (so old instances are `instanceof` both); the static side keeps
 * the old class's data (static fields) that the new class also has; and the old class answers
 * `instanceof` for the new class's instances too (code holding the old class object, an uncompiled
 * module, a `Map` keyed by it, still recognises what the new version makes).
 */
export function adoptClass(oldCls: Function, newCls: Function): void {
  const keepStatic = newSet(['prototype', 'length', 'name']);
  const staticKeys = ReflectOwnKeys(oldCls);
  for (let i = 0; i < staticKeys.length; i++) {
    const key = staticKeys[i];
    if (SetHas(keepStatic, key as string)) continue;
    const d = ObjectGetOwnPropertyDescriptor(oldCls, key);
    const n = ObjectGetOwnPropertyDescriptor(newCls, key);
    if (d && 'value' in d && typeof d.value !== 'function' && n && 'value' in n && n.writable) {
      (newCls as unknown as Record<string | symbol, unknown>)[key] = d.value;
    }
  }
  const proto = oldCls.prototype as object;
  const protoKeys = ReflectOwnKeys(proto);
  for (let i = 0; i < protoKeys.length; i++) {
    const key = protoKeys[i];
    const d = ObjectGetOwnPropertyDescriptor(proto, key);
    if (d?.configurable) delete (proto as Record<string | symbol, unknown>)[key];
  }
  ObjectSetPrototypeOf(proto, newCls.prototype as object);
  ObjectDefineProperty(oldCls, Symbol.hasInstance, {
    configurable: true,
    value: (x: unknown): boolean => ReflectApply(hasInstance, oldCls, [x]) || (newCls as unknown as { [Symbol.hasInstance](v: unknown): boolean })[Symbol.hasInstance](x),
  });
}

/** The TypeScript source a relative import names by its output file: x.js -> x.ts, x.mjs -> x.mts. */
function tsSourceOf(id: string): string {
  const m = RegExpExec(/\.(m|c)?js$/, id);
  return m === null ? id : `${StringSlice(id, 0, m.index)}.${m[1] ?? ''}ts`;
}
