/**
 * Instance transformers (mapping.ts `instances`): the objects an old class made get what the new
 * version's constructor sets. Run by the engine once the new version's modules were evaluated and
 * before the commit vote, inside the update's transaction: each instance is seen through the
 * journal (what a transformer changes of it is put back if the update rolls back), what it stores
 * is sealed (no proxy left in the program), and a throw refuses the update naming the class.
 *
 * Finding the instances. JavaScript keeps no list of a class's instances, and keeping one (a
 * WeakRef per construction) would cost every program on every `new`. V8 can find them: the
 * inspector's `Runtime.queryObjects` collects garbage, then walks the heap for every object whose
 * prototype chain has a given prototype. It is reached in-process (`node:inspector` Session, whose
 * `post` answers synchronously on its own thread), works in worker threads (each sees its own
 * heap: an update of each thread transforms that thread's instances) and beside a debugger
 * attached with --inspect. The objects come back in an array the inspector holds in an object
 * group, released at once: nothing here keeps an instance alive after the update. Cost: one full
 * garbage collection and one heap walk per class with a transformer (docs/benchmarks.md).
 *
 * Which objects are instances: those the query finds, less prototype objects (a subclass's
 * prototype has the class's prototype in its chain too). An object is taken for a prototype when
 * it is the `prototype` of a top-level function or class of a running module, of a class an update
 * adopted (adoption strips the old prototype of its `constructor`), when its own `constructor`'s
 * `prototype` is itself, or when another object the query found has it as its prototype.
 */
import { createRequire } from 'node:module';
import type { Session } from 'node:inspector';
import type { ModuleHandle } from '../core/moduleHandle.js';
import {
  ArrayJoin, ArrayPush, ArraySort, MapGet, MapHas, MapSet, MapSize, mapKeys, mapValues, ObjectCreate, ObjectDefineProperty, ObjectEntries,
  ObjectFreeze, ObjectGetOwnPropertyDescriptor, ObjectGetPrototypeOf, ObjectHasOwn, ObjectKeys, ownFilter, ownSlice, SetAdd, SetHas,
  StringLastIndexOf, StringSlice, WeakSetAdd, WeakSetHas,
} from '../core/primordials.js';
import { transformerError, UpdateRefused, type Evaluated, type updateScope } from '../migrate.js';
import type { LoadedPatch } from '../patch.js';
import { DeadlinePassed } from './deadline.js';
import type { Transaction } from './transaction.js';

type UpdateScope = ReturnType<typeof updateScope>;

/** Per class with a transformer, for the report. */
export interface InstancesReport {
  /** The mapping's key: 'lib/client.js#Client'. */
  class: string;
  /** Instances found and transformed (instances of subclasses included). */
  transformed: number;
  /** Time to find them (the inspector's garbage collection and heap walk), ms. */
  findMs: number;
  /** Time the transformer took on all of them (journal included), ms. */
  transformMs: number;
}

/** Prototypes of classes updates adopted: no longer look like prototypes (adoptClass strips them). */
const adoptedPrototypes = new WeakSet<object>();

const isObject = (v: unknown): v is object => (typeof v === 'object' && v !== null) || typeof v === 'function';

/**
 * Runs the mapping's instance transformers on every live instance of their old classes in this
 * thread; throws UpdateRefused when one cannot run or throws (the caller abandons the
 * transaction, which puts every instance back). Returns what it did per class.
 */
