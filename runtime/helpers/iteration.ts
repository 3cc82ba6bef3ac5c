/**
 * Helpers compiled code calls for desugared iteration (for-in, for-of, for await, yield*) and for
 * restore functions' re-entry: the parts of the runtime object (Engine extends this class) that
 * need no engine state. compiler/passes/linearizeCalls.ts names them.
 */
import { types } from 'node:util';
import { ObjectCreate, ObjectGetPrototypeOf, ObjectKeys, ReflectApply } from '../core/primordials.js';
import { closeIterator, describe, describeCallee } from '../activation.js';

export class CompiledIteration {
  // Helpers used by compiled code for desugared iteration and restore.
  readonly K = Symbol('restack.case');
  readonly NO = Symbol('restack.nocase');
  readonly REENTER = Symbol('restack.reenter');

  /**
   * The keys a for-in over o visits, as an array-like with a null prototype: element stores into
   * an array would consult Array.prototype and Object.prototype, which a program may have given
   * setters or read-only indices.
   */
  keys(o: unknown): ArrayLike<string> {
    // Fast path: an ordinary object whose prototype chain has nothing enumerable visits exactly
    // its own enumerable string keys, in Object.keys order; the array Object.keys makes is the
    // engine's own (no prototype consulted to fill it). Proxies take the slow path, whose trap
    // calls are the ones for-in makes.
    if (o !== null && typeof o === 'object' && !isProxy(o)) {
      let plain = true;
      for (let p = ObjectGetPrototypeOf(o) as object | null; p !== null; p = ObjectGetPrototypeOf(p) as object | null) {
        if (isProxy(p)) {
          plain = false;
          break;
        }
      }
      if (plain) {
        const proto = ObjectGetPrototypeOf(o) as object | null;
        if (proto === null || !hasEnumerable(proto)) return ObjectKeys(o);
      }
    }
    const out = ObjectCreate(null) as { length: number; [i: number]: string };
    let n = 0;
    for (const k in o as object) out[n++] = k;
    out.length = n;
    return out;
  }

  /** The array itself when iterating it is plain indexing (built-in iterator untouched), else null. */
  array(o: unknown): unknown[] | null {
    if (Array.isArray(o) && o[Symbol.iterator] === ARRAY_VALUES && ARRAY_ITERATOR.next === ARRAY_NEXT) return o;
    return null;
  }

  iter(o: unknown): Iterator<unknown> {
    const method = o == null ? undefined : (o as { [Symbol.iterator]?: unknown })[Symbol.iterator];
    if (typeof method !== 'function') throw new TypeError(`${describe(o)} is not iterable`);
    const it = ReflectApply(method, o, []);
    if (Object(it) !== it) throw new TypeError('Result of the Symbol.iterator method is not an object');
    return it as Iterator<unknown>;
  }

  close(it: Iterator<unknown>): void {
    closeIterator(it);
  }

  closeAfterThrow(it: Iterator<unknown>): void {
    try {
      it.return?.();
    } catch {
      // The original exception wins (IteratorClose with a throw completion).
    }
  }

  // `for await` in compiled async functions (compiler/passes/linearizeCalls.ts, forAwait).

  /** No return() to wait for. */
  readonly NONE = NO_RETURN;

  /** GetIterator(o, async): the iterator and its next method, read once. */
  asyncIter(o: unknown): AsyncIterRecord {
    const method = o == null ? undefined : (o as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator];
    if (method == null) {
      const sync = o == null ? undefined : (o as { [Symbol.iterator]?: unknown })[Symbol.iterator];
      if (sync == null) throw new TypeError(`${describe(o)} is not async iterable`);
      if (typeof sync !== 'function') throw new TypeError(`${describeCallee(sync)} is not a function`);
      const it = ReflectApply(sync, o, []) as Iterator<unknown>;
      if (Object(it) !== it) throw new TypeError('Result of the Symbol.iterator method is not an object');
      const wrapped = asyncFromSync(it, it.next);
      return { i: wrapped, n: wrapped.next };
    }
    if (typeof method !== 'function') throw new TypeError(`${describeCallee(method)} is not a function`);
    const it = ReflectApply(method, o, []) as AsyncIterator<unknown>;
    if (Object(it) !== it) throw new TypeError('Result of the Symbol.asyncIterator method is not an object');
    return { i: it, n: it.next };
  }

