// Continuation-point alignment (patchgen/align.ts): where a frame suspended at each old cp resumes
// in the new version, confident only when every optimal alignment agrees.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  alignCps, identityCps, isForOfStep, normalizeCallee, renameCallee, varMapFor,
} from '../../dist/patchgen/align.js';

/** Continuation points of one function, in order: a callee each, or [callee, options]. */
function cps(...specs) {
  return specs.map((spec, i) => {
    const [callee, o = {}] = Array.isArray(spec) ? spec : [spec];
    return { cp: i, id: 100 + i, kind: o.kind ?? 'call', callee, loc: { line: o.line ?? i + 1, column: 0 }, live: o.live ?? [] };
  });
}
const views = (list, site = () => null) => list.map((meta) => ({ meta, site: site(meta) }));
/** What the source says about a cp: only the code computing its temporaries (CpSite.partials). */
const site = (partials) => ({ lineNo: 1, line: null, text: null, context: null, partials, partialsKey: partials.map((p) => p.replace(/\s+/g, '')).join('\n') });
const align = (a, b, renames) => alignCps(views(a), views(b), renames);
/** old cp -> new cp for confident pairs, else 'proposed:<cp>' or '-'. */
const summary = (maps) => maps.map((m) => (m.confident ? m.new : m.proposed === null ? '-' : `proposed:${m.proposed}`));

test('unchanged sequences map one to one, confidently', () => {
  const maps = align(cps('read', 'parse', 'write'), cps('read', 'parse', 'write'));
  assert.deepEqual(summary(maps), [0, 1, 2]);
  assert.ok(maps.every((m) => !m.reason));
});

test('an inserted call shifts the cps after it', () => {
  assert.deepEqual(summary(align(cps('read', 'write'), cps('read', 'log', 'write'))), [0, 2]);
});

test('a removed call has no counterpart', () => {
  const maps = align(cps('read', 'check', 'write'), cps('read', 'write'));
  assert.deepEqual(summary(maps), [0, '-', 1]);
  assert.equal(maps[1].reason, 'no counterpart: the call is gone from the new version');
});

test('a call replaced by another is proposed, not decided', () => {
  const maps = align(cps('read', 'oldCheck', 'write'), cps('read', 'newCheck', 'write'));
  assert.deepEqual(summary(maps), [0, 'proposed:1', 2]);
  assert.equal(maps[1].reason, 'callee differs: oldCheck -> newCheck');
});

test('a call that could pair with either of two equal calls is ambiguous', () => {
  const maps = align(cps('tick'), cps('tick', 'tick'));
  assert.equal(maps[0].confident, false);
  assert.match(maps[0].reason, /^ambiguous: new cps [01], [01] fit equally$/);
});

test('where the sources are known, the enclosing control structures break a tie', () => {
  const site = (meta) => ({ lineNo: meta.loc.line, line: null, text: null, context: meta.loc.line === 2 ? ['ForStatement'] : ['IfStatement'] });
  const maps = alignCps(views(cps(['tick', { line: 2 }])), views(cps(['tick', { line: 1 }], ['tick', { line: 2 }])), new Map());
  assert.equal(maps[0].confident, false);
  const withSites = alignCps(views(cps(['tick', { line: 2 }]), site), views(cps(['tick', { line: 1 }], ['tick', { line: 2 }]), site), new Map());
  assert.deepEqual(summary(withSites), [1]);
});

test('calls of a renamed function pair with calls of its new name', () => {
  assert.deepEqual(summary(align(cps('computeMax', 'obj.computeMax'), cps('largestValue', 'obj.largestValue'))), ['proposed:0', 'proposed:1']);
  const renames = new Map([['computeMax', 'largestValue']]);
  assert.deepEqual(summary(align(cps('computeMax', 'obj.computeMax'), cps('largestValue', 'obj.largestValue'), renames)), [0, 1]);
  assert.equal(renameCallee('new computeMax', renames), 'new largestValue');
  assert.equal(renameCallee('a.b.computeMax', renames), 'a.b.largestValue');
  assert.equal(renameCallee('computeMaxOf', renames), 'computeMaxOf');
  assert.equal(renameCallee('computeMax', new Map()), 'computeMax');
});

test('kinds never pair: an update point does not become a call', () => {
  const maps = align(cps(['UPDATE_POINT', { kind: 'update' }]), cps('UPDATE_POINT'));
  assert.deepEqual(summary(maps), ['-']);
  assert.equal(maps[0].reason, 'no counterpart: the update point is gone from the new version');
});

