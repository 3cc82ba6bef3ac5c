// Function ids (compiler/functionTable.ts, contract/functionIds.ts): an anonymous function is named
// by its context (the call it is passed to with the call's literal arguments, the member path it
// is assigned to, a tag for other places), so inserting code elsewhere does not rename it; only a
// context that repeats in the same parent falls back to source order, and those ids are marked
// positional. Literals in ids may hold '/', '#', '~' and quotes: ids are split quote-aware.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compile } from '../../dist/compiler/index.js';
import { quoteInId, segmentOrdinal, splitFunctionId } from '../../dist/contract/index.js';

function ids(source, filename = 'app.js') {
  const { metadata } = compile(source, { filename, sourceType: 'commonjs' });
  return metadata.functions.map((f) => (f.positional ? `${f.id} (positional)` : f.id));
}

const routes = (paths) => [
  'const app = makeApp();',
  ...paths.map((p) => `app.get('${p}', (req, res) => { res.end(${JSON.stringify(p)}); });`),
].join('\n');

test('a route handler is named by the call it is passed to and its literal arguments', () => {
  assert.deepEqual(ids(routes(['/a', '/stats'])), ["app.js#app.get('/a',*)", "app.js#app.get('/stats',*)"]);
});

test('inserting a route before the others renames none of them', () => {
  const before = ids(routes(['/a', '/stats']));
  const after = ids(routes(['/a', '/new', '/stats']));
  for (const id of before) assert.ok(after.includes(id), `${id} kept`);
  assert.ok(after.includes("app.js#app.get('/new',*)"));
  assert.ok(after.every((id) => !id.endsWith('(positional)')));
});

test('literal arguments of every kind are kept, other arguments elided, the function itself is *', () => {
  const source = [
    'setTimeout(() => {}, 1000);',
    'emitter.on(`tick`, function () {});',
    'p.then((v) => v, (e) => e);',
    'call(-1, 2n, true, null, x, [1], () => {});',
    "router.route('/users').get(auth, (req, res) => {});",
    'new Promise((resolve) => resolve());',
    'maybe?.(() => {});',
  ].join('\n');
  assert.deepEqual(ids(source), [
    'app.js#setTimeout(*,1000)',
    "app.js#emitter.on('tick',*)",
    'app.js#p.then(*,_)',
    'app.js#p.then(_,*)',
    'app.js#call(-1,2n,true,null,_,_,*)',
    "app.js#router.route('/users').get(_,*)",
    'app.js#new Promise(*)',
    'app.js#maybe?.(*)',
  ]);
});

test('a function assigned to a member is named by its full member path', () => {
  const source = [
    'function A() {}',
    'function B() {}',
    'A.prototype.run = function () {};',
    'B.prototype.run = function () {};',
    'module.exports.handler = () => {};',
    'exports.x = function () {};',
    "obj['a/b'] = () => {};",
    'this.#p = () => {};',
  ].join('\n');
  // A private name outside a class does not parse: leave the last line out.
  assert.deepEqual(ids(source.split('\n').slice(0, -1).join('\n')), [
    'app.js#A', 'app.js#B', 'app.js#A.prototype.run', 'app.js#B.prototype.run',
    'app.js#module.exports.handler', 'app.js#exports.x', "app.js#obj['a/b']",
  ]);
});

test('other places have tags; declared names, bindings and keys are kept as before', () => {
  const source = [
    'function outer(cb = () => {}) {',
    '  const list = [() => 1];',
    '  return function () { return (x) => x; };',
    '}',
    'const f = () => {};',
    'let g; g = function () {};',
    "const o = { m() {}, 'k/ey': () => {}, ['lit']: () => {}, [sym]: () => {} };",
    'class C { static s() {} get v() { return 1; } field = () => {}; #priv = () => {}; }',
    '(function () {})();',
    '(function () {}).call(this);',
    'const pick = cond ? () => 1 : () => 2;',
  ].join('\n');
  assert.deepEqual(ids(source), [
    'app.js#outer',
    'app.js#outer/<default cb>',
    'app.js#outer/<array>',
    'app.js#outer/<return>',
    'app.js#outer/<return>/<return>',
    'app.js#f',
    'app.js#g',
    'app.js#m',
    "app.js#'k/ey'",
    'app.js#lit',
    'app.js#[computed]',
    'app.js#C.static s',
    'app.js#C.get v',
    'app.js#field',
    'app.js##priv',
    'app.js#<iife>',
    'app.js#*.call(_)',
    'app.js#pick (positional)',
    'app.js#pick~2 (positional)',
  ]);
});

test('a context that repeats in one parent is numbered, and every function of it is positional, with what it encloses', () => {
  const source = [
    'function report(rows) {',
    '  rows.map((r) => r.a);',
    '  rows.map((r) => { const inner = () => r; return inner; });',
    "  rows.filter((r) => r.ok);",
    '}',
    'function other(rows) { rows.map((r) => r.b); }',
  ].join('\n');
  assert.deepEqual(ids(source), [
    'app.js#report',
    'app.js#report/rows.map(*) (positional)',
    'app.js#report/rows.map(*)~2 (positional)',
    'app.js#report/rows.map(*)~2/inner (positional)',
    'app.js#report/rows.filter(*)',
    'app.js#other',
    'app.js#other/rows.map(*)',
  ]);
});

test('duplicate declared names are numbered and positional too', () => {
  const source = 'if (a) { function f() {} } else { function f() {} }\nfunction g() {}';
  assert.deepEqual(ids(source), ['app.js#f (positional)', 'app.js#f~2 (positional)', 'app.js#g']);
});

test("long literals are cut with a hash of the whole; quotes and control characters are escaped", () => {
  const long = 'x'.repeat(60);
  const [a, b] = ids(`on('${long}', () => {});\non('${long}y', () => {});\non('it\\'s\\n', () => {});`);
  assert.match(a, /^app\.js#on\('x{48}\.\.\.[0-9a-f]{8}',\*\)$/);
  assert.match(b, /^app\.js#on\('x{48}\.\.\.[0-9a-f]{8}',\*\)$/);
  assert.notEqual(a, b);
  assert.equal(ids("on('it\\'s\\n', () => {});")[0], "app.js#on('it\\'s\\u000a',*)");
});

test('ids split at the first # and at each / outside quoted literals', () => {
  assert.deepEqual(splitFunctionId("routes.js#app.get('/a/#b',*)/<return>"), { module: 'routes.js', names: ["app.get('/a/#b',*)", '<return>'] });
  assert.deepEqual(splitFunctionId("lib/x.js#Foo.#bar/on('it\\'s/ok',*)~2"), { module: 'lib/x.js', names: ['Foo.#bar', "on('it\\'s/ok',*)~2"] });
  // A module path holding '#' is split where the known module ends.
  assert.deepEqual(splitFunctionId('a#b.js#f/g', 'a#b.js'), { module: 'a#b.js', names: ['f', 'g'] });
  assert.deepEqual(segmentOrdinal("rows.map(*)~12"), { base: 'rows.map(*)', ordinal: 12 });
  assert.deepEqual(segmentOrdinal("'a~2'"), { base: "'a~2'", ordinal: 1 });
  assert.equal(quoteInId("a'b\\c"), "'a\\'b\\\\c'");
  // Every id the compiler writes splits back into one segment per enclosing function.
  const source = "app.get('/a/b#c', (req, res) => { res.on('x/y', () => {}); });";
  const { metadata } = compile(source, { filename: 'm.js', sourceType: 'commonjs' });
  assert.deepEqual(metadata.functions.map((f) => splitFunctionId(f.id).names.length), [1, 2]);
});
