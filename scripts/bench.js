#!/usr/bin/env node
/**
 * What it costs to be updatable: every workload of bench/workloads (kernels) and bench/libs (npm
 * libraries) run uninstrumented (native) and compiled by restack (update-point policies `loops`,
 * the default, and `all`), in separate processes started interleaved, with each run's result
 * checked against the native one.
 *
 *   npm run bench [-- --smoke] [--json] [--docs] [--filter <text>] [--rounds R] [--warmup W]
 *                 [--iterations N] [--stopify <dir>] [--no-compile-speed] [--out <dir>]
 *                 [--workloads <dir>]   (another directory of workloads instead of bench/)
 *
 * Method (docs/benchmarks.md says the same for readers of the results):
 *  - each workload module exports setup(size) (builds the input, not timed) and run(state) (the
 *    work, returns a digest of its result). bench/driver.js loads one variant in a fresh
 *    `node --stack-size=4000` process, runs `warmup` untimed and `iterations` timed runs and
 *    prints the times and every digest;
 *  - the compiled variants are made here with restack's compileTree: bench/workloads, bench/libs,
 *    and every npm package a library workload names in `meta.packages`, compiled into
 *    .restack-out/bench/<policy>/node_modules/<pkg>, where the compiled workload's bare imports
 *    resolve to them. The native variant imports the same packages from node_modules;
 *  - R rounds; in each round every variant of a workload runs once, in an order rotated from round
 *    to round, so slow drifts of the machine hit all variants alike;
 *  - a variant's time is the median over rounds of its per-process median; the spread shown is
 *    the min-max of those per-process medians. The ratio is compiled / native of those medians,
 *    and the ratio spread is the min-max of the per-round ratios (the pairs run back to back);
 *  - every digest of every run must equal the native digest, otherwise the run fails (exit 1):
 *    a fast wrong answer cannot count. The smoke size also runs each compiled workload under an
 *    update storm (an identity update, capture and rebuild of the whole stack, at every update
 *    point) and checks its digest the same way;
 *  - compile speed: restack's compile() against Babel's parse + generate (with a source map, as
 *    restack produces one) of the same sources, in this process, interleaved, after a warm-up.
 *
 * No number ever fails the run; only wrong results and crashes do.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, platform, release } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { geomean, median } from './bench-common.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

// ---------------------------------------------------------------------------------------------
// Options
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  if (i < 0) return dflt;
  if (i + 1 >= argv.length) fail(`${name} needs a value`);
  return argv[i + 1];
};
function fail(message) {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(1);
}
const known = new Set(['--workloads', '--smoke', '--json', '--docs', '--filter', '--rounds', '--warmup', '--iterations', '--stopify', '--no-compile-speed', '--out']);
for (let i = 0; i < argv.length; i++) {
  if (!known.has(argv[i])) fail(`unknown argument ${argv[i]} (see the top of scripts/bench.js)`);
  if (!['--smoke', '--json', '--docs', '--no-compile-speed'].includes(argv[i])) i++;
}
const smoke = flag('--smoke');
const size = smoke ? 'smoke' : 'full';
const rounds = Number(opt('--rounds', smoke ? 1 : 5));
const warmup = Number(opt('--warmup', smoke ? 0 : 3));
const iterations = Number(opt('--iterations', smoke ? 1 : 5));
const filter = opt('--filter', '');
const stopifyDir = opt('--stopify', '');
const outRoot = opt('--out', join(root, '.restack-out', 'bench'));
const policies = ['loops', 'all'];
for (const [name, v] of [['--rounds', rounds], ['--warmup', warmup], ['--iterations', iterations]]) {
  if (!Number.isInteger(v) || v < (name === '--warmup' ? 0 : 1)) fail(`${name} must be a whole number${name === '--warmup' ? '' : ' >= 1'}`);
}
if (flag('--docs') && (smoke || filter || argv.includes('--workloads'))) fail('--docs records a full run of bench/: not with --smoke, --filter or --workloads');

const distRuntime = join(root, 'dist', 'runtime', 'index.js');
if (!existsSync(distRuntime)) fail('dist/ is missing: run `npm run build` first (npm run bench does)');
const { compileTree } = await import(pathToFileURL(join(root, 'dist', 'cli', 'compileTree.js')).href);
const { compile } = await import(pathToFileURL(join(root, 'dist', 'compiler', 'index.js')).href);

// ---------------------------------------------------------------------------------------------
// Workloads
const groups = (opt('--workloads', '') ? [{ dir: 'workloads', path: resolve(opt('--workloads')) }] : [
  { dir: 'workloads', path: join(root, 'bench', 'workloads') },
  { dir: 'libs', path: join(root, 'bench', 'libs') },
]).filter((g) => existsSync(g.path));
if (groups.length === 0) fail('no workload directory found');

const workloads = [];
for (const g of groups) {
  for (const f of readdirSync(g.path).filter((n) => n.endsWith('.js')).sort()) {
    const file = join(g.path, f);
    const mod = await import(pathToFileURL(file).href);
    if (!mod.meta || typeof mod.setup !== 'function' || typeof mod.run !== 'function') {
      fail(`${relative(root, file)}: a workload exports meta, setup(size) and run(state)`);
    }
    const w = { name: mod.meta.name, kind: mod.meta.kind, description: mod.meta.description, group: g.dir, file: f, source: file, packages: mod.meta.packages ?? [] };
    if (!filter || w.name.includes(filter)) workloads.push(w);
  }
}
if (workloads.length === 0) fail(`no workload matches ${JSON.stringify(filter)}`);

// ---------------------------------------------------------------------------------------------
// Compiling the variants
function packageDir(name) {
  // The package's root: resolve its package.json from the project root.
  let entry;
  try {
    entry = require.resolve(`${name}/package.json`);
  } catch {
    // Packages whose "exports" hide package.json: walk up from the main entry.
    entry = require.resolve(name);
    let dir = dirname(entry);
    while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
    return dir;
  }
  return dirname(entry);
}

const compileLog = [];
function compileVariants() {
  const packages = [...new Set(workloads.flatMap((w) => w.packages))].sort();
  for (const policy of policies) {
    const out = join(outRoot, policy);
    rmSync(out, { recursive: true, force: true });
    const trees = [
      ...groups.filter((g) => workloads.some((w) => w.group === g.dir)).map((g) => ({ what: `bench/${g.dir}`, from: g.path, to: join(out, g.dir) })),
      ...packages.map((p) => ({ what: p, from: packageDir(p), to: join(out, 'node_modules', p) })),
    ];
    for (const tree of trees) {
      const t0 = performance.now();
      let modules;
      try {
        ({ modules } = compileTree([tree.from], tree.to, { updatePoints: policy }));
      } catch (e) {
        fail(`compiling ${tree.what} (--update-points ${policy}) failed:\n${e.message}`);
      }
      compileLog.push({ policy, what: tree.what, modules: modules.length, functions: modules.reduce((s, m) => s + m.functions.length, 0), ms: performance.now() - t0 });
    }
  }
  return packages;
}

// ---------------------------------------------------------------------------------------------
// Running one process
const driver = join(root, 'bench', 'driver.js');
function runProcess(w, variant, { storm = 0, runSize = size, runWarmup = warmup, runIterations = iterations } = {}) {
  let args;
  if (variant === 'native') args = [driver, w.source, 'native'];
  else if (variant === 'stopify') args = [join(root, 'bench', 'stopify.js'), stopifyDir, w.source];
  else args = [driver, join(outRoot, variant, w.group, w.file), 'compiled'];
  args.push(runSize, String(runWarmup), String(runIterations));
  if (storm) args.push('--storm', String(storm));
  const r = spawnSync(process.execPath, ['--stack-size=4000', ...args], { encoding: 'utf8', maxBuffer: 64 << 20, timeout: 15 * 60 * 1000 });
  const label = `${w.name} (${variant}${storm ? `, storm ${storm}` : ''})`;
  if (variant === 'stopify' && r.status === 2) {
    const reason = safeJson(r.stdout)?.error ?? r.stderr.trim().split('\n')[0];
    return { unsupported: reason || 'not compiled by Stopify' };
  }
  if (r.status !== 0) {
    const why = r.error ? r.error.message : (r.stderr || r.stdout).trim().split('\n').slice(-15).join('\n');
    throw new BenchError(`${label} exited with ${r.status ?? r.signal}:\n${why}`);
  }
  const result = safeJson(r.stdout.trim().split('\n').pop());
  if (!result || !Array.isArray(result.times)) throw new BenchError(`${label} printed no result:\n${r.stdout.slice(-2000)}`);
  return result;
}
function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
class BenchError extends Error {}


// ---------------------------------------------------------------------------------------------
// The run
const variants = ['native', ...policies, ...(stopifyDir ? ['stopify'] : [])];
const started = Date.now();
const packages = compileVariants();
process.stderr.write(`bench: compiled ${workloads.length} workloads and ${packages.length} packages for ${policies.length} policies in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);

const failures = [];
const rows = [];
for (const w of workloads) {
  const row = { name: w.name, kind: w.kind, description: w.description, group: w.group, variants: {} };
  for (const v of variants) row.variants[v] = { processMedians: [], digestOk: true };
  rows.push(row);
}

/** Every digest of a run must be the native one; `slot` (a variant of the row) is marked if not. */
function checkDigests(row, label, digests, slot) {
  const bad = digests.find((d) => d !== row.reference);
  if (bad === undefined) return true;
  if (slot) slot.digestOk = false;
  failures.push(`${row.name} (${label}): result ${JSON.stringify(bad)} differs from the native result ${JSON.stringify(row.reference)}`);
  return false;
}