test('a call moved across others is found out of order', () => {
  const maps = align(cps('a', 'b', 'c'), cps('b', 'c', 'a'));
  assert.deepEqual(summary(maps), ['proposed:2', 0, 1]);
  assert.equal(maps[0].reason, 'the same call is found out of order in the new version');
  // Two calls swapped: keeping either in place is optimal, so neither is confident.
  const swapped = align(cps('a', 'b'), cps('b', 'a'));
  assert.deepEqual(summary(swapped), ['proposed:1', 'proposed:0']);
  assert.equal(swapped[1].reason, 'ambiguous: another alignment leaves this cp without a counterpart');
});

test('an entry whose parameters changed is not confident', () => {
  const maps = align(cps(['entry', { kind: 'update', live: ['a'] }]), cps(['entry', { kind: 'update', live: ['a', 'b'] }]));
  assert.equal(maps[0].confident, false);
  assert.equal(maps[0].proposed, 0);
  assert.match(maps[0].reason, /^the parameters changed \(a -> a, b\)/);
});

test('compiler temporaries are compared without their numbers and paired by position', () => {
  assert.equal(normalizeCallee('__rst12.next'), '__rst.next');
  assert.equal(normalizeCallee('__rst_step3.next'), '__rst_step.next');
  const old = cps(['__rst3.next', { live: ['x', '__rst1', '__rst_it2'] }]);
  const now = cps(['__rst8.next', { live: ['x', '__rst5', '__rst_it6'] }]);
  // The same loop head in both versions computes the temporaries.
  const loop = () => site(['for (const v of list)', '']);
  const maps = alignCps(views(old, loop), views(now, loop), new Map());
  assert.deepEqual(summary(maps), [0]);
  assert.deepEqual(maps[0].vars, { same: ['x'], renamed: { __rst5: '__rst1', __rst_it6: '__rst_it2' } });
  // A new temporary the old frame has none for: the pair is not confident.
  const more = alignCps(views(old, loop), views(cps(['__rst8.next', { live: ['x', '__rst5', '__rst_it6', '__rst7'] }]), loop), new Map());
  assert.equal(more[0].confident, false);
  assert.match(more[0].reason, /intermediate values/);
});

test('varMapFor: same, fresh and dropped variables', () => {
  const [a] = cps(['f', { live: ['x', 'y'] }]);
  const [b] = cps(['f', { live: ['y', 'z'] }]);
  assert.deepEqual(varMapFor(a, b), { same: ['y'], fresh: ['z'], dropped: ['x'] });
  assert.equal(varMapFor(cps('f')[0], cps('f')[0]), undefined);
});

test('identityCps: only for the same sequence of kinds and callees', () => {
  const fn = (list) => ({ id: 'm.js#f', name: 'f', kind: 'function', loc: { line: 1, column: 0 }, hash: '', capturable: true, slots: [], cps: list });
  const same = identityCps(fn(cps(['g', { live: ['x'] }], '__rst1.next')), fn(cps(['g', { live: ['x'] }], '__rst4.next')));
  assert.deepEqual(same.map((m) => [m.old, m.new, m.confident]), [[0, 0, true], [1, 1, true]]);
  assert.deepEqual(same[0].vars, { same: ['x'] });
  assert.equal(identityCps(fn(cps('g')), fn(cps('g', 'h'))), null);
  assert.equal(identityCps(fn(cps('g')), fn(cps('h'))), null);
});

test('isForOfStep: a compiler-made next() call without a position', () => {
  assert.equal(isForOfStep(cps(['__rst1.next', { line: 0 }])[0]), true);
  assert.equal(isForOfStep(cps(['__rst1.next', { line: 3 }])[0]), false);
  assert.equal(isForOfStep(cps(['it.next', { line: 0 }])[0]), false);
});

// Compiler temporaries live at a call hold partial results of its expression (`i * 3` in
// `i * 3 + slow(i)`), the receiver and callee of an enclosing call, a loop's iterator. Carried
// into a new version whose code computes them differently, the frame would go on with values
// neither version computes.

/** One call cp with these live variables and these partials (null: no source), in each version. */
function pair(oldLive, oldPartials, newLive, newPartials) {
  const a = views(cps(['slow', { live: oldLive }]), () => (oldPartials === null ? null : site(oldPartials)));
  const b = views(cps(['slow', { live: newLive }]), () => (newPartials === null ? null : site(newPartials)));
  return alignCps(a, b, new Map())[0];
}

