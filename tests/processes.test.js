// Child processes are processes of the update: `restack update` on the parent moves every child
// forked under restack (child_process.fork here; cluster workers in tests/webcluster.test.js), all
// together or all rolled back (coordinated), or one after the other (rolling). Children forked
// after an update start on the new version.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { join } from 'node:path';
import { workspace } from './helpers/versions.js';
import { liveProgram } from './helpers/live.js';

const ws = workspace('restack-processes-');

/**
 * The parent forks `n` children (one more on a 'spawn' line on its stdin) and prints what they
 * send it over their IPC channel; 'ask' makes it print its own version, 'stop' stops the children,
 * and it exits once they have.
 */
const mainSrc = (v) => `import { fork } from 'node:child_process';
import { createInterface } from 'node:readline';
const children = [];
let next = 0;
function version() { return '${v}'; }
function start() {
  const c = fork(new URL('./child.js', import.meta.url), [String(next++)]);
  c.on('message', (m) => console.log(m));
  children.push(c);
}
for (let i = 0; i < Number(process.argv[2]); i++) start();
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line === 'spawn') start();
  if (line === 'ask') console.log('main ' + version());
  if (line === 'hold') children[0].send('hold');
  if (line === 'stop') for (const c of children) c.send('stop');
});
`;

/**
 * A child: rounds of busy work (a loop with update points), reporting the version its two
 * functions answer; MIXED if they disagree (v1 and v2 code at once in one process).
 */
const childSrc = (v) => `const id = Number(process.argv[2]);
let stop = false;
let rounds = 0;
let holdUntil = 0;
process.on('message', (m) => {
  if (m === 'stop') stop = true;
  if (m === 'hold') holdUntil = Date.now() + 1500;
});
function first() { return '${v}'; }
// Spins until holdUntil: the patch 'hold' refuses its loop's update point, so an update waits.
function hold() {
  process.send('holding ' + id + ' ${v}');
  let n = 0;
  while (Date.now() < holdUntil) n++;
  return n;
}
function second() { return '${v}'; }
function work(n) {
  let x = 0;
  for (let i = 0; i < n; i++) x = (x * 31 + i) % 1000003;
  return x;
}
async function run() {
  while (!stop) {
    if (holdUntil) {
      hold();
      holdUntil = 0;
    }
    work(200000);
    const a = first();
    const b = second();
    if (a !== b) process.send('MIXED ' + id + ' ' + a + ' ' + b);
    if (rounds++ % 20 === 0) process.send('child ' + id + ' ' + a);
    await new Promise((r) => setTimeout(r, 1));
  }
  process.send('child ' + id + ' stopped ' + first(), () => process.disconnect());
}
process.send('boot ' + id + ' ${v} ' + process.argv.slice(2).join(' ') + ' pid ' + process.pid);
run();
`;