  asyncNext(r: AsyncIterRecord): unknown {
    if (typeof r.n !== 'function') throw new TypeError(`${describeCallee(r.n)} is not a function`);
    return ReflectApply(r.n, r.i, []);
  }

  /** AsyncIteratorClose with a normal completion: what return() gave, to await, or NONE. */
  asyncClose(r: AsyncIterRecord): unknown {
    const ret = (r.i as { return?: unknown }).return;
    if (ret == null) return NO_RETURN;
    if (typeof ret !== 'function') throw new TypeError(`${describeCallee(ret)} is not a function`);
    return ReflectApply(ret, r.i, []);
  }

  /** AsyncIteratorClose with a throw completion: errors before the await are ignored. */
  asyncCloseAfterThrow(r: AsyncIterRecord): unknown {
    try {
      const ret = (r.i as { return?: unknown }).return;
      if (typeof ret !== 'function') return NO_RETURN;
      return ReflectApply(ret, r.i, []);
    } catch {
      return NO_RETURN;
    }
  }

  /** The awaited result of return() must be an object. */
  closedResult(v: unknown): void {
    if (Object(v) !== v) throw new TypeError(`Iterator result ${describe(v)} is not an object`);
  }
}

const NO_RETURN = Symbol('restack.noReturn');

interface AsyncIterRecord { i: object; n: unknown }

const NativePromise = Promise;
const promiseResolve = Promise.resolve.bind(Promise);
const promiseThen = Promise.prototype.then;

/**
 * CreateAsyncFromSyncIterator for a `for await` or an async generator's `yield*` over a sync
 * iterable: next(), throw() and return() answer with promises of { value, done }, the value
 * awaited (a rejected value rejects). Each passes its argument on only when it was given one (a
 * yield* passes the value it received; a for await passes none).
 */
function asyncFromSync(it: Iterator<unknown>, next: unknown): { next: (v?: unknown) => Promise<unknown>; throw: (v?: unknown) => Promise<unknown>; return: (v?: unknown) => Promise<unknown> } {
  const continuation = (result: unknown): Promise<unknown> => {
    let done: boolean;
    let wrapper: Promise<unknown>;
    try {
      done = Boolean((result as IteratorResult<unknown>).done);
      wrapper = promiseResolve((result as IteratorResult<unknown>).value);
    } catch (e) {
      return NativePromise.reject(e);
    }
    return ReflectApply(promiseThen, wrapper, [(value: unknown) => ({ value, done })]) as Promise<unknown>;
  };
  /** The sync iterator's method called with args; its result must be an object. */
  const step = (method: unknown, args: unknown[]): Promise<unknown> => {
    let result: unknown;
    try {
      if (typeof method !== 'function') throw new TypeError(`${describeCallee(method)} is not a function`);
      result = ReflectApply(method, it, args);
      if (Object(result) !== result) throw new TypeError(`Iterator result ${describe(result)} is not an object`);
    } catch (e) {
      return NativePromise.reject(e);
    }
    return continuation(result);
  };
  return {
    next(value?: unknown): Promise<unknown> {
      return step(next, arguments.length > 0 ? [value] : []);
    },
    throw(value?: unknown): Promise<unknown> {
      let method: unknown;
      try {
        method = (it as { throw?: unknown }).throw;
      } catch (e) {
        return NativePromise.reject(e);
      }
      // Without throw, the value is the rejection (as Node 20's CreateAsyncFromSyncIterator does).
      if (method == null) return NativePromise.reject(value);
      return step(method, arguments.length > 0 ? [value] : []);
    },
    return(value?: unknown): Promise<unknown> {
      let method: unknown;
      try {
        method = (it as { return?: unknown }).return;
      } catch (e) {
        return NativePromise.reject(e);
      }
      if (method == null) return NativePromise.resolve({ value, done: true });
      return step(method, arguments.length > 0 ? [value] : []);
    },
  };
}

/** Whether a for-in over o (own and inherited) would visit anything. */
function hasEnumerable(o: object): boolean {
  for (const _ in o) return true;
  return false;
}

const ARRAY_VALUES = Array.prototype[Symbol.iterator];
const ARRAY_ITERATOR = ObjectGetPrototypeOf([][Symbol.iterator]()) as { next: unknown };
const ARRAY_NEXT = ARRAY_ITERATOR.next;

const isProxy = types.isProxy;

