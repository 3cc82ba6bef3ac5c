/**
 * The control channel of `restack run`, main-thread side: a worker thread (controlWorker.ts) owns a
 * Unix domain socket; `restack update <pid> <patchDir>` and `restack status <pid>` talk to it.
 *
 * A request must reach a program stuck in a CPU-bound loop that never returns to the event loop.
 * The worker posts each request on a MessagePort and only then raises the engine's pending flag
 * (S[0], shared memory), which every update point reads with a plain load; the engine clears it
 * and calls the poll function installed here, which takes the requests with receiveMessageOnPort
 * and runs the handlers right there, at the update point. An idle program takes them through the
 * port's message event instead: whichever sees a message first handles it. Replies are posted
 * synchronously as well, so `restack update` gets its report while the program is still deep in
 * its loop. The channel never keeps the program alive (worker and port are unreferenced).
 *
 * Access control: Node cannot ask a Unix socket for its peer's credentials (no SO_PEERCRED), so
 * anyone who can connect is trusted. The socket therefore lives in a directory only its owner can
 * enter: `$XDG_RUNTIME_DIR/restack-<uid>/` (or the temporary directory when XDG_RUNTIME_DIR is not
 * set), created with mode 0700; an existing one is used only if it is a real directory (not a
 * symbolic link) owned by this user with no group or other permission bits. The socket file,
 * `<pid>.sock`, is 0600 as well.
 */
