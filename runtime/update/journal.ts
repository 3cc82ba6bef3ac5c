/**
 * The undo journal of an update (decision 0004): transformers see the old version's objects
 * through a membrane of proxies that records each object's state before the transformer's first
 * change to it, so that an update that does not commit puts every object back exactly as it was.
 *
 * Why a journal and not a read-only view: transformers must be able to convert old objects in
 * place (callbacks the old version registered hold them, so identity must be kept: the kvstore's
 * stats object), and a read-only view would forbid exactly that. The journal costs one snapshot
 * per object changed, taken at its first change, and nothing per object only read.
 *
 * What the membrane guarantees:
 *  - every change a transformer makes to an object it reached from the old version's state or
 *    frames (property writes, deletes, prototype changes, Map/Set/WeakMap/WeakSet/Date/typed-array
 *    methods) is undone by undo(), also changes made by old functions the transformer calls through
 *    the membrane (they run with `this` and arguments as proxies);
 *  - nothing the transformer hands back (a new binding's value, a new frame's locals) holds a
 *    proxy: seal() replaces them by their objects, in the values and in the new objects they
 *    contain, before the new version sees them;
 *  - freezing, sealing or preventing extensions of an old object is refused with an error (it could
 *    not be undone).
 *
 * A proxy kept in a closure the transformer made, or inside an EventEmitter it made, is not
 * replaced: it goes on working, as a proxy, after the update.
 *
 * What it does not cover (docs/decisions/0004): an object reached other than through the membrane
 * (a global, a module binding an old function changes through its closure, an object an old
 * function returns from a closure rather than from its arguments), the private fields of class
 * instances (`#x` cannot be read through a proxy: such a method call throws, and the update is
 * refused), and properties that are non-configurable and read-only (handed out as they are).
 */
import { EventEmitter } from 'node:events';
import { types } from 'node:util';
import {
  ArrayEvery,
  ArrayIsArray,
  ArrayPop,
  ArrayPush,
  ArraySome,
  DataViewBuffer,
  DataViewByteLength,
  DataViewByteOffset,
  DateGetTime,
  DateSetTime,
  defineElement,
  MapClear,
  MapForEach,
  mapEntries,
  MapGet,
  MapHas,
  MapSet,
  MathMin,
  newMap,
  newSet,
  ObjectGetPrototypeOf,
  ObjectHasOwn,
  ReflectApply,
  ReflectConstruct,
  ReflectDefineProperty,
  ReflectDeleteProperty,
  ReflectGet,
  ReflectGetOwnPropertyDescriptor,
  ReflectGetPrototypeOf,
  ReflectOwnKeys,
  ReflectSet,
  ReflectSetPrototypeOf,
  RegExpExec,
  SetAdd,
  SetClear,
  SetForEach,
  SetHas,
  setValues,
  TypedArrayBuffer,
  TypedArrayByteLength,
  TypedArrayByteOffset,
  TypedArrayLength,
  TypedArraySet,
  WeakMapDelete,
  WeakMapGet,
  WeakMapHas,
  WeakMapSet,
  WeakSetAdd,
  WeakSetDelete,
  WeakSetHas,
} from '../core/primordials.js';

type Obj = Record<PropertyKey, unknown>;

/** How an object was before its first change, to put it back. */
interface Snapshot {
  target: object;
  proto: object | null;
  own: Array<[PropertyKey, PropertyDescriptor]>;
  /** Map entries / Set values / Date time / a copy of a typed array's or buffer's bytes. */
  map?: Array<[unknown, unknown]>;
  set?: unknown[];
  time?: number;
  bytes?: Uint8Array;
}

/** A change to a WeakMap or WeakSet entry (they cannot be enumerated: undone entry by entry). */
interface WeakChange {
  target: WeakMap<object, unknown> | WeakSet<object>;
  key: object;
  had: boolean;
  value: unknown;
}

const MUTATING: ReadonlyMap<string, ReadonlySet<PropertyKey>> = newMap<string, ReadonlySet<PropertyKey>>([
  ['Map', newSet<PropertyKey>(['set', 'delete', 'clear'])],
  ['Set', newSet<PropertyKey>(['add', 'delete', 'clear'])],
  ['WeakMap', newSet<PropertyKey>(['set', 'delete'])],
  ['WeakSet', newSet<PropertyKey>(['add', 'delete'])],
]);

