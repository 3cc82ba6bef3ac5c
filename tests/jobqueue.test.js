// samples/jobqueue, natively and updated live: a pool of worker threads renders Mandelbrot tiles
// from a job queue in a SharedArrayBuffer; under `restack run`, `restack update <pid>` applies
// v1 -> v2 -> v3 while jobs are in flight, atomically or wait-free, moving the main thread and
// every worker (busy ones in the middle of a tile, idle ones asleep in Atomics.wait).
// samples/jobqueue/check.js recomputes every tile natively with the code of the version that
// tagged it, and finds the pixel where a tile in flight passed from v1's code to v2's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, root } from './helpers/run.js';
import { CheckError, checkRun } from '../samples/jobqueue/check.js';
import { prepare, runLive } from '../samples/jobqueue/live.js';
import * as fractal1 from '../samples/jobqueue/v1/fractal.js';
import * as fractal2 from '../samples/jobqueue/v2/fractal.js';

const work = mkdtempSync(join(tmpdir(), 'restack-jobqueue-'));
const xdg = join(work, 'xdg');
mkdirSync(xdg, { mode: 0o700 });
const env = { ...process.env, XDG_RUNTIME_DIR: xdg };

// Small tiles (a few ms each) so the whole file stays short. 4 workers, at most 3 jobs in progress
// at once: at any moment one worker at least has no job (it sleeps in Atomics.wait until it may
// take one). Main adds 4 jobs whenever fewer than 4 are unfinished, so each time it looks, a job
// at least is waiting in the queue beyond those in progress: the workers run out of work only if
// main falls a whole job behind. So every update finds workers in the middle of a tile.
const PARAMS = { workers: 4, active: 3, jobs: 120, burst: 4, low: 4, width: 160, height: 120, iters: 800 };
const args = (params) => Object.entries(params).flatMap(([k, v]) => [`--${k}`, String(v)]);
const ARGS = args(PARAMS);
const SCHEDULE = [3, 30];
// Native runs: the same jobs, fewer of them.
const NATIVE = { ...PARAMS, jobs: 16 };

const sample = (v) => join(root, 'samples/jobqueue', v, 'main.js');

/** The worker id (from the thread's name, `worker N`) of a thread of a report. */
const workerOf = (t) => Number(/^worker (\d+)$/.exec(t.threadName)?.[1]);
const inJob = (t) => t.frames.some((f) => f.from.startsWith('work.js#runJob @'));
/** A worker waiting in take() (for a job or for its turn): its next job is taken after it moved. */
const waiting = (t) => t.frames.length > 0 && t.frames[0].from.startsWith('queue.js#take @');

test('natively, each version prints what check.js recomputes', async () => {
  for (const v of [1, 2, 3]) {
    const r = await run(process.execPath, [sample(`v${v}`), ...args(NATIVE)]);
    assert.equal(r.code, 0, r.stderr);
    const checked = checkRun(r.stdout, { expectVersions: [v], startVersion: v, mainVersion: v, params: NATIVE });
    assert.deepEqual(checked.jobsPerVersion, { [v]: NATIVE.jobs });
    assert.deepEqual(checked.handovers, []);
  }
});

/** Re-tags worker w's jobs from job `from` on as version v, with v's tiles, and fixes the totals. */
function retag(out, w, from, v, tile = (job) => (v === 1 ? fractal1 : fractal2).renderTile(job, out.params)) {
  for (const r of out.results) {
    if (r.worker !== w || r.job < from) continue;
    const counts = tile(r.job);
    Object.assign(r, { version: v, digest: fractal2.tileDigest(counts, out.params.width), iterations: fractal2.countSum(counts) });
  }
  fixTotals(out);
}

function fixTotals(out) {
  out.totals.iterations = out.results.reduce((s, r) => s + r.iterations, 0);
  out.totals.byVersion = {};
  for (const r of out.results) out.totals.byVersion[r.version] = (out.totals.byVersion[r.version] ?? 0) + 1;
  for (const t of out.workers) t.iterations = out.results.filter((r) => r.worker === t.worker).reduce((s, r) => s + r.iterations, 0);
}

