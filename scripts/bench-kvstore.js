#!/usr/bin/env node
/**
 * samples/kvstore under redis-benchmark: the server compiled by restack (`restack run`) against the
 * same version with its types stripped and nothing else (plain `node`), measured in alternation.
 *
 *  - throughput and p99 latency: in every round each variant gets one redis-benchmark run per
 *    client mode (50 clients with 16 commands pipelined each, and 50 clients one command at a
 *    time), SET/GET/INCR/MSET over 100,000 random keys; the order of the variants alternates from
 *    round to round. Per test and round: compiled / native of the requests per second and of the
 *    p99 latency; reported: the median over the rounds, and the geometric mean over the tests;
 *  - updates under load: while redis-benchmark (pipelined) runs against the compiled server,
 *    `restack update <pid>` applies v1 -> v2 -> v1 ... (the committed mappings; each moves every
 *    connection's suspended activation and converts every key's entry). Reported: the pause of each
 *    update and its parts, and the run's throughput against the compiled runs without updates.
 *
 * Each round starts both servers afresh and warms each up with one run; within a round the idle
 * one costs nothing.
 *
 * With taskset available, the servers run on CPU 0 and redis-benchmark on CPU 1 (--no-pin: anywhere).
 *
 * --compare-all adds a third server to every round: v1 compiled with `--call-points all` (every
 * call a continuation point, builtin methods' included), so the two call-point policies are
 * compared in the same interleaved run.
 *
 *   node scripts/bench-kvstore.js [--rounds 8] [--json] [--docs] [--quick] [--no-pin] [--compare-all]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildNative } from '../samples/kvstore/native.js';
import { geomean, median, writeDocsSection } from './bench-common.js';
import { applyUpdate, prepare, redisBenchmark, restack, sample, startServer, stopServer } from '../samples/kvstore/live.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const at = argv.indexOf('--rounds');
const ROUNDS = at >= 0 ? Number(argv[at + 1]) : quick ? 2 : 8;
const MODES = [
  { name: 'pipelined (-P 16)', args: ['-c', '50', '-P', '16', '-n', quick ? '100000' : '400000'] },
  { name: 'one at a time (-P 1)', args: ['-c', '50', '-P', '1', '-n', quick ? '20000' : '60000'] },
];
const COMMON = ['-r', '100000', '-d', '3', '-t', 'set,get,incr,mset'];

const out = join(root, '.restack-out', 'bench-kvstore');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const xdg = join(out, 'xdg');
mkdirSync(xdg, { mode: 0o700 });
process.env.XDG_RUNTIME_DIR = xdg;


// With taskset and two cores or more, the server (every thread of it) runs on CPU 0 and
// redis-benchmark on CPU 1, so neither variant's server competes with the client for a core.
const pin = !argv.includes('--no-pin') && availableParallelism() >= 2 && spawnSync('taskset', ['-c', '0', 'true']).status === 0;
const SERVER_CPUS = pin ? '0' : null;
const CLIENT_CPUS = pin ? '1' : null;

async function bench(port, args) {
  const r = await redisBenchmark(port, [...args, ...COMMON], { cpus: CLIENT_CPUS }).done;
  if (r.code !== 0 || /error/i.test(r.stdout + r.stderr)) {
    process.stderr.write(`bench-kvstore: redis-benchmark failed:\n${r.stdout}${r.stderr}\n`);
    process.exit(1);
  }
  return r.rows;
}

const compiledMain = prepare(out, { patches: ['v1-v2', 'v2-v1'] });
const nativeMain = buildNative('v1', join(out, 'native'));
const compareAll = argv.includes('--compare-all');
if (compareAll) restack(['compile', join(sample, 'v1'), '-o', join(out, 'v1-all'), '--call-points', 'all', '--quiet']);
const MAINS = { compiled: compiledMain, all: join(out, 'v1-all', 'main.js') };
const VARIANTS = compareAll ? ['native', 'compiled', 'all'] : ['native', 'compiled'];
const start = (v) => (v === 'native' ? startServer(nativeMain, { compiled: false, cpus: SERVER_CPUS }) : startServer(MAINS[v], { cpus: SERVER_CPUS }));

// results[mode][test] = { native: [rows], compiled: [rows], all?: [rows] }. Every round starts both servers
// afresh (a process's own luck, its hash seeds and heap layout, is not carried from round to
// round) and warms each up with one run before it is measured.
const results = MODES.map(() => ({}));
for (let round = 0; round < ROUNDS; round++) {
  const order = round % 2 === 0 ? VARIANTS : [...VARIANTS].reverse();
  const servers = {};
  for (const v of VARIANTS) servers[v] = await start(v);
  for (const v of order) await bench(servers[v].port, MODES[0].args);
  for (let m = 0; m < MODES.length; m++) {
    for (const v of order) {
      for (const row of await bench(servers[v].port, MODES[m].args)) {
        const slot = (results[m][row.test] ??= Object.fromEntries(VARIANTS.map((x) => [x, []])));
        slot[v].push(row);
      }
    }
  }
  for (const v of order) await stopServer(servers[v]);
  process.stderr.write(`bench-kvstore: round ${round + 1}/${ROUNDS}\n`);
}

const summary = MODES.map((mode, m) => {
  const tests = Object.entries(results[m]).map(([test, { native, compiled, all }]) => {
    const rps = native.map((n, i) => compiled[i].rps / n.rps);
    const p99 = native.map((n, i) => compiled[i].p99 / n.p99);
    return {
      ...(all ? { allRpsRatio: median(native.map((n, i) => all[i].rps / n.rps)), allP99Ratio: median(native.map((n, i) => all[i].p99 / n.p99)) } : {}),
      test,
      nativeRps: median(native.map((r) => r.rps)),
      compiledRps: median(compiled.map((r) => r.rps)),
      rpsRatio: median(rps),
      nativeP99: median(native.map((r) => r.p99)),
      compiledP99: median(compiled.map((r) => r.p99)),
      p99Ratio: median(p99),
    };
  });
  return {
    mode: mode.name, tests, rpsRatio: geomean(tests.map((t) => t.rpsRatio)), p99Ratio: geomean(tests.map((t) => t.p99Ratio)),
    ...(compareAll ? { allRpsRatio: geomean(tests.map((t) => t.allRpsRatio)), allP99Ratio: geomean(tests.map((t) => t.allP99Ratio)) } : {}),
  };
});

// Updates under load.
const loadedServer = await start('compiled');
await bench(loadedServer.port, MODES[0].args);
const { port, pid } = loadedServer;
const loaded = redisBenchmark(port, [...MODES[0].args.slice(0, 4), '-n', quick ? '300000' : '1000000', ...COMMON], { cpus: CLIENT_CPUS });
const updates = [];
let finished = false;
loaded.done.then(() => { finished = true; });
await new Promise((r) => setTimeout(r, 300));
while (!finished) {
  const name = updates.length % 2 === 0 ? 'v1-v2' : 'v2-v1';
  const r = await applyUpdate(pid, join(out, name), name.slice(3));
  if (r.code !== 0 || !r.report?.applied) {
    process.stderr.write(`bench-kvstore: update ${name} failed:\n${r.text}\n`);
    process.exit(1);
  }
  updates.push({ name, ...r.report.timings, frames: r.report.frames.length, suspended: r.report.frames.filter((f) => f.suspended).length });
  await new Promise((r2) => setTimeout(r2, 200));
}
const loadedRows = (await loaded.done).rows;
// Back to v1 for a clean stop.
if (updates.length % 2 === 1) await applyUpdate(pid, join(out, 'v2-v1'), 'v1');
await stopServer(loadedServer);
const compiledRps = Object.fromEntries(summary[0].tests.map((t) => [t.test, t.compiledRps]));
const underUpdates = {
  updates: updates.length,
  pauseMedian: median(updates.map((u) => u.pauseMs)),
  pauseMax: Math.max(...updates.map((u) => u.pauseMs)),
  captureMedian: median(updates.map((u) => u.captureMs)),
  mapMedian: median(updates.map((u) => u.mapMs)),
  rebuildMedian: median(updates.map((u) => u.rebuildMs)),
  suspendedMedian: median(updates.map((u) => u.suspended)),
  tests: loadedRows.map((r) => ({ test: r.test, rps: r.rps, p99: r.p99, vsCompiled: r.rps / compiledRps[r.test] })),
};

const f = (x, d = 3) => x.toFixed(d);
const lines = [];
for (const s of summary) {
  lines.push(`**${s.mode}**: throughput compiled / native **${f(s.rpsRatio)}x**, p99 latency **${f(s.p99Ratio)}x** (geometric means over the tests; medians of ${ROUNDS} interleaved rounds).`, '');
  lines.push('| test | native req/s | compiled req/s | throughput ratio | native p99 (ms) | compiled p99 (ms) | p99 ratio |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|');
  for (const t of s.tests) {
    lines.push(`| ${t.test} | ${Math.round(t.nativeRps)} | ${Math.round(t.compiledRps)} | ${f(t.rpsRatio)} | ${f(t.nativeP99)} | ${f(t.compiledP99)} | ${f(t.p99Ratio)} |`);
  }
  lines.push('');
  if (compareAll) {
    lines.push(`Compiled with \`--call-points all\` (every call a continuation point), same rounds: throughput **${f(s.allRpsRatio)}x**, p99 **${f(s.allP99Ratio)}x** (` +
      s.tests.map((t) => `${t.test} ${f(t.allRpsRatio)}`).join(', ') + ').', '');
  }
}
const u = underUpdates;
lines.push(`**Updates under load** (pipelined run, v1 <-> v2 through \`restack update\`, each converting every key's entry): ${u.updates} updates, ` +
  `pause median **${f(u.pauseMedian, 2)} ms** (max ${f(u.pauseMax, 2)}; capture ${f(u.captureMedian, 2)}, map + transform + evaluate ${f(u.mapMedian, 2)}, rebuild ${f(u.rebuildMedian, 2)}), ` +
  `${u.suspendedMedian} suspended activations moved per update. Throughput of that run against the compiled runs without updates: ` +
  u.tests.map((t) => `${t.test} ${f(t.vsCompiled, 2)}x`).join(', ') + '.');
const table = lines.join('\n');
process.stdout.write(table + '\n');

if (argv.includes('--json')) writeFileSync(join(root, 'bench', 'kvstore-results.json'), JSON.stringify({ rounds: ROUNDS, summary, underUpdates }, null, 2) + '\n');
if (argv.includes('--docs')) {
  writeDocsSection(join(root, 'docs', 'benchmarks.md'), 'kvstore', 'kvstore under redis-benchmark',
    `${table}\n\nMeasured by \`node scripts/bench-kvstore.js ${argv.join(" ")}\` (${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${pin ? 'server on CPU 0, redis-benchmark on CPU 1' : 'redis-benchmark and the server on the same cores'}).`);
}