const MAP_READS = newSet<PropertyKey>(['get', 'has']);
const SET_READS = newSet<PropertyKey>(['has']);

/** Iteration methods of Map and Set whose results hold old values (wrapped on the way out). */
const ITERATING = newSet<PropertyKey>(['keys', 'values', 'entries', Symbol.iterator]);

/** Prototypes of the builtin iterators (their next() needs the iterator itself, not a proxy). */
const ITERATOR_PROTOTYPES = newSet<unknown>([
  ObjectGetPrototypeOf([][Symbol.iterator]()),
  ObjectGetPrototypeOf(''[Symbol.iterator]()),
  ObjectGetPrototypeOf(/a/[Symbol.matchAll]('')),
  ObjectGetPrototypeOf(new Map().entries()),
  ObjectGetPrototypeOf(new Set().values()),
]);

/**
 * A call through the membrane failed because the function needs `this` to be the object itself
 * (internal slots, private #fields of a builtin or a library class): V8's wording of those errors.
 */
const RECEIVER_ERROR = /incompatible receiver|private member|Illegal invocation|called on (?:non-object|incompatible)|Receiver must be|is not a (?:Map|Set|Date|typed array|DataView|Promise|WeakMap|WeakSet|RegExp)/;

/** The kind of internal slots an object has: their methods must run on the object itself, not a proxy. */
function slotKind(o: object): string | null {
  // Most objects a transformer reads are plain, arrays or class instances: answered first.
  if (ArrayIsArray(o)) return null;
  const proto = ObjectGetPrototypeOf(o) as object | null;
  if (proto === Object.prototype || proto === null) return null;
  if (SetHas(ITERATOR_PROTOTYPES, proto)) return 'Iterator';
  if (types.isMap(o)) return 'Map';
  if (types.isSet(o)) return 'Set';
  if (types.isWeakMap(o)) return 'WeakMap';
  if (types.isWeakSet(o)) return 'WeakSet';
  if (types.isMapIterator(o) || types.isSetIterator(o) || types.isGeneratorObject(o)) return 'Iterator';
  // Bytes, dates, regular expressions, promises and boxed primitives never get a proxy (view).
  return null;
}

const isProxy = types.isProxy;
const isObject = (v: unknown): v is object => (typeof v === 'object' && v !== null) || typeof v === 'function';

export class FrozenOldObject extends TypeError {}

export class Journal {
  /**
   * Old object -> its proxy, and back: one proxy per object, so identity holds inside the membrane.
   * Maps, not WeakMaps: the journal lives for one update, and WeakMaps of 100,000 entries are
   * ephemeron tables every GC walks (the kvstore's conversion in scripts/bench-rollback.js reads
   * that many old objects); they are emptied when the update ends.
   */
  private readonly proxies = new Map<object, object>();
  private readonly targets = new Map<object, object>();
  /** Objects whose state was saved (at most once each), in the order of their first change. */
  private readonly saved = new Set<object>();
  private readonly snapshots: Snapshot[] = [];
  private readonly weak: WeakChange[] = [];
  /** Objects a transformer made or an old function returned: they may hold proxies (seal walks them). */
  private readonly made = new Set<object>();
  /** Values written into old objects: sealed with the transformers' results. */
  private written: unknown[] = [];
  private closed = false;

  /**
   * `off`: transformers get the old objects themselves and nothing is journaled (what restack did
   * before the journal). Only scripts/bench-rollback.js sets it (RESTACK_JOURNAL=off), to measure
   * what the journal costs in the same run; a rollback then cannot put old objects back.
   */
  constructor(private readonly off = false) {}

  /** Number of old objects changed so far (the report's, and the pause's main cost). */
  get changed(): number {
    return this.snapshots.length + this.weak.length;
  }

