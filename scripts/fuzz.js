#!/usr/bin/env node
/**
 * Differential fuzzer: generated programs (scripts/fuzz/generate.js) run natively, compiled, and
 * compiled under identity-update storms with both update-point policies; a program whose outcome
 * differs is reduced (scripts/fuzz/reduce.js) while the same difference persists, and saved.
 *
 *   npm run fuzz -- --seconds N [--seed S] [--out DIR] [--reduce-seconds R] [--no-reduce]
 *   npm run fuzz -- --reduce FILE [--storm P] [--out DIR] [--reduce-seconds R]
 *
 * Each program is numbered by its seed (the first is --seed, default taken from the clock, then
 * S+1, ...), so `--seed S --seconds 1` generates program S again. The storm periods of a program
 * (1..9, one for each policy) come from its seed too. A failure is saved under DIR (default
 * <tmpdir>/restack-fuzz) as seed-S/: the program (prog.mjs or prog.cjs), reduced.<ext> when
 * reduced, and report.json (the modes that differ, how, the storm periods, the outcomes and the
 * commands that show it). Failures whose difference looks like one already reduced in this run
 * (the same modes and kinds, the same error and first missing native line, numbers and generated
 * names masked) are saved without reducing them again. Exit 1 when something differed.
 *
 * With --reduce, a program of one's own (.mjs or .js: an ES module; .cjs: a script) is run in
 * every mode (storm period P, default 1) and, if it differs, reduced and saved the same way.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generate, rng } from './fuzz/generate.js';
import { MODES, clue, commands, runCase } from './fuzz/oracle.js';
import { reduce } from './fuzz/reduce.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string' },
    seed: { type: 'string' },
    out: { type: 'string' },
    'reduce-seconds': { type: 'string', default: '300' },
    'no-reduce': { type: 'boolean', default: false },
    reduce: { type: 'string' },
    storm: { type: 'string', default: '1' },
  },
});

function number(name, value, min) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    process.stderr.write(`fuzz: --${name} must be an integer >= ${min}, got ${JSON.stringify(value)} (usage: npm run fuzz -- --seconds N [--seed S] [--out DIR])\n`);
    process.exit(2);
  }
  return n;
}

if (values.seconds === undefined && values.reduce === undefined) {
  process.stderr.write('fuzz: give --seconds N, how long to generate programs (usage: npm run fuzz -- --seconds N [--seed S] [--out DIR])\n');
  process.exit(2);
}
const seconds = values.reduce === undefined ? number('seconds', values.seconds, 1) : 0;
const firstSeed = values.seed === undefined ? Date.now() % 1_000_000_000 : number('seed', values.seed, 0);
const reduceSeconds = number('reduce-seconds', values['reduce-seconds'], 1);
const out = resolve(values.out ?? join(tmpdir(), 'restack-fuzz'));
const work = join(tmpdir(), `restack-fuzz-work-${process.pid}`);
mkdirSync(out, { recursive: true });

/** A program's modes and their storm periods (0: no storm). */
function modesOf(seed) {
  const r = rng(seed ^ 0x5bd1e995);
  return { compiled: 0, storm: r.int(1, 9), all: 0, 'all-storm': r.int(1, 9) };
}

/** The modes that differ and how, as one comparable string. */
function signature(diffs) {
  return Object.keys(diffs).sort().map((m) => `${m}:${diffs[m].join('+')}`).join(' ');
}

/**
 * What makes two failures look alike: their signature, the first mode's error, and the first
 * native line its stdout leaves out, numbers and generated names masked.
 */
function likeness(native, diffs, results) {
  const first = results[Object.keys(diffs)[0]];
  const mask = (text) => text.replace(/\b[A-Za-z_$]+\d+\b/g, 'X').replace(/\d+/g, 'N');
  let line = '';
  if (typeof first.stdout === 'string') {
    const a = native.stdout.split('\n');
    const b = first.stdout.split('\n');
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    line = a[i] ?? '';
  }
  return `${signature(diffs)} | ${mask(first.compileError ?? first.error ?? '')} | ${mask(line)}`;
}

const stats = { programs: 0, invalid: 0, failures: 0, reduced: 0 };
if (values.reduce !== undefined) {
  const file = resolve(values.reduce);
  const ext = extname(file) === '.cjs' ? '.cjs' : '.mjs';
  const period = number('storm', values.storm, 1);
  const modes = { compiled: 0, storm: period, all: 0, 'all-storm': period };
  const source = readFileSync(file, 'utf8');
  const run = await runCase(join(work, 'given'), `prog${ext}`, source, modes);
  if (!Object.keys(run.diffs).length) {
    process.stdout.write(`fuzz: ${file} prints the same natively and in every mode (storm ${period}): nothing to reduce\n`);
  } else {
    await save(`reduce-${Date.now()}`, `prog${ext}`, source, modes, run, true, { file });
    process.exitCode = 1;
  }
  rmSync(work, { recursive: true, force: true });
  process.exit();
}

