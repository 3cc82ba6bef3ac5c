/**
 * `Function.prototype.toString` as the program wrote its functions (decision 0014).
 *
 * Every compiled function and class ends with the comment `/*@rs <key> <start> <end>*\/` naming
 * its slice of its module's source (compiler/sourceText.ts); each module hands that source to the
 * runtime as a function (ModuleInfoABI.source), called on the first toString of one of its
 * functions. The toString installed here asks the native one for the function's text (which
 * throws the native TypeError for anything that is not a function, and answers for proxies and
 * bound functions as natively), and returns the slice the comment names, or the native text when
 * there is none. Calls and closures cost nothing; toString reads the end of a string.
 *
 * The runtime's own functions a program can reach (the members of the runtime object, the global
 * UPDATE_POINT, the replacement itself) print as builtins do; those that stand in for Node's
 * (child_process.fork, worker_threads.Worker) print as the functions they replace.
 */
import { SOURCE_MARKER, sourceKey } from '../../contract/index.js';
import { FunctionToString, MapGet, MapSet } from './primordials.js';

const uncurry = Function.prototype.bind.bind(Function.prototype.call) as <A extends unknown[], R>(fn: (...args: A) => R) => (self: unknown, ...args: A) => R;
const StringCharCodeAt = uncurry(String.prototype.charCodeAt) as (s: string, i: number) => number;
const StringLastIndexOf = uncurry(String.prototype.lastIndexOf) as (s: string, search: string, from?: number) => number;
const StringSlice = uncurry(String.prototype.slice) as (s: string, start: number, end?: number) => string;
const WeakMapGet = uncurry(WeakMap.prototype.get) as <K extends object, V>(map: WeakMap<K, V>, key: K) => V | undefined;
const WeakMapSet = uncurry(WeakMap.prototype.set) as <K extends object, V>(map: WeakMap<K, V>, key: K, value: V) => WeakMap<K, V>;
const ObjectDefineProperty = Object.defineProperty;
const ObjectGetOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;

/** Sources by key: the module's function until first read, then the text. */
const sources = new Map<string, (() => string) | string>();
/** What toString shows of the runtime's own functions. */
const shown = new WeakMap<object, string>();

/** Registers a compiled module's source (the module header, through Engine.module). */
export function registerSource(hash: string, source: () => string): void {
  MapSet(sources, sourceKey(hash), source);
}

/**
 * Makes toString of one of the runtime's functions print as a builtin's, or, given `original`, as
 * the function it replaces in the program's view.
 */
export function showAsBuiltin(fn: object, original?: object): void {
  WeakMapSet(shown, fn, original !== undefined
    ? FunctionToString(original)
    : `function ${nameOf(fn)}() { [native code] }`);
}

/** The name V8 prints for a builtin: its `name` when that is a string. */
function nameOf(fn: object): string {
  const d = ObjectGetOwnPropertyDescriptor(fn, 'name');
  return d && typeof d.value === 'string' ? d.value : '';
}

/** The text of a compiled function's native text's marker, or undefined when it has none. */
function originalText(text: string): string | undefined {
  // The marker is the last thing before the closing brace or parenthesis.
  let i = text.length - 1;
  const last = StringCharCodeAt(text, i);
  if (last !== 0x7d /* } */ && last !== 0x29 /* ) */) return undefined;
  i--;
  while (i >= 0 && isSpace(StringCharCodeAt(text, i))) i--;
  if (i < 1 || StringCharCodeAt(text, i) !== 0x2f /* / */ || StringCharCodeAt(text, i - 1) !== 0x2a /* * */) return undefined;
  const close = i - 1;
  const open = StringLastIndexOf(text, `/*${SOURCE_MARKER}`, close);
  if (open < 0) return undefined;
  const fields = StringSlice(text, open + 2 + SOURCE_MARKER.length, close);
  // <key> <start> <end>
  const a = StringLastIndexOf(fields, ' ');
  const b = a > 0 ? StringLastIndexOf(fields, ' ', a - 1) : -1;
  if (b <= 0) return undefined;
  const start = digits(StringSlice(fields, b + 1, a));
  const end = digits(StringSlice(fields, a + 1));
  let source = MapGet(sources, StringSlice(fields, 0, b));
  if (source === undefined || start < 0 || end < start) return undefined;
  if (typeof source === 'function') {
    const text = source();
    MapSet(sources, StringSlice(fields, 0, b), text);
    source = text;
  }
  return end <= source.length ? StringSlice(source, start, end) : undefined;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** A non-negative decimal integer, or -1. */
function digits(s: string): number {
  if (!s.length) return -1;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = StringCharCodeAt(s, i) - 0x30;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/**
 * The replacement: a method, so that like the native one it has no `prototype` and is not a
 * constructor; its name is `toString` and its length 0.
 */
const replacement = {
  toString(this: unknown): string {
    const text = FunctionToString(this);
    const builtin = WeakMapGet(shown, this as object);
    if (builtin !== undefined) return builtin;
    return originalText(text) ?? text;
  },
}.toString;

/** Installs the replacement on Function.prototype (once per realm, before the program runs). */
export function installToString(): void {
  if (Function.prototype.toString === replacement) return;
  showAsBuiltin(replacement);
  ObjectDefineProperty(Function.prototype, 'toString', { __proto__: null, value: replacement, writable: true, enumerable: false, configurable: true } as PropertyDescriptor);
}
