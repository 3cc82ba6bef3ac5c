#!/usr/bin/env node
/**
 * Updates of a process with worker threads: bench/threads (versions A and B, patches made by
 * `restack patch` and checked) runs under `restack run` with 1, 4 and 16 workers, all busy (a CPU
 * loop that never returns to the event loop) or all blocked (asleep in Atomics.wait), and
 * `restack update <pid>` applies A -> B -> A ... in atomic and in wait-free mode.
 *
 * Reported per configuration, over the updates:
 *  - time to quiescence per thread: from the coordinator raising the thread's flags (the request
 *    was posted to every thread just before) to that thread's first update point (each thread's
 *    requestToPointMs), median and 95th percentile over all threads of all updates;
 *  - time to full quiescence, the quiescence study's measure: from the first thread at its update
 *    point to the last (the report's group.fullQuiescenceMs), median over the updates;
 *  - the update's pause: from the first thread stopping for the update to the last running again
 *    (the report's group.pauseMs), median and max; and the longest one thread stood still
 *    (threadPauseMaxMs: its pause, or the load at its first update point when it ran on from
 *    there, whichever is longer);
 *  - what each thread does once stopped (medians over the threads of every update but the first,
 *    which runs the runtime's update code cold): load (compile the bundle), capture, map and
 *    evaluate the new version (its mapMs without the wait at the barrier), rebuild;
 *  - the floor: the same threads in plain Node (bench/threads-floor.js), asked to stop the same
 *    way and meeting at a barrier with nothing to do: the time to notice and the pause any
 *    runtime would pay on this machine. It runs between the two modes of each configuration.
 *
 *   node scripts/bench-threads.js [--updates 20] [--workers 1,4,16] [--json] [--docs]
 */
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildVersions, median, stopRun, writeDocsSection } from './bench-common.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'bin', 'restack.js');
const src = join(root, 'bench', 'threads');
const out = join(root, '.restack-out', 'bench-threads');
const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : fallback;
};
const UPDATES = Number(option('--updates', '20'));
const WORKERS = option('--workers', '1,4,16').split(',').map(Number);
const KINDS = ['busy', 'blocked'];
const MODES = ['atomic', 'wait-free'];

buildVersions('bench-threads', src, out);

function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : NaN;
}

async function measure(workers, kind, mode) {
  const child = spawn(process.execPath, [cli, 'run', '--announce', join(out, 'A', 'main.js'), String(workers), kind], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  await new Promise((resolve) => child.stdout.on('data', (d) => { stdout += d; if (stdout.includes('ready')) resolve(); }));
  const pid = /\(pid (\d+)\)/.exec(stderr)[1];
  const quiescence = [];
  const full = [];
  const pauses = [];
  const threadPauses = [];
  const phases = { load: [], capture: [], map: [], rebuild: [] };
  for (let i = 0; i < UPDATES; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const dir = join(out, i % 2 === 0 ? 'AB' : 'BA');
    const r = spawnSync(process.execPath, [cli, 'update', '--json', '--mode', mode, pid, dir], { encoding: 'utf8' });
    const report = r.stdout ? JSON.parse(r.stdout) : null;
    if (!report?.applied || report.threads?.length !== workers + 1) {
      process.stderr.write(`bench-threads: update ${i} (${workers} ${kind} workers, ${mode}) failed\n${r.stdout}${r.stderr}`);
      stopRun(pid, child);
      process.exit(1);
    }
    for (const t of report.threads) {
      quiescence.push(t.timings.requestToPointMs);
      if (i === 0 || !t.reached) continue;
      phases.load.push(t.timings.loadMs);
      phases.capture.push(t.timings.captureMs);
      phases.map.push(t.timings.mapMs - (t.timings.barrierMs ?? 0));
      phases.rebuild.push(t.timings.rebuildMs);
    }
    full.push(report.group.fullQuiescenceMs);
    pauses.push(report.group.pauseMs);
    threadPauses.push(report.group.threadPauseMaxMs);
  }
  stopRun(pid, child);
  return {
    workers, kind, mode, updates: UPDATES,
    quiescenceMedian: median(quiescence), quiescenceP95: percentile(quiescence, 0.95), fullMedian: median(full),
    pauseMedian: median(pauses), pauseMax: Math.max(...pauses),
    threadPauseMedian: median(threadPauses),
    perThread: Object.fromEntries(Object.entries(phases).map(([k, xs]) => [k, median(xs)])),
  };
}

/** The floor of a configuration: plain Node, the same threads, UPDATES rounds. */
function floor(workers, kind) {
  const r = spawnSync(process.execPath, [join(root, 'bench', 'threads-floor.js'), String(workers), kind, String(UPDATES)], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) {
    process.stderr.write(`bench-threads: the floor (${workers} ${kind} workers) failed\n${r.stdout}${r.stderr}`);
    process.exit(1);
  }
  const { notice, spread, pause } = JSON.parse(r.stdout);
  return { noticeMedian: median(notice), noticeP95: percentile(notice, 0.95), spreadMedian: median(spread), pauseMedian: median(pause), pauseMax: Math.max(...pause) };
}

const results = [];
const floors = [];
for (const workers of WORKERS) {
  for (const kind of KINDS) {
    const runs = [];
    runs.push(await measure(workers, kind, MODES[0]));
    const f = { workers, kind, ...floor(workers, kind) };
    floors.push(f);
    runs.push(await measure(workers, kind, MODES[1]));
    for (const r of runs) {
      r.floor = f;
      results.push(r);
      process.stderr.write(`${workers} ${kind} ${r.mode}: quiescence median ${r.quiescenceMedian.toFixed(3)} ms (floor ${f.noticeMedian.toFixed(3)}), pause median ${r.pauseMedian.toFixed(3)} ms (floor ${f.pauseMedian.toFixed(3)})\n`);
    }
  }
}
const f = (x) => x.toFixed(3);
const lines = [
  '| workers | workers are | mode | time to quiescence per thread, median (ms) | p95 | floor: median / p95 | first to last thread at its point, median (ms) | floor | update pause, median (ms) | max | floor: median / max | longest thread stop, median (ms) | per thread: load / capture / map / rebuild, medians (ms) |',
  '|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
];
for (const r of results) {
  const p = r.perThread;
  const fl = r.floor;
  lines.push(`| ${r.workers} | ${r.kind} | ${r.mode} | ${f(r.quiescenceMedian)} | ${f(r.quiescenceP95)} | ${f(fl.noticeMedian)} / ${f(fl.noticeP95)} | ${f(r.fullMedian)} | ${f(fl.spreadMedian)} | ${f(r.pauseMedian)} | ${f(r.pauseMax)} | ${f(fl.pauseMedian)} / ${f(fl.pauseMax)} | ${f(r.threadPauseMedian)} | ${f(p.load)} / ${f(p.capture)} / ${f(p.map)} / ${f(p.rebuild)} |`);
}
const table = lines.join('\n');
process.stdout.write(table + '\n');
if (argv.includes('--json')) writeFileSync(join(root, 'bench', 'threads-results.json'), JSON.stringify(results, null, 2) + '\n');
if (argv.includes('--docs')) {
  writeDocsSection(join(root, 'docs', 'benchmarks.md'), 'threads', 'Threads: time to quiescence and update pause',
    `${table}\n\nMeasured by \`node scripts/bench-threads.js --json --docs\` (${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} cores, ${UPDATES} updates per row; the main thread is idle, so the threads counted are the workers and the main thread).`);
}
