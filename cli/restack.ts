/**
 * The `restack` command line. Errors a user can cause print one clear line (and a code frame for
 * source errors) and exit non-zero; `--verbose` adds the stack trace.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import type { TreeResult } from './compileTree.js';
import type { CallPointPolicy, UpdatePointPolicy } from '../contract/index.js';

const program = new Command();
program
  .name('restack')
  .description('Immediate updates of running Node.js programs, by stack reconstruction')
  .option('--verbose', 'show stack traces of errors')
  .enablePositionalOptions()
  .showHelpAfterError();

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive integer');
  return n;
}

function unitInterval(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError('expected a number between 0 and 1');
  return n;
}

function policy(value: string): UpdatePointPolicy {
  if (value !== 'explicit' && value !== 'loops' && value !== 'all') {
    throw new InvalidArgumentError("expected 'explicit', 'loops' or 'all'");
  }
  return value;
}

function callPolicy(value: string): CallPointPolicy {
  if (value !== 'all' && value !== 'except-builtins') {
    throw new InvalidArgumentError("expected 'all' or 'except-builtins'");
  }
  return value;
}

program
  .command('compile')
  .description('instrument JavaScript/TypeScript files, directories or a TypeScript project into an output directory')
  .argument('[inputs...]', 'files or directories (a directory with a tsconfig.json is compiled as that project)')
  .option('-o, --out <dir>', 'output directory (default: the project\'s outDir)')
  .option('-p, --project <tsconfig>', 'compile the TypeScript project of this tsconfig.json (or directory holding one)')
  .option('--update-points <policy>', 'explicit | loops | all', policy, 'loops')
  .option('--call-points <policy>', 'all | except-builtins (calls of common builtin methods are not continuation points)', callPolicy, 'except-builtins')
  .option('--deps <packages>', 'also compile these npm packages of the program (comma-separated names, or prod for every production dependency) into <out>/node_modules; overrides "restack": { "dependencies" } in package.json')
  .option('--no-cache', 'compile every package module again instead of taking unchanged ones from the compile cache ($RESTACK_CACHE_DIR, else ~/.cache/restack)')
  .option('--quiet', 'print nothing but errors')
  .action(async (inputs: string[], opts: { out?: string; project?: string; updatePoints: UpdatePointPolicy; callPoints: CallPointPolicy; deps?: string; cache: boolean; quiet?: boolean }) => {
    // Loaded here: `restack run` must not pay for loading the compiler.
    const { compileTree } = await import('./compileTree.js');
    const { parseSelection } = await import('./dependencies.js');
    const dependencies = opts.deps === undefined ? undefined : parseSelection(opts.deps);
    let result;
    try {
      result = compileTree(inputs, opts.out, { updatePoints: opts.updatePoints, callPoints: opts.callPoints, project: opts.project, dependencies, ...(opts.cache ? {} : { cache: false }) });
    } catch (e) {
      if (await overflowed(e)) return;
      throw e;
    }
    if (!opts.quiet) printSummary(result, opts.out ?? result.outDir);
    if (!result.modules.length) {
      process.stderr.write(`restack: nothing compiled: no JavaScript or TypeScript module to compile in ${inputs.length ? inputs.join(', ') : result.project}` +
        `${result.skipped.length ? ` (${result.skipped.length} skipped${opts.quiet ? '; run without --quiet to see why' : ', see above'})` : ''}\n`);
      process.exitCode = 1;
    }
  });

program
  .command('run')
  .description('run a compiled program with the restack runtime')
  .argument('<file>', 'compiled entry module')
  .argument('[args...]', 'arguments for the program')
  .option('--storm <n>', 'identity update (capture and rebuild the whole stack) at every nth update point', positiveInt)
  .option('--report', 'print update statistics on stderr at exit')
  .option('--no-control', 'do not listen on a control socket (no `restack update` for this run)')
  .option('--announce', 'print the control socket path on stderr even when stderr is not a terminal')
  .option('--trust <public-key>', 'accept only bundles signed by this Ed25519 key (PEM); repeat for more keys', (v: string, all: string[]) => [...all, v], [] as string[])
  .passThroughOptions()
  .action(async (file: string, args: string[], opts: { storm?: number; report?: boolean; control: boolean; announce?: boolean; trust: string[] }) => {
    if (!hasStackSize()) {
      // A file restack did not compile is refused here, before a second process starts.
      const { entryKind } = await import('../runtime/entry.js');
      entryKind(file);
      await reexecWithStack();
      return;
    }
    // Read once here: a key that cannot be read stops the run before the program starts. The keys
    // reach every thread and forked child through the environment (runtime/trust.ts); only
    // --trust sets them, not an environment inherited from elsewhere.
    const { TRUST_ENV, trustEnv } = await import('../runtime/trust.js');
    delete process.env[TRUST_ENV];
    if (opts.trust.length) {
      const { readPublicKey } = await import('../patchgen/manifest.js');
      process.env[TRUST_ENV] = trustEnv(opts.trust.map(readPublicKey));
    }
    const { runProgram } = await import('../runtime/run.js');
    try {
      await runProgram(file, args, { storm: opts.storm, report: opts.report ?? false, control: opts.control, announce: opts.announce });
    } catch (e) {
      if ((e as Error)?.name === 'EntryError') throw e;
      if ((e as Error)?.name === 'ControlError' && e instanceof (await import('../runtime/control.js')).ControlError) {
        // The control channel could not start (its directory, its socket): the program did not run.
        process.stderr.write(`restack: ${(e as Error).message} (--no-control runs the program without the control channel)\n`);
        process.exitCode = 1;
        return;
      }
      // The program's own uncaught error: let Node report it as it would without restack.
      process.nextTick(() => { throw e; });
    }
  });

async function client(run: () => Promise<number>): Promise<void> {
  const { ClientError } = await import('./control.js');
  try {
    process.exitCode = await run();
  } catch (e) {
    if (!(e instanceof ClientError) && !(e instanceof Error && /^restack: /.test(e.message))) throw e;
    process.stderr.write(`restack: ${(e as Error).message.replace(/^restack: /, '')}\n`);
    process.exitCode = 2;
  }
}

program
  .command('update')
  .description('apply a patch bundle to a program running under `restack run`, and print the report')
  .argument('<target>', 'the program: its pid, or the path of its control socket')
  .argument('<patchDir>', 'a bundle written by `restack patch` and validated by `restack check`')
  .option('--json', 'print the report as JSON')
  .option('--timeout <s>', 'how long the program may wait for an update point where every frame can move', positiveInt, 10)
  .option('--label <name>', 'name of the new version in reports and status (default: the patch directory\'s name)')
  .addOption(new Option('--mode <mode>', 'worker threads: all move together or all roll back (atomic), or each at its own next update point (wait-free)').choices(['atomic', 'wait-free']).default('atomic'))
  .option('--dry-run', 'do everything but commit (capture, map, transform, evaluate the new version), roll back, and report what the update would do and its pause')
  .addOption(new Option('--processes <how>', 'child processes (fork, cluster): all move together or all roll back (coordinated; default with --mode atomic), or one after the other (rolling; default with --mode wait-free)').choices(['coordinated', 'rolling']))
  .action(async (target: string, patchDir: string, opts: { json?: boolean; timeout: number; label?: string; mode: 'atomic' | 'wait-free'; processes?: 'coordinated' | 'rolling'; dryRun?: boolean }) => {
    await client(async () => (await import('./control.js')).updateCommand(target, patchDir, opts));
  });

program
  .command('status')
  .description('show the version a program running under `restack run` is at, its modules and its last update')
  .argument('<target>', 'the program: its pid, or the path of its control socket')
  .option('--json', 'print the status as JSON')
  .action(async (target: string, opts: { json?: boolean }) => {
    await client(async () => (await import('./control.js')).statusCommand(target, opts));
  });

program
  .command('patch')
  .description('compare two versions and write a patch bundle: patch.json, the new version, and mapping.ts to review')
  .argument('<old>', 'the running version: a compiled tree (with .restack.json metadata) or a source tree')
  .argument('<new>', 'the version to update to: a compiled tree or a source tree')
  .requiredOption('-o, --out <dir>', 'patch directory')
  .option('--update-points <policy>', 'policy for compiling a source tree (default: the other version\'s if it is compiled, else loops)', policy)
  .option('--call-points <policy>', 'call policy for compiling a source tree (default: the other version\'s if it is compiled, else except-builtins)', callPolicy)
  .option('--threshold <score>', 'minimum similarity (0-1) to match a function whose id changed', unitInterval)
  .option('--force', 'overwrite an existing mapping.ts')
  .option('--keep-mapping', 'keep an existing mapping.ts and write the rest of the bundle afresh')
  .action(async (oldDir: string, newDir: string, opts: { out: string; updatePoints?: UpdatePointPolicy; callPoints?: CallPointPolicy; threshold?: number; force?: boolean; keepMapping?: boolean }) => {
    const { writePatch } = await import('../patchgen/patch.js');
    let result;
    try {
      result = writePatch(oldDir, newDir, opts.out, { updatePoints: opts.updatePoints, callPoints: opts.callPoints, threshold: opts.threshold, force: opts.force, keepMapping: opts.keepMapping });
    } catch (e) {
      if (await overflowed(e)) return;
      throw e;
    }
    process.stdout.write(result.summary);
  });

program
  .command('check')
  .description("validate a patch bundle's mapping.ts against both versions, and record the bundle's files (checked.json)")
  .argument('<patchDir>', 'directory written by `restack patch`')
  .option('--sign <private-key>', 'sign the checked bundle with this Ed25519 key (PEM; `restack keygen` writes one)')
  .action(async (dir: string, opts: { sign?: string }) => {
    const { checkPatch, formatProblem } = await import('../patchgen/check.js');
    // The key is read before anything is checked: a wrong key file fails at once.
    const sign = opts.sign === undefined ? undefined : (await import('../patchgen/manifest.js')).readPrivateKey(opts.sign);
    const r = await checkPatch(dir, { sign });
    if (r.syntaxError) {
      process.stderr.write(`restack: ${r.syntaxError}\n`);
      process.exitCode = 1;
      return;
    }
    if (!r.ok) {
      for (const p of r.problems) process.stderr.write(`${formatProblem(r.file, p)}\n`);
      process.stderr.write(`restack: ${r.problems.length} error${r.problems.length === 1 ? '' : 's'} in ${r.file}\n`);
      process.exitCode = 1;
      return;
    }
    const s = r.stats;
    process.stdout.write(`restack: ${r.file} is valid: ${s.functions} function ${s.functions === 1 ? 'entry' : 'entries'}, ${s.mapped} cp${s.mapped === 1 ? '' : 's'} mapped to new cps, ${s.refused} refused, ` +
      `${s.transformers} frame transformer${s.transformers === 1 ? '' : 's'}, ${s.stateTransformers} state transformer${s.stateTransformers === 1 ? '' : 's'}` +
      `${r.typeChecker ? `; types checked with TypeScript ${r.typeChecker.version}` : ''}\n`);
    if (r.typeChecker === null) process.stdout.write(`restack: the types of ${r.file} were not checked: no TypeScript compiler found from ${dir} (install typescript there to have them checked)\n`);
    if (sign) process.stdout.write(`restack: ${dir}/checked.sig signs the bundle's files as they are now (${opts.sign})\n`);
  });

program
  .command('keygen')
  .description('write an Ed25519 key pair for signing bundles: <prefix>.key (private, mode 0600) and <prefix>.pub')
  .requiredOption('-o, --out <prefix>', 'path prefix of the two key files')
  .action(async (opts: { out: string }) => {
    const { keygen } = await import('../patchgen/manifest.js');
    const k = keygen(opts.out);
    process.stdout.write(`restack: wrote ${k.privateFile} (keep it secret) and ${k.publicFile} (key ${k.id.slice(0, 16)}): sign with \`restack check <dir> --sign ${k.privateFile}\`, trust with \`restack run --trust ${k.publicFile}\`\n`);
  });

/**
 * Compiled frames hold more temporaries than the originals, and a rebuilt frame sits on the
 * runtime's resume frame: the program gets a larger stack (4 MB instead of V8's ~1 MB, well
 * within the 8 MB main-thread stack), so recursion as deep as it ran natively still fits.
 */
