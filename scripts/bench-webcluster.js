#!/usr/bin/env node
/**
 * samples/webcluster under wrk: the cluster (a primary and two workers) natively (plain `node`),
 * compiled by restack (`restack run`) with no update, compiled with two live updates during the
 * run (v1 -> v2 coordinated at a third of it, v2 -> v3 rolling at two thirds), and compiled with
 * two identity updates at the same moments (v1 to the same code: the cost of updating without the
 * cost of the new versions' code), measured in alternation: every round runs the three variants, in an order that rotates from round to round,
 * each on a cluster started afresh and warmed up with one second of load.
 *
 * Reported per variant: requests per second and p99 latency (medians over the rounds), and their
 * ratio to native; responses outside 2xx and socket errors (totals: both must be 0); for the
 * updates, per update the longest pause of any process and the time from the request to each
 * process's update point (medians over the rounds).
 *
 * With taskset available, the cluster (every process) runs on CPU 0 and wrk on CPU 1 (--no-pin:
 * anywhere).
 *
 *   node scripts/bench-webcluster.js [--rounds 5] [--seconds 6] [--json] [--docs] [--no-pin]
 *
 * --windows instead: the compiled cluster's throughput in 4-second windows, two before an identity
 * update and three after it (printed, not written to the docs).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, writeDocsSection } from './bench-common.js';
import { prepare } from '../samples/webcluster/live.js';
import { restack } from '../samples/prepare.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'bin/restack.js');
const argv = process.argv.slice(2);
const option = (name, otherwise) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : otherwise);
const ROUNDS = option('--rounds', 5);
const SECONDS = option('--seconds', 6);

if (spawnSync('wrk', ['--version']).error) {
  process.stderr.write('bench-webcluster: wrk is not installed (apt-get install wrk)\n');
  process.exit(1);
}

const out = join(root, '.restack-out', 'bench-webcluster');
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'xdg'), { recursive: true, mode: 0o700 });
process.env.XDG_RUNTIME_DIR = join(out, 'xdg');
prepare(out);
// The identity update: v1 to the same code, to tell the cost of updating from the cost of v2's and
// v3's code.
restack(['patch', join(root, 'samples/webcluster/v1'), join(root, 'samples/webcluster/v1'), '-o', join(out, 'v1-v1')]);
restack(['check', join(out, 'v1-v1')]);

const pin = !argv.includes('--no-pin') && availableParallelism() >= 2 && spawnSync('taskset', ['-c', '0', 'true']).status === 0;
const pinned = (cpus, command, args) => (pin ? ['taskset', ['-c', cpus, command, ...args]] : [command, args]);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Starts the cluster; resolves with { port, pid (the primary's), child } once every worker listens. */
function startCluster(compiled) {
  const program = compiled
    ? [process.execPath, [cli, 'run', '--announce', join(out, 'v1/main.js'), '--port', '0', '--workers', '2']]
    : [process.execPath, [join(root, 'samples/webcluster/v1/main.js'), '--port', '0', '--workers', '2']];
  const child = spawn(...pinned('0', ...program), { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      stdout += d;
      const m = /listening (\d+)/.exec(stdout);
      if (m) resolve({ port: Number(m[1]), pid: compiled ? Number(/\(pid (\d+)\)/.exec(stderr)[1]) : child.pid, child });
    });
    child.on('exit', () => reject(new Error(`the cluster exited before listening:\n${stdout}\n${stderr}`)));
  });
}

async function stopCluster({ child, pid }) {
  const exited = new Promise((resolve) => child.on('exit', resolve));
  // The primary disconnects its workers and exits (under `restack run`, the process that started
  // it then exits with it).
  process.kill(pid, 'SIGTERM');
  await exited;
}

