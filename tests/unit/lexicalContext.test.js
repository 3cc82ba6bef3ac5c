// What a restore function, declared at module level, carries over from the place of the function
// it rebuilds (compiler/passes/emitRestore.ts, compiler/functionTable.ts, compiler/pipeline.ts):
// strictness, and the scopes it cannot re-enter (with bodies, a sloppy direct eval's variables).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compile } from '../../dist/index.js';

const loop = 'let n = 0; for (let i = 0; i < 3; i++) n += g(i); return n;';

function functions(source, sourceType = 'commonjs') {
  const { metadata } = compile(source, { filename: 'm.js', sourceType });
  return Object.fromEntries(metadata.functions.map((f) => [f.name, f]));
}

test('a function nested in a with body is not capturable, and the note says why', () => {
  const fns = functions(`function w(o) { with (o) { return function inner() { ${loop} }; } }`);
  assert.equal(fns.inner.capturable, false);
  assert.match(fns.inner.reason, /inside the body of a with statement \(line 1\)/);
});

test('a closure beside a sloppy direct eval is not capturable; beside a strict one, or an indirect one, it is', () => {
  const sloppy = functions(`function e(src) { eval(src); return function inner() { ${loop} }; }`);
  assert.equal(sloppy.inner.capturable, false);
  assert.match(sloppy.inner.reason, /calls eval directly \(line 1\)/);
  const strict = functions(`function e(src) { 'use strict'; eval(src); return function inner() { ${loop} }; }`);
  assert.equal(strict.inner.capturable, true);
  const indirect = functions(`function e(src) { (0, eval)(src); return function inner() { ${loop} }; }`);
  assert.equal(indirect.inner.capturable, true);
});

test('the restore function of a strict function in a sloppy script says use strict; in a module it need not', () => {
  const src = `function s() { 'use strict'; ${loop} }\nfunction l() { ${loop} }`;
  const script = compile(src, { filename: 'm.js', sourceType: 'commonjs' }).code;
  const restores = script.split(/\nfunction __rsRestore/).slice(1);
  assert.equal(restores.length, 2);
  assert.deepEqual(restores.map((r) => /^\d+\(__rsRec\) \{\n\s*"use strict";/.test(r)), [true, false]);
  const module = compile(src, { filename: 'm.js', sourceType: 'module' }).code;
  assert.doesNotMatch(module.slice(module.indexOf('function __rsRestore')), /"use strict"/);
});
