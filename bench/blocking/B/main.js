// A program that spends its time in one blocking call, chosen by argv[2]: sleep (Atomics.wait with
// a timeout), futex (Atomics.wait with none: nobody notifies), exec (execSync of a long command),
// read (fs.readSync of a pipe nobody writes to). Each call is made from a compiled function, in a
// loop, so updates keep finding it blocked. Used by scripts/bench-blocking.js.
import { execSync } from 'node:child_process';
import { readSync } from 'node:fs';

const cell = new Int32Array(new SharedArrayBuffer(4));
const VERSION = 'B';

function block(kind) {
  if (kind === 'sleep') return Atomics.wait(cell, 0, 0, 60000);
  if (kind === 'futex') return Atomics.wait(cell, 0, 0);
  if (kind === 'exec') return execSync('sleep 60', { stdio: 'ignore' });
  const buf = Buffer.alloc(16);
  return readSync(0, buf, 0, 16, null);
}

function main(kind) {
  process.stdout.write(`blocking ${kind} ${VERSION}\n`);
  for (let i = 0; i < 1000; i++) block(kind);
}

main(process.argv[2]);
