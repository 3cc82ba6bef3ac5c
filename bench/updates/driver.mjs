// Runs the compiled version A of bench/updates under a schedule of updates A -> B -> A -> ...
// and prints the reports' timings (and heap sizes) as JSON on stdout.
//   node --expose-gc --stack-size=N driver.mjs <runtime index.js> <compiled main.js> <AB> <BA> <depth> <updates> <interval>
import { pathToFileURL } from 'node:url';

const [runtimeIndex, mainFile, ab, ba, depthArg, updatesArg, intervalArg] = process.argv.slice(2);
const { requestUpdateTo } = await import(pathToFileURL(runtimeIndex).href);
const depth = Number(depthArg);
const updates = Number(updatesArg);
const interval = Number(intervalArg);
// Timings go into a preallocated array: the measure must not grow the heap it measures.
const KEYS = ['requestToPointMs', 'loadMs', 'captureMs', 'mapMs', 'rebuildMs', 'pauseMs'];
const table = new Float64Array(updates * KEYS.length);
let count = 0;
/** Heap after a forced GC: after the first update (the code is warm), and at the end. */
const heap = [];
let pending = false;
let failed = null;

globalThis.__tick = (i) => {
  if (i % interval !== 0 || pending || count >= updates) return;
  if (count === 1 && heap.length === 0) {
    globalThis.gc?.();
    heap.push(process.memoryUsage().heapUsed);
  }
  pending = true;
  requestUpdateTo(count % 2 === 0 ? ab : ba, { label: count % 2 === 0 ? 'B' : 'A' }, (r) => {
    pending = false;
    if (!r.applied) failed ??= r.reason;
    KEYS.forEach((k, j) => { table[count * KEYS.length + j] = r.timings[k]; });
    count++;
  });
};

const { main } = await import(pathToFileURL(mainFile).href);
const out = main(depth, (updates + 2) * interval);
globalThis.gc?.();
heap.push(process.memoryUsage().heapUsed);
const timings = [];
for (let i = 0; i < count; i++) timings.push(Object.fromEntries(KEYS.map((k, j) => [k, table[i * KEYS.length + j]])));
process.stdout.write(JSON.stringify({ out, failed, timings, heap }) + '\n');
