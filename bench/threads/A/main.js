// The program of scripts/bench-threads.js: the main thread starts `workers` workers (argv[2]),
// each busy (a CPU loop with update points, never returning to its event loop) or blocked (asleep
// in Atomics.wait on a word nobody changes), as argv[3] says, and prints 'ready' once all run.
import { Worker } from 'node:worker_threads';

const n = Number(process.argv[2]);
const kind = process.argv[3];
let running = 0;
for (let i = 0; i < n; i++) {
  const w = new Worker(new URL('./work.js', import.meta.url), { workerData: { kind } });
  w.on('message', () => {
    if (++running === n) console.log('ready');
  });
  w.on('error', (e) => console.log(`worker error ${e.message}`));
}
