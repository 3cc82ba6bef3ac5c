// Runs the compiled version A of bench/updates under a schedule of updates A -> B -> A -> ...
// and prints the reports' timings (and heap sizes) as JSON on stdout.
//   node --expose-gc --stack-size=N driver.mjs <runtime index.js> <compiled main.js> <AB> <BA> <depth> <updates> <interval> [<snapshot prefix>]
import { pathToFileURL } from 'node:url';
import { writeHeapSnapshot } from 'node:v8';

const [runtimeIndex, mainFile, ab, ba, depthArg, updatesArg, intervalArg, snapshotPrefix] = process.argv.slice(2);
const { requestUpdateTo } = await import(pathToFileURL(runtimeIndex).href);
const depth = Number(depthArg);
const updates = Number(updatesArg);
const interval = Number(intervalArg);
// Timings go into a preallocated array: the measure must not grow the heap it measures.
const KEYS = ['requestToPointMs', 'loadMs', 'captureMs', 'mapMs', 'rebuildMs', 'pauseMs'];
const table = new Float64Array(updates * KEYS.length);
let count = 0;
/**
 * Heap after forced GCs: after the first update, after update WARM (V8 has compiled and optimised
 * what updates run by then), and at the end.
 */
const WARM = Math.min(100, Math.floor(updates / 2));
const heap = [];
const measure = () => {
  globalThis.gc?.();
  globalThis.gc?.();
  heap.push(process.memoryUsage().heapUsed);
  // A heap snapshot as well when asked: the bench sorts the growth into kinds (objects, code).
  if (snapshotPrefix) writeHeapSnapshot(`${snapshotPrefix}-${heap.length}.heapsnapshot`);
};
let pending = false;
let failed = null;

globalThis.__tick = (i) => {
  if (i % interval !== 0 || pending || count >= updates) return;
  if ((count === 1 && heap.length === 0) || (count === WARM && heap.length === 1)) measure();
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
measure();
const timings = [];
for (let i = 0; i < count; i++) timings.push(Object.fromEntries(KEYS.map((k, j) => [k, table[i * KEYS.length + j]])));
process.stdout.write(JSON.stringify({ out, failed, timings, heap, warm: WARM }) + '\n');
