/**
 * The helper thread of blocking.ts: runs the blocking calls the program's thread hands it
 * (child_process's *Sync functions, fs.readSync of a pipe) one at a time, posts each answer and
 * then raises the done counter the program's thread sleeps on.
 */
import * as childProcess from 'node:child_process';
import * as fs from 'node:fs';
import { workerData, type MessagePort } from 'node:worker_threads';

const { done: doneBuffer, port } = workerData as { done: SharedArrayBuffer; port: MessagePort };
const done = new Int32Array(doneBuffer);

interface Job { id: number; module: 'child_process' | 'fs'; name: string; args: unknown[] }

/** An error with its own properties, as far as they can be sent (status, stdout, code, ...). */
function sendable(e: unknown): { name: string; message: string; stack?: string; props: Record<string, unknown> } {
  const err = e as Error;
  const props: Record<string, unknown> = {};
  if (err && typeof err === 'object') {
    for (const k of Object.keys(err)) {
      const v = (err as unknown as Record<string, unknown>)[k];
      if (typeof v !== 'function' && typeof v !== 'symbol') props[k] = v;
    }
  }
  return { name: err?.name ?? 'Error', message: err?.message ?? String(e), stack: err?.stack, props };
}

function run(job: Job): unknown {
  if (job.module === 'fs') {
    // readSync into a buffer of our own (blocking.ts sends fd, length, position; the program's
    // thread copies the bytes into its own buffer at its offset).
    const [fd, length, position] = job.args as [number, number, number | null];
    const mine = Buffer.alloc(Math.max(0, length));
    return mine.subarray(0, fs.readSync(fd, mine, 0, mine.length, position));
  }
  const fn = (childProcess as unknown as Record<string, (...args: unknown[]) => unknown>)[job.name];
  return fn(...job.args);
}

port.on('message', (job: Job) => {
  let answer;
  try {
    answer = { id: job.id, ok: true, value: run(job) };
  } catch (e) {
    answer = { id: job.id, ok: false, error: sendable(e) };
  }
  try {
    port.postMessage(answer);
  } catch (e) {
    port.postMessage({ id: job.id, ok: false, error: sendable(e) });
  }
  Atomics.store(done, 0, job.id);
  Atomics.notify(done, 0);
});
