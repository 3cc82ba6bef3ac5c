/**
 * Worker threads are threads of the update: while restack runs a program, the Worker class the
 * program sees (node:worker_threads, imported or required) starts each worker through restack's
 * thread entry (thread.ts), which installs the runtime in the new thread, links it to the process's
 * coordinator (link.ts) and only then runs the worker's own file. The program's workerData,
 * argv and every other option reach the worker as given.
 *
 * A worker whose code is a string (`eval: true`) is started as it is: its code is not restack's.
 */
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { basename, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel, type MessagePort, type WorkerOptions } from 'node:worker_threads';
import { processControl, startControl } from './control.js';
import { controlHandlers } from './controlHandlers.js';
import type { Engine } from './engine.js';
import type { Link } from './link.js';
import { NativeWorker } from './native.js';
import { TRUST_ENV } from './trust.js';
import { hasChildren } from './processes.js';
import { showAsBuiltin } from './core/sourceText.js';
import { ArrayIsArray, defineElement, ownSlice, StringStartsWith } from './core/primordials.js';

/** Where thread.ts finds what restack handed over, in the worker's workerData. */
export const THREAD_KEY = '__restackThread';

/** What a thread started by restack receives (next to the program's own workerData). */
export interface ThreadStart {
  port: MessagePort;
  /** The worker's own file (a file: or data: url). */
  entry: string;
  name: string;
  /** The worker's process.argv[1] as Node would have set it. */
  argv1?: string;
  /**
   * The keys bundles must be signed with (trust.ts TRUST_ENV), handed over here too: a worker
   * started with an `env` of the program's own would not have them in its environment.
   */
  trust?: string;
}

const require = createRequire(import.meta.url);
let threadLink: Link | null = null;
/** Workers this thread started. */
let started = 0;

/** In a worker thread: its link to the coordinator (set by thread.ts). */
export function setThreadLink(link: Link): void {
  threadLink = link;
}

/**
 * The link through which an update of this thread must go to reach every thread of the process
 * (the coordinator's), or null when this thread is the only one: a worker thread's always, the
 * main thread's once it started workers or forked children.
 */
export function groupLink(): Link | null {
  if (threadLink) return threadLink;
  return started > 0 || hasChildren() ? processControl()?.link ?? null : null;
}

/** This thread's link to the coordinator; the main thread starts the coordinator if nothing has. */
function linkFor(engine: Engine): Link {
  if (threadLink) return threadLink;
  const control = processControl() ?? startControl(engine, controlHandlers(), { socket: false });
  return control.link;
}

/** A worker's file as a url: a path is absolute or relative to the working directory, as Node reads it. */
function entryUrl(filename: string | URL): string {
  if (filename instanceof URL) return filename.href;
  if (/^(file|data):/i.test(filename)) return filename;
  return pathToFileURL(resolve(filename)).href;
}

let installed = false;

/** Replaces the Worker class programs see (once per thread). */
/** The program's transfer list with the thread's port added (a spread would use the program's array iterator). */
function withPort(list: WorkerOptions['transferList'], port: MessagePort): NonNullable<WorkerOptions['transferList']> {
  const out = !list ? [] : ArrayIsArray(list) ? ownSlice(list as readonly unknown[]) : [...(list as Iterable<unknown>)];
  defineElement(out, out.length, port);
  return out as NonNullable<WorkerOptions['transferList']>;
}

export function installThreads(engine: Engine): void {
  if (installed) return;
  installed = true;
  const wt = require('node:worker_threads') as typeof import('node:worker_threads');
  const entryFile = new URL('./thread.js', import.meta.url);

  class Worker extends NativeWorker {
    constructor(filename: string | URL, options: WorkerOptions = {}) {
      if (options.eval) {
        super(filename, options);
        return;
      }
      const entry = entryUrl(filename);
      const file = StringStartsWith(entry, 'file:') ? fileURLToPath(entry) : undefined;
      const link = linkFor(engine);
      const { port1, port2 } = new MessageChannel();
      const name = options.name || (file ? basename(file) : 'worker');
      const start: ThreadStart = { port: port2, entry, name, argv1: file, trust: process.env[TRUST_ENV] };
      super(entryFile, {
        ...options,
        workerData: { [THREAD_KEY]: start, data: options.workerData },
        transferList: withPort(options.transferList, port2),
      });
      link.post({ type: 'thread', port: port1, threadId: this.threadId, name }, [port1]);
      started++;
    }
  }
  Object.defineProperty(Worker, 'name', { value: 'Worker' });
  showAsBuiltin(Worker, NativeWorker);
  (wt as { Worker: typeof NativeWorker }).Worker = Worker;
  syncBuiltinESMExports();
}