  /** The value as a transformer sees it: an object through the membrane, a primitive as it is. */
  view<T>(value: T): T {
    if (!isObject(value) || this.closed || this.off) return value;
    let p = MapGet(this.proxies, value);
    if (p !== undefined) return p as T;
    if (isProxy(value) && MapHas(this.targets, value)) return value;
    // Plain objects and arrays (most of what a transform reads, one per entry of a converted Map)
    // need none of the checks below.
    const proto = ObjectGetPrototypeOf(value) as object | null;
    const plain = proto === Object.prototype || proto === null || proto === Array.prototype;
    if (!plain && typeof value !== 'function') {
      // Bytes, dates, regular expressions and promises are handed out as they are: builtins and
      // Node's APIs refuse a proxy of them (Buffer.concat, socket.write, structuredClone), and their
      // whole state is cheap to save at once (bytes are copied: a large buffer costs its size).
      if (types.isArrayBufferView(value) || types.isAnyArrayBuffer(value) || types.isDate(value) || types.isRegExp(value) || types.isBoxedPrimitive(value)) {
        this.save(value);
        return value;
      }
      if (types.isPromise(value)) return value;
    }
    const h = (this.handlers ??= this.makeHandlers());
    p = plain ? new Proxy(value, h.plain) : this.makeProxy(value);
    MapSet(this.proxies, value, p);
    MapSet(this.targets, p, value);
    return p as T;
  }

  /** The object behind a proxy of this journal (anything else as it is). */
  raw<T>(value: T): T {
    if (!isObject(value)) return value;
    return (MapGet(this.targets, value) as T | undefined) ?? value;
  }

  /**
   * A transformer's result, with no proxy left in it: a proxy becomes its object, and the objects
   * made during the transform (not the old version's: those never hold a proxy, every write into
   * them is unwrapped) are walked, their properties, elements and entries replaced.
   */
  seal<T>(value: T): T {
    if (this.off) return value;
    const seen = new Set<object>();
    const out = this.sealValue(value, seen);
    const written = this.written;
    this.written = [];
    for (let i = 0; i < written.length; i++) this.sealValue(written[i], seen);
    return out as T;
  }

  private sealValue(value: unknown, seen: Set<object>): unknown {
    if (!isObject(value)) return value;
    const target = MapGet(this.targets, value);
    if (target !== undefined) {
      // An old object: it holds no proxy. One a call returned may have been made during the transform.
      if (SetHas(this.made, target)) this.walk(target, seen);
      return target;
    }
    this.walk(value, seen);
    return value;
  }