const started = Date.now();
const runs = Object.fromEntries(['native', ...Object.keys(MODES)].map((m) => [m, 0]));
const kinds = new Map();
let seed = firstSeed;
while (Date.now() - started < seconds * 1000) {
  const { source, ext } = generate(seed);
  const name = `prog${ext}`;
  const modes = modesOf(seed);
  const dir = join(work, String(seed));
  const { native, results, diffs } = await runCase(dir, name, source, modes);
  runs.native++;
  for (const m of Object.keys(results)) runs[m]++;
  stats.programs++;
  if (native.exit === 'timeout') {
    // The generator promises termination: a program that does not end natively is its bug.
    stats.invalid++;
    process.stdout.write(`seed ${seed}: does not end natively within the timeout (a generator bug), skipped\n`);
  } else if (Object.keys(diffs).length) {
    stats.failures++;
    const like = likeness(native, diffs, results);
    const seen = kinds.get(like) ?? { count: 0, seeds: [] };
    kinds.set(like, seen);
    seen.count++;
    seen.seeds.push(seed);
    await save(`seed-${seed}`, name, source, modes, { native, results, diffs }, !values['no-reduce'] && seen.count === 1, { seed, like });
  }
  rmSync(dir, { recursive: true, force: true });
  rmSync(join(work, `${seed}-r`), { recursive: true, force: true });
  if (stats.programs % 25 === 0) process.stdout.write(`${stats.programs} programs, ${stats.failures} differing, ${Math.round((Date.now() - started) / 1000)} s\n`);
  seed++;
}
rmSync(work, { recursive: true, force: true });

/**
 * Saves a differing program under out/label (the program, report.json) and, when asked, reduces it
 * against one differing mode (reduced<ext>).
 */
async function save(label, name, source, modes, { native, results, diffs }, reduceIt, extra) {
  const ext = extname(name);
  const saved = join(out, label);
  mkdirSync(saved, { recursive: true });
  writeFileSync(join(saved, name), source);
  const report = {
    ...extra, modes, differs: diffs,
    commands: Object.fromEntries(Object.keys(diffs).map((m) => [m, commands(name, m, modes[m])])),
    native: brief(native),
    outcomes: Object.fromEntries(Object.keys(diffs).map((m) => [m, brief(results[m])])),
  };
  process.stdout.write(`${label}: differs (${signature(diffs)}) ${likeness(native, diffs, results).split(' | ').slice(1).join(' | ')} -> ${saved}\n`);
  if (reduceIt) {
    // Reduced against one differing mode (the cheapest: no storm before storm): the same kinds of
    // difference there, the same error where stdout first differs, the native exit unchanged. The
    // reduced program is then run in every mode.
    const mode = ['compiled', 'all', 'storm', 'all-storm'].find((m) => diffs[m]);
    const wanted = `${signature({ [mode]: diffs[mode] })} ${clue(native, results[mode])}`;
    const holds = async (code) => {
      const r = await runCase(join(work, `${label}-r`), name, code, { [mode]: modes[mode] });
      return r.native.exit === native.exit && `${signature(r.diffs)} ${r.diffs[mode] ? clue(r.native, r.results[mode]) : ''}` === wanted;
    };
    const t0 = Date.now();
    const { code, tries } = await reduce(source, holds, { sourceType: ext === '.mjs' ? 'module' : 'script', deadline: Date.now() + reduceSeconds * 1000 });
    const check = await runCase(join(work, `${label}-r`), name, code, modes);
    writeFileSync(join(saved, `reduced${ext}`), code);
    report.reduced = { against: mode, lines: code.split('\n').length - 1, tries, differs: check.diffs, seconds: Math.round((Date.now() - t0) / 1000), native: brief(check.native),
      outcomes: Object.fromEntries(Object.keys(check.results).map((m) => [m, brief(check.results[m])])) };
    stats.reduced++;
    process.stdout.write(`  reduced to ${report.reduced.lines} lines in ${report.reduced.seconds} s (${tries} tries): ${join(saved, `reduced${ext}`)}\n`);
  }
  writeFileSync(join(saved, 'report.json'), JSON.stringify(report, null, 2) + '\n');
}

function brief(r) {
  if (r.compileError !== undefined) return { compileError: r.compileError };
  return { exit: r.exit, error: r.error, stdout: r.stdout.length > 4000 ? r.stdout.slice(0, 4000) + '...' : r.stdout, stderr: r.stderr.slice(0, 2000) };
}

const summary = {
  seeds: [firstSeed, seed - 1], seconds: Math.round((Date.now() - started) / 1000), runs, ...stats,
  distinct: [...kinds].map(([like, { count, seeds }]) => ({ like, count, seeds: seeds.slice(0, 10) })),
};
writeFileSync(join(out, `summary-${firstSeed}.json`), JSON.stringify(summary, null, 2) + '\n');
process.stdout.write(`fuzz: seeds ${firstSeed}..${seed - 1}, ${summary.seconds} s, runs per mode ${JSON.stringify(runs)}; ` +
  `${stats.failures} differing (${kinds.size} distinct), ${stats.reduced} reduced, ${stats.invalid} invalid; saved in ${out}\n`);
process.exitCode = stats.failures ? 1 : 0;
