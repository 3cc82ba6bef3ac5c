// Runs the worker pool live: compiles v1, prepares the patches v1 -> v2 -> v3 (bundles written by
// `restack patch`, keeping the completed mapping files of samples/jobqueue/patches, then validated
// by `restack check`), starts the pool under `restack run` and applies each patch through
// `restack update <pid>` (atomic or wait-free) when the pool's progress (its stderr) reaches a
// given number of finished jobs. Used by tests/jobqueue.test.js.
//
//   node samples/jobqueue/live.js [--mode atomic|wait-free] [-- main.js arguments]
//
// prints what each update did (per thread: time from the request to its update point, the frames
// it moved) and what check.js found in the output.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareSample } from '../prepare.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'bin/restack.js');
const sample = join(root, 'samples/jobqueue');

export const PATCHES = ['v1-v2', 'v2-v3'];

/**
 * Compiles v1 into work/v1 and writes the bundles into work/<patch> (samples/prepare.js). edit(name,
 * text) may change a committed mapping before it is used. Returns the outputs of `restack patch`
 * and `restack check`, in order.
 */
export function prepare(work, options = {}) {
  return prepareSample(sample, work, PATCHES, options);
}

/**
 * Starts work/v1/main.js under `restack run` with args, and applies PATCHES[i] with `restack
 * update --json --mode <mode>` once schedule[i] jobs are done (main.js prints `done k/M ...` on
 * stderr for each result), one update at a time. onReport(name, text, code) gets each update's
 * output as it comes. Resolves with { code, signal, stdout, stderr, reports: [{ name, code, text,
 * report, at, ms }] } once the pool exits (report: the parsed JSON; at: jobs done when the update
 * was requested; ms: how long `restack update` took). The pool is killed after timeoutMs.
 */
export function runLive(work, { args = [], schedule, mode = 'atomic', env = process.env, timeoutMs = 120_000, onStart, onReport }) {
  const child = spawn(process.execPath, [cli, 'run', '--announce', join(work, 'v1/main.js'), ...args], {
    env, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let pid = null;
  let done = 0;
  let next = 0;
  let busy = false;
  const reports = [];
  const sent = [];
  const apply = () => {
    if (busy || pid === null || next >= PATCHES.length || done < schedule[next]) return;
    const name = PATCHES[next++];
    busy = true;
    const at = done;
    const started = performance.now();
    const update = spawn(process.execPath, [cli, 'update', '--json', '--mode', mode, '--label', name.split('-')[1], pid, join(work, name)], {
      env, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    update.stdout.on('data', (d) => { text += d; });
    update.stderr.on('data', (d) => { text += d; });
    sent.push(new Promise((resolve) => update.on('exit', (code) => {
      let report = null;
      try {
        report = JSON.parse(text);
      } catch {
        // not JSON: the text says why
      }
      reports.push({ name, code, text, report, at, ms: performance.now() - started });
      onReport?.(name, text, code);
      busy = false;
      resolve();
      apply();
    })));
  };
  child.stdout.on('data', (d) => { stdout += d; });
  child.stderr.on('data', (d) => {
    stderr += d;
    if (pid === null) {
      const m = /restack: control socket \S+ \(pid (\d+)\)/.exec(stderr);
      if (m) {
        pid = m[1];
        onStart?.(pid);
      }
    }
    for (const m of String(d).matchAll(/^done (\d+)\//gm)) done = Math.max(done, Number(m[1]));
    apply();
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve) => child.on('exit', async (code, signal) => {
    clearTimeout(timer);
    await Promise.all(sent);
    resolve({ code, signal, stdout, stderr, reports });
  }));
}

async function main(argv) {
  const sep = argv.indexOf('--');
  const own = sep < 0 ? argv : argv.slice(0, sep);
  const args = sep < 0 ? ['--jobs', '48'] : argv.slice(sep + 1);
  const option = (list, name, otherwise) => (list.includes(name) ? list[list.indexOf(name) + 1] : otherwise);
  const mode = option(own, '--mode', 'atomic');
  const jobs = Number(option(args, '--jobs', 48));
  const work = mkdtempSync(join(tmpdir(), 'restack-jobqueue-'));
  const xdg = join(work, 'xdg');
  mkdirSync(xdg, { mode: 0o700 });
  const env = { ...process.env, XDG_RUNTIME_DIR: xdg };
  prepare(work, { env });
  const { checkRun } = await import('./check.js');
  const r = await runLive(work, { args, mode, env, schedule: [Math.floor(jobs / 4), Math.floor(jobs / 2)] });
  for (const { name, text, at, report } of r.reports) {
    if (!report) {
      console.log(`${name} requested after ${at} jobs: ${text}`);
      continue;
    }
    const g = report.group;
    const figures = g ? `; time to update point median ${g.quiescenceMedianMs.toFixed(1)} ms, max ${g.quiescenceMaxMs.toFixed(1)} ms; program paused ${g.pauseMs.toFixed(1)} ms` : '';
    console.log(`${name} requested after ${at} jobs: ${report.applied ? 'applied' : `rolled back: ${report.reason}`} (${report.mode})${figures}`);
    for (const t of report.threads ?? []) {
      const frames = t.frames.map((f) => `${f.from} -> ${f.to}`).join(', ') || 'no frames (between events)';
      console.log(`  ${t.threadName.padEnd(8)} ${t.timings.requestToPointMs.toFixed(1).padStart(6)} ms  ${frames}`);
    }
  }
  if (r.code !== 0) throw new Error(`the pool exited with ${r.code ?? r.signal}:\n${r.stderr}`);
  console.log(JSON.stringify(checkRun(r.stdout, { expectVersions: [1, 2, 3], mainVersion: 3, atomic: mode === 'atomic' }), null, 2));
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((e) => {
    console.error(e.message);
    process.exitCode = 1;
  });
}