/** wrk with the sample's script: { rps, p99Ms, responses, non2xx, socketErrors }. */
function wrk(port, seconds) {
  const child = spawn(...pinned('1', 'wrk', ['-t2', '-c16', `-d${seconds}s`, '--latency', '-s', join(root, 'samples/webcluster/load.lua'), `http://127.0.0.1:${port}`]), { stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout.on('data', (d) => { text += d; });
  child.stderr.on('data', (d) => { text += d; });
  return new Promise((resolve, reject) => child.on('exit', (code) => {
    const rps = /Requests\/sec:\s+([\d.]+)/.exec(text);
    const p99 = /\s99%\s+([\d.]+)(us|ms|s)\b/.exec(text);
    const load = /load: (\d+) responses, (\d+) non-2xx/.exec(text);
    if (code !== 0 || !rps || !p99 || !load) return reject(new Error(`wrk failed (exit ${code}):\n${text}`));
    const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text);
    resolve({
      rps: Number(rps[1]),
      p99Ms: Number(p99[1]) * { us: 1e-3, ms: 1, s: 1e3 }[p99[2]],
      responses: Number(load[1]),
      non2xx: Number(load[2]),
      socketErrors: errors ? errors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0,
    });
  }));
}

function update(pid, patch, label, processes) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'update', '--json', '--label', label, '--processes', processes, String(pid), join(out, patch)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (d) => { text += d; });
    child.stderr.on('data', (d) => { text += d; });
    child.on('exit', () => {
      try {
        const report = JSON.parse(text);
        if (!report.applied) throw new Error(`not applied: ${report.reason}`);
        resolve(report);
      } catch (e) {
        reject(new Error(`restack update ${patch}: ${e.message}\n${text}`));
      }
    });
  });
}

/** The figures of one update of the tree: longest pause of a process, request -> update point of each. */
function figures(report) {
  const all = [report, ...report.processes];
  return {
    maxPauseMs: Math.max(...all.map((r) => r.group?.pauseMs ?? r.timings.pauseMs)),
    quiescenceMs: all.map((r) => r.timings.requestToPointMs),
  };
}

if (argv.includes('--windows')) {
  // Where an update's cost goes: throughput in consecutive windows before and after one identity
  // update of the compiled cluster, under the same load.
  const WINDOWS = 4;
  const cluster = await startCluster(true);
  await wrk(cluster.port, 1);
  const windows = [];
  for (let i = 0; i < 2; i++) windows.push({ when: `before ${2 - i}`, ...(await wrk(cluster.port, WINDOWS)) });
  const report = await update(cluster.pid, 'v1-v1', 'v1b', 'coordinated');
  for (let i = 0; i < 3; i++) windows.push({ when: `after ${i + 1}`, ...(await wrk(cluster.port, WINDOWS)) });
  const st = spawnSync(process.execPath, [cli, 'status', '--json', String(cluster.pid)], { encoding: 'utf8' });
  await stopCluster(cluster);
  const forwards = (JSON.parse(st.stdout).processes ?? []).map((p) => p.stats?.forwards ?? 0);
  const base = (windows[0].rps + windows[1].rps) / 2;
  for (const w of windows) process.stdout.write(`${w.when}: ${w.rps.toFixed(0)} req/s (${(w.rps / base).toFixed(3)}x the windows before), ${w.non2xx} non-2xx, ${w.socketErrors} socket errors\n`);
  process.stdout.write(`identity update applied: ${report.applied}; forwards through old entries since, per worker: ${forwards.join(', ')} (requests after the update: ${windows.slice(2).reduce((n, w) => n + w.responses, 0)})\n`);
  process.exit(0);
}

const VARIANTS = ['native', 'compiled', 'compiled, 2 updates', 'compiled, 2 identity updates'];
const runs = Object.fromEntries(VARIANTS.map((v) => [v, []]));
const updates = { coordinated: [], rolling: [], identityCoordinated: [], identityRolling: [] };

for (let round = 0; round < ROUNDS; round++) {
  const order = VARIANTS.map((_, i) => VARIANTS[(i + round) % VARIANTS.length]);
  for (const variant of order) {
    const cluster = await startCluster(variant !== 'native');
    await wrk(cluster.port, 1);
    const measuring = wrk(cluster.port, SECONDS);
    if (variant === 'compiled, 2 updates') {
      await sleep((SECONDS * 1000) / 3);
      updates.coordinated.push(figures(await update(cluster.pid, 'v1-v2', 'v2', 'coordinated')));
      await sleep((SECONDS * 1000) / 3);
      updates.rolling.push(figures(await update(cluster.pid, 'v2-v3', 'v3', 'rolling')));
    } else if (variant === 'compiled, 2 identity updates') {
      await sleep((SECONDS * 1000) / 3);
      updates.identityCoordinated.push(figures(await update(cluster.pid, 'v1-v1', 'v1b', 'coordinated')));
      await sleep((SECONDS * 1000) / 3);
      updates.identityRolling.push(figures(await update(cluster.pid, 'v1-v1', 'v1c', 'rolling')));
    }
    const r = await measuring;
    runs[variant].push(r);
    await stopCluster(cluster);
    process.stderr.write(`round ${round + 1}/${ROUNDS} ${variant}: ${r.rps.toFixed(0)} req/s, p99 ${r.p99Ms.toFixed(2)} ms, ${r.non2xx} non-2xx, ${r.socketErrors} socket errors\n`);
  }
}

