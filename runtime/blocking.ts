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
import type { MessagePort } from 'node:worker_threads';
import { Flag } from '../contract/index.js';

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

/** Element kinds published in Flag.waitKind. */
const INT32 = 1;
const BIGINT64 = 2;

let installed: { original: typeof Atomics.wait } | null = null;

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
    let id = ids.get(buffer);
    if (id === undefined) {
      id = nextId++;
      ids.set(buffer, id);
      port.postMessage({ type: 'wait-buffer', id, kind, buffer });
      forget.register(buffer, id);
    }
    return id;
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
      const deadline = performance.now() + ms;
      const at = Math.trunc(Number(index));
      const expected = kind === INT32 ? Number(value) | 0 : BigInt.asIntN(64, BigInt(value));
      const id = idOf(typedArray.buffer as SharedArrayBuffer, kind);
      let wakeable = true;
      for (;;) {
        const left = deadline - performance.now();
        if (left <= 0) return 'timed-out';
        let result: string;
        if (wakeable) {
          Atomics.store(S, Flag.waitIndex, at);
          Atomics.store(S, Flag.waitId, id);
          // An update requested before the address was published finds the flag raised here.
          result = Atomics.load(S, Flag.pending) !== 0 ? 'ok' : Reflect.apply(nativeWait, Atomics, [typedArray, at, expected, left]) as string;
          Atomics.store(S, Flag.waitId, 0);
        } else {
          result = Reflect.apply(nativeWait, Atomics, [typedArray, at, expected, left]) as string;
        }
        if (result !== 'ok') return result as 'not-equal' | 'timed-out';
        const ours = wakeable && Atomics.load(S, Flag.pending) !== 0 && Atomics.load(typedArray as Int32Array, at) === expected;
        if (!ours) return 'ok';
        const rest = deadline - performance.now();
        if (host.interruptCall(wait, () => Atomics.wait(typedArray as Int32Array, at, expected as number, rest))) return 'ok';
        // Not here: sleep on, and let the update wait for this call to return.
        wakeable = false;
      }
    },
  }.wait;
  Object.defineProperty(Atomics, 'wait', { value: wait, writable: true, enumerable: false, configurable: true });
}
