// Re-pointing a running CommonJS module's exports to the new version's (decision 0012), case by
// case, and putting everything back when the update does not commit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { repointExports } from '../../dist/runtime/update/commonjs.js';

/** A stand-in for the update's transaction: collects undo steps; abandon() runs them last-first. */
function transaction() {
  const steps = [];
  return { onAbandon: (f) => steps.push(f), abandon: () => { for (let i = steps.length - 1; i >= 0; i--) steps[i](); } };
}

test('an exports object keeps its identity: new values, new exports added, gone ones removed, classes adopted; a rollback puts it back', () => {
  class OldThing {}
  class NewThing {}
  const oldInc = () => 1;
  const running = { exports: { inc: oldInc, legacy: () => 0, Thing: OldThing, VERSION: 'v1' } };
  const held = running.exports;
  const next = { inc: () => 2, twice: () => 4, Thing: NewThing, VERSION: 'v2' };
  const adopted = [];
  const tx = transaction();
  assert.equal(repointExports(running, next, (o, n, name) => adopted.push([o, n, name]), tx), 'repointed');
  assert.equal(running.exports, held);
  assert.deepEqual(Object.keys(held).sort(), ['Thing', 'VERSION', 'inc', 'twice']);
  assert.equal(held.inc(), 2);
  assert.equal(held.VERSION, 'v2');
  // Every replaced function is offered; the runtime adopts those that are classes or constructors.
  assert.deepEqual(adopted.map((a) => a[2]).sort(), ['module.exports.Thing', 'module.exports.inc']);
  assert.deepEqual(adopted.find((a) => a[2] === 'module.exports.Thing'), [OldThing, NewThing, 'module.exports.Thing']);
  tx.abandon();
  assert.deepEqual(Object.keys(held).sort(), ['Thing', 'VERSION', 'inc', 'legacy']);
  assert.equal(held.inc, oldInc);
  assert.equal(held.VERSION, 'v1');
});

test('an object made by a class takes the new prototype', () => {
  class A { m() { return 'a'; } }
  class B { m() { return 'b'; } }
  const running = { exports: new A() };
  const held = running.exports;
  const tx = transaction();
  repointExports(running, new B(), () => {}, tx);
  assert.equal(held.m(), 'b');
  tx.abandon();
  assert.equal(held.m(), 'a');
});

test('a function export stays the export: its properties are re-pointed, it is offered for adoption', () => {
  const oldFn = function greet() { return 'old'; };
  oldFn.shout = () => 'OLD';
  oldFn.gone = 1;
  const newFn = function greet() { return 'new'; };
  newFn.shout = () => 'NEW';
  const running = { exports: oldFn };
  const adopted = [];
  const tx = transaction();
  assert.equal(repointExports(running, newFn, (o, n, name) => adopted.push([o, n, name]), tx), 'repointed');
  assert.equal(running.exports, oldFn);
  assert.equal(oldFn.shout(), 'NEW');
  assert.equal('gone' in oldFn, false);
  assert.equal(oldFn.name, 'greet');
  assert.deepEqual(adopted.find((a) => a[2] === 'module.exports'), [oldFn, newFn, 'module.exports']);
  tx.abandon();
  assert.equal(oldFn.shout(), 'OLD');
  assert.equal(oldFn.gone, 1);
});

test('a primitive, or a change of kind, replaces module.exports; the same value is left alone', () => {
  const tx = transaction();
  const a = { exports: 1 };
  assert.equal(repointExports(a, 2, () => {}, tx), 'replaced');
  assert.equal(a.exports, 2);
  const obj = { x: 1 };
  const b = { exports: obj };
  const fn = () => 3;
  assert.equal(repointExports(b, fn, () => {}, tx), 'replaced');
  assert.equal(b.exports, fn);
  const c = { exports: obj };
  assert.equal(repointExports(c, obj, () => {}, tx), 'same');
  tx.abandon();
  assert.equal(a.exports, 1);
  assert.equal(b.exports, obj);
});

test('a frozen exports object that must change cannot be re-pointed: the error names what', () => {
  const running = { exports: Object.freeze({ a: 1 }) };
  assert.throws(() => repointExports(running, { a: 1, b: 2 }, () => {}), /not extensible .* 'b' cannot be added|'a' cannot be redefined/);
});

test('the variables an update computes again are told apart from those it carries, and the exports chain of Express 4\'s router is code', async () => {
  const { compile } = await import('../../dist/compiler/pipeline.js');
  const cjs = compile(`const util = require('./util');
const { a, b } = require('./ab');
const version = require('./package.json').version;
let count = 0;
var proto = module.exports = function (x) { return proto.handle(x); };
proto.handle = function handle(x) { count += util.step(x); return count; };
`, { filename: 'router.js', sourceType: 'commonjs', updatePoints: 'loops' }).metadata;
  assert.deepEqual(cjs.variables, ['util', 'a', 'b', 'version', 'count']);
  assert.deepEqual(cjs.recomputed, ['util', 'a', 'b', 'version']);
  assert.equal(cjs.topLevel.find((s) => s.key.startsWith('proto.handle=')).kind, 'setup');
  const esm = compile(`import pkg from './pkg.js';
const version = pkg.version;
let seen = 0;
export function f() { seen += 1; return version + seen; }
`, { filename: 'm.js', sourceType: 'module', updatePoints: 'loops' }).metadata;
  assert.deepEqual(esm.variables, ['version', 'seen']);
  assert.deepEqual(esm.recomputed, ['version']);
});
