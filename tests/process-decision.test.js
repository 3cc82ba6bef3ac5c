// A coordinated update of a process tree ends the same way in every process, whatever one of them
// does at any phase (docs/decisions/0005-process-tree-decision.md): a primary with two workers
// under `restack run`, a worker or the primary stopped (SIGSTOP) or killed (SIGKILL) before it
// prepares, after it prepared, and after the decision. The test hook RESTACK_TEST_SIGNAL
// (runtime/treeProtocol.ts) makes a process signal itself exactly at a phase. In every case: the
// report's version for each process is what `restack status` then shows for each that answers,
// processes that answer on different versions only under a SPLIT report that names them, and
// `restack status` answers in bounded time even with a worker stopped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from './helpers/run.js';
import { liveProgram } from './helpers/live.js';
import { workspace } from './helpers/versions.js';
import { STATUS_CLIENT_WAIT_MS } from '../dist/runtime/deadlines.js';

const ws = workspace('restack-decision-');

/**
 * The primary forks two workers; WORKER_SIGNAL=<i>:<phase>:<signal> hands worker i the test hook
 * (no other process gets it). 'hold <ms>' spins where the patch 'hold' refuses to update, so the
 * primary prepares that much later; 'stop' ends the tree.
 */
const mainSrc = (v) => `import { fork } from 'node:child_process';
import { createInterface } from 'node:readline';
function version() { return '${v}'; }
let holdUntil = 0;
function hold() {
  let n = 0;
  console.log('holding main ${v}');
  while (Date.now() < holdUntil) n++;
  console.log('held main');
  return n;
}
function tick() { return version(); }
const hook = (process.env.WORKER_SIGNAL ?? '').split(':');
const workers = [0, 1].map((i) => {
  const env = { ...process.env };
  delete env.RESTACK_TEST_SIGNAL;
  if (hook[0] === String(i)) env.RESTACK_TEST_SIGNAL = hook.slice(1).join(':');
  return fork(new URL('./worker.js', import.meta.url), [String(i)], { env });
});
setInterval(tick, 5);
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line === 'ask') console.log('main ' + version());
  if (line.startsWith('hold ')) {
    holdUntil = Date.now() + Number(line.slice(5));
    setImmediate(hold);
  }
  if (line === 'stop') {
    for (const w of workers) w.kill();
    process.exit(0);
  }
});
`;

/** A worker: busy rounds with update points, printing (on the shared stdout) the version it runs. */
const workerSrc = (v) => `const id = Number(process.argv[2]);
function first() { return '${v}'; }
function second() { return '${v}'; }
function work(n) {
  let x = 0;
  for (let i = 0; i < n; i++) x = (x * 31 + i) % 1000003;
  return x;
}
let rounds = 0;
process.on('disconnect', () => {
  console.log('worker ' + id + ' exits on ' + first());
  process.exit(0);
});
console.log('boot ' + id + ' pid ' + process.pid);
async function run() {
  for (;;) {
    work(100000);
    const a = first();
    const b = second();
    if (a !== b) console.log('MIXED ' + id);
    if (rounds++ % 10 === 0) console.log('worker ' + id + ' ' + a);
    await new Promise((r) => setTimeout(r, 2));
  }
}
run();
`;

