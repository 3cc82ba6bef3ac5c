// The stack check in isolation (runtime/core/stackCheck.ts): made-up call sites of compiled
// modules, the runtime, builtins and uncompiled code, and the number of frames an update may unwind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkStack, classify, isResumption } from '../../dist/runtime/core/stackCheck.js';

const RUNTIME = 'file:///opt/restack/dist/runtime/';

/** A compiled module whose line 10 and 20 are continuation-point calls (ids 1, 2), 30 a park line, 40 a generator wrapper's yield*. */
function module(url) {
  return { url, lineTable: () => ({ calls: new Map([[10, 1], [20, 2]]), parks: new Set([30]), wrappers: new Set([40]) }) };
}
const a = module('file:///app/a.js');
const b = module('file:///app/b.js');
const modules = new Map([[a.url, a], [b.url, b]]);

/** A call site: file and line, or a builtin (no file) named fn. */
const site = (file, line, fn = 'f', enclosing = [5, 3]) => ({
  getFileName: () => file,
  getLineNumber: () => line,
  getEnclosingLineNumber: () => enclosing[0],
  getEnclosingColumnNumber: () => enclosing[1],
  getFunctionName: () => fn,
});
const builtin = (fn) => site(undefined, null, fn);

test('classify: calls, parks, wrappers, module bodies, other compiled code, the runtime and foreign frames', () => {
  assert.equal(classify(site(a.url, 10), modules, RUNTIME), 'call');
  assert.equal(classify(site(a.url, 30), modules, RUNTIME), 'parked');
  assert.equal(classify(site(a.url, 40), modules, RUNTIME), 'wrapper');
  assert.equal(classify(site(a.url, 12, 'f', [1, 1]), modules, RUNTIME), 'body');
  assert.equal(classify(site(a.url, 12), modules, RUNTIME), 'compiled');
  assert.equal(classify(site(`${RUNTIME}engine.js`, 99), modules, RUNTIME), 'runtime');
  assert.equal(classify(site('file:///node_modules/x/index.js', 3), modules, RUNTIME), 'foreign');
  assert.equal(classify(builtin('forEach'), modules, RUNTIME), 'foreign');
  assert.equal(isResumption(builtin('next')), true);
  assert.equal(isResumption(builtin('forEach')), false);
  assert.equal(isResumption(site(a.url, 10, 'next')), false);
});

test('an update point above compiled frames in calls, down to the event loop: every frame is unwound and its site collected', () => {
  const out = { n: 0 };
  const sites = [site(a.url, 15), site(b.url, 20), site(a.url, 10), builtin('processTimers')];
  assert.equal(checkStack(sites, a, 7, modules, RUNTIME, out), 3);
  assert.equal(out.n, 3);
  assert.deepEqual([out[0], out[1], out[2]].map((s) => [s.m.url, s.cp]), [[a.url, 7], [b.url, 2], [a.url, 1]]);
});

test('the runtime\'s frames between compiled frames are skipped; a generator resumed by the runtime is one frame of its caller', () => {
  const sites = [site(a.url, 15), site(`${RUNTIME}activation.js`, 5), builtin('next'), site(`${RUNTIME}engine.js`, 9), site(b.url, 10)];
  assert.equal(checkStack(sites, a, 7, modules, RUNTIME, null), 2);
  // A compiled generator's wrapper and the builtin next() that resumed it.
  const wrapped = [site(a.url, 15), site(b.url, 40), builtin('next'), site(b.url, 20)];
  assert.equal(checkStack(wrapped, a, 7, modules, RUNTIME, null), 2);
});

test('a builtin calling back (forEach) with a compiled frame suspended below it defers the update', () => {
  const sites = [site(a.url, 15), builtin('forEach'), site(b.url, 10)];
  assert.equal(checkStack(sites, a, 7, modules, RUNTIME, null), 0);
  // The same builtin at the bottom, with nothing of ours below it: the frames above it move.
  assert.equal(checkStack([site(a.url, 15), site(b.url, 20), builtin('forEach'), site('file:///lib.js', 1)], a, 7, modules, RUNTIME, null), 2);
});

test('a compiled frame in an implicit call (a getter: not at a call line) defers the update', () => {
  assert.equal(checkStack([site(a.url, 15), site(b.url, 12)], a, 7, modules, RUNTIME, null), 0);
});

test('the top frame must be the update point\'s module; without a top (a blocking call) the first frame of ours must be in a call', () => {
  assert.equal(checkStack([site(b.url, 15)], a, 7, modules, RUNTIME, null), 0);
  assert.equal(checkStack([site(`${RUNTIME}blocking.js`, 3), site(a.url, 10), site(b.url, 20)], null, -1, modules, RUNTIME, null), 2);
  assert.equal(checkStack([site(`${RUNTIME}blocking.js`, 3), site(a.url, 12)], null, -1, modules, RUNTIME, null), 0);
  assert.equal(checkStack([], null, -1, modules, RUNTIME, null), 0);
});
