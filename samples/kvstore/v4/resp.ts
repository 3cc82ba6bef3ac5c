/**
 * RESP, the Redis serialization protocol: reading commands from a socket and encoding replies.
 *
 * Strings are latin1 throughout (one character per byte), so any byte sequence a client sends
 * comes back unchanged and a string's length is its length in bytes.
 */
import type { Socket } from 'node:net';

/** A client broke the protocol: the connection gets this message as an error, then is closed. */
export class ProtocolError extends Error {}

/** The unread input of one connection and the reader waiting for more. */
export interface Input {
  buf: Buffer;
  /** First unread byte of buf. */
  pos: number;
  /** The client closed its side (or the socket is gone). */
  ended: boolean;
  /** Resolves the reader's pending moreInput(), if it waits. */
  wake: (() => void) | null;
}

const EMPTY = Buffer.alloc(0);
const CR = 13;
const LF = 10;
const MAX_BULK = 512 * 1024 * 1024;
const MAX_ARGS = 1024 * 1024;
const MAX_INLINE = 64 * 1024;

export function openInput(socket: Socket): Input {
  const input: Input = { buf: EMPTY, pos: 0, ended: false, wake: null };
  socket.on('data', (chunk: Buffer) => {
    input.buf = input.pos < input.buf.length ? Buffer.concat([input.buf.subarray(input.pos), chunk]) : chunk;
    input.pos = 0;
    wakeReader(input);
  });
  const end = (): void => {
    input.ended = true;
    wakeReader(input);
  };
  socket.on('end', end);
  socket.on('close', end);
  // A reset connection ends the same way; without a listener the error would stop the server.
  socket.on('error', end);
  return input;
}

function wakeReader(input: Input): void {
  const wake = input.wake;
  if (wake !== null) {
    input.wake = null;
    wake();
  }
}

/** Resolves when more input arrived or the client is gone. */
export function moreInput(input: Input): Promise<void> {
  return new Promise((resolve) => {
    input.wake = resolve;
  });
}

/** Index of the CR of the first CRLF at or after from, or -1 when the line is not complete. */
function lineEnd(buf: Buffer, from: number): number {
  const cr = buf.indexOf(CR, from);
  if (cr < 0 || cr + 1 >= buf.length) return -1;
  if (buf[cr + 1] !== LF) throw new ProtocolError('expected CRLF after a length');
  return cr;
}

function parseLength(buf: Buffer, start: number, end: number, what: string): number {
  let n = 0;
  let i = start;
  const negative = buf[i] === 0x2d;
  if (negative) i++;
  if (i === end) throw new ProtocolError(`invalid ${what} length`);
  for (; i < end; i++) {
    const d = buf[i] - 0x30;
    if (d < 0 || d > 9 || n > MAX_BULK) throw new ProtocolError(`invalid ${what} length`);
    n = n * 10 + d;
  }
  return negative ? -n : n;
}

/**
 * The next complete command in input (its arguments), [] for an empty one, or null when the
 * input holds only part of a command. Consumes the command's bytes.
 */
export function readCommand(input: Input): string[] | null {
  const buf = input.buf;
  let pos = input.pos;
  if (pos >= buf.length) return null;
  if (buf[pos] !== 0x2a) return readInline(input);
  const head = lineEnd(buf, pos);
  if (head < 0) {
    if (buf.length - pos > MAX_INLINE) throw new ProtocolError('too big mbulk count string');
    return null;
  }
  const count = parseLength(buf, pos + 1, head, 'multibulk');
  if (count > MAX_ARGS) throw new ProtocolError('invalid multibulk length');
  pos = head + 2;
  const args: string[] = [];
  for (let i = 0; i < count; i++) {
    if (pos >= buf.length) return null;
    if (buf[pos] !== 0x24) throw new ProtocolError(`expected '$', got '${String.fromCharCode(buf[pos])}'`);
    const end = lineEnd(buf, pos);
    if (end < 0) return null;
    const len = parseLength(buf, pos + 1, end, 'bulk');
    if (len < 0 || len > MAX_BULK) throw new ProtocolError('invalid bulk length');
    const start = end + 2;
    if (start + len + 2 > buf.length) return null;
    args.push(buf.toString('latin1', start, start + len));
    pos = start + len + 2;
  }
  input.pos = pos;
  return args;
}

/** An inline command: one line of space-separated words (what `PING\r\n` typed by hand is). */
function readInline(input: Input): string[] | null {
  const buf = input.buf;
  const nl = buf.indexOf(LF, input.pos);
  if (nl < 0) {
    if (buf.length - input.pos > MAX_INLINE) throw new ProtocolError('too big inline request');
    return null;
  }
  const end = nl > input.pos && buf[nl - 1] === CR ? nl - 1 : nl;
  const line = buf.toString('latin1', input.pos, end);
  input.pos = nl + 1;
  return line.split(' ').filter((word) => word !== '');
}

export const OK = '+OK\r\n';
export const QUEUED = '+QUEUED\r\n';
export const NIL = '$-1\r\n';
export const EMPTY_ARRAY = '*0\r\n';

export function simple(text: string): string {
  return '+' + text + '\r\n';
}

export function error(message: string): string {
  return '-' + message + '\r\n';
}

export function integer(n: number): string {
  return ':' + n + '\r\n';
}

export function bulk(text: string | null): string {
  return text === null ? NIL : '$' + text.length + '\r\n' + text + '\r\n';
}

/** An array of replies that are already encoded. */
export function array(replies: string[]): string {
  return '*' + replies.length + '\r\n' + replies.join('');
}

export function bulkArray(items: Array<string | null>): string {
  let out = '*' + items.length + '\r\n';
  for (const item of items) out += bulk(item);
  return out;
}
