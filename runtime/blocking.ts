/**
 * Blocking calls that must not hold an update back.
 *
 * `Atomics.wait` puts the main thread to sleep: no update point runs and no event is taken until
 * someone notifies the address or the timeout passes. With the control channel running, restack
 * replaces `Atomics.wait` with a function that behaves the same but publishes where it sleeps (an
 * id for the SharedArrayBuffer, posted once to the control worker, and the element index) in the
 * engine's flags. When an update request arrives, the control worker raises the flags and
 * notifies that address. The woken call asks the engine to capture the stack right there, as at
 * an update point: its caller is a compiled frame suspended in this call (a continuation point),
 * and the call itself becomes the top record, which re-issues the wait in the new version with
 * the time that was left. So a thread sleeping for an hour, or waiting on a futex nobody will
 * release soon, is updated within about a millisecond of the request.
 *
 * A wake-up is taken for restack's when an update request is pending and the value at the address
 * is still the one waited for; a program's own `Atomics.notify` that changes the value first (the
 * futex protocol) is returned as 'ok' as usual. When the stack cannot be captured there (the
 * caller is not compiled, or a frame on the stack refuses), the call goes back to sleep without
 * being woken again, and the update waits for it as for any other frame.
 */
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { NativeWorker } from './native.js';
import { Flag } from '../contract/index.js';
import { ArrayIsArray, defineElement, ObjectAssign, ObjectGetPrototypeOf, ObjectKeys, ownMap, ownSlice, ReflectApply, TypedArraySet, WeakMapGet, WeakMapSet } from './core/primordials.js';

/** What the engine offers a blocking call woken for an update. */
export interface BlockingHost {
  readonly S: Int32Array;
  /**
   * Captures the stack at the caller of `fn` (suspended in its call) if an update is due and the
   * stack can be captured: returns true, and every frame then unwinds as from an update point;
   * `reissue` runs in the new version in place of the interrupted call. False: go on blocking.
   */
  interruptCall(fn: Function, reissue: () => unknown): boolean;
}

const require = createRequire(import.meta.url);

/** Element kinds of the buffers posted to the control worker. */
const INT32 = 1;
const BIGINT64 = 2;

let installed: { original: typeof Atomics.wait } | null = null;

/** sleepOn's answer when the stack was captured in the call (the caller unwinds). */
const INTERRUPTED = 'interrupted';

/**
 * Replaces Atomics.wait (once per process). Each SharedArrayBuffer waited on is posted to the
 * control worker on `port` once, before the first wait on it.
 */
export function installBlockingCalls(host: BlockingHost, port: MessagePort): void {
  if (installed) return;
  const nativeWait = Atomics.wait;
  installed = { original: nativeWait };
  const S = host.S;
  const ids = new WeakMap<SharedArrayBuffer, number>();
  let nextId = 1;
  // The worker holds its copy of each buffer until the program's is collected (a sleep helper
  // makes a new buffer per call: they must not pile up there).
  const forget = new FinalizationRegistry<number>((id) => {
    try {
      port.postMessage({ type: 'wait-forget', id });
    } catch {
      // The channel is closed: the worker is gone with its copies.
    }
  });

  const idOf = (buffer: SharedArrayBuffer, kind: number): number => {
    let id = WeakMapGet(ids, buffer);
    if (id === undefined) {
      id = nextId++;
      WeakMapSet(ids, buffer, id);
      port.postMessage({ type: 'wait-buffer', id, kind, buffer });
      forget.register(buffer, id);
    }
    return id;
  };

  /**
   * Sleeps in the builtin until view[at] !== expected is notified, the deadline passes or an
   * update wakes it; an update it can take (the stack captured at the caller of `caller`, with
   * `reissue` in its place) gives INTERRUPTED. Once refused, it sleeps on unpublished.
   */
  const sleepOn = (view: Int32Array | BigInt64Array, id: number, at: number, expected: number | bigint, deadline: number,
    caller: Function, reissue: (left: number) => unknown): string => {
    let wakeable = true;
    for (;;) {
      const left = deadline - performance.now();
      if (left <= 0) return 'timed-out';
      const wakes = Atomics.load(S, Flag.wakes);
      let result: string;
      if (wakeable) {
        Atomics.store(S, Flag.waitIndex, at);
        Atomics.store(S, Flag.waitId, id);
        // An update requested before the address was published finds the flag raised here.
        result = Atomics.load(S, Flag.pending) !== 0 ? 'ok' : Reflect.apply(nativeWait, Atomics, [view, at, expected, left]) as string;
        Atomics.store(S, Flag.waitId, 0);
      } else {
        result = Reflect.apply(nativeWait, Atomics, [view, at, expected, left]) as string;
      }
      if (result !== 'ok') return result;
      const unchanged = Atomics.load(view as Int32Array, at) === expected;
      const ours = wakeable && Atomics.load(S, Flag.pending) !== 0 && unchanged;
      // Woken for another thread's update (the same address): not a wake-up of the program's.
      if (!ours && unchanged && Atomics.load(S, Flag.wakes) !== wakes) continue;
      if (!ours) return 'ok';
      const rest = deadline - performance.now();
      if (host.interruptCall(caller, () => reissue(rest))) return INTERRUPTED;
      // Not here: sleep on, and let the update wait for this call to return.
      wakeable = false;
    }
  };

  // The same name, length and receiver handling as the builtin (a method of Atomics, not a constructor).
  const wait = {
    wait(typedArray: Int32Array | BigInt64Array, index: number, value: number | bigint, timeout?: number): 'ok' | 'not-equal' | 'timed-out' {
      const kind = typedArray instanceof Int32Array ? INT32 : typedArray instanceof BigInt64Array ? BIGINT64 : 0;
      if (kind === 0) return Reflect.apply(nativeWait, Atomics, [typedArray, index, value, timeout]) as 'ok';
      // The builtin checks its arguments and compares the value: anything but a real wait is its
      // answer as it stands (errors included). A zero timeout does not sleep.
      const first = Reflect.apply(nativeWait, Atomics, [typedArray, index, value, 0]) as 'ok' | 'not-equal' | 'timed-out';
      if (first !== 'timed-out') return first;
      const t = timeout === undefined ? Infinity : Number(timeout);
      const ms = Number.isNaN(t) ? Infinity : Math.max(t, 0);
      if (ms === 0) return 'timed-out';
      const at = Math.trunc(Number(index));
      const expected = kind === INT32 ? Number(value) | 0 : BigInt.asIntN(64, BigInt(value));
      const id = idOf(typedArray.buffer as SharedArrayBuffer, kind);
      const r = sleepOn(typedArray, id, at, expected, performance.now() + ms, wait,
        (left) => Atomics.wait(typedArray as Int32Array, at, expected as number, left));
      // Interrupted: the caller unwinds and ignores the value; the wait is made again in its place.
      return (r === INTERRUPTED ? 'ok' : r) as 'ok' | 'not-equal' | 'timed-out';
    },
  }.wait;
  Object.defineProperty(Atomics, 'wait', { value: wait, writable: true, enumerable: false, configurable: true });
  installSyncJobs(idOf, sleepOn);
}