import type { PreparedPatch } from './patch.js';
import { lstatSync, mkdirSync, readdirSync, unlinkSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { installBlockingCalls } from './blocking.js';
import type { Engine } from './engine.js';

/** Longest socket path: sun_path holds 108 bytes with the terminating NUL on Linux, 104 elsewhere. */
export const MAX_SOCKET_PATH = process.platform === 'linux' ? 107 : 103;

/** A problem with the control channel itself (its directory, its socket), not with the program. */
export class ControlError extends Error {
  override name = 'ControlError';
}

export interface UpdateRequest {
  /**
   * When the worker handed the request over, absolute ms (performance.timeOrigin + performance.now()
   * in the worker): after it read the bundle (prepared.data.readMs).
   */
  receivedAt: number;
  /** The client's options, as sent (the handler validates them). */
  options: Record<string, unknown>;
  /**
   * The bundle, read off the main thread by the worker (with V8 code caches), or why it could not
   * be read: the handler then only compiles it, and the program stops for less.
   */
  prepared?: PreparedPatch;
}

export interface ControlHandlers {
  /**
   * Applies the patch in patchDir; resolves with the report (an UpdateReport) whether applied or
   * rolled back. May be called at an update point deep in a busy loop (synchronously from the
   * poll) or from the event loop. In a busy loop a promise does not settle until the loop ends:
   * a handler that can finish synchronously calls `reply` with the report as soon as it has it,
   * which answers the client at once (the promise's value is then ignored).
   */
  update(patchDir: string, request: UpdateRequest, reply: (result: unknown) => void): Promise<unknown>;
  /** The program's status: version, modules, what is live. Called synchronously. */
  status(): unknown;
}

export interface Control {
  socketPath: string;
  /** Settles when the socket accepts connections; rejects (a ControlError) if it cannot be opened. */
  ready: Promise<void>;
  close(): void;
}

export interface ControlOptions {
  /** The socket directory (default: controlDir(), created and checked). */
  dir?: string;
}

/** A request as the worker hands it over (already validated there). */
interface WorkerRequest {
  id: number;
  type: 'update' | 'status';
  patchDir?: string;
  options: Record<string, unknown>;
  receivedAt: number;
  prepared?: UpdateRequest['prepared'];
}

type WorkerMessage = WorkerRequest | { control: 'listening' } | { control: 'error'; message: string };

function uid(): number {
  return process.getuid?.() ?? userInfo().uid;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** This user's socket directory (not created, not checked). An empty XDG_RUNTIME_DIR counts as unset. */
export function controlDir(): string {
  return join(process.env.XDG_RUNTIME_DIR || tmpdir(), `restack-${uid()}`);
}

/**
 * Checks that `dir` is a real directory owned by this user that nobody else can enter, creating it
 * (0700) first when asked. Returns `dir`; throws a ControlError saying what is wrong.
 */
export function checkControlDir(dir: string, options: { create?: boolean } = {}): string {
  if (options.create) {
    try {
      mkdirSync(dir, { mode: 0o700 });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new ControlError(`cannot create the control socket directory ${dir}: ${messageOf(e)}`);
    }
  }
  const refuse = (why: string): never => {
    throw new ControlError(`${dir} ${why}: refusing to use it for control sockets`);
  };
  let st;
  try {
    st = lstatSync(dir);
  } catch (e) {
    throw new ControlError(`cannot read the control socket directory ${dir}: ${messageOf(e)}`);
  }
  if (st.isSymbolicLink()) refuse('is a symbolic link');
  if (!st.isDirectory()) refuse('is not a directory');
  if (st.uid !== uid()) refuse(`belongs to uid ${st.uid}, not to this user (uid ${uid()})`);
  if ((st.mode & 0o077) !== 0) refuse(`can be used by other users (mode ${(st.mode & 0o777).toString(8)}; it must be 700)`);
  return dir;
}

/** The socket of process `pid` in `dir`. */
export function socketPathFor(pid: number, dir = controlDir()): string {
  return join(dir, `${pid}.sock`);
}

/** Whether a process with this pid exists (possibly another user's). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes `path` if it is a socket; true if it was removed. */
export function removeSocket(path: string): boolean {
  try {
    if (!lstatSync(path).isSocket()) return false;
    unlinkSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Removes the sockets of processes that died without removing theirs (killed by a signal, crashed). */
export function removeStaleSockets(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = /^(\d+)\.sock$/.exec(name);
    if (m && Number(m[1]) !== process.pid && !isAlive(Number(m[1]))) removeSocket(join(dir, name));
  }
}

/**
 * Starts the control channel: checks (or creates) the socket directory, starts the worker that
 * listens on `<dir>/<pid>.sock`, and takes requests at update points and from the event loop.
 */
export function startControl(engine: Engine, handlers: ControlHandlers, options: ControlOptions = {}): Control {
  const dir = checkControlDir(options.dir ?? controlDir(), { create: true });
  const path = socketPathFor(process.pid, dir);
  if (Buffer.byteLength(path) > MAX_SOCKET_PATH) {
    throw new ControlError(`the control socket path ${path} is ${Buffer.byteLength(path)} bytes, more than a Unix socket address holds (${MAX_SOCKET_PATH}); set XDG_RUNTIME_DIR to a shorter directory`);
  }
  removeStaleSockets(dir);
  // One with our own pid can only be left by a dead process.
  removeSocket(path);

  const { port1: port, port2 } = new MessageChannel();
  const worker = new Worker(new URL('./controlWorker.js', import.meta.url), {
    workerData: { flags: engine.S.buffer, port: port2, path },
    transferList: [port2],
  });
  worker.unref();

  const send = (id: number, ok: boolean, value: unknown): void => {
    try {
      port.postMessage(ok ? { id, ok, result: value } : { id, ok, error: String(value) });
    } catch (e) {
      // The result could not be cloned (a handler returned a function, say): still answer.
      port.postMessage({ id, ok: false, error: `the answer could not be sent: ${messageOf(e)}` });
    }
  };

  const handle = (req: WorkerRequest): void => {
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
      const pending = handlers.update(req.patchDir as string, { receivedAt: req.receivedAt, options: req.options, prepared: req.prepared }, (result) => answer(true, result));
      if (pending && typeof pending.then === 'function') pending.then((result) => answer(true, result), (e: unknown) => answer(false, messageOf(e)));
    } catch (e) {
      answer(false, messageOf(e));
    }
  };

  let settle: { resolve: () => void; reject: (e: Error) => void } | null = null;
  const ready = new Promise<void>((resolve, reject) => { settle = { resolve, reject }; });
  let stopped = false;
  const cleanup = (): void => { removeSocket(path); };
  const stop = (why: string | null): void => {
    if (stopped) return;
    stopped = true;
    engine.setPoll(null);
    port.close();
    void worker.terminate();
    cleanup();
    process.off('exit', cleanup);
    if (why === null) return;
    if (settle) {
      settle.reject(new ControlError(why));
      settle = null;
    } else {
      process.stderr.write(`restack: ${why}\n`);
    }
  };

  const take = (m: WorkerMessage): void => {
    // Runs inside the program (at an update point, or as an event): nothing may escape.
    try {
      if ('control' in m) {
        if (m.control === 'listening') {
          settle?.resolve();
          settle = null;
        } else {
          stop(`the control socket ${path} could not be opened: ${m.message}`);
        }
        return;
      }
      handle(m);
    } catch (e) {
      process.stderr.write(`restack: a control request failed: ${messageOf(e)}\n`);
    }
  };
  const drain = (): void => {
    for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) take(m.message as WorkerMessage);
  };

  engine.setPoll(drain);
  port.on('message', take);
  // A thread asleep in Atomics.wait is woken for an update (blocking.ts).
  installBlockingCalls(engine, port);
  worker.on('error', (e) => stop(`the control channel stopped: ${messageOf(e)}`));
  worker.on('exit', () => stop(stopped ? null : 'the control channel stopped'));
  // The port is referenced until the socket listens (run.ts waits for that before starting the
  // program); from then on the channel never keeps the program alive.
  ready.then(() => port.unref(), () => {});
  process.on('exit', cleanup);
  return { socketPath: path, ready, close: () => stop(null) };
}
