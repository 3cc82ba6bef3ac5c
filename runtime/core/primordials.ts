/**
 * Builtins the runtime calls on the program's behalf, captured when the runtime loads (before any
 * program code runs), the way Node's own code uses its primordials: a program may replace
 * `Map.prototype.get`, `Function.prototype.call`, `Reflect.apply` or `Math.max`, or make one a
 * compiled function with update points, and the runtime's capture, rebuild and parking must
 * neither run that code (it could reach an update point inside the runtime's own work, and
 * recurse) nor depend on what it returns. Methods are uncurried: `MapGet(map, key)` calls the
 * original `Map.prototype.get` with `map` as `this`, through a bound `Function.prototype.call`
 * (bound functions keep their target, whatever the program does to the prototypes later).
 *
 * Loops in these paths index arrays (`for (let i = 0; ...)`) rather than iterating them: for-of,
 * spread and array destructuring go through `Array.prototype[Symbol.iterator]`.
 */
const uncurry = Function.prototype.bind.bind(Function.prototype.call) as <A extends unknown[], R>(fn: (...args: A) => R) => (self: unknown, ...args: A) => R;

export const ReflectApply = Reflect.apply;
/** `FunctionCall(f, self, ...args)`: f called with `self` as `this`, whatever f.call is now. */
export const FunctionCall = uncurry(Function.prototype.call) as (f: unknown, self: unknown, ...args: unknown[]) => unknown;
export const ObjectCreate = Object.create;
export const ObjectGetPrototypeOf = Object.getPrototypeOf;
export const ObjectKeys = Object.keys;
export const ObjectIs = Object.is;
export const MathMax = Math.max;
export const MathMin = Math.min;
export const MathFloor = Math.floor;
export const MathCeil = Math.ceil;

export const MapGet = uncurry(Map.prototype.get) as <K, V>(map: ReadonlyMap<K, V>, key: K) => V | undefined;
export const MapHas = uncurry(Map.prototype.has) as <K>(map: ReadonlyMap<K, unknown>, key: K) => boolean;
export const MapSet = uncurry(Map.prototype.set) as <K, V>(map: Map<K, V>, key: K, value: V) => Map<K, V>;
export const SetHas = uncurry(Set.prototype.has) as <T>(set: ReadonlySet<T>, value: T) => boolean;
export const SetAdd = uncurry(Set.prototype.add) as <T>(set: Set<T>, value: T) => Set<T>;
export const SetDelete = uncurry(Set.prototype.delete) as <T>(set: Set<T>, value: T) => boolean;
export const SetValues = uncurry(Set.prototype.values) as <T>(set: ReadonlySet<T>) => IterableIterator<T>;
/** The `next` of Set iterators (the program may replace it on their shared prototype). */
export const SetIteratorNext = uncurry(Object.getPrototypeOf(new Set().values()).next) as <T>(it: Iterator<T>) => IteratorResult<T>;
export const StringCharCodeAt = uncurry(String.prototype.charCodeAt) as (s: string, i: number) => number;
export const StringIndexOf = uncurry(String.prototype.indexOf) as (s: string, search: string, from?: number) => number;
export const StringLastIndexOf = uncurry(String.prototype.lastIndexOf) as (s: string, search: string, from?: number) => number;
export const StringSlice = uncurry(String.prototype.slice) as (s: string, start: number, end?: number) => string;
export const StringStartsWith = uncurry(String.prototype.startsWith) as (s: string, prefix: string) => boolean;
export const WeakMapGet = uncurry(WeakMap.prototype.get) as <K extends object, V>(map: WeakMap<K, V>, key: K) => V | undefined;
export const WeakMapSet = uncurry(WeakMap.prototype.set) as <K extends object, V>(map: WeakMap<K, V>, key: K, value: V) => WeakMap<K, V>;
export const ArrayIncludes = uncurry(Array.prototype.includes) as <T>(a: readonly T[], v: T) => boolean;
/** The native Function.prototype.toString (the runtime installs its own: core/sourceText.ts). */
export const FunctionToString = uncurry(Function.prototype.toString) as (fn: unknown) => string;
export const WeakRefDeref = uncurry(WeakRef.prototype.deref) as <T extends object>(ref: WeakRef<T>) => T | undefined;

