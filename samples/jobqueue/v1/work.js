// A worker of the pool: takes job ids from the shared queue (sleeping in Atomics.wait while it is
// empty), renders each job's tile and posts the result to the main thread; once the queue is
// closed, posts its totals and ends.
import { parentPort, workerData } from 'node:worker_threads';
import { take, release } from './queue.js';
import { renderTile, countSum, tileDigest } from './fractal.js';

const id = workerData.id;
const queue = new Int32Array(workerData.queue);
const params = workerData.params;
let jobsDone = 0;
let pixelsDone = 0;
let iterationsDone = 0;

/** One job: its tile, digested; `version` is the version of the code that finishes the job. */
function runJob(job) {
  const counts = renderTile(job, params);
  const iterations = countSum(counts);
  const digest = tileDigest(counts, params.width);
  jobsDone++;
  pixelsDone += counts.length;
  iterationsDone += iterations;
  return { type: 'result', job, worker: id, version: 1, digest, iterations };
}

function serve() {
  for (let job = take(queue); job >= 0; job = take(queue)) {
    parentPort.postMessage(runJob(job));
    release(queue);
  }
  parentPort.postMessage({ type: 'bye', worker: id, jobs: jobsDone, pixels: pixelsDone, iterations: iterationsDone });
}

serve();
