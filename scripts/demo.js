// `npm start`: compiles a sample, runs it natively, compiled, and under update storms (an
// identity update, capturing and rebuilding the whole stack, at every nth update point), and
// shows that every run prints the same and what the storms did.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { completeV2toV3 } from '../samples/counter/decisions.js';

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
if (!same) process.exit(1);

// Part 2: a new version, live. samples/counter v1 runs a long loop; v2 fixes what an iteration
// adds (a bug in the hot loop); v3 changes a frame local's layout (an Acc object becomes a plain
// number), which its mapping file handles with a stack transformer.
console.log('\nrestack demo, part 2: samples/counter updated twice while its loop runs (restack update <pid>)\n');
const work = `${root}.restack-out/counter`;
const step = (args) => {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) { process.stderr.write(r.stdout + r.stderr); process.exit(1); }
  return r.stdout;
};
step(['compile', 'samples/counter/v1', '-o', `${work}/v1`, '--quiet']);
for (const [a, b] of [['v1', 'v2'], ['v2', 'v3']]) {
  const dir = `${work}/${a}-${b}`;
  step(['patch', `samples/counter/${a}`, `samples/counter/${b}`, '-o', dir, '--force']);
  // The decisions a person makes in mapping.ts (samples/counter/decisions.js).
  const mapping = `${dir}/mapping.ts`;
  if (b === 'v3') writeFileSync(mapping, completeV2toV3(readFileSync(mapping, 'utf8')));
  process.stdout.write(step(['check', dir]));
}
const n = 150_000_000;
const child = spawn(process.execPath, [cli, 'run', '--announce', `${work}/v1/main.js`, String(n)], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
let jobOut = '';
let err = '';
child.stdout.on('data', (d) => { jobOut += d; });
child.stderr.on('data', (d) => { err += d; });
const pid = await new Promise((resolve) => {
  const t = setInterval(() => { const m = /\(pid (\d+)\)/.exec(err); if (m) { clearInterval(t); resolve(m[1]); } }, 10);
});
console.log(`running ${work.slice(root.length)}/v1/main.js ${n} as pid ${pid}`);
for (const [patch, wait] of [['v1-v2', 700], ['v2-v3', 700]]) {
  await new Promise((r) => setTimeout(r, wait));
  console.log(`\n$ restack update ${pid} ${patch}`);
  process.stdout.write(step(['update', pid, `${work}/${patch}`]));
}
await new Promise((r) => child.on('exit', r));
console.log(`\nthe job's result: ${jobOut.trim()}`);
console.log('(processed counts every iteration once across the three versions; label is the v3 method, called on an object made by v1)');