type SleepOn = (view: Int32Array, id: number, at: number, expected: number, deadline: number,
  caller: Function, reissue: (left: number) => unknown) => string;

/**
 * child_process's *Sync functions and fs.readSync of a pipe, a socket or a terminal block the
 * thread in a system call nothing can interrupt. They run instead on a helper thread
 * (syncWorker.ts) while this thread sleeps in sleepOn until the job is done: an update wakes it,
 * the stack is captured at the caller, and the new version's frame goes on waiting for the same
 * job (the command is not run twice, its result is not lost). Arguments that cannot be sent to
 * another thread (a stream in stdio, say) make the call run here as before.
 */
function installSyncJobs(idOf: (buffer: SharedArrayBuffer, kind: number) => number, sleepOn: SleepOn): void {
  let worker: { port: MessagePort; done: Int32Array; id: number } | null = null;
  let jobs = 0;
  const start = (): NonNullable<typeof worker> => {
    if (worker) return worker;
    const done = new Int32Array(new SharedArrayBuffer(4));
    const { port1, port2 } = new MessageChannel();
    const w = new NativeWorker(new URL('./syncWorker.js', import.meta.url), { workerData: { done: done.buffer, port: port2 }, transferList: [port2] });
    w.unref();
    port1.unref();
    worker = { port: port1, done, id: idOf(done.buffer as SharedArrayBuffer, INT32) };
    return worker;
  };

  /**
   * Waits for job `id`'s answer and returns complete(answer); INTERRUPTED when an update captured
   * the stack meanwhile: the frame rebuilt in the new version waits on for the same answer.
   */
  const awaitJob = (caller: Function, id: number, complete: (m: JobAnswer) => unknown): unknown => {
    const w = worker!;
    for (;;) {
      const seen = Atomics.load(w.done, 0);
      if (seen >= id) break;
      // Made again in the new version, the wait is this function (on the stack in its caller's
      // place, which is how a later update finds the frame waiting in it).
      const resume = (): unknown => {
        const again = awaitJob(resume, id, complete);
        return again === INTERRUPTED ? undefined : again;
      };
      const r = sleepOn(w.done, w.id, 0, seen, Infinity, caller, resume);
      if (r === INTERRUPTED) return INTERRUPTED;
    }
    const m = receiveMessageOnPort(w.port)?.message as JobAnswer | undefined;
    if (!m || m.id !== id) throw new Error(`restack: internal error: the answer of blocking call ${id} is missing`);
    return complete(m);
  };

  const wrap = <F extends (...args: never[]) => unknown>(target: Record<string, unknown>, module: string, name: string, routed: (args: unknown[]) => boolean): void => {
    const original = target[name] as F;
    const fn = {
      [name](this: unknown, ...args: unknown[]): unknown {
        if (!routed(args)) return ReflectApply(original, this, args);
        const w = start();
        const id = ++jobs;
        try {
          w.port.postMessage({ id, module, name, args: module === 'child_process' ? withEnv(args) : readJob(args) });
        } catch {
          jobs--;
          // Not transferable (a stream, a function): run here.
          return ReflectApply(original, this, args);
        }
        const r = awaitJob(fn, id, (m) => {
          if (!m.ok) throw revive(m.error);
          const value = buffers(m.value);
          return name === 'readSync' ? copyRead(args, value as Uint8Array) : value;
        });
        return r === INTERRUPTED ? undefined : r;
      },
    }[name];
    Object.defineProperty(fn, 'length', { value: original.length });
    target[name] = fn;
  };

  const cp = require('node:child_process') as Record<string, unknown>;
  for (const name of ['execSync', 'execFileSync', 'spawnSync']) wrap(cp, 'child_process', name, () => true);
  const fs = require('node:fs') as typeof import('node:fs') & Record<string, unknown>;
  wrap(fs, 'fs', 'readSync', (args) => {
    const fd = args[0];
    if (typeof fd !== 'number' || !ArrayBuffer.isView(args[1])) return false;
    try {
      const st = fs.fstatSync(fd);
      return st.isFIFO() || st.isSocket() || st.isCharacterDevice();
    } catch {
      return false;
    }
  });
  syncBuiltinESMExports();
}

