// What a frame record must carry, from Babel's scopes (compiler/scopeFacts.ts): own variables,
// those shared with closures and assigned (boxed), variables of enclosing functions (env), and
// the own variables each declared closure uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '@babel/parser';
import { traverse } from '../../dist/compiler/babel.js';
import { scopeFacts } from '../../dist/compiler/scopeFacts.js';

/** scopeFacts of the function named `name` in `source`. */
function factsOf(source, name) {
  const ast = parse(source, { sourceType: 'module' });
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