export function transformInstances(patch: LoadedPatch, current: ReadonlyMap<string, ModuleHandle>, evaluated: Evaluated, scope: UpdateScope, tx: Transaction): InstancesReport[] {
  const adoptions = evaluated.adoptions;
  for (let i = 0; i < adoptions.length; i++) {
    const pair = [adoptions[i][0], adoptions[i][1]];
    for (let j = 0; j < pair.length; j++) if (isObject(pair[j].prototype)) WeakSetAdd(adoptedPrototypes, pair[j].prototype as object);
  }
  const entries = ObjectEntries(patch.instances ?? {});
  if (!entries.length) return [];

  // Each class with a transformer, found in the running version; base classes first, so that an
  // instance of a subclass gets its base class's fields before its own class's transformer runs.
  const classes: Array<{ key: string; cls: Function; depth: number; fn: Function }> = [];
  for (let i = 0; i < entries.length; i++) {
    const key = entries[i][0];
    const fn = entries[i][1];
    if (fn === null) continue;
    const at = StringLastIndexOf(key, '#');
    const module = at < 0 ? '' : StringSlice(key, 0, at);
    const name = at < 0 ? key : StringSlice(key, at + 1);
    if (typeof fn !== 'function') {
      throw new UpdateRefused(`instances['${key}'] is ${fn === 'TODO' ? "still 'TODO'" : `not a transformer (${typeof fn})`}: write (self, update) => { ... } or null, then run restack check again`);
    }
    const handle = MapGet(current, module);
    // A module this thread does not run has no instances here (another thread's update has them).
    if (!handle) continue;
    const bindings = handle.info?.state?.() as Record<string, unknown> | undefined;
    if (!bindings || !ObjectHasOwn(bindings, name)) {
      throw new UpdateRefused(`instances['${key}']: the running version of ${module} has no top-level class or function '${name}' (keys are 'module#Name' of a top-level class or constructor function)`);
    }
    let cls: unknown;
    try {
      cls = bindings[name];
    } catch {
      throw new UpdateRefused(`instances['${key}']: '${name}' is not initialised yet in the running version of ${module}`);
    }
    if (typeof cls !== 'function' || !isObject(cls.prototype)) {
      throw new UpdateRefused(`instances['${key}']: '${name}' in the running version of ${module} is not a class or constructor function (${cls === null ? 'null' : typeof cls})`);
    }
    let depth = 0;
    for (let p = ObjectGetPrototypeOf(cls.prototype) as object | null; p; p = ObjectGetPrototypeOf(p) as object | null) depth++;
    ArrayPush(classes, { key, cls, depth, fn });
  }
  if (!classes.length) return [];
  ArraySort(classes, (a, b) => a.depth - b.depth);

  const known = knownPrototypes(current);
  // The classes were adopted before this runs (decision 0010): an old subclass's prototype now
  // inherits from the new subclass's, not from the old base class's. So the search starts from the
  // new class's prototype, which every old instance (of the class or of a subclass) reaches, and
  // keeps the objects whose chain has an old prototype: what the new version made has none.
  const adoptedTo = new Map<Function, Function>();
  const oldProtos = new Set<object>();
  for (let i = 0; i < adoptions.length; i++) {
    const oldCls = adoptions[i][0];
    MapSet(adoptedTo, oldCls, adoptions[i][1]);
    if (isObject(oldCls.prototype)) SetAdd(oldProtos, oldCls.prototype as object);
  }
  const isOld = (o: object): boolean => {
    for (let p = ObjectGetPrototypeOf(o) as object | null; p; p = ObjectGetPrototypeOf(p) as object | null) if (SetHas(oldProtos, p)) return true;
    return false;
  };
  const iscope: UpdateScope = { once: (key, make) => scope.once(key, make), module: moduleBindings(patch, evaluated, tx) as UpdateScope['module'] };
  const reports: InstancesReport[] = [];
  for (let c = 0; c < classes.length; c++) {
    const { key, cls, fn } = classes[c];
    const started = performance.now();
    const adopted = MapGet(adoptedTo, cls);
    let found: object[] | null = queryInstances((adopted ?? cls).prototype as object, key);
    found = withoutPrototypes(found, known);
    if (adopted) found = ownFilter(found, isOld);
    const foundAt = performance.now();
    const report: InstancesReport = { class: key, transformed: 0, findMs: foundAt - started, transformMs: 0 };
    ArrayPush(reports, report);
    const doing = `the instance transformer of ${key}`;
    for (let i = 0; i < found.length; i++) {
      const self = tx.journal.view(found[i]);
      try {
        tx.run(doing, () => fn(self, iscope));
      } catch (e) {
        if (e instanceof DeadlinePassed) throw e;
        throw new UpdateRefused(`${doing} threw on an instance (${i + 1} of ${found.length}): ${transformerError(e)}`);
      }
      report.transformed++;
    }
    report.transformMs = performance.now() - foundAt;
    found = null;
  }
  // What the transformers stored into old objects holds no proxy.
  tx.journal.seal(undefined);
  return reports;
}

/** Prototypes of the running modules' top-level classes and functions (cheap: one read per binding). */
function knownPrototypes(current: ReadonlyMap<string, ModuleHandle>): Set<object> {
  const known = new Set<object>();
  const handles = mapValues(current);
  for (let i = 0; i < handles.length; i++) {
    const bindings = handles[i].info?.state?.() as Record<string, unknown> | undefined;
    if (!bindings) continue;
    const names = ObjectKeys(bindings);
    for (let j = 0; j < names.length; j++) {
      const name = names[j];
      let v: unknown;
      try {
        v = bindings[name];
      } catch {
        continue;
      }
      if (typeof v !== 'function') continue;
      const d = ObjectGetOwnPropertyDescriptor(v, 'prototype');
      if (d && 'value' in d && isObject(d.value)) SetAdd(known, d.value as object);
    }
  }
  return known;
}

function withoutPrototypes(found: object[], known: Set<object>): object[] {
  const protos = new Set<object>();
  for (let i = 0; i < found.length; i++) {
    const p = ObjectGetPrototypeOf(found[i]) as object | null;
    if (p) SetAdd(protos, p);
  }
  return ownFilter(found, (o) => {
    if (SetHas(known, o) || WeakSetHas(adoptedPrototypes, o) || SetHas(protos, o)) return false;
    const d = ObjectGetOwnPropertyDescriptor(o, 'constructor');
    if (d && 'value' in d && typeof d.value === 'function') {
      const p = ObjectGetOwnPropertyDescriptor(d.value, 'prototype');
      if (p && 'value' in p && p.value === o) return false;
    }
    return true;
  });
}

