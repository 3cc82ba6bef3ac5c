#!/usr/bin/env node
/**
 * How long a blocking call holds an update back: bench/blocking (versions A and B, patches made by
 * `restack patch` and checked) runs under `restack run` blocked in one call, and `restack update
 * <pid>` applies A -> B -> A ... Reported per call: request -> update point (the report's
 * requestToPointMs: from the control worker's hand-over to the capture) and the pause, median and
 * max over the updates.
 *
 *   node scripts/bench-blocking.js [--updates 20] [--json] [--docs]
 */
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildVersions, median, stopRun, writeDocsSection } from './bench-common.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'bin', 'restack.js');
const src = join(root, 'bench', 'blocking');
const out = join(root, '.restack-out', 'bench-blocking');
const argv = process.argv.slice(2);
const at = argv.indexOf('--updates');
const UPDATES = at >= 0 ? Number(argv[at + 1]) : 20;
const KINDS = [
  { kind: 'sleep', what: '`Atomics.wait` with a timeout (a sleep)' },
  { kind: 'futex', what: '`Atomics.wait` without one (a futex nobody releases)' },
  { kind: 'exec', what: '`child_process.execSync` of a long command' },
  { kind: 'read', what: '`fs.readSync` of a pipe nobody writes to' },
];

buildVersions('bench-blocking', src, out);

async function measure(kind) {
  const child = spawn(process.execPath, [cli, 'run', '--announce', join(out, 'A', 'main.js'), kind], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  await new Promise((resolve) => child.stdout.on('data', (d) => { stdout += d; if (stdout.includes('blocking')) resolve(); }));
  const pid = /\(pid (\d+)\)/.exec(stderr)[1];
  const rows = [];
  for (let i = 0; i < UPDATES; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const dir = join(out, i % 2 === 0 ? 'AB' : 'BA');
    const r = spawnSync(process.execPath, [cli, 'update', '--json', pid, dir], { encoding: 'utf8' });
    const report = r.status === 0 ? JSON.parse(r.stdout) : null;
    if (!report?.applied) {
      process.stderr.write(`bench-blocking: update ${i} of ${kind} failed\n${r.stdout}${r.stderr}`);
      stopRun(pid, child);
      process.exit(1);
    }
    rows.push(report.timings);
  }
  stopRun(pid, child);
  return {
    kind,
    updates: rows.length,
    requestMedian: median(rows.map((t) => t.requestToPointMs)),
    requestMax: Math.max(...rows.map((t) => t.requestToPointMs)),
    pauseMedian: median(rows.map((t) => t.pauseMs)),
    pauseMax: Math.max(...rows.map((t) => t.pauseMs)),
  };
}

const results = [];
for (const { kind } of KINDS) results.push(await measure(kind));
const f = (x) => x.toFixed(3);
const lines = ['| blocked in | updates | request -> update point, median (ms) | max | pause median (ms) | max |', '|---|---:|---:|---:|---:|---:|'];
for (const r of results) {
  lines.push(`| ${KINDS.find((k) => k.kind === r.kind).what} | ${r.updates} | ${f(r.requestMedian)} | ${f(r.requestMax)} | ${f(r.pauseMedian)} | ${f(r.pauseMax)} |`);
}
const table = lines.join('\n');
process.stdout.write(table + '\n');
if (argv.includes('--json')) writeFileSync(join(root, 'bench', 'blocking-results.json'), JSON.stringify(results, null, 2) + '\n');
if (argv.includes('--docs')) {
  writeDocsSection(join(root, 'docs', 'benchmarks.md'), 'blocking', 'Blocking calls: how long they hold an update back',
    `${table}\n\nMeasured by \`node scripts/bench-blocking.js --json --docs\` (${new Date().toISOString().slice(0, 10)}, Node ${process.version}).`);
}
