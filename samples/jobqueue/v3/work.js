// A worker of the pool: takes job ids from the shared queue (sleeping in Atomics.wait while it is
// empty), renders each job's tile and posts the result to the main thread; once the queue is
// closed, posts its totals and ends.
import { parentPort, workerData } from 'node:worker_threads';
import { take, release } from './queue.js';
import { renderTile, countSum, tileDigest } from './fractal.js';

const id = workerData.id;
const queue = new Int32Array(workerData.queue);
const params = workerData.params;
/** This worker's totals, and the time it spent in jobs (ms). */
const stats = { jobs: 0, pixels: 0, iterations: 0, busyMs: 0 };

/** One job: its tile, digested; `version` is the version of the code that finishes the job. */
function runJob(job) {
  const t0 = performance.now();
  const counts = renderTile(job, params);
  const iterations = countSum(counts);
  const digest = tileDigest(counts, params.width);
  const ms = performance.now() - t0;
  stats.jobs++;
  stats.pixels += counts.length;
  stats.iterations += iterations;
  stats.busyMs += ms;
  return { type: 'result', job, worker: id, version: 3, digest, iterations, ms };
}

function serve() {
  for (let job = take(queue); job >= 0; job = take(queue)) {
    parentPort.postMessage(runJob(job));
    release(queue);
  }
  // jobs, pixels and iterations stay at the top level for a main thread still running v2.
  parentPort.postMessage({ type: 'bye', worker: id, jobs: stats.jobs, pixels: stats.pixels, iterations: stats.iterations, stats });
}

serve();
