/**
 * The entry of a child process forked under restack (processes.ts): installs the runtime, starts
 * the child's control channel, whose coordinator joins the parent's (the socket named in the
 * environment) and learns which version to start on, then runs the child's own module, or the same
 * module of the version the parent has moved to since (from the update's bundle, as a new worker
 * thread does: thread.ts).
 *
 * argv: [node, this file, the child's module, ...its arguments]; the program sees
 * [node, its module, ...its arguments], as Node would have set them.
 */
import { pathToFileURL } from 'node:url';
import { startControl } from './control.js';
import { controlHandlers } from './controlHandlers.js';
import { install } from './index.js';
import { loadPatch } from './patch.js';
import { PARENT_SOCKET_ENV } from './processes.js';

const parent = process.env[PARENT_SOCKET_ENV];
delete process.env[PARENT_SOCKET_ENV];
process.argv.splice(1, 1);
const file = process.argv[1];

const engine = install();
let version: { label: string; dir: string } | null = null;
try {
  const control = startControl(engine, controlHandlers(), { parent });
  await control.ready;
  version = control.version;
} catch (e) {
  // The program runs anyway, on its own files: it only cannot be updated with its parent.
  process.stderr.write(`restack: ${(e as Error).message}; process ${process.pid} runs without updates from its parent\n`);
}
if (version) engine.boot(loadPatch(version.dir, version.label), file);
else await import(pathToFileURL(file).href);
