// The update report as a person reads it (runtime/report.ts formatReport): the lines are the
// interface of `restack update`, so they are compared whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatReport, newReport } from '../../dist/runtime/report.js';

function report(fields = {}, timings = {}) {
  const r = newReport('v1', 'v2');
  Object.assign(r, { pid: 4242, thread: 0 }, fields);
  Object.assign(r.timings, timings);
  return r;
}

const TIMES = { requestToPointMs: 12.34, loadMs: 1.5, captureMs: 0.25, mapMs: 0.07, rebuildMs: 0.125, pauseMs: 1.94 };

test('newReport: nothing happened yet', () => {
  const r = newReport('v1', 'v2');
  assert.equal(r.applied, false);
  assert.equal(r.reached, false);
  assert.equal(r.pid, process.pid);
  assert.deepEqual(r.frames, []);
  assert.deepEqual(r.timings, { requestToPointMs: 0, loadMs: 0, captureMs: 0, mapMs: 0, rebuildMs: 0, pauseMs: 0 });
});

test('an applied update: its timings, frames top first, and state', () => {
  const r = report({
    applied: true, reached: true,
    frames: [{ from: 'app.js#loop @2', to: 'app.js#loop @3' }, { from: 'app.js#main @0', to: 'app.js#main @0', suspended: true }],
    modules: [{ module: 'app.js', carried: ['count', 'cache'], initialised: ['limit'], transformed: [] }, { module: 'util.js', carried: [], initialised: [], transformed: [] }],
  }, TIMES);
  assert.equal(formatReport(r), [
    'restack: updated v1 -> v2 (pid 4242)',
    '  request -> update point 12.3 ms; pause 1.940 ms (load 1.500 ms, capture 0.250 ms, map+transform 0.070 ms, rebuild 0.125 ms)',
    '  frames (2, top first):',
    '    app.js#loop @2 -> app.js#loop @3',
    '    app.js#main @0 -> app.js#main @0',
    '  state app.js: carried count, cache; initialised limit',
  ].join('\n'));
});

test('a rolled-back update names the frame that could not move and why', () => {
  const r = report({
    reached: true, reason: 'app.js#loop @2 has no counterpart',
    frames: [{ from: 'app.js#loop @2', to: null, problem: 'no counterpart' }, { from: 'app.js#main @0', to: null }],
  }, TIMES);
  assert.equal(formatReport(r), [
    'restack: update v1 -> v2 ROLLED BACK (pid 4242): still running v1',
    '  reason: app.js#loop @2 has no counterpart',
    '  request -> update point 12.3 ms; pause 1.940 ms (load 1.500 ms, capture 0.250 ms, map+transform 0.070 ms, rebuild 0.125 ms)',
    '  frames (2, top first):',
    '    app.js#loop @2 -> (not moved)   no counterpart',
    '    app.js#main @0 -> (not moved)',
  ].join('\n'));
});

test('an update refused before the program stopped', () => {
  assert.equal(formatReport(report({ reason: 'the patch is for another version' }, { loadMs: 2 })), [
    'restack: update v1 -> v2 ROLLED BACK (pid 4242): still running v1',
    '  reason: the patch is for another version',
    '  nothing was captured: the update was refused before the program stopped (load 2.000 ms)',
  ].join('\n'));
  assert.match(formatReport(report()), /refused before the program stopped$/);
});

test('between events, and loaded at one point to pause at the next', () => {
  const between = formatReport(report({ applied: true, reached: true }, TIMES)).split('\n');
  assert.equal(between[2], '  frames: none (the update happened between events)');
  const ranOn = formatReport(report({ applied: true, reached: true }, { ...TIMES, prepareMs: 3, readElsewhereMs: 40 })).split('\n');
  assert.equal(ranOn[1], '  request -> update point 12.3 ms (bundle read off the main thread before: 40.0 ms); stopped there 3.000 ms to load 1.500 ms, ran on; ' +
    'pause at the next update point 1.940 ms (capture 0.250 ms, map+transform 0.070 ms, rebuild 0.125 ms)');
});

test('threads and child processes each get a line', () => {
  const worker = report({ thread: 1, threadName: 'worker.js', applied: true, reached: true, frames: [{ from: 'w.js#run @1', to: 'w.js#run @1' }] },
    { requestToPointMs: 0.5, pauseMs: 2, barrierMs: 1.25 });
  const stuck = report({ thread: 2, reason: 'a frame is inside a transaction' });
  const child = report({ pid: 5000, applied: true, reached: true, frames: [] }, { requestToPointMs: 3, pauseMs: 4 });
  const gone = report({ pid: 5001, reason: 'it did not answer' });
  const r = report({
    applied: false, reached: true, mode: 'atomic', threads: [report({ applied: true, reached: true }), worker, stuck],
    group: { threads: 3, quiescenceMedianMs: 0.5, quiescenceMaxMs: 20, fullQuiescenceMs: 19.5, pauseMs: 21, threadPauseMaxMs: 2 },
    processMode: 'coordinated', processes: [child, gone],
  }, TIMES);
  const lines = formatReport(r).split('\n');
  assert.deepEqual(lines.slice(3), [
    '  threads (3, atomic): time to update point median 0.500 ms, max 20.0 ms, first to last at its point 19.5 ms; program paused 21.0 ms (first stop to last resume), longest thread pause 2.000 ms',
    '    thread 0: request -> update point 0.000 ms, pause 0.000 ms; 0 frames moved',
    '    thread 1 (worker.js): request -> update point 0.500 ms, pause 2.000 ms, waiting for the others 1.250 ms; 1 frame moved',
    '    thread 2: not stopped: a frame is inside a transaction',
    '  processes (3, coordinated): this one (pid 4242) and',
    '    pid 5000: request -> update point 3.000 ms, pause 4.000 ms; 0 frames moved',
    '    pid 5001: not moved: it did not answer',
  ]);
});

test('a CommonJS module: whether its module.exports was re-pointed or replaced', () => {
  const r = report({
    applied: true, reached: true,
    modules: [
      { module: 'counter.js', carried: ['count'], initialised: [], transformed: [], exports: 'repointed' },
      { module: 'config.js', carried: [], initialised: [], transformed: [], exports: 'replaced' },
      { module: 'alias.js', carried: [], initialised: [], transformed: [], exports: 'same' },
    ],
  }, TIMES);
  assert.deepEqual(formatReport(r).split('\n').filter((l) => l.startsWith('  state ')), [
    '  state counter.js: carried count; module.exports re-pointed to the new version',
    '  state config.js: module.exports replaced (a primitive, or its kind changed: requirers that kept the old value keep it)',
  ]);
});