export const ObjectDefineProperty = Object.defineProperty;
export const ObjectGetOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;

/**
 * Stores `v` at index `i` of the runtime's own array `a` as an own data element: a plain store at
 * an index the array lacks would consult the prototypes, where the program may have put a setter
 * or a read-only element (`Object.defineProperty(Array.prototype, '1', { value: 'ro' })`). The
 * descriptor has no prototype, so that no `get` or `set` the program put on Object.prototype is
 * read into it.
 */
export function defineElement<T>(a: T[], i: number, v: T): void {
  ObjectDefineProperty(a, i, { __proto__: null, value: v, writable: true, enumerable: true, configurable: true } as PropertyDescriptor);
}

// ---------------------------------------------------------------------------------------------
// The update's own work (migrate, the journal, the transaction, instances, patch loading): the
// same rule. scripts/builtin-audit.js lists the runtime's call sites that still reach a builtin
// as the program left it.

// Some builtins reach the program's code even when captured, and are not here: Array.prototype's
// map, filter, slice, concat, splice and flat, TypedArray.prototype.slice and Promise.prototype.then
// read `Symbol.species` of the constructor (a getter the program may replace) to make their
// result (use ownMap, ownFilter, ownSlice, index loops, `await`); RegExp.prototype.test and
// String.prototype.replace call the regexp's `exec` as the program left it (use RegExpExec). A
// class deriving from another without a constructor of its own spreads its arguments through the
// array iterator: give it one.

const getter = (proto: object, key: PropertyKey): ((self: unknown) => unknown) =>
  uncurry(ObjectGetOwnPropertyDescriptor(proto, key)!.get as () => unknown);

export const ReflectConstruct = Reflect.construct;
export const ReflectGet = Reflect.get;
export const ReflectSet = Reflect.set;
export const ReflectHas = Reflect.has;
export const ReflectOwnKeys = Reflect.ownKeys;
export const ReflectDefineProperty = Reflect.defineProperty;
export const ReflectDeleteProperty = Reflect.deleteProperty;
export const ReflectGetOwnPropertyDescriptor = Reflect.getOwnPropertyDescriptor;
export const ReflectGetPrototypeOf = Reflect.getPrototypeOf;
export const ReflectSetPrototypeOf = Reflect.setPrototypeOf;

export const ObjectAssign = Object.assign;
export const ObjectEntries = Object.entries;
export const ObjectFreeze = Object.freeze;
export const ObjectIsFrozen = Object.isFrozen;
export const ObjectIsExtensible = Object.isExtensible;
export const ObjectPreventExtensions = Object.preventExtensions;
export const ObjectSetPrototypeOf = Object.setPrototypeOf;
export const ObjectHasOwn = Object.hasOwn;
export const ObjectDefineProperties = Object.defineProperties;
export const ObjectGetOwnPropertyDescriptors = Object.getOwnPropertyDescriptors;
export const ObjectGetOwnPropertyNames = Object.getOwnPropertyNames;
export const ObjectGetOwnPropertySymbols = Object.getOwnPropertySymbols;

export const ArrayIsArray = Array.isArray;
export const ArrayPush = uncurry(Array.prototype.push) as <T>(a: T[], ...items: T[]) => number;
export const ArrayPop = uncurry(Array.prototype.pop) as <T>(a: T[]) => T | undefined;
export const ArrayShift = uncurry(Array.prototype.shift) as <T>(a: T[]) => T | undefined;
export const ArrayUnshift = uncurry(Array.prototype.unshift) as <T>(a: T[], ...items: T[]) => number;
export const ArrayIndexOf = uncurry(Array.prototype.indexOf) as <T>(a: readonly T[], v: T, from?: number) => number;
export const ArrayLastIndexOf = uncurry(Array.prototype.lastIndexOf) as <T>(a: readonly T[], v: T) => number;
export const ArrayJoin = uncurry(Array.prototype.join) as (a: readonly unknown[], separator?: string) => string;
export const ArrayReverse = uncurry(Array.prototype.reverse) as <T>(a: T[]) => T[];
export const ArraySort = uncurry(Array.prototype.sort) as <T>(a: T[], compare?: (x: T, y: T) => number) => T[];
export const ArraySome = uncurry(Array.prototype.some) as <T>(a: readonly T[], fn: (v: T, i: number, a: readonly T[]) => unknown) => boolean;
export const ArrayEvery = uncurry(Array.prototype.every) as <T>(a: readonly T[], fn: (v: T, i: number, a: readonly T[]) => unknown) => boolean;