const dir = join(ws.work, 'tree');
ws.versions(dir, (v) => ({ 'main.js': mainSrc(v), 'worker.js': workerSrc(v) }));
ws.patchWith(dir, 'hold', (text) => {
  const edited = text.replace(/('main\.js#hold': \{[\s\S]*?\/\/ update loop[^\n]*\n[^\n]*\n\s*)(\d+): \d+,/, "$1$2: 'refuse',");
  assert.notEqual(edited, text, 'the patch refuses the loop of main.js#hold');
  return edited;
});

/** The tree, with the hook for one worker (WORKER_SIGNAL) or for the primary (RESTACK_TEST_SIGNAL). */
async function start(ctx, env = {}) {
  const t = liveProgram(join(dir, 'c1', 'main.js'), [], { ...ws.env, ...env });
  await t.until(/^worker 0 v1$[\s\S]*^worker 1 v1$|^worker 1 v1$[\s\S]*^worker 0 v1$/m);
  const worker = [0, 1].map((i) => Number(new RegExp(`^boot ${i} pid (\\d+)$`, 'm').exec(t.stdout)[1]));
  const root = Number(t.pid());
  // Whatever happens, every process of the tree runs again and is ended (a stopped one would keep
  // the test's pipes open).
  ctx.after(() => {
    for (const pid of [root, ...worker]) {
      for (const signal of ['SIGCONT', 'SIGKILL']) {
        try {
          process.kill(pid, signal);
        } catch {
          // Gone.
        }
      }
    }
  });
  return { t, worker, root };
}

/**
 * `restack update --json --timeout <s> --label v2 <pid> <patch>` in the background: { code,
 * report, text }. 2 s for the threads to prepare: enough on a loaded machine, short enough that a
 * silent worker is listed a few seconds later (runtime/deadlines.ts).
 */
function update(t, patch, timeoutS = 2) {
  const u = spawn(process.execPath, [cli, 'update', '--json', '--timeout', String(timeoutS), '--label', 'v2', t.pid(), join(dir, patch)], { env: ws.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  u.stdout.on('data', (d) => { out += d; });
  u.stderr.on('data', (d) => { err += d; });
  return new Promise((resolve) => u.on('exit', (code) => {
    let report = null;
    try {
      report = JSON.parse(out);
    } catch {
      // No report (the program could not answer): the caller checks code and text.
    }
    resolve({ code, report, text: out + err });
  }));
}

/** `restack status --json`, timed: it must answer well within its bound even with a process stopped. */
function status(t) {
  const began = Date.now();
  const s = t.status();
  const took = Date.now() - began;
  assert.ok(took < STATUS_CLIENT_WAIT_MS, `restack status took ${took} ms`);
  return s;
}

/** Each answering process's version, by pid, and the pids listed as silent. */
function seen(s) {
  const versions = new Map([[s.pid, s.version]]);
  const silent = [];
  for (const p of s.processes ?? []) {
    if (p.silent) silent.push(p.pid);
    else if (!p.error) versions.set(p.pid, p.version);
  }
  return { versions, silent };
}

/**
 * The checks of every case: the report's version of each process that answers is what status shows;
 * processes on different versions only under SPLIT; the exit code says the outcome.
 */
function agree(result, s) {
  const { report, code } = result;
  assert.ok(report, result.text);
  assert.equal(code, { applied: 0, 'rolled back': 1, split: 3 }[report.outcome], `exit code for ${report.outcome}`);
  const { versions, silent } = seen(s);
  for (const [pid, version] of versions) {
    const listed = report.versions.find((v) => v.pid === pid);
    assert.ok(listed, `process ${pid} is in the report: ${JSON.stringify(report.versions)}`);
    assert.equal(listed.version, version, `process ${pid}: the report says ${listed.version}, status ${version}`);
  }
  const distinct = new Set(versions.values());
  if (distinct.size > 1 || silent.length) assert.ok(report.outcome === 'split' || report.versions.every((v) => v.version !== null), 'a tree that is not all on one known version is reported SPLIT');
  if (report.outcome !== 'split') {
    const running = report.versions.filter((v) => v.state !== 'exited');
    assert.equal(new Set(running.map((v) => v.version)).size, 1, JSON.stringify(report.versions));
    assert.equal(report.applied, report.outcome === 'applied');
  }
  return { versions, silent };
}

const recordOf = (root) => join(ws.env.XDG_RUNTIME_DIR, `restack-${process.getuid()}`, `${root}.1.decision`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(what, ok, ms = 15_000) {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(25)) if (ok()) return;
  assert.fail(`timed out waiting for ${what}`);
}

test('a worker stopped before it prepares: the root aborts at its decision deadline; the stopped worker cannot have moved, and never does', async (ctx) => {
  const { t, worker, root } = await start(ctx);
  process.kill(worker[0], 'SIGSTOP');
  const result = await update(t, 'p');
  assert.equal(result.report.outcome, 'rolled back', result.text);
  assert.equal(result.report.decision, 'abort');
  const w0 = result.report.versions.find((v) => v.pid === worker[0]);
  assert.equal(w0.state, 'silent');
  assert.equal(w0.version, result.report.from, 'silent under ABORT: it runs what it ran');
  const s = status(t);
  const { versions, silent } = agree(result, s);
  assert.deepEqual(silent, [worker[0]]);
  assert.deepEqual([...versions.keys()].sort(), [root, worker[1]].sort());
  process.kill(worker[0], 'SIGCONT');
  const from = t.stdout.length;
  await t.until(/^worker 0 v1$[\s\S]*^worker 0 v1$/m, from);
  const after = seen(status(t));
  assert.deepEqual(after.silent, []);
  assert.equal(new Set(after.versions.values()).size, 1);
  assert.doesNotMatch(t.stdout, /^worker \d v2$|MIXED/m);
  assert.equal(await t.stop(), 0);
});

for (const phase of ['prepared', 'decided']) {
  test(`a worker stopped ${phase === 'prepared' ? 'right after its vote' : 'right after it learned the decision'}: SPLIT names it, the others run v2, and it follows the decision when it runs again`, async (ctx) => {
    const { t, worker, root } = await start(ctx, { WORKER_SIGNAL: `0:${phase}:SIGSTOP` });
    const result = await update(t, 'p');
    assert.equal(result.report.outcome, 'split', result.text);
    assert.equal(result.report.decision, 'commit');
    const w0 = result.report.versions.find((v) => v.pid === worker[0]);
    assert.deepEqual([w0.state, w0.version], ['silent', null]);
    assert.match(formatted(result.report), new RegExp(`SPLIT[\\s\\S]*pid ${worker[0]}: unknown: did not answer`));
    const { versions, silent } = agree(result, status(t));
    assert.deepEqual(silent, [worker[0]]);
    assert.deepEqual([...versions.values()], ['v2', 'v2']);
    assert.deepEqual([...versions.keys()].sort(), [root, worker[1]].sort());
    // Running again, it takes the decision that was waiting for it: v2, like the others.
    process.kill(worker[0], 'SIGCONT');
    const from = t.stdout.length;
    await t.until(/^worker 0 v2$/m, from);
    const after = status(t);
    assert.deepEqual(seen(after).silent, []);
    assert.deepEqual([...seen(after).versions.values()], ['v2', 'v2', 'v2']);
    // Its late answer is reflected in what status says of the last update.
    await until('the late answer in status', () => status(t).lastTree?.outcome === 'applied');
    assert.doesNotMatch(t.stdout, /MIXED/);
    assert.equal(await t.stop(), 0);
  });
}

for (const phase of ['before', 'prepared', 'decided']) {
  test(`a worker killed ${phase === 'before' ? 'before the update' : `at phase ${phase}`}: the others move together and the report lists it as exited`, async (ctx) => {
    const { t, worker, root } = await start(ctx, phase === 'before' ? {} : { WORKER_SIGNAL: `0:${phase}:SIGKILL` });
    if (phase === 'before') process.kill(worker[0], 'SIGKILL');
    const result = await update(t, 'p');
    assert.equal(result.report.outcome, 'applied', result.text);
    const w0 = result.report.versions.find((v) => v.pid === worker[0]);
    if (w0) assert.equal(w0.state, 'exited');
    const { versions } = agree(result, status(t));
    assert.deepEqual([...versions.keys()].sort(), [root, worker[1]].sort());
    assert.deepEqual([...versions.values()], ['v2', 'v2']);
    assert.equal(await t.stop(), 0);
  });
}

test('a slow primary (it prepares late) with a worker stopped after its vote: SPLIT names the worker, the primary and the other worker run v2', async (ctx) => {
  const { t, worker } = await start(ctx, { WORKER_SIGNAL: '0:prepared:SIGSTOP' });
  t.send('hold 2500');
  await t.until(/^holding main v1$/m);
  const result = await update(t, 'hold', 4);
  assert.match(t.stdout, /^held main$/m);
  assert.equal(result.report.outcome, 'split', result.text);
  // The other worker prepared at once and waited for the primary, which prepared after its hold.
  const w1 = result.report.processes.find((p) => p.pid === worker[1]);
  assert.ok(w1.timings.barrierMs > 300, `worker 1 waited ${w1.timings.barrierMs} ms for the slow primary`);
  const { versions, silent } = agree(result, status(t));
  assert.deepEqual(silent, [worker[0]]);
  assert.deepEqual([...versions.values()], ['v2', 'v2']);
  process.kill(worker[0], 'SIGCONT');
  await t.until(/^worker 0 v2$/m);
  assert.equal(await t.stop(), 0);
});

test('a primary stopped between its choice and its record: the workers in doubt record ABORT first, and the primary follows the record', async (ctx) => {
  const { t, worker, root } = await start(ctx, { RESTACK_TEST_SIGNAL: 'prepared:SIGSTOP' });
  const pending = update(t, 'p');
  // The workers voted; the primary chose COMMIT and stopped before claiming the record. Past their
  // give-up time the workers claim it, with ABORT.
  await until('the workers\' ABORT record', () => existsSync(recordOf(root)) && readFileSync(recordOf(root), 'utf8').trim() === 'abort');
  process.kill(root, 'SIGCONT');
  const result = await pending;
  assert.equal(result.report.outcome, 'rolled back', result.text);
  assert.equal(result.report.decision, 'abort');
  const { versions, silent } = agree(result, status(t));
  assert.deepEqual(silent, []);
  assert.deepEqual([...versions.keys()].sort(), [root, ...worker].sort());
  assert.doesNotMatch(t.stdout, /^worker \d v2$|MIXED/m);
  assert.equal(await t.stop(), 0);
});

test('a primary stopped after it recorded COMMIT: the workers in doubt read the record and commit without it', async (ctx) => {
  const { t, root } = await start(ctx, { RESTACK_TEST_SIGNAL: 'decided:SIGSTOP' });
  const pending = update(t, 'p');
  await until('the COMMIT record', () => existsSync(recordOf(root)));
  assert.equal(readFileSync(recordOf(root), 'utf8').trim(), 'commit');
  // The primary is stopped: the workers move on their own give-up time, from the record.
  const from = t.stdout.length;
  await t.until(/^worker 0 v2$[\s\S]*^worker 1 v2$|^worker 1 v2$[\s\S]*^worker 0 v2$/m, from);
  process.kill(root, 'SIGCONT');
  const result = await pending;
  assert.equal(result.report.outcome, 'applied', result.text);
  const { versions } = agree(result, status(t));
  assert.deepEqual([...versions.values()], ['v2', 'v2', 'v2']);
  assert.doesNotMatch(t.stdout, /MIXED/);
  assert.equal(await t.stop(), 0);
});

test('a primary killed after it recorded COMMIT: the workers commit (they do not abort because their parent is gone)', async (ctx) => {
  const { t } = await start(ctx, { RESTACK_TEST_SIGNAL: 'decided:SIGKILL' });
  const result = await update(t, 'p');
  // The program the client talked to is gone: no report, exit 2.
  assert.equal(result.code, 2, result.text);
  await t.until(/^worker 0 exits on v2$[\s\S]*^worker 1 exits on v2$|^worker 1 exits on v2$[\s\S]*^worker 0 exits on v2$/m, 0);
  assert.doesNotMatch(t.stdout, /exits on v1|MIXED/);
  await t.stop();
});

/** The report as `restack update` prints it without --json. */
function formatted(report) {
  return formatReportSync(report);
}
const { formatReport: formatReportSync } = await import('../dist/runtime/report.js');
