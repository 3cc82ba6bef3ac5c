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
