/**
 * The control channel of `restack run` (main-thread side): a worker thread owns a Unix domain
 * socket; `restack update <pid> <patchDir>` and `restack status <pid>` talk to it.
 *
 * A request must reach a program stuck in a CPU-bound loop that never returns to the event loop:
 * the worker posts it on a MessagePort and then raises the engine's pending flag (shared memory),
 * which every update point reads; the engine then calls `drain` synchronously at that update
 * point, which takes the request with receiveMessageOnPort. An idle program gets it through the
 * port's message event. Replies go back synchronously too (postMessage), so `restack update` gets
 * its report while the program is still deep in its loop.
 *
 * Access control: Node cannot read a Unix socket peer's credentials (no SO_PEERCRED), so the
 * socket lives in a directory that only the owner can enter (created 0700; an existing one must be
 * a real directory owned by this user with no group or other permissions, or the channel refuses
 * to start), and the socket itself is 0600.
 */
import { lstatSync, mkdirSync, unlinkSync, existsSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { Engine } from './engine.js';
import { requestUpdateTo, status } from './index.js';

/** Longest path a Unix socket address holds on Linux (sun_path is 108 bytes with its NUL). */
const MAX_SOCKET_PATH = 107;

export interface ChannelRequest {
  id: number;
  type: 'update' | 'status';
  patchDir?: string;
  options?: { timeoutMs?: number; label?: string };
  /** ms since the epoch when the worker read the request. */
  receivedAt: number;
}

/** The directory of control sockets of this user (created 0700), checked. */
export function socketDir(): string {
  const uid = process.getuid?.() ?? userInfo().uid;
  const dir = join(process.env.XDG_RUNTIME_DIR || tmpdir(), `restack-${uid}`);
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  const st = lstatSync(dir);
  if (!st.isDirectory()) throw new Error(`restack: ${dir} is not a directory (a symbolic link?): refusing to put the control socket there`);
  if (st.uid !== uid) throw new Error(`restack: ${dir} belongs to uid ${st.uid}, not to this user: refusing to put the control socket there`);
  if ((st.mode & 0o077) !== 0) throw new Error(`restack: ${dir} can be entered by other users (mode ${(st.mode & 0o777).toString(8)}): refusing to put the control socket there; make it 0700`);
  return dir;
}

export function socketPathFor(pid: number, dir = socketDir()): string {
  return join(dir, `${pid}.sock`);
}

export interface Channel {
  socketPath: string;
  /** Settles when the socket accepts connections (or could not be opened). */
  ready: Promise<void>;
  close(): void;
}

export function startChannel(engine: Engine): Channel {
  const path = socketPathFor(process.pid);
  if (Buffer.byteLength(path) > MAX_SOCKET_PATH) {
    throw new Error(`restack: the control socket path ${path} is longer than ${MAX_SOCKET_PATH} bytes; set XDG_RUNTIME_DIR to a shorter directory`);
  }
  if (existsSync(path)) unlinkSync(path); // a socket of a dead process with our pid
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(new URL('./channelWorker.js', import.meta.url), {
    workerData: { flags: engine.S.buffer, port: port2, path },
    transferList: [port2],
  });
  worker.unref();
  const reply = (port: MessagePort, id: number, ok: boolean, value: unknown): void => {
    port.postMessage(ok ? { id, ok, result: value } : { id, ok, error: String(value) });
  };
  const handle = (req: ChannelRequest): void => {
    try {
      if (req.type === 'status') return reply(port1, req.id, true, status());
      requestUpdateTo(String(req.patchDir), { ...req.options, receivedAt: req.receivedAt, loadInPause: true }, (report) => reply(port1, req.id, true, report));
    } catch (e) {
      reply(port1, req.id, false, (e as Error)?.message ?? e);
    }
  };
  let settle: { resolve: () => void; reject: (e: Error) => void } | null = null;
  const ready = new Promise<void>((resolve, reject) => { settle = { resolve, reject }; });
  const take = (m: ChannelRequest | { control: string; message?: string }): void => {
    if ('control' in m) {
      if (m.control === 'listening') settle?.resolve();
      else settle?.reject(new Error(`restack: the control socket ${path} could not be opened: ${m.message}`));
      settle = null;
      return;
    }
    handle(m);
  };
  const drain = (): void => {
    for (let m = receiveMessageOnPort(port1); m; m = receiveMessageOnPort(port1)) take(m.message as ChannelRequest);
  };
  engine.setPoll(drain);
  port1.on('message', take);
  // Referenced until the socket listens (run.ts waits for it), then the channel never keeps the
  // program alive.
  ready.then(() => port1.unref(), () => port1.unref());
  const cleanup = (): void => {
    try {
      unlinkSync(path);
    } catch {
      // already gone
    }
  };
  process.on('exit', cleanup);
  return {
    socketPath: path,
    ready,
    close: () => {
      engine.setPoll(null);
      port1.close();
      void worker.terminate();
      cleanup();
      process.off('exit', cleanup);
    },
  };
}
