// What a frame record must carry, from Babel's scopes (compiler/scopeFacts.ts): own variables,
// those shared with closures and assigned (boxed), variables of enclosing functions (env), and
// the own variables each declared closure uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '@babel/parser';
import { traverse } from '../../dist/compiler/babel.js';
import { scopeFacts } from '../../dist/compiler/scopeFacts.js';

/** scopeFacts of the function named `name` in `source`. */
function factsOf(source, name, sourceType = 'module') {
  const ast = parse(source, { sourceType });
  let found = null;
  traverse(ast, {
    Function(p) {
      if (p.node.id?.name === name) {
        found = p;
        p.stop();
      }
    },
  });
  assert.ok(found, `no function ${name}`);
  return scopeFacts(found);
}

const source = `
let moduleLevel = 0;
function outer(k) {
  const limit = 10;
  let hits = 0;
  function f(a) {
    let count = 0;
    let fixed = 1;
    const inc = () => { count++; return fixed; };
    function read() { return a; }
    let total = a + hits + limit + k + moduleLevel;
    { let inner = total; hits += inner; }
    return [inc, read, { hits: 1 }.hits];
  }
  return f;
}`;

test('own variables: parameters, declarations and block-scoped ones', () => {
  const facts = factsOf(source, 'f');
  assert.deepEqual([...facts.own].sort(), ['a', 'count', 'fixed', 'inc', 'inner', 'read', 'total']);
});

test('boxed: shared with a closure and assigned; a captured constant is not', () => {
  assert.deepEqual([...factsOf(source, 'f').boxed], ['count']);
});

test('env: variables of enclosing functions, true when constant; module-level ones are not env', () => {
  const env = factsOf(source, 'f').env;
  // f's own name is bound in outer, so it counts as well.
  assert.deepEqual(Object.fromEntries([...env].sort()), { f: false, hits: false, k: false, limit: true });
});

test('closureRefs: the own variables each declared closure uses (a declaration its own name)', () => {
  const refs = factsOf(source, 'f').closureRefs;
  assert.deepEqual(Object.fromEntries([...refs].map(([k, v]) => [k, [...v].sort()]).sort()), { inc: ['count', 'fixed'], read: ['a', 'read'] });
});

test('boxed: a var initialised after a closure reads it, and a for-of var; not an unread one', () => {
  const facts = factsOf(`
    function p(xs) {
      function k() { return m.caret + last; }
      var m = make();
      for (var last of xs) k();
      var alone = 1;
      return k() + alone;
    }`, 'p');
  assert.deepEqual([...facts.boxed].sort(), ['last', 'm']);
});

test('caseShared: a switch-case binding used in a later case or by a closure is boxed; one used only in its own case is not', () => {
  const facts = factsOf(`
    function s(k) {
      switch (k) {
        case 1:
          let a = 1;
          const own = 2;
          const seen = 3;
          const f = () => seen;
          class C {}
          own + f();
        case 2:
          return a + new C();
      }
    }`, 's');
  assert.deepEqual([...facts.caseShared].sort(), ['C', 'a', 'seen']);
  assert.deepEqual([...facts.boxed].sort(), ['C', 'a', 'seen']);
});

test("env: a class's own name used in its body by a function there is env (the inner binding), and never boxed", () => {
  const source = `
    function outer() {
      class C { m() { return function inMember() { return C; }; } }
      C = null;
      return C;
    }`;
  assert.deepEqual(Object.fromEntries(factsOf(source, 'inMember').env), { C: true });
  // outer's C is reassigned, but no closure reads it: the member reads the inner name.
  assert.deepEqual([...factsOf(source, 'outer').boxed], []);
});

test('a function declared in a block of sloppy code is boxed only when reassigned (its declaration is no reassignment)', () => {
  const facts = factsOf(`
function f(a) {
  for (let i = 0; i < 2; i++) {
    function kept() { return i; }
    function moved() { return 1; }
    const read = () => kept() + moved();
    if (a) moved = () => 2;
    read();
  }
}`, 'f', 'script');
  assert.ok(!facts.boxed.has('kept'), 'kept is only declared');
  assert.ok(facts.boxed.has('moved'), 'moved is reassigned and read by a closure');
});
