/**
 * Bounds on what clients of the control socket can hold in the program (controlWorker.ts): no
 * request and no number of connections may exhaust its memory or leave the channel unable to
 * answer. Only the socket's owner can connect (control.ts), so these guard against a client that
 * misbehaves (a stuck script, a loop that connects and never sends), not against a stranger.
 *
 * - A request line is at most MAX_LINE bytes (readLines drops a longer one and closes).
 * - At most MAX_CLIENTS client connections are open. A new one beyond that closes the client that
 *   has been idle longest (no request in flight), so idle connections never lock out a status
 *   request; if every client has a request in flight, the new connection is refused.
 * - A client has at most MAX_IN_FLIGHT requests in flight; more get an error reply.
 * - A client with nothing in flight that has not completed a request for IDLE_MS (it sent nothing,
 *   or only part of a line) is closed.
 * - A client that does not read its replies is closed once MAX_UNREAD bytes wait for it.
 *
 * A child process's coordinator (processes.ts) holds its connection for its whole life and is
 * counted apart: it is exempt from these limits once it said it is a child.
 */
import type { Socket } from 'node:net';

/** Longest request line accepted. */
export const MAX_LINE = 1 << 20;
export const MAX_CLIENTS = 32;
export const MAX_IN_FLIGHT = 8;
export const IDLE_MS = 10_000;
export const MAX_UNREAD = 16 << 20;

interface Client {
  socket: Socket;
  inFlight: number;
  /** When it connected, or last completed a request or got a reply. */
  active: number;
}

const clients = new Map<Socket, Client>();

function refuse(socket: Socket, error: string): void {
  if (!socket.destroyed && socket.writable) socket.end(JSON.stringify({ id: null, ok: false, error }) + '\n');
  // A client that does not read is not waited for.
  setTimeout(() => socket.destroy(), 1000).unref();
}

/**
 * Admits a new connection, closing the longest-idle client to make room when needed; false when
 * the connection was refused (every client has a request in flight).
 */
export function admit(socket: Socket): boolean {
  if (clients.size >= MAX_CLIENTS) {
    let idlest: Client | null = null;
    for (const c of clients.values()) if (c.inFlight === 0 && (!idlest || c.active < idlest.active)) idlest = c;
    if (!idlest) {
      refuse(socket, `too many connections: ${MAX_CLIENTS} clients have requests in flight; try again when they are answered`);
      return false;
    }
    drop(idlest.socket, `closed: ${MAX_CLIENTS} connections are open and this one was the longest idle`);
  }
  clients.set(socket, { socket, inFlight: 0, active: performance.now() });
  socket.once('close', () => clients.delete(socket));
  return true;
}

function drop(socket: Socket, error: string): void {
  clients.delete(socket);
  refuse(socket, error);
}

/** The connection is a child process's link: not a client, not limited. */
export function exempt(socket: Socket): void {
  clients.delete(socket);
}

/**
 * A request from this connection starts: returns the function that marks it answered, or null
 * when the connection already has MAX_IN_FLIGHT requests in flight (the caller replies so).
 */
export function begin(socket: Socket): (() => void) | null {
  const c = clients.get(socket);
  if (!c) return () => {};
  if (c.inFlight >= MAX_IN_FLIGHT) return null;
  c.inFlight++;
  c.active = performance.now();
  let done = false;
  return () => {
    if (done) return;
    done = true;
    c.inFlight--;
    c.active = performance.now();
  };
}

/** Whether a reply may be written: false (and the connection closed) for a client that does not read. */
export function canWrite(socket: Socket): boolean {
  if (socket.writableLength <= MAX_UNREAD) return true;
  clients.delete(socket);
  socket.destroy();
  return false;
}

// One sweep for all clients; unreferenced, so the channel never keeps the program alive.
setInterval(() => {
  const now = performance.now();
  for (const c of [...clients.values()]) {
    if (c.inFlight === 0 && now - c.active > IDLE_MS) drop(c.socket, `closed: no complete request for ${IDLE_MS / 1000} s`);
  }
}, Math.min(1000, IDLE_MS / 4)).unref();