export const MapDelete = uncurry(Map.prototype.delete) as <K>(map: Map<K, unknown>, key: K) => boolean;
export const MapClear = uncurry(Map.prototype.clear) as (map: Map<unknown, unknown>) => void;
export const MapSize = getter(Map.prototype, 'size') as (map: ReadonlyMap<unknown, unknown>) => number;
export const MapForEach = uncurry(Map.prototype.forEach) as <K, V>(map: ReadonlyMap<K, V>, fn: (v: V, k: K) => void) => void;
export const SetClear = uncurry(Set.prototype.clear) as (set: Set<unknown>) => void;
export const SetSize = getter(Set.prototype, 'size') as (set: ReadonlySet<unknown>) => number;
export const SetForEach = uncurry(Set.prototype.forEach) as <T>(set: ReadonlySet<T>, fn: (v: T) => void) => void;
export const WeakMapHas = uncurry(WeakMap.prototype.has) as <K extends object>(map: WeakMap<K, unknown>, key: K) => boolean;
export const WeakMapDelete = uncurry(WeakMap.prototype.delete) as <K extends object>(map: WeakMap<K, unknown>, key: K) => boolean;
export const WeakSetAdd = uncurry(WeakSet.prototype.add) as <T extends object>(set: WeakSet<T>, v: T) => WeakSet<T>;
export const WeakSetHas = uncurry(WeakSet.prototype.has) as <T extends object>(set: WeakSet<T>, v: T) => boolean;
export const WeakSetDelete = uncurry(WeakSet.prototype.delete) as <T extends object>(set: WeakSet<T>, v: T) => boolean;

/**
 * A Map's entries, keys or values, or a Set's values, as a new array, read through the captured
 * forEach: a `for...of` over the collection would call the program's iterator methods. Loop over
 * the result by index. The arrays are the runtime's own: elements are defined, not assigned.
 */
export function mapEntries<K, V>(map: ReadonlyMap<K, V>): Array<[K, V]> {
  const out: Array<[K, V]> = [];
  MapForEach(map, (v, k) => defineElement(out, out.length, [k, v]));
  return out;
}
export function mapKeys<K>(map: ReadonlyMap<K, unknown>): K[] {
  const out: K[] = [];
  MapForEach(map, (_v, k) => defineElement(out, out.length, k));
  return out;
}
export function mapValues<V>(map: ReadonlyMap<unknown, V>): V[] {
  const out: V[] = [];
  MapForEach(map, (v) => defineElement(out, out.length, v));
  return out;
}
export function setValues<T>(set: ReadonlySet<T>): T[] {
  const out: T[] = [];
  SetForEach(set, (v) => defineElement(out, out.length, v));
  return out;
}
/** A new Map of the entries (`new Map(entries)` would call the program's iterator and `set`). */
export function newMap<K, V>(entries: ReadonlyArray<readonly [K, V]> = []): Map<K, V> {
  const m = new Map<K, V>();
  for (let i = 0; i < entries.length; i++) MapSet(m, entries[i][0], entries[i][1]);
  return m;
}
/** A new Set of the values (`new Set(values)` would call the program's iterator and `add`). */
export function newSet<T>(values: readonly T[] = []): Set<T> {
  const s = new Set<T>();
  for (let i = 0; i < values.length; i++) SetAdd(s, values[i]);
  return s;
}

