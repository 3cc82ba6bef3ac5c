#!/usr/bin/env node
/**
 * What `restack run` adds to a program's start: whole-process times of a program run natively
 * (`node file`) and compiled under `restack run`, started as a user starts them, interleaved.
 *
 *   npm run bench:startup [-- --rounds N] [--json] [--docs]
 *
 * Programs: an empty program (it prints one line), and the demo's prime sieve (samples/primes,
 * 30,000: a run of a few tens of milliseconds). Launchers of the compiled program:
 *  - `restack run` as installed (bin/restack.js executed: its `#!` line gives Node the stack size
 *    restack wants, in one process);
 *  - the same with `--no-control` (no control thread);
 *  - `node bin/restack.js run`: without that flag, restack starts a second process with it.
 * Each round runs every variant once, in an order rotated from round to round; a variant's time
 * is its median over the rounds, and "added" is that median minus the native one. Every run's
 * output is checked against the native run's.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, writeDocsSection } from './bench-common.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'bin', 'restack.js');
const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : dflt;
};
const ROUNDS = Number(opt('--rounds', 30));
if (!Number.isInteger(ROUNDS) || ROUNDS < 1) {
  process.stderr.write('bench-startup: --rounds expects a positive integer\n');
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'restack-startup-'));
// Sockets of the runs with a control channel go to a directory of this run's own.
mkdirSync(join(work, 'xdg'), { mode: 0o700 });
const env = { ...process.env, XDG_RUNTIME_DIR: join(work, 'xdg') };
mkdirSync(join(work, 'empty'));
writeFileSync(join(work, 'empty', 'empty.js'), "console.log('started');\n");
const compile = (src, out) => {
  const r = spawnSync(process.execPath, [cli, 'compile', src, '-o', out, '--quiet'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`restack compile ${src} failed:\n${r.stdout}${r.stderr}`);
};
compile(join(work, 'empty'), join(work, 'empty-out'));
compile(join(root, 'samples', 'primes'), join(work, 'primes-out'));

const programs = [
  { name: 'empty program', native: [join(work, 'empty', 'empty.js')], compiled: [join(work, 'empty-out', 'empty.js')] },
  { name: 'demo sieve (30,000)', native: [join(root, 'samples', 'primes', 'sieve.js'), '30000'], compiled: [join(work, 'primes-out', 'sieve.js'), '30000'] },
];
const launchers = [
  { name: 'native: node <file>', run: (p) => [process.execPath, p.native] },
  { name: 'restack run <file>', run: (p) => [cli, ['run', ...p.compiled]] },
  { name: 'restack run --no-control <file>', run: (p) => [cli, ['run', '--no-control', ...p.compiled]] },
  { name: 'node bin/restack.js run <file> (two processes)', run: (p) => [process.execPath, [cli, 'run', ...p.compiled]] },
];

const results = [];
try {
  for (const p of programs) {
    const times = launchers.map(() => []);
    let expected = null;
    for (let r = 0; r < ROUNDS; r++) {
      for (let k = 0; k < launchers.length; k++) {
        const i = (k + r) % launchers.length;
        const [cmd, args] = launchers[i].run(p);
        const t0 = process.hrtime.bigint();
        const out = spawnSync(cmd, args, { encoding: 'utf8', env });
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        if (out.status !== 0) throw new Error(`${launchers[i].name} (${p.name}) failed:\n${out.stdout}${out.stderr}`);
        if (i === 0 && expected === null) expected = out.stdout;
        if (expected !== null && out.stdout !== expected && i !== 0) throw new Error(`${launchers[i].name} (${p.name}) printed something else than natively`);
        times[i].push(ms);
      }
    }
    const native = median(times[0]);
    results.push({ program: p.name, launchers: launchers.map((l, i) => ({ launcher: l.name, medianMs: median(times[i]), minMs: Math.min(...times[i]), addedMs: median(times[i]) - native })) });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const f = (x) => x.toFixed(1);
const lines = ['| program | launcher | median ms | min ms | added ms |', '|---|---|---:|---:|---:|'];
for (const r of results) {
  for (const l of r.launchers) lines.push(`| ${r.program} | ${l.launcher} | ${f(l.medianMs)} | ${f(l.minMs)} | ${l.launcher.startsWith('native') ? '' : `+${f(l.addedMs)}`} |`);
}
const table = lines.join('\n');
process.stdout.write(`${table}\n`);
if (argv.includes('--json')) process.stdout.write(`${JSON.stringify({ rounds: ROUNDS, results }, null, 2)}\n`);
if (argv.includes('--docs')) {
  writeDocsSection(join(root, 'docs', 'benchmarks.md'), 'startup', 'Start-up: what `restack run` adds',
    `${table}\n\nMeasured by \`npm run bench:startup -- ${argv.filter((a) => a !== '--docs').join(' ')}\` ` +
    `(${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${ROUNDS} rounds, whole-process wall time).`);
}
