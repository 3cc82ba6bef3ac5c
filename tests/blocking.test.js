// Blocking calls do not hold an update back: a program asleep in Atomics.wait (a sleep, or a futex
// another thread releases) is woken by the control channel when `restack update` arrives, the
// stack is captured in the call, and the call is made again in the new version with the time
// that was left. A program's own notify still returns 'ok'; a wait whose caller cannot be
// captured is not woken, and the update waits for it. (The calls are made from functions: an
// update waits while a module's top-level code has not initialised its bindings, see
// tests/update.test.js, so a wait in a top-level initialiser is not woken either.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from './helpers/run.js';
import { workspace } from './helpers/versions.js';

const { work, env, restack, versions } = workspace('restack-blocking-');
let n = 0;

/**
 * Compiles `source` (which must print `ready` when it starts to block) as v1, makes the patch to
 * the same program with 'v1' replaced by 'v2', runs v1 under `restack run` and applies the patch
 * `delayMs` after `ready`. Resolves with the program's output and the update's JSON report.
 */
async function live(source, { delayMs = 300, back = false } = {}) {
  const dir = join(work, `p${n++}`);
  versions(dir, (v) => (v === 'v1' ? source : source.replaceAll("'v1'", "'v2'")), { back });
  const child = spawn(process.execPath, [cli, 'run', '--announce', join(dir, 'c1', 'main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  let report = null;
  let requestedAt = 0;
  let answeredAt = 0;
  const updated = new Promise((resolve) => {
    child.stdout.on('data', (d) => {
      stdout += d;
      if (requestedAt || !stdout.includes('ready')) return;
      requestedAt = -1;
      setTimeout(() => {
        const pid = /\(pid (\d+)\)/.exec(stderr)[1];
        requestedAt = Date.now();
        const u = spawn(process.execPath, [cli, 'update', '--json', '--label', 'v2', pid, join(dir, 'p')], { env });
        let text = '';
        u.stdout.on('data', (x) => { text += x; });
        u.stderr.on('data', (x) => { text += x; });
        u.on('exit', (code) => {
          answeredAt = Date.now();
          assert.equal(code, 0, text);
          report = JSON.parse(text);
          if (!back) return resolve();
          // With back: v2 -> v1 -> v2 again, each found blocked in the call made again.
          const r1 = spawnSync(process.execPath, [cli, 'update', '--json', '--label', 'v1', pid, join(dir, 'back')], { env, encoding: 'utf8' });
          const r2 = spawnSync(process.execPath, [cli, 'update', '--json', '--label', 'v2', pid, join(dir, 'p')], { env, encoding: 'utf8' });
          report.again = [r1, r2].map((r) => { assert.equal(r.status, 0, r.stdout + r.stderr); return JSON.parse(r.stdout); });
          resolve();
        });
      }, delayMs);
    });
  });
  const code = await new Promise((resolve) => child.on('exit', resolve));
  await updated;
  assert.equal(code, 0, stderr);
  return { stdout, stderr, report, answeredAfterMs: answeredAt - requestedAt };
}

test('a thread asleep in Atomics.wait is updated at once; the sleep goes on for the time left', async () => {
  const { stdout, report } = await live(`
const cell = new Int32Array(new SharedArrayBuffer(4));
function version() { return 'v1'; }
function sleep(ms) { return Atomics.wait(cell, 0, 0, ms); }
function main() {
  const t0 = Date.now();
  process.stdout.write('ready\\n');
  const r = sleep(2500);
  process.stdout.write(\`\${r} \${Date.now() - t0} \${version()}\\n\`);
}
main();
`, { back: true });
  assert.equal(report.applied, true);
  for (const again of report.again) {
    assert.equal(again.applied, true);
    assert.ok(again.timings.requestToPointMs < 200, `request -> update point ${again.timings.requestToPointMs} ms`);
  }
  // Woken within a few milliseconds, not after the 2.5 s sleep.
  assert.ok(report.timings.requestToPointMs < 200, `request -> update point ${report.timings.requestToPointMs} ms`);
  assert.deepEqual(report.frames.map((f) => f.from), ['main.js#sleep @0', 'main.js#main @2']);
  const [result, ms, version] = stdout.trim().split('\n').at(-1).split(' ');
  assert.equal(result, 'timed-out');
  assert.equal(version, 'v2');
  assert.ok(Number(ms) >= 2500 && Number(ms) < 3500, `slept ${ms} ms in all`);
});

test('a futex wait: woken for the update, then by the program\'s own notify in the new version', async () => {
  const { stdout, report } = await live(`
import { Worker } from 'node:worker_threads';
const flag = new Int32Array(new SharedArrayBuffer(8));
function version() { return 'v1'; }
function waitFor(f) {
  let r = 'none';
  while (Atomics.load(f, 0) === 0) r = Atomics.wait(f, 0, 0);
  return r;
}
// Another thread releases the flag after 1.5 s (store, then notify: the futex protocol).
new Worker(\`const { workerData } = require('node:worker_threads');
  const f = new Int32Array(workerData);
  setTimeout(() => { Atomics.store(f, 0, 1); Atomics.notify(f, 0); }, 1500);\`, { eval: true, workerData: flag.buffer });
function main() {
  process.stdout.write('ready\\n');
  const r = waitFor(flag);
  process.stdout.write(\`\${r} \${version()}\\n\`);
}
main();
`);
  assert.equal(report.applied, true);
  assert.ok(report.timings.requestToPointMs < 200, `request -> update point ${report.timings.requestToPointMs} ms`);
  assert.equal(stdout.trim().split('\n').at(-1), 'ok v2');
});

test('a wait whose caller cannot be captured (called back by a builtin) is not woken: the update waits for it', async () => {
  const { stdout, report, answeredAfterMs } = await live(`
const cell = new Int32Array(new SharedArrayBuffer(4));
function version() { return 'v1'; }
function main() {
  const t0 = Date.now();
  process.stdout.write('ready\\n');
  const [r] = [1200].map((ms) => Atomics.wait(cell, 0, 0, ms));
  process.stdout.write(\`\${r} \${Date.now() - t0} \${version()}\\n\`);
  setTimeout(() => process.stdout.write(\`later \${version()}\\n\`), 100);
}
main();
`, { delayMs: 200 });
  assert.equal(report.applied, true);
  const lines = stdout.trim().split('\n');
  const [r, ms, version] = lines[1].split(' ');
  assert.equal(r, 'timed-out');
  assert.ok(Number(ms) >= 1200, `slept ${ms} ms`);
  assert.equal(version, 'v1');
  assert.equal(lines[2], 'later v2');
  assert.ok(answeredAfterMs > 500, `the update was answered ${answeredAfterMs} ms after the request`);
});

test('Atomics.wait keeps the builtin\'s answers and errors under restack run', async () => {
  const dir = join(work, 'errors');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
  writeFileSync(join(dir, 'main.js'), `
const out = [];
const shared = new Int32Array(new SharedArrayBuffer(16));
const big = new BigInt64Array(new SharedArrayBuffer(16));
const cases = [
  () => Atomics.wait(shared, 0, 1),
  () => Atomics.wait(shared, 1, 0, 10),
  () => Atomics.wait(shared, '2', '0', 5),
  () => Atomics.wait(big, 0, 0n, 5),
  () => Atomics.wait(big, 0, 1n),
  () => Atomics.wait(shared, 0, 0, 0),
  () => Atomics.wait(shared, 0, 0, 1),
  () => Atomics.wait(new Int32Array(4), 0, 0, 0),
  () => Atomics.wait(shared, 9, 0, 0),
  () => Atomics.wait(new Float64Array(new SharedArrayBuffer(8)), 0, 0, 0),
  () => Atomics.wait(big, 0, 0, 0),
];
function attempt(f) {
  try { return f(); } catch (e) { return e.constructor.name + ': ' + e.message; }
}
for (const f of cases) out.push(attempt(f));
out.push(Atomics.wait.name, Atomics.wait.length, Object.getOwnPropertyDescriptor(Atomics, 'wait').enumerable);
console.log(JSON.stringify(out));
`);
  const native = spawnSync(process.execPath, [join(dir, 'main.js')], { encoding: 'utf8' });
  assert.equal(native.status, 0, native.stderr);
  restack('compile', dir, '-o', join(dir, 'out'), '--quiet');
  const compiled = spawnSync(process.execPath, [cli, 'run', join(dir, 'out', 'main.js')], { encoding: 'utf8', env });
  assert.equal(compiled.status, 0, compiled.stderr);
  assert.equal(compiled.stdout, native.stdout);
});

test('an async function asleep in Atomics.wait after an await is updated too', async () => {
  const { stdout, report } = await live(`
const cell = new Int32Array(new SharedArrayBuffer(4));
function version() { return 'v1'; }
function sleep(ms) { return Atomics.wait(cell, 0, 0, ms); }
async function main() {
  await null;
  const t0 = Date.now();
  process.stdout.write('ready\\n');
  const r = sleep(1500);
  process.stdout.write(\`\${r} \${Date.now() - t0} \${version()}\\n\`);
  await null;
  return version();
}
main().then((v) => process.stdout.write(\`done \${v}\\n\`));
`);
  assert.equal(report.applied, true);
  assert.ok(report.timings.requestToPointMs < 200, `request -> update point ${report.timings.requestToPointMs} ms`);
  const lines = stdout.trim().split('\n');
  const [result, ms, version] = lines[1].split(' ');
  assert.equal(result, 'timed-out');
  assert.ok(Number(ms) >= 1500, `slept ${ms} ms`);
  assert.equal(version, 'v2');
  assert.equal(lines[2], 'done v2');
});

test('execSync runs on a helper thread: an update lands while the command runs, which runs once and returns to the new version', async () => {
  const marks = join(work, 'marks.txt');
  const { stdout, report } = await live(`
import { execSync } from 'node:child_process';
function version() { return 'v1'; }
function build() {
  return execSync('echo run >> ${marks}; sleep 1.5; echo built', { encoding: 'utf8' }).trim();
}
function main() {
  process.stdout.write('ready\\n');
  const out = build();
  process.stdout.write(\`\${out} \${version()}\\n\`);
  try {
    execSync('exit 3', { stdio: 'pipe' });
  } catch (e) {
    process.stdout.write(\`status \${e.status} \${e.constructor.name}\\n\`);
  }
}
main();
`, { back: true });
  assert.equal(report.applied, true);
  assert.ok(report.timings.requestToPointMs < 200, `request -> update point ${report.timings.requestToPointMs} ms`);
  for (const again of report.again) assert.ok(again.applied && again.timings.requestToPointMs < 200, JSON.stringify(again.timings));
  const lines = stdout.trim().split('\n');
  assert.equal(lines[1], 'built v2');
  assert.equal(lines[2], 'status 3 Error');
  const { readFileSync } = await import('node:fs');
  assert.equal(readFileSync(marks, 'utf8'), 'run\n', 'the command ran more than once');
});

test('fs.readSync of a pipe: an update lands while it waits for input, the bytes go to the new version', async () => {
  const dir = join(work, 'pipe');
  versions(dir, (v) => `
import { readSync } from 'node:fs';
function version() { return '${v}'; }
function readLine() {
  const buf = Buffer.alloc(64);
  const n = readSync(0, buf, 0, 64, null);
  return buf.toString('utf8', 0, n).trim();
}
function main() {
  process.stdout.write('ready\\n');
  const line = readLine();
  process.stdout.write(\`\${line} \${version()}\\n\`);
}
main();
`);
  const child = spawn(process.execPath, [cli, 'run', '--announce', join(dir, 'c1', 'main.js')], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const ready = new Promise((resolve) => child.stdout.on('data', (d) => { stdout += d; if (stdout.includes('ready')) resolve(); }));
  await ready;
  await new Promise((r) => setTimeout(r, 200));
  const pid = /\(pid (\d+)\)/.exec(stderr)[1];
  const u = spawnSync(process.execPath, [cli, 'update', '--json', '--label', 'v2', pid, join(dir, 'p')], { env, encoding: 'utf8' });
  assert.equal(u.status, 0, u.stdout + u.stderr);
  const report = JSON.parse(u.stdout);
  assert.equal(report.applied, true);
  assert.ok(report.timings.requestToPointMs < 200, `request -> update point ${report.timings.requestToPointMs} ms`);
  child.stdin.end('hello from the pipe\n');
  const code = await new Promise((resolve) => child.on('exit', resolve));
  assert.equal(code, 0, stderr);
  assert.equal(stdout.trim().split('\n').at(-1), 'hello from the pipe v2');
});
