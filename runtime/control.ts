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
import { lstatSync, mkdirSync, readdirSync, unlinkSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import type { Engine } from './engine.js';
import { linkThread, type ControlHandlers, type Link } from './link.js';
import { NativeWorker } from './native.js';

export type { ControlHandlers, UpdateRequest } from './link.js';

/** Longest socket path: sun_path holds 108 bytes with the terminating NUL on Linux, 104 elsewhere. */
export const MAX_SOCKET_PATH = process.platform === 'linux' ? 107 : 103;

/** A problem with the control channel itself (its directory, its socket), not with the program. */
export class ControlError extends Error {
  override name = 'ControlError';
}

export interface Control {
  /** The socket's path; empty when the channel has no socket (it only coordinates threads). */
  socketPath: string;
  /** The main thread's link to the coordinator. */
  link: Link;
  /** Settles when the socket accepts connections; rejects (a ControlError) if it cannot be opened. */
  ready: Promise<void>;
  /**
   * A child process's: the version its parent runs, which the child starts on (null: the
   * program's own files). Known once ready.
   */
  version: { label: string; dir: string } | null;
  close(): void;
}

export interface ControlOptions {
  /**
   * The caller does not wait for `ready` (`restack run`: the program starts at once): the channel
   * does not keep the process alive while its thread starts either.
   */
  background?: boolean;
  /** The socket directory (default: controlDir(), created and checked). */
  dir?: string;
  /**
   * Listen on a socket (default true). Without one the channel only coordinates the process's
   * threads: a program that starts workers without `restack run`'s control socket.
   */
  socket?: boolean;
  /**
   * The parent's control socket (a child process forked under restack, processes.ts): the
   * coordinator joins the parent's, which then takes this process into its updates.
   */
  parent?: string;
}

let running: Control | null = null;

/** The process's control channel, if one runs (its worker coordinates the threads). */
export function processControl(): Control | null {
  return running;
}

function uid(): number {
  return process.getuid?.() ?? userInfo().uid;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * The socket of a channel that was started without one (it only coordinated threads), opened now
 * because the process forks children that must reach it: returns its path. The children retry
 * while it is not listening yet.
 */
export function listenForChildren(): string {
  if (!running) throw new ControlError('the control channel is not running');
  if (running.socketPath) return running.socketPath;
  const path = socketPathOf(checkControlDir(controlDir(), { create: true }));
  running.socketPath = path;
  running.link.post({ type: 'listen', path });
  process.on('exit', () => removeSocket(path));
  return path;
}

/** This process's socket in dir, checked for length, with stale sockets there removed. */
function socketPathOf(dir: string): string {
  const path = socketPathFor(process.pid, dir);
  if (Buffer.byteLength(path) > MAX_SOCKET_PATH) {
    throw new ControlError(`the control socket path ${path} is ${Buffer.byteLength(path)} bytes, more than a Unix socket address holds (${MAX_SOCKET_PATH}); set XDG_RUNTIME_DIR to a shorter directory`);
  }
  removeStaleSockets(dir);
  // One with our own pid can only be left by a dead process.
  removeSocket(path);
  return path;
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

/**
 * Removes the sockets of processes that died without removing theirs (killed by a signal, crashed),
 * and the decision records of the process-tree updates they led (decisionRecord.ts).
 */
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
    // One with our own pid was left by a dead process that had it: this one has led no round yet,
    // and its first would otherwise find that record already claimed.
    const r = /^(\d+)\.\d+\.decision$/.exec(name);
    if (r && (Number(r[1]) === process.pid || !isAlive(Number(r[1])))) {
      try {
        unlinkSync(join(dir, name));
      } catch {
        // Removed by another process starting now.
      }
    }
  }
}

/**
 * Starts the control channel: checks (or creates) the socket directory, starts the worker that
 * listens on `<dir>/<pid>.sock`, and takes requests at update points and from the event loop.
 */
export function startControl(engine: Engine, handlers: ControlHandlers, options: ControlOptions = {}): Control {
  if (running) throw new ControlError('the control channel is already running in this process');
  const listen = options.socket !== false;
  let path = '';
  if (listen) {
    path = socketPathOf(checkControlDir(options.dir ?? controlDir(), { create: true }));
  }

  const { port1: port, port2 } = new MessageChannel();
  const worker = new NativeWorker(new URL('./controlWorker.js', import.meta.url), {
    workerData: { flags: engine.S.buffer, port: port2, path: listen ? path : null, parent: options.parent ?? null },
    transferList: [port2],
  });
  worker.unref();

  let settle: { resolve: () => void; reject: (e: Error) => void } | null = null;
  const ready = new Promise<void>((resolve, reject) => { settle = { resolve, reject }; });
  let stopped = false;
  const cleanup = (): void => { if (listen) removeSocket(path); };
  const stop = (why: string | null): void => {
    if (stopped) return;
    stopped = true;
    if (running === control) running = null;
    link.close();
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

  const link = linkThread(engine, port, handlers, (n) => {
    if (n.control === 'listening') {
      control.version = n.version ?? null;
      if (n.warning) process.stderr.write(`restack: ${n.warning}\n`);
      settle?.resolve();
      settle = null;
    } else {
      stop(listen ? `the control socket ${path} could not be opened: ${n.message}` : `the control channel could not start: ${n.message}`);
    }
  });
  worker.on('error', (e) => stop(`the control channel stopped: ${messageOf(e)}`));
  worker.on('exit', () => stop(stopped ? null : 'the control channel stopped'));
  // Once the socket listens, the channel never keeps the program alive. Until then it does, so
  // that a wait for `ready` (a forked child learning which version to start on) is one the
  // process stays alive for; with `background`, not even then.
  if (options.background) port.unref();
  else ready.then(() => port.unref(), () => port.unref());
  process.on('exit', cleanup);
  const control: Control = { socketPath: path, link, ready, version: null, close: () => stop(null) };
  running = control;
  return control;
}