for (let round = 0; round < rounds; round++) {
  for (let wi = 0; wi < workloads.length; wi++) {
    const w = workloads[wi];
    const row = rows[wi];
    if (row.broken) continue;
    // Rotate the order of the variants from round to round (and from workload to workload).
    const shift = (round + wi) % variants.length;
    const order = [...variants.slice(shift), ...variants.slice(0, shift)];
    const roundTimes = {};
    const roundDigests = {};
    for (const v of order) {
      const slot = row.variants[v];
      if (slot.unsupported) continue;
      let result;
      try {
        result = runProcess(w, v);
      } catch (e) {
        if (!(e instanceof BenchError)) throw e;
        failures.push(e.message);
        row.broken = true;
        break;
      }
      if (result.unsupported) {
        // A reference system that fails in any round is left out of the row altogether.
        slot.unsupported = result.unsupported;
        slot.processMedians = [];
        delete slot.pairRatios;
        continue;
      }
      const pm = median(result.times);
      slot.processMedians.push(pm);
      roundTimes[v] = pm;
      roundDigests[v] = result.digests;
      // The first native run sets the reference; later native runs are checked against it too
      // (a workload must be deterministic).
      if (v === 'native' && row.reference === undefined) row.reference = result.digests[0];
    }
    if (row.broken) continue;
    for (const v of variants) {
      const slot = row.variants[v];
      if (roundDigests[v]) checkDigests(row, v, roundDigests[v], slot);
      if (v !== 'native' && !slot.unsupported && roundTimes[v] !== undefined && roundTimes.native !== undefined) {
        (slot.pairRatios ??= []).push(roundTimes[v] / roundTimes.native);
      }
    }
    process.stderr.write(`bench: round ${round + 1}/${rounds} ${w.name.padEnd(14)} ${order.map((v) => `${v} ${roundTimes[v]?.toFixed(1) ?? '-'} ms`).join('  ')}\n`);
  }
}

