// Module state shared with old code that still runs after an update (runtime/update/oldState.ts):
// what is copied in and back, a forwarded call from old code, a conflict with new code called
// directly, what a later update stops sharing, and what is never shared.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OldState } from '../../dist/runtime/update/oldState.js';

/** A module version with `let` bindings (settable) and `const` ones, as a compiled module's state accessors. */
function version(id, lets, consts = {}) {
  const values = { ...lets, ...consts };
  const state = () => {
    const o = {};
    for (const name of Object.keys(values)) {
      const d = { enumerable: true, get: () => values[name] };
      if (name in lets) d.set = (v) => { values[name] = v; };
      Object.defineProperty(o, name, d);
    }
    return o;
  };
  return { handle: { info: { id, state } }, values };
}

test('old code reads the running version\'s variables and its writes reach it', () => {
  const v1 = version('m.js', { count: 0, mode: 'a' }, { LIMIT: 10 });
  const v2 = version('m.js', { count: 5, mode: 'b' }, { LIMIT: 20 });
  const current = new Map([['m.js', v2.handle]]);
  const s = new OldState(current);
  s.commit([v1.handle], 'v1', 'v2', [{ module: 'm.js', carried: ['count'], initialised: ['LIMIT'], transformed: ['mode'] }]);
  assert.deepEqual(s.unshared(new Set(['v1'])).map((u) => [u.name, u.why]), [['mode', 'transformed by v2'], ['LIMIT', 'initialised anew by v2']]);
  const seen = s.runOld(v1.handle, () => {
    const r = [v1.values.count, v1.values.mode, v1.values.LIMIT];
    v1.values.count++;
    v1.values.mode = 'old';
    return r;
  });
  assert.deepEqual(seen, [5, 'a', 10]);
  assert.equal(v2.values.count, 6);
  assert.equal(v2.values.mode, 'b');
  assert.equal(s.inOld, false);
});

test('a forwarded call from old code sees its writes and old code sees the call\'s; a direct write by new code is a conflict', () => {
  const v1 = version('m.js', { count: 0 });
  const v2 = version('m.js', { count: 0 });
  const s = new OldState(new Map([['m.js', v2.handle]]));
  s.commit([v1.handle], 'v1', 'v2', [{ module: 'm.js', carried: ['count'], initialised: [], transformed: [] }]);
  s.runOld(v1.handle, () => {
    v1.values.count += 1;
    s.runNew(() => {
      assert.equal(v2.values.count, 1);
      v2.values.count += 10;
    });
    assert.equal(v1.values.count, 11);
    v1.values.count += 1;
  });
  assert.equal(v2.values.count, 12);
  assert.equal(s.conflicts, 0);
  // New code old code calls directly (no runNew) writes the running version's count meanwhile.
  s.runOld(v1.handle, () => {
    v1.values.count += 1;
    v2.values.count += 100;
  });
  assert.equal(v2.values.count, 13);
  assert.equal(s.conflicts, 1);
  // An exception leaves old code too: its writes are kept.
  assert.throws(() => s.runOld(v1.handle, () => { v1.values.count = 50; throw new Error('x'); }), /x/);
  assert.equal(v2.values.count, 50);
});

test('a later update that transforms a variable stops sharing it with older code', () => {
  const v1 = version('m.js', { count: 1, hits: 1 });
  const v2 = version('m.js', { count: 2, hits: 2 });
  const v3 = version('m.js', { count: 3, hits: 3 });
  const current = new Map([['m.js', v2.handle]]);
  const s = new OldState(current);
  s.commit([v1.handle], 'v1', 'v2', [{ module: 'm.js', carried: ['count', 'hits'], initialised: [], transformed: [] }]);
  current.set('m.js', v3.handle);
  s.commit([v2.handle], 'v2', 'v3', [{ module: 'm.js', carried: ['count'], initialised: [], transformed: ['hits'] }]);
  s.runOld(v1.handle, () => {
    assert.equal(v1.values.count, 3);
    assert.equal(v1.values.hits, 1);
    v1.values.hits = 99;
  });
  assert.equal(v3.values.hits, 3);
  assert.deepEqual(s.unshared(new Set(['v1', 'v2'])).map((u) => `${u.version}:${u.name}:${u.why}`), ['v1:hits:transformed by v3', 'v2:hits:transformed by v3']);
  // Code of v2 kept on old code shares count too, and v1's and v2's together see one value.
  s.runOld(v2.handle, () => {
    assert.equal(v2.values.count, 3);
    s.runOld(v1.handle, () => { v1.values.count = 7; });
    assert.equal(v2.values.count, 7);
  });
  assert.equal(v3.values.count, 7);
});
