// A pool of worker threads rendering tiles of the Mandelbrot set from a job queue in a
// SharedArrayBuffer. The main thread enqueues the jobs in bursts (`burst` jobs at a time, whenever
// fewer than `low` are unfinished: by default the next burst once every job of the last one is
// done), so workers are busy in turn and asleep in Atomics.wait in turn; at most `active` jobs are
// in progress at once (by default one per worker). It collects the results the workers post and
// prints one line of JSON at the end. Progress goes to stderr.
import { Worker } from 'node:worker_threads';
import { createQueue, enqueue, closeQueue } from './queue.js';

const CAPACITY = 64;
const USAGE = 'usage: main.js [--workers N] [--active A] [--jobs M] [--burst B] [--low L] [--width W] [--height H] [--iters I] [--seed S]';

function parseArgs(argv) {
  const params = { workers: 4, active: 0, jobs: 48, burst: 6, low: 1, width: 256, height: 192, iters: 1000, seed: 20240611 };
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i].replace(/^--/, '');
    const value = Number(argv[i + 1]);
    if (!(name in params) || !Number.isInteger(value) || value < 0) throw new Error(`${USAGE} (bad argument ${argv[i]} ${argv[i + 1]})`);
    params[name] = value;
  }
  if (params.active === 0 || params.active > params.workers) params.active = params.workers;
  if (params.workers < 1 || params.burst < 1 || params.low < 1 || params.burst + params.low > CAPACITY || params.width < 1 || params.height < 1) {
    throw new Error(`${USAGE} (workers, burst, low, width and height must be at least 1; burst + low at most ${CAPACITY})`);
  }
  return params;
}

const params = parseArgs(process.argv.slice(2));
const buffer = createQueue(CAPACITY, params.active);
const queue = new Int32Array(buffer);
const results = [];
const workerTotals = [];
let queued = 0;
let finished = 0;

/** Adds bursts of jobs while fewer than `low` are unfinished; closes the queue once every job is done. */
function refill() {
  if (finished === params.jobs) {
    closeQueue(queue);
    return;
  }
  while (queued < params.jobs && queued - finished < params.low) {
    const end = Math.min(params.jobs, queued + params.burst);
    while (queued < end) {
      if (!enqueue(queue, queued)) throw new Error('the job queue is full');
      queued++;
    }
  }
}

/**
 * A worker's totals from its message: v3 workers send a `stats` object (with the time they spent
 * in jobs), v2 workers the three counts alone.
 */
function totalsOf(m) {
  const s = m.stats ?? m;
  return { worker: m.worker, jobs: s.jobs, pixels: s.pixels, iterations: s.iterations, busyMs: s.busyMs ?? null };
}

function onMessage(m) {
  if (m.type === 'result') {
    results.push({ job: m.job, worker: m.worker, version: m.version, digest: m.digest, iterations: m.iterations });
    finished++;
    const time = m.ms === undefined ? '' : `, ${m.ms.toFixed(1)} ms`;
    process.stderr.write(`done ${finished}/${params.jobs} (job ${m.job}, worker ${m.worker}, v${m.version}${time})\n`);
    refill();
  } else if (m.type === 'bye') {
    workerTotals.push(totalsOf(m));
    if (workerTotals.length === params.workers) report();
  }
}

/** The run's output: every result in job order, the totals, and each worker's own count and busy time. */
function report() {
  results.sort((a, b) => a.job - b.job);
  workerTotals.sort((a, b) => a.worker - b.worker);
  const byVersion = {};
  let iterations = 0;
  for (const r of results) {
    byVersion[r.version] = (byVersion[r.version] ?? 0) + 1;
    iterations += r.iterations;
  }
  const totals = { jobs: results.length, pixels: results.length * params.width * params.height, iterations, byVersion };
  console.log(JSON.stringify({ params, mainVersion: 3, results, totals, workers: workerTotals }));
}

for (let id = 0; id < params.workers; id++) {
  const worker = new Worker(new URL('./work.js', import.meta.url), {
    name: `worker ${id}`,
    workerData: { id, queue: buffer, params: { width: params.width, height: params.height, iters: params.iters, seed: params.seed } },
  });
  worker.on('message', onMessage);
  worker.on('error', (e) => {
    process.stderr.write(`worker ${id}: ${e.stack}\n`);
    process.exitCode = 1;
  });
}
refill();
