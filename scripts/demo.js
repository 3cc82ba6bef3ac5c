// `npm start`: compiles a sample, runs it natively, compiled, and under update storms (an
// identity update, capturing and rebuilding the whole stack, at every nth update point), and
// shows that every run prints the same and what the storms did.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = `${root}bin/restack.js`;
const out = `${root}.restack-out/primes`;

function run(label, args) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) {
    process.stderr.write(r.stdout + r.stderr);
    throw new Error(`${label} failed`);
  }
  console.log(`${label.padEnd(34)} ${ms.toFixed(0).padStart(6)} ms   ${r.stdout.trim()}`);
  if (r.stderr.trim()) console.log(`${' '.repeat(43)} ${r.stderr.trim()}`);
  return r.stdout;
}

console.log('restack demo: samples/primes (a segmented prime sieve), compiled and updated while it runs\n');
const c = spawnSync(process.execPath, [cli, 'compile', 'samples/primes', '-o', out], { cwd: root, encoding: 'utf8' });
process.stdout.write(c.stdout + c.stderr);
if (c.status !== 0) process.exit(1);
console.log();
const outputs = [
  run('native', ['samples/primes/sieve.js', '2000000']),
  run('compiled', [cli, 'run', `${out}/sieve.js`, '2000000']),
  run('compiled, --storm 1000', [cli, 'run', '--storm', '1000', '--report', `${out}/sieve.js`, '2000000']),
  run('compiled, --storm 7', [cli, 'run', '--storm', '7', '--report', `${out}/sieve.js`, '2000000']),
];
const small = [
  run('native (small)', ['samples/primes/sieve.js', '30000']),
  run('compiled, --storm 1 (small)', [cli, 'run', '--storm', '1', '--report', `${out}/sieve.js`, '30000']),
];
const same = outputs.every((o) => o === outputs[0]) && small[0] === small[1];
console.log(`\n${same ? 'identical output in every run' : 'OUTPUTS DIFFER'}: each identity update captured the running stack`);
console.log('(the loop, its caller and locals), unwound it and rebuilt it from the saved frame records.');
process.exit(same ? 0 : 1);