  /** Replaces the proxies a new object holds (own data properties, Map/Set entries), depth first. */
  private walk(o: object, seen: Set<object>): void {
    const stack: object[] = [o];
    const next = (v: unknown): unknown => {
      if (!isObject(v)) return v;
      const t = MapGet(this.targets, v);
      if (t !== undefined) {
        if (SetHas(this.made, t) && !SetHas(seen, t)) ArrayPush(stack, t);
        return t;
      }
      // An object the transform made (or an old one it reached raw): walk it too. Old objects
      // never hold proxies, so walking one finds nothing; the seen set bounds the work, and
      // functions and emitters (servers, sockets, streams: the program's whole I/O graph behind
      // them) are not entered.
      if (typeof v !== 'function' && !SetHas(seen, v) && !(v instanceof EventEmitter)) ArrayPush(stack, v);
      return v;
    };
    while (stack.length > 0) {
      const cur = ArrayPop(stack)!;
      if (SetHas(seen, cur)) continue;
      SetAdd(seen, cur);
      // The shapes a transform builds (plain objects, arrays, Maps, Sets) are walked by their
      // prototype, without a descriptor per property: the walk visits every object the transform
      // made (100,000 entries in the kvstore's conversion), and descriptors were most of its cost
      // (scripts/bench-rollback.js). A plain object's enumerable properties and an array's
      // elements are read as values.
      const proto = ObjectGetPrototypeOf(cur) as object | null;
      if (proto === Object.prototype || proto === null) {
        const obj = cur as Obj;
        for (const key in obj) {
          const v = obj[key];
          if (!isObject(v)) continue;
          const v2 = next(v);
          if (v2 !== v) obj[key] = v2;
        }
        continue;
      }
      if (proto === Array.prototype && ArrayIsArray(cur)) {
        const arr = cur as unknown[];
        for (let i = 0; i < arr.length; i++) {
          const v = arr[i];
          if (!isObject(v)) continue;
          const v2 = next(v);
          if (v2 !== v) arr[i] = v2;
        }
        continue;
      }
      if (types.isMap(cur)) {
        const map = cur as Map<unknown, unknown>;
        const entries = mapEntries(map);
        let dirty = false;
        for (let i = 0; i < entries.length; i++) {
          const k = entries[i][0];
          const v = entries[i][1];
          if ((isObject(k) && next(k) !== k) || (isObject(v) && next(v) !== v)) dirty = true;
        }
        if (dirty) {
          MapClear(map);
          for (let i = 0; i < entries.length; i++) MapSet(map, this.raw(entries[i][0]), this.raw(entries[i][1]));
        }
      } else if (types.isSet(cur)) {
        const values = setValues(cur as Set<unknown>);
        const mapped: unknown[] = [];
        for (let i = 0; i < values.length; i++) defineElement(mapped, i, next(values[i]));
        if (ArraySome(mapped, (v, i) => v !== values[i])) {
          SetClear(cur as Set<unknown>);
          for (let i = 0; i < mapped.length; i++) SetAdd(cur as Set<unknown>, mapped[i]);
        }
      }
      if (types.isTypedArray(cur) || types.isAnyArrayBuffer(cur) || types.isDataView(cur)) continue;
      const keys = ReflectOwnKeys(cur);
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i];
        const d = ReflectGetOwnPropertyDescriptor(cur, key);
        if (!d || !('value' in d) || !isObject(d.value)) continue;
        const v = next(d.value);
        if (v !== d.value && d.writable) (cur as Obj)[key] = v;
        else if (v !== d.value && d.configurable) ReflectDefineProperty(cur, key, { ...d, value: v });
      }
    }
  }

  /** Puts every changed object back as it was before the transformers ran; the journal is closed. */
  undo(): void {
    this.closed = true;
    for (let i = this.weak.length - 1; i >= 0; i--) {
      const w = this.weak[i];
      if (types.isWeakMap(w.target)) {
        if (w.had) WeakMapSet(w.target as WeakMap<object, unknown>, w.key, w.value);
        else WeakMapDelete(w.target as WeakMap<object, unknown>, w.key);
      } else if (w.had) WeakSetAdd(w.target as WeakSet<object>, w.key);
      else WeakSetDelete(w.target as WeakSet<object>, w.key);
    }
    for (let i = this.snapshots.length - 1; i >= 0; i--) restore(this.snapshots[i]);
    this.release();
  }

  /** Lets go of every object (proxies handed out keep working: see save). */
  private release(): void {
    this.snapshots.length = 0;
    this.weak.length = 0;
    SetClear(this.saved);
    MapClear(this.proxies);
    MapClear(this.targets);
    SetClear(this.made);
    this.written = [];
  }

  /** The update committed: the changes stay, the journal lets go of everything. */
  close(): void {
    this.closed = true;
    this.release();
  }

  /** Saves the object's state before its first change. */
  private save(target: object): void {
    // After the update ended, a proxy kept by something the transformer made (a closure) still
    // works: it changes the object, with nothing left to undo.
    if (this.closed || SetHas(this.saved, target)) return;
    const snap: Snapshot = { target, proto: ReflectGetPrototypeOf(target), own: [] };
    // Own properties first for arrays' sake: elements then length put back in this order.
    const keys = ReflectOwnKeys(target);
    for (let i = 0; i < keys.length; i++) {
      const d = ReflectGetOwnPropertyDescriptor(target, keys[i]);
      if (d) ArrayPush(snap.own, [keys[i], d]);
    }
    if (types.isMap(target)) snap.map = mapEntries(target as Map<unknown, unknown>);
    else if (types.isSet(target)) snap.set = setValues(target as Set<unknown>);
    else if (types.isDate(target)) snap.time = DateGetTime(target as Date);
    else if (types.isTypedArray(target) || types.isDataView(target) || types.isAnyArrayBuffer(target)) {
      snap.bytes = new Uint8Array(bytesOf(target as ArrayBufferView | ArrayBuffer));
    }
    SetAdd(this.saved, target);
    ArrayPush(this.snapshots, snap);
  }

  private weakChange(target: WeakMap<object, unknown> | WeakSet<object>, key: unknown): void {
    if (this.closed || !isObject(key)) return;
    const map = types.isWeakMap(target);
    const had = map ? WeakMapHas(target as WeakMap<object, unknown>, key) : WeakSetHas(target as WeakSet<object>, key);
    const value = had && map ? WeakMapGet(target as WeakMap<object, unknown>, key) : undefined;
    ArrayPush(this.weak, { target, key, had, value });
  }

  /** A value going into an old object: its object if a proxy, else remembered for seal(). */
  private incoming(v: unknown): unknown {
    if (!isObject(v)) return v;
    const t = MapGet(this.targets, v);
    if (t !== undefined) {
      // An object a call made during the transform (`self.timer = update.module(m).makeTimer(self)`)
      // may hold proxies the call was given: seal() walks it too.
      if (SetHas(this.made, t)) ArrayPush(this.written, t);
      return t;
    }
    ArrayPush(this.written, v);
    return v;
  }

  private fromCall(v: unknown): unknown {
    if (!isObject(v)) return v;
    if (MapHas(this.targets, v)) return v;
    if (!MapHas(this.proxies, v)) SetAdd(this.made, v);
    return this.view(v);
  }

  /** The kind of internal slots of each proxied object that has some (slotKind). */
  private readonly kinds = new Map<object, string>();
  private handlers: { plain: ProxyHandler<object>; fn: ProxyHandler<object>; slots: ProxyHandler<object> } | null = null;

  private makeProxy(target: object): object {
    // One set of handlers per journal (a closure per proxy would cost more than the proxy).
    const h = (this.handlers ??= this.makeHandlers());
    if (typeof target === 'function') return new Proxy(target, h.fn);
    const kind = slotKind(target);
    if (kind === null) return new Proxy(target, h.plain);
    MapSet(this.kinds, target, kind);
    return new Proxy(target, h.slots);
  }

  private makeHandlers(): { plain: ProxyHandler<object>; fn: ProxyHandler<object>; slots: ProxyHandler<object> } {
    const journal = this;
    const plain: ProxyHandler<object> = {
      get(t, key, receiver) {
        let v: unknown;
        try {
          v = ReflectGet(t, key, receiver);
        } catch (e) {
          // A getter that needs its object itself (see apply): read on the object.
          if (!(e instanceof TypeError) || !receiverError(e)) throw e;
          v = ReflectGet(t, key, t);
        }
        if (!isObject(v)) return v;
        // A proxy must answer a read-only, non-configurable property with its own value.
        const d = ReflectGetOwnPropertyDescriptor(t, key);
        if (d && 'value' in d && !d.writable && !d.configurable) return v;
        return journal.view(v);
      },
      set(t, key, value, receiver) {
        journal.save(t);
        const v = journal.incoming(value);
        // Setters run with the proxy as `this`, so what they change is journaled too.
        return ReflectSet(t, key, v, receiver === MapGet(journal.proxies, t) && !MapHas(journal.kinds, t) ? receiver : t);
      },
      defineProperty(t, key, desc) {
        const had = ReflectGetOwnPropertyDescriptor(t, key);
        if (desc.configurable === false && (!had || had.configurable)) {
          throw new FrozenOldObject(`a transformer made the property ${String(key)} of an old object non-configurable; an update that rolls back could not undo that`);
        }
        journal.save(t);
        const d: PropertyDescriptor = { ...desc };
        if ('value' in d) d.value = journal.incoming(d.value);
        if (d.get) d.get = journal.incoming(d.get) as () => unknown;
        if (d.set) d.set = journal.incoming(d.set) as (v: unknown) => void;
        return ReflectDefineProperty(t, key, d);
      },
      deleteProperty(t, key) {
        journal.save(t);
        return ReflectDeleteProperty(t, key);
      },
      setPrototypeOf(t, proto) {
        journal.save(t);
        return ReflectSetPrototypeOf(t, journal.incoming(proto) as object | null);
      },
      preventExtensions() {
        throw new FrozenOldObject('a transformer froze, sealed or prevented extensions of an old object; an update that rolls back could not undo that (make a new object instead)');
      },
      getOwnPropertyDescriptor(t, key) {
        const d = ReflectGetOwnPropertyDescriptor(t, key);
        if (!d || !d.configurable) return d;
        if ('value' in d) d.value = journal.view(d.value);
        return d;
      },
    };
    const fn: ProxyHandler<object> = {
      ...plain,
      apply(t, self, args) {
        try {
          return journal.fromCall(ReflectApply(t as Function, self, args));
        } catch (e) {
          // A method that needs its object itself (a builtin's internal slots, a class's #fields):
          // it runs on the object, after a snapshot of its own properties (what it keeps in private
          // fields cannot be journaled: decision 0004). Such methods check their receiver first, so
          // the failed call changed nothing.
          const raw = MapGet(journal.targets, self as object);
          if (raw === undefined || !(e instanceof TypeError) || !receiverError(e)) throw e;
          journal.save(raw);
          return journal.fromCall(ReflectApply(t as Function, raw, journal.rawAll(args)));
        }
      },
      construct(t, args, newTarget) {
        const nt = MapGet(journal.targets, newTarget) ?? newTarget;
        return journal.fromCall(ReflectConstruct(t as Function, args, nt as Function)) as object;
      },
    };
    const slots: ProxyHandler<object> = {
      ...plain,
      get(t, key) {
        return journal.slotGet(t, MapGet(journal.kinds, t)!, key);
      },
    };
    return { plain, fn, slots };
  }

  /**
   * A property read of an object with internal slots (a Map, a Set, a builtin iterator): its methods
   * run on the object itself (a proxy has no slots), those that change it after a snapshot, and
   * what they return is seen through the membrane.
   */
  private slotGet(t: object, kind: string, key: PropertyKey): unknown {
    const value = ReflectGet(t, key, t);
    if (typeof value !== 'function') {
      const d = ReflectGetOwnPropertyDescriptor(t, key);
      if (d && 'value' in d && !d.writable && !d.configurable) return value;
      return this.view(value);
    }
    const own = ObjectHasOwn(t, key);
    if (own) return this.view(value);
    const journal = this;
    const mutating = MapGet(MUTATING, kind);
    if (mutating !== undefined) {
      if (SetHas(mutating, key)) {
        if (kind === 'WeakMap' || kind === 'WeakSet') {
          return function (this: unknown, ...args: unknown[]) {
            journal.weakChange(t as WeakMap<object, unknown>, journal.raw(args[0]));
            return journal.view(ReflectApply(value as Function, t, journal.incomingAll(args)));
          };
        }
        return function (this: unknown, ...args: unknown[]) {
          journal.save(t);
          const r = ReflectApply(value as Function, t, journal.incomingAll(args));
          // set() and add() return the collection itself: the caller goes on with the proxy.
          return r === t ? journal.view(t) : r;
        };
      }
      if (SetHas(ITERATING, key)) {
        return function (this: unknown, ...args: unknown[]) {
          return journal.iterator(ReflectApply(value as Function, t, args) as Iterator<unknown>, key === 'entries' || (key === Symbol.iterator && kind === 'Map'));
        };
      }
      if (key === 'forEach') {
        return function (this: unknown, cb: (v: unknown, k: unknown, c: unknown) => void, thisArg?: unknown) {
          const self = journal.view(t);
          ReflectApply(value as Function, t, [(v: unknown, k: unknown) => ReflectApply(cb, thisArg, [journal.view(v), journal.view(k), self])]);
        };
      }
      // Any other method (get, has, or a subclass's own): a subclass's may change the collection.
      const builtin = kind === 'Map' ? MAP_READS : kind === 'Set' ? SET_READS : null;
      const reads = builtin === null || SetHas(builtin, key);
      return function (this: unknown, ...args: unknown[]) {
        if (!reads) journal.save(t);
        return journal.view(ReflectApply(value as Function, t, journal.rawAll(args)));
      };
    }
    // An iterator (kind 'Iterator'): next() runs on the iterator itself, what it yields through the membrane.
    return function (this: unknown, ...args: unknown[]) {
      return journal.view(ReflectApply(value as Function, t, journal.rawAll(args)));
    };
  }

  /** The arguments of a call, each as raw() has it. */
  private rawAll(args: unknown[]): unknown[] {
    const out: unknown[] = [];
    for (let i = 0; i < args.length; i++) defineElement(out, i, this.raw(args[i]));
    return out;
  }

  /** The arguments of a call into an old object, each as incoming() has it. */
  private incomingAll(args: unknown[]): unknown[] {
    const out: unknown[] = [];
    for (let i = 0; i < args.length; i++) defineElement(out, i, this.incoming(args[i]));
    return out;
  }

  /** An iterator over an old collection whose values (or [key, value] entries) come through the membrane. */
  private iterator(it: Iterator<unknown>, entries: boolean): IterableIterator<unknown> {
    const journal = this;
    return {
      next() {
        const r = ReflectApply(it.next, it, []) as IteratorResult<unknown>;
        if (r.done) return r;
        const v = r.value;
        return { done: false, value: entries ? [journal.view((v as unknown[])[0]), journal.view((v as unknown[])[1])] : journal.view(v) };
      },
      [Symbol.iterator]() {
        return this;
      },
    };
  }
}