const nativeRps = median(runs.native.map((r) => r.rps));
const nativeP99 = median(runs.native.map((r) => r.p99Ms));
const summary = VARIANTS.map((v) => {
  const rps = median(runs[v].map((r) => r.rps));
  const p99 = median(runs[v].map((r) => r.p99Ms));
  return {
    variant: v, rps, rpsRatio: rps / nativeRps, p99Ms: p99, p99Ratio: p99 / nativeP99,
    non2xx: runs[v].reduce((s, r) => s + r.non2xx, 0), socketErrors: runs[v].reduce((s, r) => s + r.socketErrors, 0),
    responses: runs[v].reduce((s, r) => s + r.responses, 0),
  };
});
const UPDATE_NAMES = { coordinated: 'v1 -> v2, coordinated', rolling: 'v2 -> v3, rolling', identityCoordinated: 'v1 -> v1 (same code), coordinated', identityRolling: 'v1 -> v1 (same code), rolling' };
const updateSummary = Object.entries(updates).map(([mode, list]) => ({
  update: UPDATE_NAMES[mode],
  maxPauseMs: median(list.map((u) => u.maxPauseMs)),
  quiescenceMs: median(list.flatMap((u) => u.quiescenceMs)),
  quiescenceMaxMs: Math.max(...list.flatMap((u) => u.quiescenceMs)),
}));

const f = (n, d = 2) => n.toFixed(d);
const lines = [
  '| variant | requests/s, median | vs native | p99 latency, median (ms) | vs native | responses | non-2xx | socket errors |',
  '|---|---:|---:|---:|---:|---:|---:|---:|',
  ...summary.map((s) => `| ${s.variant} | ${f(s.rps, 0)} | ${f(s.rpsRatio, 3)}x | ${f(s.p99Ms)} | ${f(s.p99Ratio, 3)}x | ${s.responses} | ${s.non2xx} | ${s.socketErrors} |`),
  '',
  '| update (3 processes) | longest pause of a process, median (ms) | request -> update point per process, median (ms) | max |',
  '|---|---:|---:|---:|',
  ...updateSummary.map((u) => `| ${u.update} | ${f(u.maxPauseMs)} | ${f(u.quiescenceMs, 3)} | ${f(u.quiescenceMaxMs, 3)} |`),
];
process.stdout.write(lines.join('\n') + '\n');
const during = summary[2].rps / summary[1].rps;
const duringIdentity = summary[3].rps / summary[1].rps;
process.stdout.write(`throughput during updates / without: ${f(during, 3)}; during identity updates / without: ${f(duringIdentity, 3)}\n`);

if (argv.includes('--json')) {
  mkdirSync(join(root, 'bench'), { recursive: true });
  writeFileSync(join(root, 'bench', 'webcluster-results.json'), JSON.stringify({ rounds: ROUNDS, seconds: SECONDS, pinned: pin, summary, updates: updateSummary }, null, 2) + '\n');
}
if (argv.includes('--docs')) {
  writeDocsSection(join(root, 'docs', 'benchmarks.md'), 'webcluster', 'webcluster under wrk: throughput with and without live updates', [
    ...lines,
    '',
    `Throughput of the compiled cluster during the two updates / without: ${f(during, 3)}; during two identity updates (v1 to the same code) / without: ${f(duringIdentity, 3)}.`,
    '',
    `Measured by \`node scripts/bench-webcluster.js --json --docs\` (${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ` +
    `${availableParallelism()} cores, ${ROUNDS} rounds of ${SECONDS} s per variant${pin ? '; the cluster on CPU 0, wrk on CPU 1' : ''}).`,
  ].join('\n'));
}
