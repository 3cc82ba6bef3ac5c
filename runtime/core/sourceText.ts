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
import {
  defineElement, FunctionToString, MapGet, MapSet, ObjectDefineProperty, ObjectGetOwnPropertyDescriptor, StringCharCodeAt, StringIndexOf,
  StringLastIndexOf, StringSlice, WeakMapGet, WeakMapSet,
} from './primordials.js';
import type { ModuleHandle } from './moduleHandle.js';

/**
 * A module version's source, read when the version registers: its text and the span of the
 * function at each entry id. Not its handle, nor the function that returned the text: either
 * would keep a version the program has left alive (its code, its restore functions).
 */
interface Source {
  /** The version's code key (ModuleHandle.codeKey) and module id: where its calls go now (FollowEntry). */
  codeKey: string;
  module: string;
  text: string;
  /** [entry, start, end, ...] as the module gives them; `entries` is made from it on first need. */
  spans: number[];
  entries?: Map<number, [number, number]>;
}

/** Sources by key (sourceKey of the module's hash). */
const sources = new Map<string, Source>();
/** What toString shows of the runtime's own functions. */
const shown = new WeakMap<object, string>();
/**
 * Where a call entering a function of the version `codeKey` of `module` at an entry point goes
 * now, when that version was replaced (the engine's entry tables): the source hash of the version
 * it runs and its entry there; undefined when the version is the running one or its old code runs.
 */
export type FollowEntry = (codeKey: string, module: string, entry: number) => { hash: string; entry: number } | undefined;
let follow: FollowEntry = () => undefined;

/** Registers a compiled module's source (the module header, through Engine.module). */
export function registerSource(handle: ModuleHandle): void {
  const info = handle.info;
  if (!info?.source) return;
  const data = info.source();
  MapSet(sources, sourceKey(info.hash), { codeKey: handle.codeKey, module: info.id, text: data[0], spans: data[1] });
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

/** A source's entry table, made on first need. */
function entriesOf(source: Source): Map<number, [number, number]> {
  if (source.entries === undefined) {
    const spans = source.spans;
    const entries = new Map<number, [number, number]>();
    for (let i = 0; i + 2 < spans.length; i += 3) MapSet(entries, spans[i], [spans[i + 1], spans[i + 2]]);
    source.entries = entries;
  }
  return source.entries;
}

/**
 * The text a compiled function's native text names in its marker, or undefined when it has none.
 * A function of a replaced version whose calls run another version's function shows that one.
 */
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
  // <key> <start> <end> [<entry>]
  const fields = words(StringSlice(text, open + 2 + SOURCE_MARKER.length, close));
  if (fields.length !== 3 && fields.length !== 4) return undefined;
  const source = MapGet(sources, fields[0]);
  const start = digits(fields[1]);
  const end = digits(fields[2]);
  if (source === undefined || start < 0 || end < start) return undefined;
  if (fields.length === 4) {
    const entry = digits(fields[3]);
    const now = entry >= 0 ? follow(source.codeKey, source.module, entry) : undefined;
    const there = now && MapGet(sources, sourceKey(now.hash));
    if (now && there) {
      const span = MapGet(entriesOf(there), now.entry);
      if (span) return StringSlice(there.text, span[0], span[1]);
    }
  }
  const whole = source.text;
  return end <= whole.length ? StringSlice(whole, start, end) : undefined;
}

/** The space-separated words of `s` (split would look up a Symbol.split the program may define). */
function words(s: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (;;) {
    const at = StringIndexOf(s, ' ', from);
    defineElement(out, out.length, StringSlice(s, from, at < 0 ? s.length : at));
    if (at < 0) return out;
    from = at + 1;
  }
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

/**
 * Installs the replacement on Function.prototype (once per realm, before the program runs);
 * `followEntry` tells where calls of a replaced version's functions go.
 */
export function installToString(followEntry: FollowEntry): void {
  follow = followEntry;
  if (Function.prototype.toString === replacement) return;
  showAsBuiltin(replacement);
  ObjectDefineProperty(Function.prototype, 'toString', { __proto__: null, value: replacement, writable: true, enumerable: false, configurable: true } as PropertyDescriptor);
}
