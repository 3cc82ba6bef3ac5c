// Worker threads are threads of the update: `restack update` on the process moves the main thread
// and every worker, all together or all rolled back (atomic), or each at its own next update
// point (wait-free). Workers started after an update start on the new version; one asleep in
// Atomics.wait is woken for the update.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { workspace } from './helpers/versions.js';
import { cli } from './helpers/run.js';
import { liveProgram } from './helpers/live.js';

const ws = workspace('restack-threads-');

/**
 * A pool of busy workers: each runs rounds of work (a loop with update points) and reports the
 * version its two functions answer; a worker whose two functions disagree (v1 and v2 code in one
 * thread at once) says MIXED. The main thread starts `n` workers, one more on 'spawn' lines read
 * from its stdin, and stops them all on 'stop'.
 */
const mainSrc = (v) => `import { Worker } from 'node:worker_threads';
import { createInterface } from 'node:readline';
const workers = [];
let next = 0;
function start() {
  const w = new Worker(new URL('./work.js', import.meta.url), { workerData: { id: next++ } });
  w.on('message', (m) => console.log(m));
  w.on('error', (e) => console.log('worker error ' + e.message));
  workers.push(w);
}
for (let i = 0; i < Number(process.argv[2]); i++) start();
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line === 'spawn') start();
  if (line === 'stop') for (const w of workers) w.postMessage('stop');
});
console.log('main ${v}');
`;

const workSrc = (v) => `import { parentPort, workerData } from 'node:worker_threads';
const id = workerData.id;
let stop = false;
let rounds = 0;
parentPort.on('message', (m) => { if (m === 'stop') stop = true; });
function first() { return '${v}'; }
function second() { return '${v}'; }
function work(n) {
  let x = 0;
  for (let i = 0; i < n; i++) x = (x * 31 + i) % 1000003;
  return x;
}
async function run() {
  while (!stop) {
    work(200000);
    const a = first();
    const b = second();
    if (a !== b) parentPort.postMessage('MIXED ' + id + ' ' + a + ' ' + b);
    if (rounds++ % 20 === 0) parentPort.postMessage('worker ' + id + ' ' + a);
    await new Promise((r) => setTimeout(r, 1));
  }
  parentPort.postMessage('worker ' + id + ' stopped ' + first());
  parentPort.close();
}
parentPort.postMessage('boot ' + id + ' ${v}');
run();
`;

