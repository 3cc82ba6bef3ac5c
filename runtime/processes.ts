/**
 * Child processes are processes of the update: while restack runs a program, `child_process.fork`
 * (imported or required, and therefore `cluster.fork`, which calls it) starts the child's module
 * through restack's process entry (child.ts). The child installs the runtime, starts its own
 * control channel, and its coordinator connects to the parent's control socket (its path travels
 * in the child's environment, removed before the program runs): the parent's coordinator then
 * knows the child, tells it which version to start on, and takes it into every update of the
 * parent (controlWorker.ts: coordinated, all or nothing across the tree, or rolling, one process
 * at a time). The program's arguments, options, IPC channel and environment reach the child as
 * given; its process.argv is what Node would have set.
 *
 * Not linked (started as they are): a fork with its own `execPath` (not this Node), a fork from a
 * worker thread, and every fork of a program run with `restack run --no-control`.
 */
import type { ForkOptions } from 'node:child_process';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread } from 'node:worker_threads';
import { showAsBuiltin } from './core/sourceText.js';
import { listenForChildren, processControl, startControl } from './control.js';
import { controlHandlers } from './controlHandlers.js';
import type { Engine } from './engine.js';
import { TRUST_ENV } from './trust.js';

/** The environment variable that hands a child its parent's control socket. */
export const PARENT_SOCKET_ENV = 'RESTACK_PARENT_SOCKET';

const require = createRequire(import.meta.url);
let installed = false;
let linking = true;
let forked = 0;

/** Whether this process forked children that are processes of its updates. */
export function hasChildren(): boolean {
  return forked > 0;
}

/** `restack run --no-control`: children are started as they are (no socket to reach the parent by). */
export function setChildLinking(on: boolean): void {
  linking = on;
}

/** The parent's socket children connect to, the control channel started (or told to listen) if need be. */
function parentSocket(engine: Engine): string {
  const control = processControl() ?? startControl(engine, controlHandlers());
  return control.socketPath || listenForChildren();
}

/** Replaces child_process.fork (main thread only, once). */
export function installProcesses(engine: Engine): void {
  if (installed || !isMainThread) return;
  installed = true;
  const cp = require('node:child_process') as typeof import('node:child_process');
  const nativeFork = cp.fork;
  const entry = fileURLToPath(new URL('./child.js', import.meta.url));

  function fork(modulePath: string | URL, args?: readonly string[] | ForkOptions, options?: ForkOptions): ReturnType<typeof nativeFork> {
    let argv: readonly string[] = [];
    if (Array.isArray(args)) argv = args;
    else if (args !== undefined && args !== null && typeof args === 'object') options = args as ForkOptions;
    const opts: ForkOptions = options ?? {};
    if (!linking || (opts.execPath !== undefined && opts.execPath !== process.execPath)) return Reflect.apply(nativeFork, cp, [modulePath, argv, opts]) as ReturnType<typeof nativeFork>;
    const file = modulePath instanceof URL ? fileURLToPath(modulePath) : /^file:/i.test(modulePath) ? fileURLToPath(modulePath) : modulePath;
    // Node resolves the module in the child, from the child's working directory.
    const absolute = resolve(typeof opts.cwd === 'string' ? opts.cwd : opts.cwd instanceof URL ? fileURLToPath(opts.cwd) : process.cwd(), file);
    // The trusted keys go along even when the program gives the child an environment of its own:
    // a child must refuse the bundles its parent refuses.
    const trust = process.env[TRUST_ENV];
    const env = { ...(opts.env ?? process.env), [PARENT_SOCKET_ENV]: parentSocket(engine), ...(trust ? { [TRUST_ENV]: trust } : {}) };
    const child = Reflect.apply(nativeFork, cp, [entry, [absolute, ...argv], { ...opts, env }]) as ReturnType<typeof nativeFork>;
    forked++;
    return child;
  }
  Object.defineProperty(fork, 'name', { value: 'fork' });
  showAsBuiltin(fork, nativeFork);
  (cp as { fork: typeof nativeFork }).fork = fork as typeof nativeFork;
  syncBuiltinESMExports();
}
