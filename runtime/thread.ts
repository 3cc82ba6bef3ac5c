/**
 * The entry of a worker thread started under restack (threads.ts): installs the runtime, links
 * the thread to the process's coordinator, asks it which version to start on, and runs the
 * worker's own file, or the same module of the version the process has moved to since (from the
 * update's bundle, top-level code included: migrate.ts evaluateVersion with a boot plan).
 */
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { fileURLToPath } from 'node:url';
import { workerData } from 'node:worker_threads';
import { controlHandlers } from './controlHandlers.js';
import { install } from './index.js';
import { linkThread } from './link.js';
import { loadPatch } from './patch.js';
import { setThreadLink, THREAD_KEY, type ThreadStart } from './threads.js';
import { TRUST_ENV } from './trust.js';

const require = createRequire(import.meta.url);
const wt = require('node:worker_threads') as { workerData: unknown };
const given = workerData as { [THREAD_KEY]: ThreadStart; data: unknown };
const start = given[THREAD_KEY];

// The worker sees its own workerData and process.argv, as Node would have set them.
wt.workerData = given.data;
syncBuiltinESMExports();
if (start.argv1 !== undefined && process.argv.length >= 2) process.argv[1] = start.argv1;
if (start.trust !== undefined) process.env[TRUST_ENV] = start.trust;

const engine = install();
const port = start.port;
const link = linkThread(engine, port, controlHandlers());
setThreadLink(link);
const { version } = await link.ask({ type: 'boot', flags: engine.S.buffer }) as { version: { label: string; dir: string } | null };
// From here the link never keeps the thread alive: the worker's own code does, or it ends.
port.unref();
if (version && start.entry.startsWith('file:')) {
  engine.boot(loadPatch(version.dir, version.label), fileURLToPath(start.entry));
} else {
  await import(start.entry);
}