export const StringSplit = uncurry(String.prototype.split) as (s: string, separator: string | RegExp, limit?: number) => string[];
export const StringEndsWith = uncurry(String.prototype.endsWith) as (s: string, suffix: string) => boolean;
export const StringIncludes = uncurry(String.prototype.includes) as (s: string, search: string) => boolean;
export const StringTrim = uncurry(String.prototype.trim) as (s: string) => string;
export const StringPadStart = uncurry(String.prototype.padStart) as (s: string, n: number, fill?: string) => string;
export const StringPadEnd = uncurry(String.prototype.padEnd) as (s: string, n: number, fill?: string) => string;
export const StringRepeat = uncurry(String.prototype.repeat) as (s: string, n: number) => string;
export const StringToLowerCase = uncurry(String.prototype.toLowerCase) as (s: string) => string;
export const RegExpExec = uncurry(RegExp.prototype.exec) as (re: RegExp, s: string) => RegExpExecArray | null;
export const NumberIsFinite = Number.isFinite;
export const NumberIsInteger = Number.isInteger;
export const NumberIsSafeInteger = Number.isSafeInteger;
export const MathRound = Math.round;
export const MathAbs = Math.abs;
export const JSONParse = JSON.parse;
export const JSONStringify = JSON.stringify;
export const SymbolFor = Symbol.for;
export const PromiseResolve = Promise.resolve.bind(Promise) as <T>(v: T) => Promise<Awaited<T>>;
export const PromiseReject = Promise.reject.bind(Promise) as (e: unknown) => Promise<never>;
const generatorPrototype = Object.getPrototypeOf(function* () {}).prototype as Generator;
export const GeneratorNext = uncurry(generatorPrototype.next) as <T>(g: Generator<T>, v?: unknown) => IteratorResult<T>;
export const GeneratorReturn = uncurry(generatorPrototype.return) as <T>(g: Generator<T>, v?: unknown) => IteratorResult<T>;
export const GeneratorThrow = uncurry(generatorPrototype.throw) as <T>(g: Generator<T>, e?: unknown) => IteratorResult<T>;

export const ObjectPrototypeToString = uncurry(Object.prototype.toString) as (o: unknown) => string;
export const ErrorCaptureStackTrace = Error.captureStackTrace;
const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype) as object;
export const TypedArrayBuffer = getter(TypedArrayPrototype, 'buffer') as (v: ArrayBufferView) => ArrayBufferLike;
export const TypedArrayByteOffset = getter(TypedArrayPrototype, 'byteOffset') as (v: ArrayBufferView) => number;
export const TypedArrayByteLength = getter(TypedArrayPrototype, 'byteLength') as (v: ArrayBufferView) => number;
export const TypedArrayLength = getter(TypedArrayPrototype, 'length') as (v: ArrayBufferView) => number;
export const TypedArraySet = uncurry(Uint8Array.prototype.set) as (v: ArrayBufferView, source: ArrayLike<number>, offset?: number) => void;
export const DataViewBuffer = getter(DataView.prototype, 'buffer') as (v: DataView) => ArrayBufferLike;
export const DataViewByteOffset = getter(DataView.prototype, 'byteOffset') as (v: DataView) => number;
export const DataViewByteLength = getter(DataView.prototype, 'byteLength') as (v: DataView) => number;
export const DateGetTime = uncurry(Date.prototype.getTime) as (d: Date) => number;
export const DateSetTime = uncurry(Date.prototype.setTime) as (d: Date, time: number) => number;
/** The `next` of Map iterators (the program may replace it on their shared prototype). */
export const MapIteratorNext = uncurry(Object.getPrototypeOf(new Map().values()).next) as <T>(it: Iterator<T>) => IteratorResult<T>;
export const DataViewGetUint32 = uncurry(DataView.prototype.getUint32) as (view: DataView, offset: number, littleEndian?: boolean) => number;

/**
 * Array.prototype.map, filter and slice make their result through `Array[Symbol.species]`, a getter
 * the program may replace: these make a new array of the runtime's own, its elements defined.
 */
export function ownMap<T, U>(a: readonly T[], fn: (v: T, i: number) => U): U[] {
  const out: U[] = [];
  for (let i = 0; i < a.length; i++) defineElement(out, i, fn(a[i], i));
  return out;
}
export function ownFilter<T>(a: readonly T[], fn: (v: T, i: number) => unknown): T[] {
  const out: T[] = [];
  for (let i = 0; i < a.length; i++) if (fn(a[i], i)) defineElement(out, out.length, a[i]);
  return out;
}
/** The elements of `a` from `start` to before `end` (both from 0; `end` past the last is the last). */
export function ownSlice<T>(a: readonly T[], start = 0, end = a.length): T[] {
  const out: T[] = [];
  for (let i = start; i < end && i < a.length; i++) defineElement(out, i - start, a[i]);
  return out;
}