const STACK_KB = 4000;

function hasStackSize(): boolean {
  return process.execArgv.some((a) => a.startsWith('--stack-size'));
}

/**
 * Babel recurses several times deeper per level of nesting than V8's parser: with V8's default
 * stack, 500 nested parentheses that Node runs overflow the compiler (a CompileError with
 * `stackOverflow`). bin/restack's #! line gives restack's stack size; a `compile` or `patch`
 * started without it (`node bin/restack.js`) that overflows is done again by a second process
 * that has it: true if that process did the work.
 */
async function overflowed(e: unknown): Promise<boolean> {
  if (!(e as { stackOverflow?: boolean })?.stackOverflow || hasStackSize()) return false;
  await reexecWithStack();
  return true;
}

async function reexecWithStack(): Promise<void> {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [`--stack-size=${STACK_KB}`, ...process.execArgv, process.argv[1], ...process.argv.slice(2)], { stdio: 'inherit' });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, () => child.kill(sig));
  await new Promise<void>((resolveExit) => {
    child.on('exit', async (code, signal) => {
      // A program killed by a signal could not remove its control socket: remove it here.
      if (signal && child.pid !== undefined) await removeControlSocket(child.pid);
      if (signal) process.kill(process.pid, signal);
      process.exitCode = code ?? 1;
      resolveExit();
    });
  });
}

