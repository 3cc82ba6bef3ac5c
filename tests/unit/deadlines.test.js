// The control plane's deadlines keep their order for any update timeout (runtime/deadlines.ts):
// an update of a process tree ends the same way everywhere only if, at every level, whoever waits
// for an answer waits longer than the one who answers waits for anything.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  childTimeline, clientWaitMs, coordinatedTimeline, DEFAULT_UPDATE_TIMEOUT_MS, MAX_DEPTH, ROLLING_START_WITHIN_MS, rollingChildWaitMs,
  rollingClientWaitMs, STATUS_CLIENT_WAIT_MS, STATUS_WAIT_MS, statusChildWaitMs, threadRoundWaitMs,
} from '../../dist/runtime/deadlines.js';

const timeouts = [1, 100, 1000, DEFAULT_UPDATE_TIMEOUT_MS, 60_000, 3_600_000];

test('coordinated: prepare < decide < give up < each level collects before the level above < the client', () => {
  for (const T of timeouts) {
    const start = 1_000_000;
    const root = coordinatedTimeline(start, T);
    assert.equal(root.prepareBy, start + T);
    assert.ok(root.prepareBy < root.decideBy, `T=${T}: the root decides after the threads' last chance to prepare`);
    assert.ok(root.decideBy < root.giveUpAt, `T=${T}: nobody asks the record before the root's last decision`);
    let level = root;
    for (let depth = 1; depth <= MAX_DEPTH; depth++) {
      const child = childTimeline(level);
      assert.equal(child.decideBy, root.decideBy, 'one decision deadline for the whole tree');
      assert.equal(child.giveUpAt, root.giveUpAt);
      assert.ok(child.collectBy < level.collectBy, `T=${T}, depth ${depth}: a child stops collecting before its parent`);
      assert.ok(child.giveUpAt < child.collectBy, `T=${T}, depth ${depth}: a child collects after its in-doubt processes gave up`);
      level = child;
    }
    assert.ok(start + clientWaitMs(T) > root.collectBy, `T=${T}: the client outwaits the root`);
  }
});

test('one process\'s threads and rolling updates: the parent and the client outwait the child', () => {
  for (const T of timeouts) {
    assert.ok(threadRoundWaitMs(T) > T, 'threads time out on their own first');
    const child = rollingChildWaitMs(T);
    assert.ok(child > ROLLING_START_WITHIN_MS + threadRoundWaitMs(T), `T=${T}: a child that started in time answers before its parent gives up`);
    assert.ok(child > ROLLING_START_WITHIN_MS + coordinatedTimeline(0, T).collectBy, `T=${T}: even with a coordinated subtree`);
    assert.ok(rollingClientWaitMs(T) > child, `T=${T}: the client outwaits the program's wait for one child`);
    assert.ok(clientWaitMs(T) > coordinatedTimeline(0, T).collectBy);
  }
});

test('status: each level waits less than the one above, and the client waits longest', () => {
  let within = STATUS_WAIT_MS;
  for (let depth = 0; depth < 4; depth++) {
    const inner = statusChildWaitMs(within);
    assert.ok(inner < within, `depth ${depth}`);
    assert.ok(inner > 0);
    within = inner;
  }
  assert.ok(STATUS_CLIENT_WAIT_MS > STATUS_WAIT_MS);
});