/**
 * A child inherits the environment the program has now: the helper thread's copy of process.env
 * was taken when it started, so the program's is passed unless the call gives its own.
 */
function withEnv(given: unknown[]): unknown[] {
  let n = given.length;
  while (n > 0 && given[n - 1] === undefined) n--;
  const args = ownSlice(given, 0, n);
  const last = args.length ? args[args.length - 1] : undefined;
  if (last !== null && typeof last === 'object' && !ArrayIsArray(last)) {
    const options = last as { env?: unknown };
    if (options.env !== undefined) return args;
    defineElement(args, args.length - 1, { ...options, env: { ...process.env } });
    return args;
  }
  defineElement(args, args.length, { env: { ...process.env } });
  return args;
}

interface JobAnswer { id: number; ok: boolean; value?: unknown; error?: SentError }
interface SentError { name: string; message: string; stack?: string; props: Record<string, unknown> }

/** An error as thrown on the helper thread, with its own properties (code, status, stdout, ...). */
function revive(e: SentError | undefined): Error {
  const Ctor = (e && typeof (globalThis as Record<string, unknown>)[e.name] === 'function' ? (globalThis as Record<string, unknown>)[e.name] : Error) as ErrorConstructor;
  const err = new Ctor(e?.message ?? 'unknown error');
  if (e?.stack) err.stack = e.stack;
  if (e) ObjectAssign(err, buffers(e.props));
  return err;
}

/** Byte arrays come back from the helper thread as Uint8Arrays: they were Buffers there. */
function buffers(v: unknown): unknown {
  if (v instanceof Uint8Array && !Buffer.isBuffer(v)) return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  if (ArrayIsArray(v)) return ownMap(v as unknown[], buffers);
  if (v !== null && typeof v === 'object' && ObjectGetPrototypeOf(v) === Object.prototype) {
    const keys = ObjectKeys(v);
    for (let i = 0; i < keys.length; i++) (v as Record<string, unknown>)[keys[i]] = buffers((v as Record<string, unknown>)[keys[i]]);
  }
  return v;
}

interface ReadArgs { fd: number; target: ArrayBufferView; offset: number; length: number; position: number | bigint | null }

/** readSync(fd, buffer, offset?, length?, position?) or readSync(fd, buffer, { offset, length, position }). */
function readArgs(args: unknown[]): ReadArgs {
  const fd = args[0] as number;
  const target = args[1] as ArrayBufferView;
  const a = args[2];
  const b = args[3];
  const c = args[4];
  const options = typeof a === 'object' && a !== null ? a as { offset?: number; length?: number; position?: number | bigint | null } : null;
  const offset = Number(options ? options.offset ?? 0 : a ?? 0);
  const length = Number(options ? options.length ?? target.byteLength - offset : b ?? target.byteLength - offset);
  const position = (options ? options.position ?? null : c ?? null) as number | bigint | null;
  return { fd, target, offset, length, position };
}

/** What the helper thread reads: fd, how many bytes at most, from where (into a buffer of its own). */
function readJob(args: unknown[]): unknown[] {
  const r = readArgs(args);
  return [r.fd, r.length, r.position];
}

/** The bytes read on the helper thread go where the caller asked. */
function copyRead(args: unknown[], bytes: Uint8Array): number {
  const { target, offset } = readArgs(args);
  TypedArraySet(new Uint8Array(target.buffer, target.byteOffset, target.byteLength), bytes, offset);
  return bytes.length;
}