const dir = join(ws.work, 'tree');
ws.versions(dir, (v) => ({ 'main.js': mainSrc(v), 'child.js': childSrc(v) }));
// The same patch with a state transformer that refuses in child 1 only.
ws.patchWith(dir, 'refuse', (text) => text.replace(/^  state: \{\n/m,
  "  state: {\n    'child.js'(old: any): void {\n      if (old.id === 1) throw new Error('child 1 refuses');\n    },\n"));
// And one that refuses hold()'s loop: an update waits while a child spins there.
ws.patchWith(dir, 'hold', (text) => {
  const edited = text.replace(/('child\.js#hold': \{[\s\S]*?\/\/ update loop[^\n]*\n[^\n]*\n\s*)(\d+): \d+,/, "$1$2: 'refuse',");
  assert.match(edited, /'refuse'/);
  return edited;
});

/** Runs the parent with n children; returns helpers to drive it. */
function tree(n) {
  return liveProgram(join(dir, 'c1', 'main.js'), [String(n)], ws.env);
}

const allAt = (n, v) => new RegExp(Array.from({ length: n }, (_, i) => `child ${i} ${v}`).join('[\\s\\S]*'));
/** Each child's last reported version in `out`. */
function versions(out) {
  const last = new Map();
  for (const m of out.matchAll(/^child (\d+) (v\d)$/gm)) last.set(Number(m[1]), m[2]);
  return Object.fromEntries(last);
}

test('coordinated (the default): the parent and every busy child move to v2 together; the report lists each process', async () => {
  const t = tree(3);
  await t.until(allAt(3, 'v1'));
  // The children's argv and IPC channel are what the program gave them.
  assert.match(t.stdout, /^boot 0 v1 0 pid \d+$/m);
  const report = t.update(join(dir, 'p'));
  assert.equal(report.applied, true, JSON.stringify(report, null, 2));
  assert.equal(report.processMode, 'coordinated');
  assert.equal(report.outcome, 'applied');
  assert.equal(report.decision, 'commit');
  assert.deepEqual(report.versions.map((v) => [v.state, v.version]), [['answered', 'v2'], ['answered', 'v2'], ['answered', 'v2'], ['answered', 'v2']]);
  assert.equal(report.pid, Number(t.pid()));
  assert.equal(report.processes.length, 3);
  const pids = new Set(report.processes.map((p) => p.pid));
  assert.equal(pids.size, 3);
  assert.ok(!pids.has(report.pid));
  for (const p of report.processes) {
    assert.equal(p.applied, true);
    assert.ok(p.frames.some((f) => f.from.startsWith('child.js#')), `a busy child is stopped with its frames: ${JSON.stringify(p.frames)}`);
    assert.ok(p.timings.barrierMs >= 0, 'each child waited for the tree to be prepared');
  }
  const from = t.stdout.length;
  await t.until(allAt(3, 'v2'), from);
  t.send('ask');
  await t.until(/^main v2$/m, from);
  const status = t.status();
  assert.equal(status.version, 'v2');
  assert.deepEqual(status.processes.map((p) => p.version), ['v2', 'v2', 'v2']);
  assert.equal(await t.stop(), 0);
  assert.doesNotMatch(t.stdout, /MIXED/);
  assert.deepEqual(versions(t.stdout.slice(from)), { 0: 'v2', 1: 'v2', 2: 'v2' });
});

test('coordinated: a transformer that throws in one child rolls back every process, which keep running v1', async () => {
  const t = tree(3);
  await t.until(allAt(3, 'v1'));
  const report = t.update(join(dir, 'refuse'));
  assert.equal(report.applied, false);
  assert.match(report.reason, /^process \d+: .*the state transformer of child\.js threw: child 1 refuses/);
  assert.deepEqual(report.processes.map((p) => p.applied), [false, false, false]);
  assert.equal(report.outcome, 'rolled back');
  assert.equal(report.decision, 'abort');
  assert.deepEqual(report.versions.map((v) => v.version), [report.from, report.from, report.from, report.from]);
  const from = t.stdout.length;
  await t.until(allAt(3, 'v1'), from);
  t.send('ask');
  await t.until(/^main v1$/m, from);
  // The same tree takes the good patch afterwards.
  assert.equal(t.update(join(dir, 'p')).applied, true);
  const after = t.stdout.length;
  await t.until(allAt(3, 'v2'), after);
  assert.equal(await t.stop(), 0);
  assert.doesNotMatch(t.stdout, /MIXED/);
  assert.doesNotMatch(t.stdout.slice(from, after), /^child \d v2$/m, 'no child ran v2 before the good patch');
});

test('rolling: one process after the other; at a refusal it stops, and the report says which moved', async () => {
  const t = tree(3);
  await t.until(allAt(3, 'v1'));
  const report = t.update(join(dir, 'refuse'), '--processes', 'rolling');
  assert.equal(report.processMode, 'rolling');
  assert.equal(report.applied, false);
  // Children in the order they joined: those before child 1 moved, child 1 refused, those after
  // it were not asked; the parent did not move either.
  const idOf = new Map([...t.stdout.matchAll(/^boot (\d+) v1 \d+ pid (\d+)$/gm)].map((m) => [Number(m[2]), Number(m[1])]));
  const at = report.processes.findIndex((p) => idOf.get(p.pid) === 1);
  assert.ok(at >= 0);
  assert.equal(report.processes[at].applied, false);
  assert.match(report.processes[at].reason, /child 1 refuses/);
  const expected = {};
  report.processes.forEach((p, i) => {
    expected[idOf.get(p.pid)] = i < at ? 'v2' : 'v1';
    if (i < at) assert.equal(p.applied, true);
    if (i > at) assert.match(p.reason, /^not updated: process \d+ could not move/);
  });
  assert.match(report.reason, /child 1 refuses/);
  // Those that moved run v2, the others v1: the tree is split, and the report says who runs what.
  assert.equal(report.outcome, at > 0 ? 'split' : 'rolled back');
  for (const p of report.processes) assert.equal(report.versions.find((v) => v.pid === p.pid).version, expected[idOf.get(p.pid)] === 'v1' ? report.from : 'v2');
  const from = t.stdout.length;
  await t.until(allAt(3, 'v\\d'), from);
  await t.until(allAt(3, 'v\\d'), t.stdout.length);
  assert.deepEqual(versions(t.stdout.slice(from)), expected);
  t.send('ask');
  await t.until(/^main v1$/m, from);
  assert.equal(await t.stop(), 0);
  assert.doesNotMatch(t.stdout, /MIXED/);
});

test('rolling: the client hears of each process as it moves, before the report (the protocol\'s progress notes)', async () => {
  const t = tree(2);
  await t.until(allAt(2, 'v1'));
  const socket = connect(t.socketPath());
  const lines = [];
  let buffer = '';
  const done = new Promise((resolve, reject) => {
    socket.on('error', reject);
    socket.on('data', (d) => {
      buffer += d;
      for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
        const m = JSON.parse(buffer.slice(0, i));
        buffer = buffer.slice(i + 1);
        lines.push(m);
        if ('ok' in m) resolve(m);
      }
    });
  });
  socket.write(JSON.stringify({ id: 7, type: 'update', patchDir: join(dir, 'p'), options: { processes: 'rolling', label: 'v2' } }) + '\n');
  const reply = await done;
  socket.destroy();
  assert.equal(reply.ok, true, JSON.stringify(reply));
  const report = reply.result;
  assert.equal(report.applied, true, JSON.stringify(report, null, 2));
  const notes = lines.filter((m) => 'progress' in m);
  // One note per child, in the order they moved, before the reply (the parent's own move is the reply).
  assert.equal(lines.at(-1), reply);
  assert.deepEqual(notes.map((m) => m.id), [7, 7]);
  assert.deepEqual(notes.map((m) => m.progress), report.processes.map((p) => ({ pid: p.pid, applied: true, to: 'v2' })));
  assert.equal(await t.stop(), 0);
  assert.doesNotMatch(t.stdout, /MIXED/);
});

test('rolling: a child that cannot take the request in time is counted as not moved, and does not move when it can again', async (ctx) => {
  const t = tree(2);
  await t.until(allAt(2, 'v1'));
  const pid0 = Number(/^boot 0 v1 0 pid (\d+)$/m.exec(t.stdout)[1]);
  // Whatever happens, the child runs again (a stopped process would keep the test's pipes open).
  ctx.after(() => {
    try {
      process.kill(pid0, 'SIGCONT');
    } catch {
      // Gone.
    }
  });
  // Stopped, child 0 reads nothing: with --timeout 1 its parent waits for it (deadlines.ts), then gives up.
  process.kill(pid0, 'SIGSTOP');
  let report;
  try {
    report = await t.updateLater(join(dir, 'p'), '--processes', 'rolling', '--timeout', '1');
  } finally {
    process.kill(pid0, 'SIGCONT');
  }
  assert.equal(report.applied, false, JSON.stringify(report, null, 2));
  const stopped = report.processes.find((p) => p.pid === pid0);
  assert.equal(stopped.applied, false);
  assert.match(stopped.reason, /no answer within [\d.]+ s/);
  assert.equal(report.outcome, 'split', 'the child before the parent did not answer: nobody can say what it runs');
  // Running again, it finds the request its parent gave up on, too late to take: it stays on v1.
  const from = t.stdout.length;
  await t.until(/^child 0 v1$[\s\S]*^child 0 v1$/m, from);
  t.send('ask');
  await t.until(/^main v1$/m, from);
  assert.equal(await t.stop(), 0);
  assert.doesNotMatch(t.stdout.slice(from), /^child 0 (stopped )?v2$/m);
  assert.doesNotMatch(t.stdout, /MIXED/);
});

test('a child forked after the update starts on v2 (its top-level code is the new version\'s)', async () => {
  const t = tree(1);
  await t.until(allAt(1, 'v1'));
  const report = t.update(join(dir, 'p'), '--processes', 'rolling');
  assert.equal(report.applied, true, JSON.stringify(report, null, 2));
  const from = t.stdout.length;
  t.send('spawn');
  await t.until(/^boot 1 v2 1 pid \d+$/m, from);
  await t.until(/child 1 v2/, from);
  assert.equal(await t.stop(), 0);
  assert.match(t.stdout, /child 1 stopped v2/);
  assert.doesNotMatch(t.stdout, /MIXED|boot 1 v1/);
});

test('rolling: a child forked while the update waits on another starts on v1, and follows once the parent moved', async () => {
  const t = tree(1);
  await t.until(allAt(1, 'v1'));
  t.send('hold');
  await t.until(/^holding 0 v1$/m);
  const pending = t.updateLater(join(dir, 'hold'), '--processes', 'rolling');
  // Child 0 spins where the update may not happen: the update waits for it; meanwhile a child is
  // forked, and starts on the version the parent still runs.
  await new Promise((r) => setTimeout(r, 300));
  const from = t.stdout.length;
  t.send('spawn');
  await t.until(/^boot 1 v1 1 pid \d+$/m, from);
  const report = await pending;
  assert.equal(report.applied, true, JSON.stringify(report, null, 2));
  assert.equal(report.processes.length, 2, 'the late child is part of the update');
  const late = Number(/^boot 1 v1 1 pid (\d+)$/m.exec(t.stdout)[1]);
  assert.equal(report.processes[1].pid, late);
  assert.equal(report.processes[1].applied, true);
  const after = t.stdout.length;
  await t.until(/child 0 v2[\s\S]*child 1 v2|child 1 v2[\s\S]*child 0 v2/, after);
  assert.equal(await t.stop(), 0);
  assert.doesNotMatch(t.stdout, /MIXED/);
  assert.doesNotMatch(t.stdout.slice(after), /^child \d v1$/m);
});

for (const how of ['coordinated', 'rolling']) {
  test(`${how}: a dry run goes through every process, reports what each would do, and moves none; a child forked after it boots v1`, async () => {
    const t = tree(2);
    await t.until(allAt(2, 'v1'));
    const report = t.update(join(dir, 'p'), '--dry-run', '--processes', how);
    assert.equal(report.dryRun, true, JSON.stringify(report, null, 2));
    assert.equal(report.applied, false);
    assert.match(report.reason ?? '', /^dry run: everything but the commit was done/);
    assert.equal(report.processes.length, 2);
    for (const p of report.processes) {
      assert.equal(p.dryRun, true);
      assert.match(p.reason, /^dry run: everything but the commit was done/);
      assert.ok(p.frames.length >= 1 && p.frames.every((f) => f.to !== null), `each busy child reports the frames it would move: ${JSON.stringify(p.frames)}`);
    }
    if (report.versions) assert.ok(report.versions.every((v) => v.version !== 'v2'), JSON.stringify(report.versions));
    const from = t.stdout.length;
    t.send('spawn');
    await t.until(/^boot 2 v1/m, from);
    const status = t.status();
    assert.equal(status.version, 'initial');
    assert.ok(status.processes.every((p) => p.version === 'initial'), JSON.stringify(status.processes));
    const applied = t.update(join(dir, 'p'), '--processes', how);
    assert.equal(applied.applied, true, JSON.stringify(applied.reason));
    await t.until(allAt(3, 'v2'), t.stdout.length);
    assert.equal(await t.stop(), 0);
    assert.doesNotMatch(t.stdout, /MIXED/);
  });
}
