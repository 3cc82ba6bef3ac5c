/**
 * A thread's link to the process's coordinator (the control worker, controlWorker.ts): one
 * MessagePort per thread, the main thread's and each worker thread's.
 *
 * Requests reach a thread that never returns to its event loop: the coordinator posts them on the
 * port and only then raises the thread's flags (S[remote], S[pending]), which every update point
 * reads; the engine calls the poll installed here, which takes the requests with
 * receiveMessageOnPort and runs the handlers right there, at the update point. An idle thread
 * takes them through the port's message event instead: whichever sees a message first handles it.
 * Replies are posted synchronously, so the coordinator gets a report while the thread is still
 * deep in its loop.
 *
 * The other way, a thread asks the coordinator (`ask`): a new worker which version to start on,
 * the program's own `update()` call when the process has worker threads.
 */
import { receiveMessageOnPort, type MessagePort, type Transferable } from 'node:worker_threads';
import { installBlockingCalls } from './blocking.js';
import type { Engine } from './engine.js';
import { awaitHanded, type GroupRole } from './group.js';
import { unpackPatch, type PreparedPatch } from './patch.js';
import { MapClear, MapDelete, MapGet, MapSet, mapValues } from './core/primordials.js';

export interface UpdateRequest {
  /**
   * When the coordinator handed the request over, absolute ms (performance.timeOrigin +
   * performance.now() there): after it read the bundle (prepared.data.readMs).
   */
  receivedAt: number;
  /** The client's options, as sent (the handler validates them). */
  options: Record<string, unknown>;
  /**
   * The bundle, read off this thread by the coordinator (with V8 code caches), or why it could not
   * be read: the handler then only compiles it, and the program stops for less.
   */
  prepared?: PreparedPatch;
  /** This thread's part in an update of all the process's threads. */
  group?: GroupRole;
}

export interface ControlHandlers {
  /**
   * Applies the patch in patchDir; resolves with the report (an UpdateReport) whether applied or
   * rolled back. May be called at an update point deep in a busy loop (synchronously from the
   * poll) or from the event loop. In a busy loop a promise does not settle until the loop ends:
   * a handler that can finish synchronously calls `reply` with the report as soon as it has it,
   * which answers at once (the promise's value is then ignored).
   */
  update(patchDir: string, request: UpdateRequest, reply: (result: unknown) => void): Promise<unknown>;
  /** The program's status: version, modules, what is live. Called synchronously. */
  status(): unknown;
}

/** A request as the coordinator hands it over (already validated there). */
export interface LinkRequest {
  id: number;
  type: 'update' | 'status';
  patchDir?: string;
  options: Record<string, unknown>;
  receivedAt: number;
  prepared?: PreparedPatch;
  /** The same, packed once for many threads (patch.ts packPatch). */
  packed?: SharedArrayBuffer;
  group?: GroupRole;
}

/** The coordinator's answer to something this thread asked. */
interface Answer { answer: number; ok: boolean; result?: unknown; error?: string }

/** What else the coordinator may post (the main thread's channel reports on its socket). */
export type ControlNotice =
  | { control: 'listening'; version?: { label: string; dir: string } | null; warning?: string }
  | { control: 'error'; message: string };

type Incoming = LinkRequest | Answer | ControlNotice;

export interface Link {
  port: MessagePort;
  /** Asks the coordinator; resolves with its answer (rejects with its error). */
  ask(message: Record<string, unknown>, transfer?: Transferable[]): Promise<unknown>;
  /** Posts to the coordinator without waiting for anything. */
  post(message: Record<string, unknown>, transfer?: Transferable[]): void;
  /** Stops taking requests. */
  close(): void;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Passes what `pending` settles to to onFulfilled or onRejected, as `pending.then` would. An await
 * of a promise calls neither its `then` nor the `Promise[Symbol.species]` getter, both of which the
 * program may have replaced.
 */
async function whenSettled(pending: PromiseLike<unknown>, onFulfilled: (v: unknown) => void, onRejected: (e: unknown) => void): Promise<void> {
  let value: unknown;
  try {
    value = await pending;
  } catch (e) {
    onRejected(e);
    return;
  }
  onFulfilled(value);
}

/**
 * Takes the coordinator's requests on `port` for this thread's engine: at update points (poll) and
 * from the event loop. `notice` receives the control notices (the main thread's socket).
 */
export function linkThread(engine: Engine, port: MessagePort, handlers: ControlHandlers, notice?: (n: ControlNotice) => void): Link {
  const send = (id: number, ok: boolean, value: unknown): void => {
    try {
      port.postMessage(ok ? { id, ok, result: value } : { id, ok, error: String(value) });
    } catch (e) {
      // The result could not be cloned (a handler returned a function, say): still answer.
      port.postMessage({ id, ok: false, error: `the answer could not be sent: ${messageOf(e)}` });
    }
  };

  const handle = (req: LinkRequest): void => {
    let answered = false;
    const answer = (ok: boolean, value: unknown): void => {
      if (answered) return;
      answered = true;
      send(req.id, ok, value);
    };
    try {
      if (req.type === 'status') {
        answer(true, handlers.status());
        return;
      }
      const prepared = req.packed ? unpackPatch(req.packed) : req.prepared;
      const request: UpdateRequest = { receivedAt: req.receivedAt, options: req.options, prepared, group: req.group };
      const pending = handlers.update(req.patchDir as string, request, (result) => answer(true, result));
      if (pending && typeof pending.then === 'function') void whenSettled(pending, (result) => answer(true, result), (e: unknown) => answer(false, messageOf(e)));
    } catch (e) {
      answer(false, messageOf(e));
    }
  };

  const asked = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextAsk = 1;

  const take = (m: Incoming): void => {
    // Runs inside the program (at an update point, or as an event): nothing may escape.
    try {
      if ('control' in m) {
        notice?.(m);
        return;
      }
      if ('answer' in m) {
        const waiter = MapGet(asked, m.answer);
        MapDelete(asked, m.answer);
        if (m.ok) waiter?.resolve(m.result);
        else waiter?.reject(new Error(m.error));
        return;
      }
      handle(m);
    } catch (e) {
      process.stderr.write(`restack: a control request failed: ${messageOf(e)}\n`);
    }
  };
  const drain = (): void => {
    for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) take(m.message as Incoming);
  };

  engine.setPoll(drain);
  engine.onRefusal = (why) => {
    try {
      port.postMessage({ type: 'refused', why });
    } catch {
      // The coordinator is gone.
    }
  };
  // Taken by the event loop: the thread noticed the request when the message was dispatched (the
  // bundle it carries is unpacked after that, in the pause).
  port.on('message', (m: Incoming) => {
    if (engine.seenAt === undefined && 'type' in m && m.type === 'update' && m.group) awaitHanded(m.group.buffer, 50);
    engine.noticing(() => take(m));
  });
  // A thread asleep in Atomics.wait is woken for an update (blocking.ts).
  installBlockingCalls(engine, port);
  let closed = false;
  return {
    port,
    ask(message, transfer = []) {
      const ask = nextAsk++;
      return new Promise((resolve, reject) => {
        MapSet(asked, ask, { resolve, reject });
        port.postMessage({ ...message, ask }, transfer);
      });
    },
    post(message, transfer = []) {
      port.postMessage(message, transfer);
    },
    close() {
      if (closed) return;
      closed = true;
      engine.setPoll(null);
      engine.onRefusal = null;
      port.close();
      const waiters = mapValues(asked);
      for (let i = 0; i < waiters.length; i++) waiters[i].reject(new Error('the control channel stopped'));
      MapClear(asked);
    },
  };
}