test('check.js finds where a tile changed hands, and rejects runs that break a rule', async () => {
  const r = await run(process.execPath, [sample('v1'), ...args(NATIVE)]);
  assert.equal(r.code, 0, r.stderr);
  const native = JSON.parse(r.stdout);
  const copy = () => structuredClone(native);
  // A worker w that did at least 2 jobs, and a job `late` another worker did after w's second.
  const jobsOf = (worker) => native.results.filter((x) => x.worker === worker);
  const w = [...Array(NATIVE.workers).keys()].find((k) => jobsOf(k).length >= 2 && native.results.some((x) => x.worker !== k && x.job > jobsOf(k)[1].job));
  assert.notEqual(w, undefined, 'no worker did two jobs before another worker\'s last');
  const mine = jobsOf(w);
  const late = native.results.findLast((x) => x.worker !== w);
  // Worker w moves to v2 in the middle of its second job: v1's pixels before p, v2's from p.
  // p is the middle one of the pixels where v1 and v2 disagree: the tile is neither version's.
  const handover = mine[1].job;
  const [A, B] = [fractal1, fractal2].map((f) => f.renderTile(handover, native.params));
  const differ = [...A.keys()].filter((i) => A[i] !== B[i]);
  assert.ok(differ.length >= 2, `v1 and v2 compute job ${handover} alike`);
  const p = differ[differ.length >> 1];
  const mixed = copy();
  retag(mixed, w, handover, 2, (job) => {
    const counts = fractal2.renderTile(job, mixed.params);
    if (job === handover) counts.set(A.subarray(0, p));
    return counts;
  });
  const checked = checkRun(mixed, { expectVersions: [1, 2] });
  assert.deepEqual(checked.handovers.map((h) => [h.worker, h.job, h.from, h.to, h.kind]), [[w, handover, 1, 2, 'mixed']]);
  assert.ok(checked.handovers[0].split <= p && p <= checked.handovers[0].splitMax, JSON.stringify(checked.handovers[0]));

  const broken = (edit, pattern, options = {}) => {
    const out = copy();
    edit(out);
    assert.throws(() => checkRun(out, options), (e) => e instanceof CheckError && pattern.test(e.message));
  };
  broken((out) => { out.results[5].digest = '0123456789abcdef'; }, /job 5 .*tagged v1 has digest 0123456789abcdef/);
  broken((out) => { out.results[7] = { ...out.results[6] }; }, /expected job 7: jobs missing, repeated or out of order/);
  broken((out) => {
    retag(out, w, mine[0].job, 2);
    out.results[mine[1].job].version = 1;
  }, new RegExp(`worker ${w} tagged job ${mine[1].job} v1 after job ${mine[0].job} v2: versions must not go backwards`));
  broken((out) => { out.workers[w].iterations += 1; }, new RegExp(`worker ${w} counted`));
  broken((out) => Object.assign(out.results[mine.at(-1).job], { version: 2, digest: '0123456789abcdef' }),
    new RegExp(`job ${mine.at(-1).job} \\(worker ${w}\\), the first it finished in v2 after v1, .* no split p`));
  // Worker w moves to v2 early while another worker still finishes a later job in v1: fine for
  // a wait-free update, not for an atomic one.
  const early = (out) => retag(out, w, mine[0].job, 2);
  const out = copy();
  early(out);
  checkRun(out, {});
  broken(early, new RegExp(`job ${late.job} \\(worker ${late.worker}\\) was finished by v1 code, but job ${mine[1].job} \\(worker ${w}\\) was taken after`), { atomic: true });
});

const reportsSeen = [];
let bundles = null;

async function live(mode, t) {
  if (!bundles) {
    bundles = join(work, 'bundles');
    prepare(bundles, { env });
  }
  const r = await runLive(bundles, { args: ARGS, schedule: SCHEDULE, mode, env });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.reports.map((x) => [x.name, x.code]), [['v1-v2', 0], ['v2-v3', 0]], r.reports.map((x) => x.text).join('\n'));
  const checked = checkRun(r.stdout, { expectVersions: [1, 2, 3], mainVersion: 3, atomic: mode === 'atomic', params: PARAMS });
  t.diagnostic(`requested after ${r.reports.map((x) => x.at)} jobs; jobs per version ${JSON.stringify(checked.jobsPerVersion)}; ` +
    `handovers ${checked.handovers.map((h) => `w${h.worker} job ${h.job} v${h.from}->v${h.to} ${h.kind}`).join(', ')}`);
  const reports = r.reports.map((x) => x.report);
  for (const [i, report] of reports.entries()) {
    const [from, to] = [i + 1, i + 2];
    reportsSeen.push({ mode, name: r.reports[i].name, report });
    assert.equal(report.applied, true, JSON.stringify(report, null, 1));
    assert.equal(report.mode, mode);
    // Every thread moved: the main thread and each worker.
    assert.equal(report.threads.length, PARAMS.workers + 1);
    assert.deepEqual(report.threads.map((th) => th.applied), report.threads.map(() => true));
    assert.equal(report.threads[0].thread, 0);
    assert.deepEqual(report.threads.slice(1).map(workerOf).sort(), [...Array(PARAMS.workers).keys()]);
    // Mid-job: at least one worker was stopped inside a job (its tile half rendered), and it
    // finished that job in the new version (check.js accepted the tile as v<from>'s pixels, then v<to>'s).
    const busy = report.threads.filter(inJob);
    assert.ok(busy.length >= 1, `no worker was in a job: ${JSON.stringify(report.threads.map((th) => th.frames))}`);
    for (const th of busy) {
      assert.ok(checked.handovers.some((h) => h.worker === workerOf(th) && h.from <= from && h.to >= to),
        `${th.threadName} was stopped in a job but has no handover v${from} -> v${to}`);
    }
    // At most 3 jobs in progress for 4 workers: one at least was not in a job.
    assert.ok(report.threads.slice(1).some((th) => !inJob(th)), `every worker was in a job: ${JSON.stringify(report.threads.map((th) => th.frames))}`);
    // A worker waiting in take() took its next job after moving: all of it the new version's.
    for (const th of report.threads.filter(waiting)) {
      const h = checked.handovers.find((x) => x.worker === workerOf(th) && x.from <= from && x.to >= to);
      if (h) assert.ok(h.kind === 'new' || h.kind === 'same', `${th.threadName} was waiting for a job at the update, but its next job is ${JSON.stringify(h)}`);
    }
    if (i === 1) {
      // v2 -> v3: escapeTime is renamed escapeCount; runJob's frame gets t0 (a frame transformer);
      // each worker's counters become v3's stats object (a state transformer, per thread).
      for (const th of report.threads.slice(1)) {
        for (const f of th.frames) {
          if (f.from.startsWith('fractal.js#escapeTime @')) assert.equal(f.to, f.from.replace('escapeTime', 'escapeCount'));
          if (f.from === 'work.js#runJob @0') assert.equal(f.to, 'work.js#runJob @1');
        }
        assert.deepEqual(th.modules.find((m) => m.module === 'work.js')?.transformed, ['stats']);
      }
    }
  }
  return { reports, checked };
}