// Update storm: the compiled workloads at smoke size with an identity update at every update
// point must still produce the native result. Checks capture and rebuild on real code.
const storms = [];
if (smoke) {
  for (const row of rows) {
    if (row.broken || row.reference === undefined) continue;
    const w = workloads.find((x) => x.name === row.name);
    for (const policy of policies) {
      const every = policy === 'loops' ? 1 : 7;
      try {
        const result = runProcess(w, policy, { storm: every, runSize: 'smoke', runWarmup: 0, runIterations: 1 });
        const ok = checkDigests(row, `${policy}, storm ${every}`, result.digests, null);
        storms.push({ name: row.name, policy, every, updates: result.updates, ok });
      } catch (e) {
        if (!(e instanceof BenchError)) throw e;
        failures.push(e.message);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Compile speed
function compileSpeed() {
  const { parse } = require('@babel/parser');
  const generatorModule = require('@babel/generator');
  const generate = generatorModule.default ?? generatorModule;
  const files = [];
  const collect = (dir, base) => {
    for (const name of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, name.name);
      if (name.isDirectory()) {
        if (name.name !== 'node_modules' && !name.name.startsWith('.')) collect(p, base);
      } else if (/\.(m|c)?js$/.test(name.name)) {
        files.push({ path: p, rel: relative(base, p) });
      }
    }
  };
  for (const g of groups) collect(g.path, root);
  for (const p of packages) collect(packageDir(p), root);
  const sources = files.map((f) => {
    const source = readFileSync(f.path, 'utf8');
    const sourceType = /\.mjs$/.test(f.path) ? 'module' : /\.cjs$/.test(f.path) ? 'commonjs' : 'auto';
    return { ...f, source, sourceType, lines: source.split('\n').length };
  });
  const lines = sources.reduce((s, f) => s + f.lines, 0);
  const bytes = sources.reduce((s, f) => s + f.source.length, 0);
  const restackPass = () => {
    for (const f of sources) compile(f.source, { filename: f.rel, sourceType: f.sourceType, updatePoints: 'loops' });
  };
  const babelPass = () => {
    for (const f of sources) {
      const ast = parse(f.source, {
        sourceType: f.sourceType === 'commonjs' ? 'script' : f.sourceType === 'module' ? 'module' : 'unambiguous',
        allowReturnOutsideFunction: f.sourceType !== 'module',
        sourceFilename: f.rel,
      });
      generate(ast, { sourceMaps: true, sourceFileName: f.rel, comments: false }, f.source);
    }
  };
  const time = (fn) => {
    const t0 = performance.now();
    fn();
    return performance.now() - t0;
  };
  // The smoke size only checks that this part runs (its figures are not recorded): one timed
  // pass each, no warm-up, no per-pass timings.
  const n = smoke ? 1 : 5;
  if (!smoke) {
    restackPass();
    babelPass();
  }
  const ta = [];
  const tb = [];
  for (let i = 0; i < n; i++) {
    if (i % 2 === 0) {
      tb.push(time(babelPass));
      ta.push(time(restackPass));
    } else {
      ta.push(time(restackPass));
      tb.push(time(babelPass));
    }
  }
  const ratios = ta.map((a, i) => a / tb[i]);
  // Where restack's time goes, per pass (one more run with timings on).
  const passes = {};
  if (!smoke) for (const f of sources) {
    const r = compile(f.source, { filename: f.rel, sourceType: f.sourceType, updatePoints: 'loops', timings: true });
    for (const [k, v] of Object.entries(r.timings ?? {})) passes[k] = (passes[k] ?? 0) + v;
  }
  return {
    files: sources.length, lines, bytes, runs: n,
    restackMs: median(ta), babelMs: median(tb),
    restackLinesPerSecond: lines / (median(ta) / 1000), babelLinesPerSecond: lines / (median(tb) / 1000),
    ratio: median(ta) / median(tb), ratioMin: Math.min(...ratios), ratioMax: Math.max(...ratios),
    passes,
  };
}
const compileStats = flag('--no-compile-speed') || failures.length > 0 ? undefined : compileSpeed();

// ---------------------------------------------------------------------------------------------
// Report
const fmt = (x, d = 2) => (x === undefined || Number.isNaN(x) ? '-' : x.toFixed(d));
const summary = { variants: {} };
for (const row of rows) {
  const nat = row.variants.native;
  row.nativeMs = nat.processMedians.length ? median(nat.processMedians) : undefined;
  row.nativeMin = nat.processMedians.length ? Math.min(...nat.processMedians) : undefined;
  row.nativeMax = nat.processMedians.length ? Math.max(...nat.processMedians) : undefined;
  for (const v of variants.slice(1)) {
    const slot = row.variants[v];
    if (!slot.processMedians.length || row.nativeMs === undefined || !slot.digestOk) continue;
    slot.ms = median(slot.processMedians);
    slot.min = Math.min(...slot.processMedians);
    slot.max = Math.max(...slot.processMedians);
    slot.ratio = slot.ms / row.nativeMs;
    slot.pairMin = Math.min(...slot.pairRatios);
    slot.pairMax = Math.max(...slot.pairRatios);
  }
}
for (const v of variants.slice(1)) {
  const measured = rows.filter((r) => r.variants[v].ratio !== undefined);
  if (!measured.length) continue;
  summary.variants[v] = {
    workloads: measured.length,
    geomean: geomean(measured.map((r) => r.variants[v].ratio)),
    above115: measured.filter((r) => r.variants[v].ratio > 1.15).map((r) => r.name),
    worst: measured.reduce((a, b) => (b.variants[v].ratio > a.variants[v].ratio ? b : a)).name,
  };
}

const label = { native: 'native ms', loops: 'loops (default)', all: 'all', stopify: 'Stopify' };
function table() {
  const head = ['workload', 'kind', 'native ms (min-max)', ...variants.slice(1).map((v) => `${label[v]}: ratio (pairs min-max)`)];
  const body = rows.map((r) => [
    r.name,
    r.kind,
    r.nativeMs === undefined ? '-' : `${fmt(r.nativeMs, 1)} (${fmt(r.nativeMin, 1)}-${fmt(r.nativeMax, 1)})`,
    ...variants.slice(1).map((v) => {
      const s = r.variants[v];
      if (s.unsupported) return `n/a (${s.unsupported.slice(0, 70)})`;
      if (!s.digestOk) return 'WRONG RESULT';
      if (s.ratio === undefined) return '-';
      return `${fmt(s.ratio)}x (${fmt(s.pairMin)}-${fmt(s.pairMax)})`;
    }),
  ]);
  const foot = ['geometric mean', '', '', ...variants.slice(1).map((v) => (summary.variants[v] ? `${fmt(summary.variants[v].geomean, 3)}x` : '-'))];
  return { head, body, foot };
}
function markdownTable({ head, body, foot }) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map((_, i) => (i >= 2 ? '---:' : '---'))), ...body.map(line), line(foot.map((c) => (c ? `**${c}**` : '')))].join('\n');
}
function textTable({ head, body, foot }) {
  const all = [head, ...body, foot];
  const widths = head.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  return [line(head), widths.map((n) => '-'.repeat(n)).join('  '), ...body.map(line), line(foot)].join('\n');
}

