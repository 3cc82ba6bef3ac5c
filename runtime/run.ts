/**
 * `restack run`: runs a compiled program with the runtime installed, optionally under an update
 * storm (an identity update at every nth update point: the test oracle).
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Module from 'node:module';
import { install, setStorm } from './index.js';
import { entryKind } from './entry.js';

export interface RunOptions {
  storm?: number;
  /** Print the capture statistics on stderr when the program exits. */
  report?: boolean;
  /** Listen on the control socket (default true). */
  control?: boolean;
  /** Print the socket's path on stderr even when stderr is not a terminal. */
  announce?: boolean;
}

export async function runProgram(file: string, args: string[], options: RunOptions): Promise<void> {
  // Before anything starts: a TypeScript or JSX file restack did not compile is refused with what to do.
  const entry = entryKind(file);
  // Only on a terminal: the program's own stderr must stay what it would be natively.
  if (entry.advice && process.stderr.isTTY) process.stderr.write(`restack: note: ${entry.advice}\n`);
  const engine = install();
  process.argv = [process.argv[0], resolve(file), ...args];
  if (options.storm) setStorm(options.storm);
  // Without a control socket, children the program forks cannot reach it: they start as they are.
  if (options.control === false) (await import('./processes.js')).setChildLinking(false);
  if (options.control !== false) {
    // A problem found before the channel's thread starts (the socket directory, its path) is a
    // ControlError: `restack run` reports it in one line and does not start the program. The
    // program does not wait for the thread to listen (its start-up would add to every run's): a
    // client that comes before the socket listens waits for it (cli/control.ts), and a socket
    // that cannot be opened is reported when that is known, the program going on without updates.
    const { startControl } = await import('./control.js');
    const { controlHandlers } = await import('./controlHandlers.js');
    const control = startControl(engine, controlHandlers(), { background: true });
    control.ready.catch((e: Error) => {
      process.stderr.write(`restack: ${e.message}; the program runs without updates (\`restack update\` cannot reach it)\n`);
    });
    // Only on a terminal unless asked: the program's own stderr must stay what it would be natively.
    // Announced at once (the path is known), as a program that blocks from its first line on is
    // still updatable: it is its control thread that listens.
    if (process.stderr.isTTY || options.announce) process.stderr.write(`restack: control socket ${control.socketPath} (pid ${process.pid})\n`);
  }
  if (options.report) {
    process.on('exit', () => {
      const s = engine.stats;
      process.stderr.write(
        `restack: ${s.captures} identity updates (every ${options.storm ?? 0} update points), ${s.deferred} deferred, ` +
        `${s.framesUnwound} frames unwound and rebuilt, deepest stack ${s.maxDepth}, ` +
        `pause (check, unwind, rebuild) max ${s.maxPauseMs.toFixed(3)} ms, mean ${(s.captures ? (1000 * s.totalPauseMs) / s.captures : 0).toFixed(1)} us\n`);
    });
  }
  // (An uncompiled .js file of no declared kind is imported as before: Node tells its kind by its syntax.)
  if (entry.kind === 'commonjs' && (entry.compiled || file.endsWith('.cjs'))) {
    // As `node file.js` starts a CommonJS entry: loaded as the main module, so that
    // `require.main === module` holds in it (imported, it would have no require.main).
    (Module as unknown as { _load(request: string, parent: null, isMain: boolean): unknown })._load(resolve(file), null, true);
    return;
  }
  await import(pathToFileURL(resolve(file)).href);
}