async function removeControlSocket(pid: number): Promise<void> {
  try {
    const { controlDir, isAlive, removeSocket, socketPathFor } = await import('../runtime/control.js');
    if (!isAlive(pid)) removeSocket(socketPathFor(pid, controlDir()));
  } catch {
    // Nothing to remove: the next `restack run` removes sockets of dead processes anyway.
  }
}

function printSummary(r: TreeResult, out: string): void {
  const fns = r.modules.reduce((n, m) => n + m.functions.length, 0);
  const capt = r.modules.reduce((n, m) => n + m.functions.filter((f) => f.capturable).length, 0);
  const cps = r.modules.reduce((n, m) => n + m.functions.reduce((k, f) => k + f.cps.length, 0), 0);
  // Files that are not code are many (README, images): counted, a few named; every other skip is named with its reason.
  const other = r.skipped.filter((s) => s.reason === 'not JavaScript or TypeScript');
  for (const s of r.skipped) if (s.reason !== 'not JavaScript or TypeScript') process.stdout.write(`  skipped: ${s.file}: ${s.reason}\n`);
  if (other.length) {
    const names = other.slice(0, 3).map((s) => s.file).join(', ');
    process.stdout.write(`  skipped: ${other.length} file(s) that are not JavaScript or TypeScript (${names}${other.length > 3 ? ', ...' : ''})\n`);
  }
  if (r.modules.length) {
    process.stdout.write(`restack: compiled ${r.modules.length} module(s) into ${out}${r.project ? ` (project ${r.project})` : ''}: ${fns} functions (${capt} capturable), ${cps} continuation points` +
      `${r.copied ? `; copied ${r.copied} file(s)` : ''}${r.skipped.length ? `; skipped ${r.skipped.length} (see above)` : ''}\n`);
  }
  const d = r.dependencies;
  if (d) {
    const failed = d.skipped.length;
    process.stdout.write(`restack: dependencies (${d.source}, production packages from ${d.from}): ` +
      `compiled ${d.compiled.length} package(s) (${d.modules} module(s)) in ${(d.ms / 1000).toFixed(1)} s, copied ${d.copied} package(s) as they are, into ${out}/node_modules` +
      `${failed ? `; ${failed} skipped (see above)` : ''}` +
      `${r.cache?.hits ? `; ${r.cache.hits} module(s) unchanged since an earlier compile, from the cache` : ''}\n`);
  }
  for (const n of r.notes) process.stdout.write(`  note: ${n}\n`);
  // A dependency tree's notes can run to hundreds: the first few are shown, the rest counted.
  let depNotes = 0;
  for (const m of r.modules) {
    const dependency = d !== undefined && m.module.startsWith('node_modules/');
    for (const n of m.diagnostics) {
      if (dependency && ++depNotes > DEPENDENCY_NOTES) continue;
      process.stdout.write(`  note: ${m.module}:${n.loc.line}:${n.loc.column + 1}: ${n.message}\n`);
    }
  }
  if (depNotes > DEPENDENCY_NOTES) {
    process.stdout.write(`  note: and ${depNotes - DEPENDENCY_NOTES} more in dependencies (each module's .restack.json lists its own under "diagnostics")\n`);
  }
}

/** How many notes about dependencies' modules the summary shows. */
const DEPENDENCY_NOTES = 10;

program.parseAsync(process.argv).catch((err: unknown) => {
  const verbose = program.opts().verbose;
  if ((err as Error)?.name === 'CompileError') {
    // The message already holds file:line:col and the code frame.
    process.stderr.write(`restack: ${(err as Error).message}\n`);
    if (verbose) process.stderr.write(`${(err as Error).stack}\n`);
  } else {
    const e = err as Error;
    process.stderr.write(`restack: ${e?.message ?? String(err)}\n`);
    if (verbose && e?.stack) process.stderr.write(`${e.stack}\n`);
  }
  process.exitCode = 1;
});
