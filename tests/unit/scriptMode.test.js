// compile() with sourceType 'script': the output is itself a global script. Several compiled
// scripts share one realm (global object, global lexical scope) as their sources would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { parse } from '@babel/parser';
import '../../dist/runtime/index.js';
import { compile } from '../../dist/index.js';

const first = `
var counter = 10;
function bump(n) { for (var i = 0; i < n; i++) counter++; return counter; }
let fromFirst = site();
function site() { return tag\`a\${1}\`; }
function tag(s) { return s; }
var self = this;
`;
const second = `
"use strict";
function twice(f) { var out = []; for (var k = 0; k < 2; k++) out.push(f(k)); return out; }
var seen = twice(function (k) { return bump(k) + (fromFirst === site() ? 0 : 1000); });
`;

const compileScript = (source, filename) => compile(source, { filename, sourceType: 'script', updatePoints: 'all' }).code;

test('two compiled scripts in one realm: declarations global, lexical scope shared, restack names apart', () => {
  const a = compileScript(first, '/scripts/first.js');
  const b = compileScript(second, '/scripts/second.js');
  vm.runInThisContext(a, { filename: '/scripts/first.js' });
  vm.runInThisContext(b, { filename: '/scripts/second.js' });
  const g = globalThis;
  assert.equal(g.self, g, 'top-level this is the global object');
  assert.equal(typeof g.bump, 'function', 'a top-level function is a global object property');
  assert.equal(Object.getOwnPropertyDescriptor(g, 'counter').configurable, false, 'a top-level var is a var binding');
  // The second script reads the first's let through the global lexical scope.
  assert.deepEqual(g.seen, [10, 11]);
  assert.equal(vm.runInThisContext('typeof fromFirst'), 'object');
  assert.equal('fromFirst' in g, false, 'a top-level let is not a global object property');
});

test("a script's own restack declarations are var and function declarations with a suffix of its own", () => {
  const ownNames = (code) => {
    const names = [];
    for (const s of parse(code, { sourceType: 'script' }).program.body) {
      if (s.type === 'VariableDeclaration') {
        for (const d of s.declarations) if (d.id.name.startsWith('__rs')) names.push([s.kind, d.id.name]);
      } else if ((s.type === 'FunctionDeclaration' || s.type === 'ClassDeclaration') && s.id.name.startsWith('__rs')) {
        names.push([s.type, s.id.name]);
      }
    }
    return names;
  };
  const a = ownNames(compileScript(first, '/scripts/first.js'));
  const b = ownNames(compileScript(second, '/scripts/second.js'));
  assert.ok(a.length > 3 && b.length > 3);
  for (const [kind] of [...a, ...b]) assert.ok(kind === 'var' || kind === 'FunctionDeclaration', kind);
  // Only the runtime and the flag array, the same objects for every script, are shared names.
  const shared = a.map((x) => x[1]).filter((n) => b.some((y) => y[1] === n));
  assert.deepEqual(shared.sort(), ['__rsR', '__rsS']);
});

test('commonjs output run as scripts collides in the global lexical scope; script output does not', () => {
  const realm = () => {
    const context = vm.createContext({ __filename: '/realm/x.js' });
    const key = Symbol.for('restack.runtime');
    context[key] = globalThis[key];
    return context;
  };
  const cjs = realm();
  vm.runInContext(compile(first, { filename: '/realm/first.js', sourceType: 'commonjs' }).code, cjs);
  assert.throws(() => vm.runInContext(compile(second, { filename: '/realm/second.js', sourceType: 'commonjs' }).code, cjs),
    /Identifier '__rs\w+' has already been declared/);
  const scripts = realm();
  vm.runInContext(compileScript(first, '/realm/first.js'), scripts, { filename: '/realm/first.js' });
  vm.runInContext(compileScript(second, '/realm/second.js'), scripts, { filename: '/realm/second.js' });
  assert.deepEqual([...vm.runInContext('seen', scripts)], [10, 11]);
});

test('a script has no top-level return and no loader format', () => {
  assert.throws(() => compile('return 1;', { filename: 'r.js', sourceType: 'script' }), /return/i);
  assert.throws(() => compile('var x;', { filename: 'l.js', sourceType: 'script', format: 'loader' }), /global script/);
});