const dir = join(ws.work, 'pool');
ws.versions(dir, (v) => ({ 'main.js': mainSrc(v), 'work.js': workSrc(v) }));
// The same patch with a state transformer that refuses in worker 1 only.
ws.patchWith(dir, 'refuse', (text) => text.replace(/^  state: \{\n/m,
  "  state: {\n    'work.js'(old: any): void {\n      if (old.id === 1) throw new Error('worker 1 refuses');\n    },\n"));

/** Runs the pool with n workers; returns helpers to drive it. */
function pool(n) {
  return liveProgram(join(dir, 'c1', 'main.js'), [String(n)], ws.env);
}

/** Each worker's last reported version (from its 'worker <id> <version>' lines after `from`). */
function versions(out) {
  const last = new Map();
  for (const m of out.matchAll(/^worker (\d+) (v\d)$/gm)) last.set(m[1], m[2]);
  return last;
}

test('atomic (the default): the main thread and every worker move to v2 together, with time to quiescence per thread', async () => {
  const p = pool(3);
  await p.until(/worker 0 v1[\s\S]*worker 1 v1[\s\S]*worker 2 v1/);
  const report = p.update(join(dir, 'p'));
  assert.equal(report.applied, true, JSON.stringify(report, null, 2));
  assert.equal(report.mode, 'atomic');
  assert.equal(report.threads.length, 4);
  assert.deepEqual(report.threads.map((t) => t.applied), [true, true, true, true]);
  assert.equal(report.threads[0].thread, 0);
  for (const t of report.threads.slice(1)) {
    assert.equal(t.threadName, 'work.js');
    assert.ok(t.frames.length >= 1, 'a busy worker is stopped in its loop with frames on its stack');
    assert.ok(t.timings.barrierMs >= 0);
    assert.ok(t.timings.requestToPointMs >= 0 && t.timings.requestToPointMs < 1000);
  }
  assert.equal(report.group.threads, 4);
  assert.ok(report.group.quiescenceMedianMs > 0 && report.group.pauseMs >= report.group.threadPauseMaxMs - 0.001);
  const from = p.stdout.length;
  await p.until(/worker 0 v2[\s\S]*worker 1 v2[\s\S]*worker 2 v2/, from);
  assert.equal(await p.stop(), 0);
  assert.doesNotMatch(p.stdout, /MIXED|worker error/);
  assert.deepEqual([...versions(p.stdout.slice(from)).values()].every((v) => v === 'v2'), true);
  assert.match(p.stdout, /worker 0 stopped v2/);
});

test('atomic: a transformer that throws in one worker rolls back every thread, which keep running v1', async () => {
  const p = pool(3);
  await p.until(/worker 0 v1[\s\S]*worker 1 v1[\s\S]*worker 2 v1/);
  const report = p.update(join(dir, 'refuse'));
  assert.equal(report.applied, false);
  assert.match(report.reason, /^thread \d+ \(work\.js\): the state transformer of work\.js threw: worker 1 refuses/);
  assert.equal(report.threads.length, 4);
  assert.deepEqual(report.threads.map((t) => t.applied), [false, false, false, false]);
  const others = report.threads.filter((t) => !/worker 1 refuses/.test(t.reason));
  assert.equal(others.length, 3);
  for (const t of others) assert.match(t.reason, /rolled back with every thread/);
  const from = p.stdout.length;
  await p.until(/worker 0 v1[\s\S]*worker 1 v1[\s\S]*worker 2 v1/, from);
  // The same program takes the good patch afterwards.
  assert.equal(p.update(join(dir, 'p')).applied, true);
  await p.until(/worker 0 v2[\s\S]*worker 1 v2[\s\S]*worker 2 v2/, from);
  assert.equal(await p.stop(), 0);
  assert.doesNotMatch(p.stdout.slice(from), /worker \d v2[\s\S]*worker \d v1$/m);
  assert.doesNotMatch(p.stdout, /MIXED|worker error/);
});

test('wait-free: each thread moves at its own update point, never running v1 and v2 code at once', async () => {
  const p = pool(3);
  await p.until(/worker 0 v1[\s\S]*worker 1 v1[\s\S]*worker 2 v1/);
  const report = p.update(join(dir, 'p'), '--mode', 'wait-free');
  assert.equal(report.applied, true, JSON.stringify(report, null, 2));
  assert.equal(report.mode, 'wait-free');
  for (const t of report.threads) assert.equal(t.timings.barrierMs, undefined);
  const from = p.stdout.length;
  await p.until(/worker 0 v2[\s\S]*worker 1 v2[\s\S]*worker 2 v2/, from);
  assert.equal(await p.stop(), 0);
  assert.doesNotMatch(p.stdout, /MIXED|worker error/);
});

test('a worker started after the update starts on v2: its top-level code is the new version\'s', async () => {
  const p = pool(1);
  await p.until(/worker 0 v1/);
  assert.equal(p.update(join(dir, 'p')).applied, true);
  const from = p.stdout.length;
  p.send('spawn');
  await p.until(/boot 1 v2[\s\S]*worker 1 v2/, from);
  assert.equal(await p.stop(), 0);
  assert.match(p.stdout, /worker 1 stopped v2/);
  assert.doesNotMatch(p.stdout, /MIXED|worker error|boot 1 v1/);
});

test('a worker asleep in Atomics.wait is woken for the update and waits on in v2, for the time it had left', async () => {
  const sleepDir = join(ws.work, 'sleeper');
  const main = `import { Worker } from 'node:worker_threads';
const flag = new Int32Array(new SharedArrayBuffer(4));
const w = new Worker(new URL('./sleeper.js', import.meta.url), { workerData: flag.buffer });
w.on('message', (m) => console.log(m));
process.stdin.once('data', () => { Atomics.store(flag, 0, 1); Atomics.notify(flag, 0); process.stdin.destroy(); });
`;
  const sleeper = (v) => `import { parentPort, workerData } from 'node:worker_threads';
const flag = new Int32Array(workerData);
function version() { return '${v}'; }
function sleep() {
  parentPort.postMessage('sleeping');
  return Atomics.wait(flag, 0, 0, 30000);
}
function run() {
  const r = sleep();
  parentPort.postMessage('woke ' + r + ' ' + version());
  parentPort.close();
}
run();
`;
  ws.versions(sleepDir, (v) => ({ 'main.js': main, 'sleeper.js': sleeper(v) }));
  const child = spawn(process.execPath, [cli, 'run', '--announce', join(sleepDir, 'c1', 'main.js')], { env: ws.env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  await new Promise((resolve) => child.stdout.on('data', (d) => { stdout += d; if (/sleeping/.test(stdout)) resolve(); }));
  // Asleep for real: give it a moment in the wait.
  await new Promise((r) => setTimeout(r, 200));
  const pid = /\(pid (\d+)\)/.exec(stderr)[1];
  const u = spawnSync(process.execPath, [cli, 'update', '--json', '--label', 'v2', pid, join(sleepDir, 'p')], { env: ws.env, encoding: 'utf8' });
  const report = JSON.parse(u.stdout);
  assert.equal(report.applied, true, u.stdout);
  const worker = report.threads.find((t) => t.thread !== 0);
  assert.ok(worker.timings.requestToPointMs < 100, `woken in ${worker.timings.requestToPointMs} ms`);
  assert.deepEqual(worker.frames.map((f) => f.from), ['sleeper.js#sleep @1', 'sleeper.js#run @0']);
  child.stdin.end('\n');
  const timer = setTimeout(() => child.kill(), 20_000);
  assert.equal(await exited, 0, stdout + stderr);
  clearTimeout(timer);
  assert.match(stdout, /woke ok v2/);
});

test('four workers asleep on one address: the wake-ups an update sends one of them are never seen by the others', async (t) => {
  const dir4 = join(ws.work, 'sleepers');
  const main = `import { Worker } from 'node:worker_threads';
const flag = new Int32Array(new SharedArrayBuffer(4));
let asleep = 0;
for (let i = 0; i < 4; i++) {
  const w = new Worker(new URL('./sleeper.js', import.meta.url), { workerData: { buffer: flag.buffer, id: i } });
  w.on('message', (m) => { console.log(m); if (m.startsWith('sleeping') && ++asleep === 4) console.log('all asleep'); });
}
process.stdin.once('data', () => { Atomics.store(flag, 0, 1); Atomics.notify(flag, 0); process.stdin.destroy(); });
`;
  // Nobody notifies the address before the flag changes: a wait that returns 'ok' with the flag
  // unchanged is a wake-up the program did not send.
  const sleeper = (v) => `import { parentPort, workerData } from 'node:worker_threads';
const flag = new Int32Array(workerData.buffer);
function version() { return '${v}'; }
function sleep() {
  let spurious = 0;
  while (Atomics.load(flag, 0) === 0) {
    const r = Atomics.wait(flag, 0, 0, 30000);
    if (r === 'ok' && Atomics.load(flag, 0) === 0) spurious++;
  }
  return spurious;
}
function run() {
  parentPort.postMessage('sleeping ' + workerData.id);
  const spurious = sleep();
  parentPort.postMessage('woke ' + workerData.id + ' ' + version() + ' spurious ' + spurious);
  parentPort.close();
}
run();
`;
  ws.versions(dir4, (v) => ({ 'main.js': main, 'sleeper.js': sleeper(v) }), { names: ['v1', 'v2', 'v3'] });
  const child = spawn(process.execPath, [cli, 'run', '--announce', join(dir4, 'c1', 'main.js')], { env: ws.env, stdio: ['pipe', 'pipe', 'pipe'] });
  t.after(() => child.kill());
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  await new Promise((resolve) => child.stdout.on('data', (d) => { stdout += d; if (/all asleep/.test(stdout)) resolve(); }));
  await new Promise((r) => setTimeout(r, 200));
  const pid = /\(pid (\d+)\)/.exec(stderr)[1];
  for (const [patch, label, mode] of [['v1-v2', 'v2', 'atomic'], ['v2-v3', 'v3', 'wait-free']]) {
    const u = spawnSync(process.execPath, [cli, 'update', '--json', '--label', label, '--mode', mode, pid, join(dir4, patch)], { env: ws.env, encoding: 'utf8' });
    const report = JSON.parse(u.stdout);
    assert.equal(report.applied, true, u.stdout);
    const workers = report.threads.filter((t) => t.thread !== 0);
    assert.equal(workers.length, 4);
    for (const w of workers) assert.deepEqual(w.frames.map((f) => f.from.replace(/ @\d+$/, '')), ['sleeper.js#sleep', 'sleeper.js#run']);
  }
  child.stdin.end('\n');
  const timer = setTimeout(() => child.kill(), 20_000);
  assert.equal(await exited, 0, stdout + stderr);
  clearTimeout(timer);
  for (let i = 0; i < 4; i++) assert.match(stdout, new RegExp(`^woke ${i} v3 spurious 0$`, 'm'));
});

for (const mode of ['atomic', 'wait-free']) {
  test(`${mode}: a dry run stops every thread, reports what each would do, and moves none; a worker started after it boots v1`, async () => {
    const p = pool(2);
    await p.until(/worker 0 v1[\s\S]*worker 1 v1/);
    const report = p.update(join(dir, 'p'), '--dry-run', ...(mode === 'wait-free' ? ['--mode', 'wait-free'] : []));
    assert.equal(report.applied, false);
    assert.equal(report.dryRun, true);
    assert.equal(report.threads.length, 3);
    for (const t of report.threads) {
      assert.equal(t.dryRun, true);
      assert.match(t.reason, /^dry run: everything but the commit was done/);
    }
    assert.ok(report.threads.slice(1).every((t) => t.frames.length >= 1 && t.frames.every((f) => f.to !== null)), 'each busy worker reports the frames it would move');
    const from = p.stdout.length;
    p.send('spawn');
    await p.until(/boot 2 v1/, from);
    await p.until(/worker 0 v1[\s\S]*worker 1 v1/, from);
    assert.equal(p.status().version, 'initial');
    const applied = p.update(join(dir, 'p'), ...(mode === 'wait-free' ? ['--mode', 'wait-free'] : []));
    assert.equal(applied.applied, true, JSON.stringify(applied.reason));
    await p.until(/worker 0 v2[\s\S]*worker 1 v2[\s\S]*worker 2 v2/, p.stdout.length);
    assert.equal(await p.stop(), 0);
    assert.doesNotMatch(p.stdout, /MIXED|worker error/);
  });
}