const machine = {
  cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30),
  os: `${platform()} ${release()}`, node: process.version,
};
// Directories of this machine are not part of the command as documented.
const shown = argv.map((a, i) => (argv[i - 1] === '--stopify' ? '<stopify dir>' : argv[i - 1] === '--out' || argv[i - 1] === '--workloads' ? '<dir>' : a));
const command = `npm run bench${argv.length ? ` -- ${shown.join(' ')}` : ''}`;
const elapsed = (Date.now() - started) / 1000;

const t = table();
const out = [];
out.push(`restack benchmarks: ${size} size, ${rounds} round(s), ${warmup} warm-up + ${iterations} timed runs per process, Node ${process.version}`);
out.push('');
out.push(textTable(t));
out.push('');
for (const v of variants.slice(1)) {
  const s = summary.variants[v];
  if (!s) continue;
  const goal = v === 'loops' ? `  (goal: <= 1.05, none above 1.15)` : '';
  out.push(`${label[v]}: geometric mean ${fmt(s.geomean, 3)}x over ${s.workloads} workloads, ${s.above115.length} above 1.15x${s.above115.length ? ` (${s.above115.join(', ')})` : ''}, worst ${s.worst}${goal}`);
}
if (storms.length) {
  out.push(`update storm (identity update, whole stack captured and rebuilt): ${storms.filter((s) => s.ok).length}/${storms.length} runs gave the native result, ${storms.reduce((s, x) => s + (x.updates ?? 0), 0)} updates in all`);
}
if (compileStats) {
  const c = compileStats;
  out.push(`compile speed: ${c.files} files, ${c.lines} lines: restack ${Math.round(c.restackLinesPerSecond)} lines/s, Babel parse+generate ${Math.round(c.babelLinesPerSecond)} lines/s: ${fmt(c.ratio)}x the time (runs ${fmt(c.ratioMin)}-${fmt(c.ratioMax)}; goal <= 3)`);
}
out.push(`${elapsed.toFixed(0)} s in all`);
if (failures.length) {
  out.push('');
  out.push(`FAILED: ${failures.length} problem(s):`);
  for (const f of failures) out.push(`  - ${f}`);
}
process.stdout.write(out.join('\n') + '\n');