/** A session left open by an update the deadline stopped mid-query (it skips finally blocks). */
let openSession: Session | null = null;
/** node:inspector, loaded by the first update that transforms instances: not at every program's start. */
const inspector = (): typeof import('node:inspector') => createRequire(import.meta.url)('node:inspector') as typeof import('node:inspector');
const PROBE = Symbol.for('restack.instances.probe');
const GROUP = 'restack-instances';

/**
 * Every object whose prototype chain has `proto`, other than itself (V8's Runtime.queryObjects,
 * through an in-process inspector session), in an array nothing else holds.
 */
export function queryInstances(proto: object, key: string): object[] {
  if (openSession) {
    try {
      openSession.disconnect();
    } catch {
      // Already gone.
    }
    openSession = null;
  }
  const g = globalThis as unknown as Record<symbol, unknown>;
  let session: Session;
  try {
    session = new (inspector().Session)();
    session.connect();
  } catch (e) {
    throw new UpdateRefused(`instances['${key}']: cannot find the class's instances: the inspector is not available in this process (${(e as Error).message}); instance transformers need a Node.js built with the inspector`);
  }
  openSession = session;
  let found: object[] | null = null;
  let failure: string | null = null;
  const post = (method: string, params: object): { result?: { objectId?: string }; objects?: { objectId?: string } } => {
    let answer: unknown = null;
    let error: Error | null = null;
    let done = false;
    session.post(method, params, (err, r) => {
      done = true;
      error = err;
      answer = r;
    });
    if (!done) throw new Error(`${method} did not answer synchronously`);
    if (error) throw error;
    return answer as { result?: { objectId?: string }; objects?: { objectId?: string } };
  };
  try {
    ObjectDefineProperty(g, PROBE, { value: proto, configurable: true, writable: true });
    const protoId = post('Runtime.evaluate', { expression: 'globalThis[Symbol.for("restack.instances.probe")]', objectGroup: GROUP, silent: true }).result?.objectId;
    if (!protoId) throw new Error('the prototype could not be reached');
    const arrayId = post('Runtime.queryObjects', { prototypeObjectId: protoId, objectGroup: GROUP }).objects?.objectId;
    if (!arrayId) throw new Error('the query returned nothing');
    g[PROBE] = (a: object[]) => {
      found = a;
    };
    post('Runtime.callFunctionOn', { objectId: arrayId, functionDeclaration: 'function () { globalThis[Symbol.for("restack.instances.probe")](this); }', objectGroup: GROUP, silent: true });
  } catch (e) {
    failure = (e as Error).message;
  } finally {
    delete g[PROBE];
    try {
      post('Runtime.releaseObjectGroup', { objectGroup: GROUP });
    } catch {
      // The session is being closed anyway.
    }
    session.disconnect();
    openSession = null;
  }
  if (failure !== null || found === null) throw new UpdateRefused(`instances['${key}']: cannot find the class's instances through the inspector: ${failure ?? 'no answer'}`);
  // A copy: the inspector's array came from its own objects (released above, but not ours to keep).
  return ownSlice(found as object[]);
}

/** update.module(id) for instance transformers: the new version's bindings, through the journal. */
function moduleBindings(patch: LoadedPatch, evaluated: Evaluated, tx: Transaction): (id: string) => Readonly<Record<string, unknown>> {
  const made = new Map<string, Readonly<Record<string, unknown>>>();
  return (id: string) => {
    if (typeof id !== 'string') throw new TypeError(`update.module needs a module path (a string), not ${typeof id}`);
    const existing = MapGet(made, id);
    if (existing) return existing;
    const h = MapGet(evaluated.handles, id);
    if (!h) {
      if (MapHas(patch.modules, id)) throw new Error(`update.module('${id}'): this thread does not run ${id}, so its new version was not evaluated here`);
      const near = ArrayJoin(ownSlice(mapKeys(patch.modules), 0, 8), ', ');
      throw new Error(`update.module('${id}'): the new version has no module '${id}' (its modules: ${near}${MapSize(patch.modules) > 8 ? ', ...' : ''})`);
    }
    const getters = (h.info?.state?.() ?? {}) as Record<string, unknown>;
    const bindings = ObjectCreate(null) as Record<string, unknown>;
    const names = ObjectKeys(getters);
    for (let i = 0; i < names.length; i++) {
      const name = names[i];
      ObjectDefineProperty(bindings, name, { enumerable: true, get: () => tx.journal.view(getters[name]) });
    }
    ObjectFreeze(bindings);
    MapSet(made, id, bindings);
    return bindings;
  };
}
