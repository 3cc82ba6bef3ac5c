// A worker of bench/threads: busy in a loop that never yields, or asleep in Atomics.wait.
import { parentPort, workerData } from 'node:worker_threads';

function version() {
  return 'A';
}

function step(x, i) {
  return (x * 48271 + i) % 2147483647;
}

function busy() {
  let x = 1;
  for (let i = 0; ; i++) {
    x = step(x, i);
    if (x === version().length) return x;
  }
}

function blocked() {
  const word = new Int32Array(new SharedArrayBuffer(4));
  for (;;) Atomics.wait(word, 0, 0);
}

parentPort.postMessage('running');
if (workerData.kind === 'busy') busy();
else blocked();
