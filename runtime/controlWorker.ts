/**
 * The control channel's worker thread (see control.ts): serves the Unix socket, hands each valid
 * request to the main thread (posts it, then raises the pending flag the update points read) and
 * writes the replies back to the client that asked.
 *
 * Protocol: one JSON object per line each way. Requests `{ id, type: 'update', patchDir, options }`
 * or `{ id, type: 'status' }`; replies `{ id, ok: true, result }` or `{ id, ok: false, error }`,
 * with the request's id (null when it had none or could not be read). A malformed line gets an
 * error reply; nothing a client sends can stop the program.
 */
import { chmodSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { workerData, type MessagePort } from 'node:worker_threads';
import { Flag } from '../contract/index.js';
import { preparePatch } from './patch.js';

const { flags, port, path } = workerData as { flags: SharedArrayBuffer; port: MessagePort; path: string };
const S = new Int32Array(flags);

/** Longest request line accepted. */
const MAX_LINE = 1 << 20;

/** Requests handed to the main thread and not answered yet, by the id given to the main thread. */
const waiting = new Map<number, { socket: Socket; id: unknown }>();
let nextId = 1;

function write(socket: Socket, reply: object): void {
  if (!socket.destroyed && socket.writable) socket.write(JSON.stringify(reply) + '\n');
}

/** Buffers the main thread waits on in Atomics.wait (runtime/blocking.ts), by id. */
const waitBuffers = new Map<number, Int32Array | BigInt64Array>();

/**
 * Wakes the main thread if it sleeps in Atomics.wait, so it takes the update raised in the flags.
 * It publishes the address before it checks the flags and sleeps, so a notify can come just
 * before it sleeps (or before its buffer's message got here): look again every millisecond while
 * it stays published with the update pending, 50 times at most (a call that cannot be captured
 * sleeps on unpublished).
 */
function wakeWaiter(tries = 0): void {
  const id = Atomics.load(S, Flag.waitId);
  if (id === 0 || Atomics.load(S, Flag.pending) === 0) return;
  const view = waitBuffers.get(id);
  if (view) Atomics.notify(view as Int32Array, Atomics.load(S, Flag.waitIndex));
  if (tries < 50) setTimeout(wakeWaiter, 1, tries + 1);
}

type PortMessage =
  | { type: 'wait-buffer'; id: number; kind: number; buffer: SharedArrayBuffer }
  | { type: 'wait-forget'; id: number }
  | { id: number; ok: boolean; result?: unknown; error?: string; type?: undefined };

port.on('message', (m: PortMessage) => {
  if (m.type === 'wait-buffer') {
    waitBuffers.set(m.id, m.kind === 2 ? new BigInt64Array(m.buffer) : new Int32Array(m.buffer));
    return;
  }
  if (m.type === 'wait-forget') {
    waitBuffers.delete(m.id);
    return;
  }
  const w = waiting.get(m.id);
  if (!w) return;
  waiting.delete(m.id);
  write(w.socket, m.ok ? { id: w.id, ok: true, result: m.result } : { id: w.id, ok: false, error: m.error });
});

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function request(socket: Socket, line: string): void {
  let req: unknown;
  try {
    req = JSON.parse(line);
  } catch {
    write(socket, { id: null, ok: false, error: 'malformed request: not JSON' });
    return;
  }
  if (!isObject(req)) {
    write(socket, { id: null, ok: false, error: 'malformed request: expected a JSON object' });
    return;
  }
  const clientId = req.id ?? null;
  const fail = (error: string): void => write(socket, { id: clientId, ok: false, error });
  if (req.type !== 'update' && req.type !== 'status') {
    fail(`unknown request type ${JSON.stringify(req.type) ?? 'undefined'} (expected 'update' or 'status')`);
    return;
  }
  if (req.type === 'update' && (typeof req.patchDir !== 'string' || !req.patchDir)) {
    fail('an update request needs patchDir (a non-empty string)');
    return;
  }
  if (req.options !== undefined && !isObject(req.options)) {
    fail('options must be a JSON object');
    return;
  }
  const id = nextId++;
  waiting.set(id, { socket, id: clientId });
  // The bundle is read here, with code caches for the main thread: at the update point the main
  // thread only compiles it (a busy program stops for that, not for the disk and the parse). The
  // request counts as received when it is handed over; the reading time travels with the bundle.
  const prepared = req.type === 'update' ? preparePatch(req.patchDir as string) : undefined;
  const receivedAt = performance.timeOrigin + performance.now();
  // Posted first: when the main thread sees the flags, the message is there to take. Remote before
  // pending: the engine clears pending and then reads remote (see Engine.refreshPending).
  port.postMessage({ id, type: req.type, patchDir: req.patchDir, options: req.options ?? {}, receivedAt, prepared });
  Atomics.store(S, Flag.remote, 1);
  Atomics.store(S, Flag.pending, 1);
  wakeWaiter();
}

const server = createServer((socket) => {
  let buffer = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
      const line = buffer.slice(0, i).trim();
      buffer = buffer.slice(i + 1);
      if (line) request(socket, line);
    }
    if (buffer.length > MAX_LINE) {
      write(socket, { id: null, ok: false, error: `malformed request: a line longer than ${MAX_LINE} bytes` });
      socket.end();
      buffer = '';
    }
  });
  socket.on('error', () => {});
  socket.on('close', () => {
    for (const [id, w] of waiting) if (w.socket === socket) waiting.delete(id);
  });
});
server.on('error', (e) => port.postMessage({ control: 'error', message: e.message }));
server.listen(path, () => {
  // The directory (0700) is the access control; the socket's own mode is a second fence.
  try {
    chmodSync(path, 0o600);
  } catch (e) {
    port.postMessage({ control: 'error', message: `chmod 600 failed: ${(e as Error).message}` });
    server.close();
    return;
  }
  port.postMessage({ control: 'listening' });
});
