/**
 * The fuzzer's oracle: runs one program natively and through restack in several modes and says
 * which modes differ from the native run, and how.
 *
 * Modes: `compiled` (default update points, no update), `storm` (default update points, an
 * identity update at every Pth update point), `all` (`--update-points all`, no update) and
 * `all-storm` (`--update-points all` under a storm of period Q). The program is compiled once per
 * policy, in-process (compileTree, as the exec tests do), and every run of a policy uses that output.
 * An outcome is the exit code, stdout, and the uncaught error's `Name: message` line; a compiled
 * run that writes a `restack:` line on stderr differs too (the program's stderr must stay its own).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileTree } from '../../dist/cli/compileTree.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI = join(ROOT, 'bin', 'restack.js');

/** The modes run after the native one: their policy and whether they storm. */
export const MODES = {
  compiled: { policy: 'loops', storm: false },
  storm: { policy: 'loops', storm: true },
  all: { policy: 'all', storm: false },
  'all-storm': { policy: 'all', storm: true },
};

const NATIVE_TIMEOUT_MS = 10_000;
const COMPILED_TIMEOUT_MS = 60_000;

function spawnRun(args, timeoutMs) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d) => { if (stdout.length < 1e6) stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d) => { if (stderr.length < 1e5) stderr += d; });
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve(outcome({ code, signal, stdout, stderr, timedOut }));
    });
  });
}

/** What is compared of a run: exit, stdout, the uncaught error's first line, restack's own stderr lines. */
export function outcome({ code, signal, stdout, stderr, timedOut = false }) {
  const error = /^(\w*Error\b[^:\n]*|Uncaught[^:\n]*): (.*)$/m.exec(stderr);
  return {
    exit: timedOut ? 'timeout' : signal ? signal : code,
    stdout,
    error: error ? `${error[1]}: ${error[2]}` : '',
    restack: stderr.split('\n').filter((l) => l.startsWith('restack:')).join('\n'),
    stderr,
  };
}

/** The ways a mode's outcome differs from the native one ([] when it does not). */
export function differences(native, other) {
  if (other.compileError !== undefined) return ['compile'];
  if (other.exit === 'timeout') return ['timeout'];
  const kinds = [];
  if (other.exit !== native.exit) kinds.push('exit');
  if (other.stdout !== native.stdout) kinds.push('stdout');
  if (other.error !== native.error) kinds.push('error');
  if (other.restack) kinds.push('restack-stderr');
  return kinds;
}

/**
 * The error a mode prints where its stdout first leaves the native one (`TypeError: ...` at the end
 * of that line, numbers masked), or ''. It tells one difference in stdout from another.
 */
export function clue(native, other) {
  if (other.compileError !== undefined || typeof other.stdout !== 'string') return '';
  const a = native.stdout.split('\n');
  const b = other.stdout.split('\n');
  let i = 0;
  while (i < b.length && a[i] === b[i]) i++;
  const error = /(\w*Error\b.*)$/.exec(b[i] ?? '');
  return error ? error[1].replace(/\d+/g, 'N') : '';
}

/**
 * Runs `source` (file name `name`, e.g. prog.mjs) in `dir`: natively and in each of `modes`
 * ({ mode: stormPeriod }). Returns { native, results: { mode: outcome }, diffs: { mode: kinds } }.
 */
export async function runCase(dir, name, source, modes) {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, source);
  const native = await spawnRun([file], NATIVE_TIMEOUT_MS);
  const results = {};
  const diffs = {};
  if (native.exit === 'timeout') return { native, results, diffs };
  const compiled = {};
  for (const [mode, period] of Object.entries(modes)) {
    const { policy, storm } = MODES[mode];
    if (!(policy in compiled)) {
      const out = join(dir, policy);
      try {
        compileTree([file], out, { updatePoints: policy });
        compiled[policy] = { file: join(out, basename(file)) };
      } catch (e) {
        compiled[policy] = { error: String(e?.message ?? e).split('\n')[0] };
      }
    }
    const c = compiled[policy];
    if (c.error !== undefined) {
      results[mode] = { compileError: c.error };
    } else {
      const args = ['--stack-size=4000', CLI, 'run', '--no-control', ...(storm ? ['--storm', String(period)] : []), c.file];
      results[mode] = await spawnRun(args, COMPILED_TIMEOUT_MS);
    }
    const kinds = differences(native, results[mode]);
    if (kinds.length) diffs[mode] = kinds;
  }
  return { native, results, diffs };
}

/** The command lines that show a mode's run of a saved program (for reports). */
export function commands(name, mode, period) {
  const { policy, storm } = MODES[mode];
  return [`restack compile ${name} -o out-${policy}${policy === 'loops' ? '' : ' --update-points all'}`,
    `restack run${storm ? ` --storm ${period}` : ''} out-${policy}/${name}`];
}