/** Whether a call failed for want of the object itself as `this` (RECEIVER_ERROR). */
function receiverError(e: TypeError): boolean {
  return RegExpExec(RECEIVER_ERROR, e.message) !== null;
}

/** The bytes of a typed array, a DataView or a buffer, as a Uint8Array over the same memory. */
function bytesOf(v: ArrayBufferView | ArrayBuffer): Uint8Array {
  if (types.isAnyArrayBuffer(v)) return new Uint8Array(v as ArrayBuffer);
  if (types.isDataView(v)) return new Uint8Array(DataViewBuffer(v as DataView), DataViewByteOffset(v as DataView), DataViewByteLength(v as DataView));
  return new Uint8Array(TypedArrayBuffer(v as ArrayBufferView), TypedArrayByteOffset(v as ArrayBufferView), TypedArrayByteLength(v as ArrayBufferView));
}

/** Puts an object back as its snapshot has it. */
function restore(s: Snapshot): void {
  const t = s.target as Obj;
  const now = ReflectOwnKeys(t);
  if (now.length === s.own.length && ArrayEvery(now, (k, i) => k === s.own[i][0])) {
    for (let i = 0; i < s.own.length; i++) ReflectDefineProperty(t, s.own[i][0], s.own[i][1]);
  } else {
    // Keys were added, deleted or deleted and added again: the object gets its properties back in
    // their order too (Object.keys, JSON.stringify and for-in show it), so every property that can
    // be is deleted and all are defined again in the snapshot's order.
    for (let i = 0; i < now.length; i++) if (ReflectGetOwnPropertyDescriptor(t, now[i])?.configurable) ReflectDeleteProperty(t, now[i]);
    for (let i = 0; i < s.own.length; i++) ReflectDefineProperty(t, s.own[i][0], s.own[i][1]);
  }
  if (ReflectGetPrototypeOf(t) !== s.proto) ReflectSetPrototypeOf(t, s.proto);
  if (s.map) {
    const m = t as unknown as Map<unknown, unknown>;
    MapClear(m);
    for (let i = 0; i < s.map.length; i++) MapSet(m, s.map[i][0], s.map[i][1]);
  } else if (s.set) {
    const set = t as unknown as Set<unknown>;
    SetClear(set);
    for (let i = 0; i < s.set.length; i++) SetAdd(set, s.set[i]);
  } else if (s.time !== undefined) {
    DateSetTime(t as unknown as Date, s.time);
  } else if (s.bytes) {
    const bytes = bytesOf(t as unknown as ArrayBufferView | ArrayBuffer);
    TypedArraySet(bytes, new Uint8Array(TypedArrayBuffer(s.bytes), 0, MathMin(TypedArrayLength(bytes), TypedArrayLength(s.bytes))));
  }
}
