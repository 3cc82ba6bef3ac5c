/**
 * The control channel's worker thread: serves the Unix socket, hands each request to the main
 * thread (post, then raise the pending flag the update points read) and writes the replies back.
 * Protocol: one JSON object per line each way; requests `{ id, type: 'update', patchDir,
 * options }` or `{ id, type: 'status' }`, replies `{ id, ok, result }` or `{ id, ok: false, error }`.
 */
import { chmodSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { workerData, type MessagePort } from 'node:worker_threads';

const { flags, port, path } = workerData as { flags: SharedArrayBuffer; port: MessagePort; path: string };
const S = new Int32Array(flags);
const PENDING = 0;
const waiting = new Map<number, { socket: Socket; id: unknown }>();
let next = 1;

port.on('message', (m: { id: number; ok: boolean; result?: unknown; error?: string }) => {
  const w = waiting.get(m.id);
  if (!w) return;
  waiting.delete(m.id);
  if (!w.socket.destroyed) w.socket.write(JSON.stringify({ ...m, id: w.id }) + '\n');
});

function request(socket: Socket, line: string): void {
  let req: { id?: unknown; type?: unknown; patchDir?: unknown; options?: unknown };
  try {
    req = JSON.parse(line) as typeof req;
  } catch {
    socket.write(JSON.stringify({ id: null, ok: false, error: 'malformed request: not JSON' }) + '\n');
    return;
  }
  const fail = (error: string): void => { socket.write(JSON.stringify({ id: req?.id ?? null, ok: false, error }) + '\n'); };
  if (!req || typeof req !== 'object') return fail('malformed request: expected an object');
  if (req.type !== 'update' && req.type !== 'status') return fail(`unknown request type ${JSON.stringify(req.type)} (expected 'update' or 'status')`);
  if (req.type === 'update' && (typeof req.patchDir !== 'string' || !req.patchDir)) return fail('an update request needs patchDir (a string)');
  const options = req.options && typeof req.options === 'object' ? req.options : {};
  const id = next++;
  waiting.set(id, { socket, id: req.id ?? null });
  // Post first: when the main thread sees the flag, the message is there to take.
  port.postMessage({ id, type: req.type, patchDir: req.patchDir, options, receivedAt: performance.timeOrigin + performance.now() });
  Atomics.store(S, PENDING, 1);
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
    if (buffer.length > 1 << 20) socket.destroy();
  });
  socket.on('error', () => {});
});
server.on('error', (e) => port.postMessage({ control: 'error', message: e.message }));
server.listen(path, () => {
  chmodSync(path, 0o600);
  port.postMessage({ control: 'listening' });
});
