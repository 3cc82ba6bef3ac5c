// Merging the reports of an update's threads and processes (runtime/control/merge.ts): the reason
// a round did not apply, each process's version, the tree's outcome, the group's figures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cause, groupTimings, treeReport, versionsOf } from '../../dist/runtime/control/merge.js';
import { ABORTED } from '../../dist/runtime/group.js';
import { DRY_RUN, newReport } from '../../dist/runtime/report.js';

const report = (over) => ({ ...newReport('v1', 'v2'), ...over, timings: { ...newReport('v1', 'v2').timings, ...(over.timings ?? {}) } });

test('cause: the first thread\'s own reason, not the abort every other thread reports', () => {
  const reports = [
    report({ thread: 0, reason: ABORTED }),
    report({ thread: 2, threadName: 'work.js', reason: 'the state transformer of work.js threw: no' }),
    report({ thread: 3, reason: ABORTED }),
  ];
  assert.equal(cause(reports), 'thread 2 (work.js): the state transformer of work.js threw: no');
  assert.equal(cause([report({ thread: 1, reason: ABORTED })]), `thread 1: ${ABORTED}`);
  assert.equal(cause([report({ applied: true })]), 'not every thread moved');
  // A dry run: the thread that would not move is the reason, not those that would.
  assert.equal(cause([report({ thread: 0, dryRun: true, reason: DRY_RUN }), report({ thread: 1, dryRun: true, reason: 'refused' })]), 'thread 1: refused');
});

test('treeReport: every process on the new version is applied; some moved and some not is split, with each pid\'s version', () => {
  const local = report({ pid: 10, applied: true });
  const kids = [report({ pid: 11, applied: true }), report({ pid: 12, applied: true })];
  const all = treeReport(local, kids, 'coordinated');
  assert.equal(all.outcome, 'applied');
  assert.equal(all.applied, true);
  assert.equal(all.reason, undefined);
  const split = treeReport(local, [kids[0], report({ pid: 12, reason: 'stopped' })], 'coordinated');
  assert.equal(split.outcome, 'split');
  assert.equal(split.applied, false);
  assert.deepEqual(split.versions.map((v) => [v.pid, v.version]), [[10, 'v2'], [11, 'v2'], [12, 'v1']]);
  assert.equal(split.reason, 'process 12: stopped');
  const back = treeReport(report({ pid: 10, reason: 'refused here' }), [report({ pid: 11, reason: ABORTED })], 'coordinated');
  assert.equal(back.outcome, 'rolled back');
  assert.equal(back.reason, 'refused here');
});

test('treeReport: a dry run where every process got to its vote says it would apply', () => {
  const dry = (pid) => report({ pid, dryRun: true, reason: DRY_RUN });
  const r = treeReport(dry(10), [dry(11), dry(12)], 'coordinated');
  assert.equal(r.reason, DRY_RUN);
  assert.equal(r.outcome, 'rolled back');
  const refused = treeReport(dry(10), [dry(11), report({ pid: 12, dryRun: true, reason: 'cannot move' })], 'coordinated');
  assert.equal(refused.reason, 'process 12: cannot move');
});

test('versionsOf: a process that did not answer (no version known) is silent', () => {
  assert.deepEqual(versionsOf(report({ pid: 5, applied: true })), [{ pid: 5, version: 'v2', state: 'answered' }]);
  assert.deepEqual(versionsOf({ ...report({ pid: 6 }), from: '?' }), [{ pid: 6, version: null, state: 'silent' }]);
});

test('groupTimings: quiescence median and max, first-to-last at the point, the program\'s pause', () => {
  const t = (requestToPointMs, reachedAt, stoppedAt, resumedAt, pauseMs) => report({ reached: true, timings: { requestToPointMs, reachedAt, stoppedAt, resumedAt, pauseMs } });
  const g = groupTimings([t(1, 100, 100, 103, 3), t(2, 101, 101, 102, 1), t(4, 104, 104, 105, 1), report({ reached: false })]);
  assert.equal(g.threads, 4);
  assert.equal(g.quiescenceMedianMs, 2);
  assert.equal(g.quiescenceMaxMs, 4);
  assert.equal(g.fullQuiescenceMs, 4);
  assert.equal(g.pauseMs, 5);
  assert.equal(g.threadPauseMaxMs, 3);
});
