// Liveness at continuation points (compiler/liveness.ts): what a frame record must keep for the
// rest of the function to run. Too little loses a value; these cases pin down each construct.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '@babel/parser';
import { ALL, isLiveIn, isNonRead, Liveness } from '../../dist/compiler/liveness.js';

/**
 * The variables (of `names`) live right after the statement `cp();` in the body of function f,
 * or after each such statement when there are several.
 */
function liveAfterCp(body, names) {
  const ast = parse(`function f(p, q) {\n${body}\n}`, { sourceType: 'module' });
  const fn = ast.program.body[0];
  const isCp = (s) => s.type === 'ExpressionStatement' && s.expression.type === 'CallExpression' && s.expression.callee.name === 'cp';
  const liveness = new Liveness(isCp);
  liveness.analyze(fn.body);
  const out = [];
  for (const [s, live] of liveness.after) if (isCp(s)) out.push([...names].filter((n) => isLiveIn(live, n)));
  assert.ok(out.length > 0, 'no cp() statement');
  return out.length === 1 ? out[0] : out;
}

const V = ['a', 'b', 'c', 'i', 'n', 'p', 'q', 'x', 'e', 'o', 'k'];

test('straight-line code: read later is live, overwritten first is not', () => {
  assert.deepEqual(liveAfterCp('let a = 1, b = 2, c = 3; cp(); use(a); b = 5; use(b);', V), ['a']);
  assert.deepEqual(liveAfterCp('let a = p; cp(); a = q; use(a);', V), ['q']);
  // A declaration without initialiser kills nothing for var, everything for let.
  assert.deepEqual(liveAfterCp('var a = p; cp(); var a; use(a);', V), ['a']);
});

test('a read in a nested function counts, at any depth', () => {
  assert.deepEqual(liveAfterCp('let a = 1; let b = 2; cp(); const g = () => () => a;', V), ['a']);
});

test('loops: what the loop reads later stays live in every iteration', () => {
  assert.deepEqual(liveAfterCp('let a = 0; for (let i = 0; i < n; i++) { cp(); a += i; } use(a);', V), ['a', 'i', 'n']);
  assert.deepEqual(liveAfterCp('let x; while (p) { cp(); x = q; } use(x);', V), ['p', 'q']);
  // Read on the next round, before it is written.
  assert.deepEqual(liveAfterCp('let x = 0; do { use(x); cp(); x = 1; } while (p);', V), ['p']);
  // The iterable is evaluated once, before the loop.
  assert.deepEqual(liveAfterCp('for (const x of p) { cp(); use(x); }', V), ['x']);
});

test('break and continue lead to their targets', () => {
  assert.deepEqual(liveAfterCp('let a = 1, b = 2; out: for (;;) { for (;;) { cp(); if (p) break out; use(b); } } use(a);', V), ['a', 'b', 'p']);
  // Only the continue reaches the update, which reads i.
  assert.deepEqual(liveAfterCp('let b = 2; for (let i = 0; ; i++) { cp(); if (p) continue; return b; }', V), ['b', 'i', 'p']);
  assert.deepEqual(liveAfterCp('let b = 2; for (let i = 0; ; i++) { cp(); if (p) break; return b; }', V), ['b', 'p']);
});

test('an exception can reach the catch and the finally from anywhere in the try', () => {
  assert.deepEqual(liveAfterCp('let a = 1, b = 2; try { cp(); b = 3; } catch (e) { use(a, b, e); }', V), ['a', 'b']);
  assert.deepEqual(liveAfterCp('let a = 1; try { cp(); return p; } finally { use(a); }', V), ['a', 'p']);
  // A return leaves through the finally even when no exception is thrown.
  assert.deepEqual(liveAfterCp('let a = 1; try { try { x(); } finally { use(a); } } catch (e) {} cp();', V), []);
});

test('switch: a case falls through to the next', () => {
  assert.deepEqual(liveAfterCp('let a = 1, b = 2, c = 3; switch (p) { case 1: cp(); case 2: use(a); break; default: use(c); } use(b);', V), ['a', 'b']);
});

test('property names, keys and labels are not reads', () => {
  assert.deepEqual(liveAfterCp('let a = 1, b = 2, o = {}; cp(); o.a; ({ b: 1 }); k: for (;;) break k;', V), ['o']);
  assert.deepEqual(liveAfterCp('let a = 1, o = {}; cp(); o[a];', V), ['a', 'o']);
  const member = parse('o.k').program.body[0].expression;
  assert.equal(isNonRead(member, 'property'), true);
  assert.equal(isNonRead(member, 'object'), false);
});

test('ALL stands for every variable', () => {
  assert.equal(isLiveIn(new Set([ALL]), 'anything'), true);
  assert.equal(isLiveIn(new Set(['a']), 'b'), false);
});