test('partial results computed by changed code: the cp is a TODO naming the temporaries and both codes', () => {
  // v1 `const r = i * 3 + slow(i) * 0`, v2 `const r = i * 5 + slow(i) * 0 + 1000`.
  const m = pair(['__rst0'], ['const r = i * 3 +'], ['__rst4'], ['const r = i * 5 +']);
  assert.equal(m.confident, false);
  assert.equal(m.new, null);
  assert.equal(m.proposed, 0);
  assert.deepEqual(m.partials, { temps: { __rst4: '__rst0' }, old: 'const r = i * 3 +', new: 'const r = i * 5 +' });
  assert.match(m.reason, /^the code before the call changed \(old `const r = i \* 3 \+`, new `const r = i \* 5 \+`\) and the temporaries __rst4 \(old __rst0\) hold its partial results/);
  assert.match(m.reason, /'refuse'$/);
});

test('the same code before the call (what follows it changed): the temporaries mean the same, the cp is inferred', () => {
  // v1 `i * 3 + slow(i) * 0`, v2 `i * 3 + slow(i) * 0 + 1000`: the new code goes on from i * 3 as v2 would.
  const m = pair(['__rst0'], ['const r = i * 3 +'], ['__rst2'], ['const r  =  i*3 +']);
  assert.equal(m.confident, true);
  assert.equal(m.new, 0);
  assert.equal(m.partials, undefined);
  assert.deepEqual(m.vars, { renamed: { __rst2: '__rst0' } });
});

test('a receiver and callee evaluated the same way are fine; a changed enclosing callee is not', () => {
  // `o.x.y(slow(i), 2)` -> `o.x.y(slow(i), 3)`: the temporaries hold o.x and o.x.y in both.
  assert.equal(pair(['o', '__rst1', '__rst2'], ['const r = o.x.y('], ['o', '__rst1', '__rst2'], ['const r = o.x.y(']).confident, true);
  // `o.x.y(slow(i))` -> `o.x.z(slow(i))`: a temporary holds the method o.x.y, which v2 no longer calls.
  const m = pair(['o', '__rst1', '__rst2'], ['const r = o.x.y('], ['o', '__rst1', '__rst2'], ['const r = o.x.z(']);
  assert.equal(m.confident, false);
  assert.deepEqual(Object.keys(m.partials.temps), ['__rst1', '__rst2']);
});

test('no temporary carried: a changed statement does not make the cp a TODO', () => {
  // v1 `const r = i * 3 + slow(i)` -> v2 `const r = slow(i)`: v1's partial result is dropped.
  const dropped = pair(['i', '__rst0'], ['const r = i * 3 +'], ['i'], ['const r =']);
  assert.equal(dropped.confident, true);
  assert.deepEqual(dropped.vars, { same: ['i'] });
  assert.equal(pair(['i'], ['log('], ['i'], ['report(']).confident, true);
});

test('a changed loop head: the iterator temporaries of a cp in its body are partial results too', () => {
  const m = pair(['x', '__rst1', '__rst2'], ['for (const x of items)', ''], ['x', '__rst1', '__rst2'], ['for (const x of others)', '']);
  assert.equal(m.confident, false);
  assert.equal(m.partials.old, 'for (const x of items)\n');
  assert.equal(pair(['x', '__rst1'], ['for (const x of items)', ''], ['x', '__rst1'], ['for (const x of items)', '']).confident, true);
});

test('without the source, carried temporaries cannot be vouched for: a TODO, the code unknown', () => {
  const m = pair(['__rst0'], null, ['__rst0'], ['const r = i * 3 +']);
  assert.equal(m.confident, false);
  assert.deepEqual(m.partials, { temps: { __rst0: '__rst0' }, old: null, new: 'const r = i * 3 +' });
  assert.match(m.reason, /old unknown: no source/);
});

test('a cp that is a TODO anyway records the partial results its proposal would carry', () => {
  const a = views(cps(['oldCheck', { live: ['__rst0'] }]), () => site(['const r = a +']));
  const b = views(cps(['newCheck', { live: ['__rst3'] }]), () => site(['const r = b +']));
  const m = alignCps(a, b, new Map())[0];
  assert.match(m.reason, /^callee differs/);
  assert.deepEqual(m.partials.temps, { __rst3: '__rst0' });
});