const results = {
  date: new Date().toISOString(), command, machine, size, rounds, warmup, iterations, elapsedSeconds: elapsed,
  workloads: rows.map((r) => ({
    name: r.name, kind: r.kind, description: r.description, nativeMs: r.nativeMs, nativeMin: r.nativeMin, nativeMax: r.nativeMax,
    reference: r.reference,
    variants: Object.fromEntries(Object.entries(r.variants).map(([k, s]) => [k, {
      ms: k === 'native' ? r.nativeMs : s.ms, min: s.min, max: s.max, ratio: s.ratio, pairMin: s.pairMin, pairMax: s.pairMax,
      processMedians: s.processMedians, pairRatios: s.pairRatios, digestOk: s.digestOk, unsupported: s.unsupported,
    }])),
  })),
  summary, storms, compile: compileStats, compileLog, failures,
};
if (flag('--json')) {
  writeFileSync(join(root, 'bench', 'results.json'), JSON.stringify(results, null, 2) + '\n');
  process.stderr.write('bench: wrote bench/results.json\n');
}
if (flag('--docs')) {
  const docs = join(root, 'docs', 'benchmarks.md');
  // The Stopify reference run (slow, fewer rounds) has its own section.
  const marker = stopifyDir ? 'stopify' : 'results';
  const begin = `<!-- bench:${marker}:begin -->`;
  const end = `<!-- bench:${marker}:end -->`;
  const text = readFileSync(docs, 'utf8');
  const a = text.indexOf(begin);
  const b = text.indexOf(end);
  if (a < 0 || b < a) fail(`docs/benchmarks.md has no ${begin} ... ${end} section`);
  const section = [
    begin,
    '',
    `Measured ${results.date.slice(0, 10)} on ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}.`,
    `Command: \`${command}\` (${elapsed.toFixed(0)} s). ${rounds} rounds; each process ${warmup} warm-up + ${iterations} timed runs.`,
    '',
    markdownTable(t),
    '',
    ...variants.slice(1).filter((v) => summary.variants[v]).map((v) => {
      const s = summary.variants[v];
      return `- **${label[v]}**: geometric mean ${fmt(s.geomean, 3)}x over ${s.workloads} workloads; ${s.above115.length} above 1.15x${s.above115.length ? ` (${s.above115.join(', ')})` : ''}; worst: ${s.worst}.`;
    }),
    ...(compileStats ? [`- **compile speed**: ${compileStats.files} files, ${compileStats.lines} lines (the workloads and the library packages): restack ${Math.round(compileStats.restackLinesPerSecond)} lines/s, Babel parse + generate ${Math.round(compileStats.babelLinesPerSecond)} lines/s: **${fmt(compileStats.ratio)}x** the time (per run ${fmt(compileStats.ratioMin)}-${fmt(compileStats.ratioMax)}). restack's time by pass: ${Object.entries(compileStats.passes).sort((x, y) => y[1] - x[1]).map(([k, v]) => `${k} ${Math.round(v)} ms`).join(', ')}.`] : []),
    '',
    end,
  ].join('\n');
  writeFileSync(docs, text.slice(0, a) + section + text.slice(b + end.length));
  process.stderr.write('bench: updated docs/benchmarks.md\n');
}
process.exit(failures.length ? 1 : 0);
