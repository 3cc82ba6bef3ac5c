// What any runtime would pay on this machine to stop the threads of bench/threads, measured
// without restack: plain Node, the same threads doing the same thing (an idle main thread and n
// workers, busy in a CPU loop or asleep in Atomics.wait), and a coordinator thread that asks them
// all to stop the way restack's control worker does (a message posted to the main thread, a word
// raised in shared memory that the busy workers read in their loop, a notify for the sleeping
// ones). Each thread notes when it noticed, meets the others at a barrier (the smallest atomic
// update: nothing to capture, map or rebuild) and notes when it runs again.
//
//   node bench/threads-floor.js <workers> <busy|blocked> <rounds>
//
// prints one JSON line: the time from the request to each thread noticing it (notice, every thread
// of every round), and per round the time from the first thread noticing to the last (spread: the
// quiescence study's time to full quiescence) and the pause (the first noticing to the last running
// again).
import { MessageChannel, Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const now = () => performance.timeOrigin + performance.now();

// Int32 words: 0 round asked, 1 threads arrived at the barrier, 2 threads resumed, 3 workers running,
// 4 the word the sleeping workers wait on; Float64 from byte 64: the time the round was handed
// over, then per thread (main first) when it noticed and when it ran again.
const ASKED = 0;
const ARRIVED = 1;
const RESUMED = 2;
const RUNNING = 3;
const SLEEP = 4;
const HANDED = 0;
const noticed = (k) => 1 + 2 * k;
const resumed = (k) => 2 + 2 * k;

function shared(buffer) {
  return { i32: new Int32Array(buffer, 0, 16), f64: new Float64Array(buffer, 64) };
}

/** The barrier of round r for `total` threads: thread k arrives, waits for the others, runs again. */
function barrier(s, k, r, total) {
  s.f64[noticed(k)] = now();
  if (Atomics.add(s.i32, ARRIVED, 1) + 1 === total * r) Atomics.notify(s.i32, ARRIVED);
  for (let a = Atomics.load(s.i32, ARRIVED); a < total * r; a = Atomics.load(s.i32, ARRIVED)) Atomics.wait(s.i32, ARRIVED, a);
  s.f64[resumed(k)] = now();
  Atomics.add(s.i32, RESUMED, 1);
  Atomics.notify(s.i32, RESUMED);
}

if (isMainThread) {
  const n = Number(process.argv[2]);
  const kind = process.argv[3];
  const rounds = Number(process.argv[4] ?? 10);
  const buffer = new SharedArrayBuffer(64 + 8 * (1 + 2 * (n + 1)));
  const s = shared(buffer);
  const { port1, port2 } = new MessageChannel();
  for (let k = 1; k <= n; k++) new Worker(new URL(import.meta.url), { workerData: { role: 'worker', buffer, k, kind } }).unref();
  const coordinator = new Worker(new URL(import.meta.url), { workerData: { role: 'coordinator', buffer, n, rounds, port: port2 }, transferList: [port2] });
  coordinator.on('message', (result) => {
    process.stdout.write(JSON.stringify(result) + '\n');
    process.exit(0);
  });
  // The main thread is idle: a round reaches it as a message, taken by its event loop.
  port1.on('message', (m) => barrier(s, 0, m.round, n + 1));
} else if (workerData.role === 'worker') {
  const { buffer, k, kind } = workerData;
  const s = shared(buffer);
  Atomics.add(s.i32, RUNNING, 1);
  let seen = 0;
  let x = 1;
  for (;;) {
    if (kind === 'blocked') {
      Atomics.wait(s.i32, SLEEP, 0);
    } else {
      for (let i = 0; i < 200; i++) x = (x * 48271 + i) % 2147483647;
    }
    const r = Atomics.load(s.i32, ASKED);
    if (r !== seen) {
      seen = r;
      barrier(s, k, r, Atomics.load(s.i32, RUNNING) + 1);
    }
  }
} else {
  const { buffer, n, rounds, port } = workerData;
  const s = shared(buffer);
  const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  while (Atomics.load(s.i32, RUNNING) < n) sleep(5);
  sleep(200);
  const total = n + 1;
  const result = { notice: [], spread: [], pause: [] };
  for (let r = 1; r <= rounds; r++) {
    sleep(100);
    port.postMessage({ round: r });
    s.f64[HANDED] = now();
    Atomics.store(s.i32, ASKED, r);
    Atomics.notify(s.i32, SLEEP);
    for (let d = Atomics.load(s.i32, RESUMED); d < total * r; d = Atomics.load(s.i32, RESUMED)) Atomics.wait(s.i32, RESUMED, d);
    let first = Infinity;
    let lastNoticed = 0;
    let last = 0;
    for (let k = 0; k < total; k++) {
      result.notice.push(Math.max(0, s.f64[noticed(k)] - s.f64[HANDED]));
      first = Math.min(first, s.f64[noticed(k)]);
      lastNoticed = Math.max(lastNoticed, s.f64[noticed(k)]);
      last = Math.max(last, s.f64[resumed(k)]);
    }
    result.spread.push(lastNoticed - first);
    result.pause.push(last - first);
  }
  parentPort.postMessage(result);
}
