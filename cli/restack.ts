/**
 * The `restack` command line. Errors a user can cause print one clear line (and a code frame for
 * source errors) and exit non-zero; `--verbose` adds the stack trace.
 */
import { Command, InvalidArgumentError } from 'commander';
import { compileTree, type TreeResult } from './compileTree.js';
import { CompileError } from '../compiler/errors.js';
import type { UpdatePointPolicy } from '../contract/index.js';

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

function policy(value: string): UpdatePointPolicy {
  if (value !== 'explicit' && value !== 'loops' && value !== 'all') {
    throw new InvalidArgumentError("expected 'explicit', 'loops' or 'all'");
  }
  return value;
}

program
  .command('compile')
  .description('instrument JavaScript/TypeScript files or directories into an output directory')
  .argument('<inputs...>', 'files or directories')
  .requiredOption('-o, --out <dir>', 'output directory')
  .option('--update-points <policy>', 'explicit | loops | all', policy, 'loops')
  .option('--quiet', 'print nothing but errors')
  .action((inputs: string[], opts: { out: string; updatePoints: UpdatePointPolicy; quiet?: boolean }) => {
    const result = compileTree(inputs, opts.out, { updatePoints: opts.updatePoints });
    if (!opts.quiet) printSummary(result, opts.out);
  });

program
  .command('run')
  .description('run a compiled program with the restack runtime')
  .argument('<file>', 'compiled entry module')
  .argument('[args...]', 'arguments for the program')
  .option('--storm <n>', 'identity update (capture and rebuild the whole stack) at every nth update point', positiveInt)
  .option('--report', 'print update statistics on stderr at exit')
  .passThroughOptions()
  .action(async (file: string, args: string[], opts: { storm?: number; report?: boolean }) => {
    const { runProgram } = await import('../runtime/run.js');
    await runProgram(file, args, { storm: opts.storm, report: opts.report ?? false });
  });

function printSummary(r: TreeResult, out: string): void {
  const fns = r.modules.reduce((n, m) => n + m.functions.length, 0);
  const capt = r.modules.reduce((n, m) => n + m.functions.filter((f) => f.capturable).length, 0);
  const cps = r.modules.reduce((n, m) => n + m.functions.reduce((k, f) => k + f.cps.length, 0), 0);
  process.stdout.write(`restack: compiled ${r.modules.length} module(s) into ${out}: ${fns} functions (${capt} capturable), ${cps} continuation points\n`);
  for (const m of r.modules) {
    for (const d of m.diagnostics) process.stdout.write(`  note: ${m.module}:${d.loc.line}:${d.loc.column + 1}: ${d.message}\n`);
  }
}

program.parseAsync(process.argv).catch((err: unknown) => {
  const verbose = program.opts().verbose;
  if (err instanceof CompileError) {
    process.stderr.write(`restack: ${err.message}\n`);
    if (verbose) process.stderr.write(`${err.stack}\n`);
  } else {
    const e = err as Error;
    process.stderr.write(`restack: ${e?.message ?? String(err)}\n`);
    if (verbose && e?.stack) process.stderr.write(`${e.stack}\n`);
  }
  process.exitCode = 1;
});