test('live, atomic: v1 -> v2 -> v3 applied to every thread together while jobs are in flight', async (t) => {
  const { checked } = await live('atomic', t);
  assert.equal(checked.mainVersion, 3);
});

test('live, wait-free: v1 -> v2 -> v3 applied to each thread at its own update point', async (t) => {
  const { checked } = await live('wait-free', t);
  assert.equal(checked.mainVersion, 3);
});

test('the reports give each thread\'s time to its update point; workers asleep in Atomics.wait are woken at once', () => {
  assert.equal(reportsSeen.length, 4, 'the two live runs came first');
  // The continuation points of take() that are its Atomics.wait calls (from the compiled module's
  // metadata): a frame there was captured in the wait, woken for the update.
  const meta = JSON.parse(readFileSync(join(bundles, 'v1/queue.js.restack.json'), 'utf8'));
  const waits = new Set(meta.functions.find((f) => f.id === 'queue.js#take').cps
    .filter((c) => c.kind === 'call' && c.callee === 'Atomics.wait').map((c) => `queue.js#take @${c.cp}`));
  assert.equal(waits.size, 2);
  let sleepers = 0;
  for (const { mode, name, report } of reportsSeen) {
    const where = `${mode} ${name}`;
    const times = report.threads.map((th) => th.timings.requestToPointMs);
    for (const ms of times) assert.ok(Number.isFinite(ms) && ms >= 0 && ms < 1000, `${where}: requestToPointMs ${times}`);
    const sorted = [...times].sort((a, b) => a - b);
    assert.equal(report.group.threads, PARAMS.workers + 1);
    assert.equal(report.group.quiescenceMaxMs, sorted.at(-1), where);
    assert.ok(report.group.quiescenceMedianMs >= sorted[0] && report.group.quiescenceMedianMs <= sorted.at(-1), where);
    // First thread at its update point to the last (the quiescence study's measure).
    const reachedAt = report.threads.filter((th) => th.reached).map((th) => th.timings.reachedAt);
    assert.ok(reachedAt.every(Number.isFinite), `${where}: reachedAt ${reachedAt}`);
    assert.ok(Math.abs(report.group.fullQuiescenceMs - (Math.max(...reachedAt) - Math.min(...reachedAt))) < 1e-6, where);
    for (const th of report.threads.filter((x) => x.timings.prepareMs !== undefined)) {
      // Loaded at its first update point, it ran on: its pause began later, at the next one.
      assert.ok(th.timings.prepareMs >= th.timings.loadMs, `${where}: ${th.threadName} prepare ${th.timings.prepareMs} < load ${th.timings.loadMs}`);
      assert.ok(th.timings.stoppedAt >= th.timings.reachedAt, `${where}: ${th.threadName} stopped before it reached its update point`);
    }
    for (const th of report.threads) {
      if (mode === 'atomic') assert.ok(th.timings.barrierMs >= 0, `${where}: ${th.threadName} has no barrier time`);
      else assert.equal(th.timings.barrierMs, undefined);
    }
    for (const th of report.threads.filter((x) => waits.has(x.frames[0]?.from))) {
      sleepers++;
      assert.ok(th.timings.requestToPointMs < 100, `${where}: ${th.threadName} asleep in Atomics.wait, woken after ${th.timings.requestToPointMs} ms`);
    }
  }
  // One worker at least has no job at any moment, and sleeps unless it is just passing by.
  assert.ok(sleepers >= 1, 'no worker was asleep in Atomics.wait at any of the four updates');
});
