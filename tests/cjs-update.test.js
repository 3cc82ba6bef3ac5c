// CommonJS updates (decision 0012): a program of CommonJS modules (an exports object, a
// module.exports function with a property, a class exported and instantiated, module-level state)
// and an ES module importing one of them, updated v1 -> v2 under `restack run`: requirers keep the
// objects they hold, which now have the new version's functions; state is carried; old instances
// get the new methods; a module new in v2 is required from an old one and lands in require.cache;
// a rolled-back update leaves everything as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspace } from './helpers/versions.js';
import { liveProgram } from './helpers/live.js';

const { work, env, restack } = workspace('restack-cjs-');

const counter = (v) => `'use strict';
${v === 'v2' ? "const fresh = require('./fresh');\n" : ''}let count = 0;
const seen = [];
function inc(who) { count += 1; seen.push(who); return count; }
function label() { return '${v} count ' + count + ' seen ' + seen.length${v === 'v2' ? " + ' ' + fresh.tag()" : ''}; }
${v === 'v1' ? 'function legacy() { return count; }\n' : 'function twice() { return count * 2; }\n'}module.exports = { inc, label, ${v === 'v1' ? 'legacy' : 'twice'}, VERSION: '${v}' };
`;
const greet = (v) => `module.exports = function greet(name) { return '${v === 'v1' ? 'hello' : 'hi'} ' + name; };
module.exports.shout = function shout(name) { return ${v === 'v1' ? 'name' : 'name.toUpperCase()'} + '!'; };
`;
const shape = (v) => `class Box {
  constructor(w) { this.w = w; }
  area() { return this.w * this.w${v === 'v2' ? ' * 10' : ''}; }
${v === 'v2' ? "  describe() { return 'box ' + this.w; }\n" : ''}}
module.exports = Box;
`;
// Express 4's router: the exported function is also a variable, set up by later statements.
const router = (v) => `var proto = module.exports = function (name) {
  function router() { return router.handle(); }
  Object.setPrototypeOf(router, proto);
  router.label = name;
  return router;
};
proto.handle = function handle() { return '${v} handled ' + this.label; };
// Express 4's Route.prototype.dispatch: a hoisted function reads variables the body sets after
// the entry. A call of the old function moves at its entry: the new frame makes its own next().
proto.sum = function sum(list) {
  var i = 0;
  var total = 0;
  var items = list;
  return next();
  function next() { if (i >= items.length) return '${v}:' + total; total += items[i++]; return next(); }
};
`;
const fresh = `let made = 0;
exports.tag = function tag() { made += 1; return 'fresh' + made; };
`;
const view = (v) => `import counter from './counter.js';
export function show() { return '${v === 'v1' ? 'view' : 'VIEW'} ' + counter.label(); }
`;
const main = (v) => `const { createInterface } = require('node:readline');
const counter = require('./counter');
const greet = require('./greet.js');
const Box = require('./shape');
const makeRouter = require('./router');
const oldRouter = makeRouter('old');
const oldSum = makeRouter.sum;
const oldBox = new Box(3);
let view = null;
function look() {
  counter.inc('look');
  const box = new Box(2);
  return {
    label: counter.label(), VERSION: counter.VERSION,
    hasLegacy: typeof counter.legacy === 'function', twice: typeof counter.twice === 'function' ? counter.twice() : null,
    sameCounter: counter === require('./counter'),
    greet: greet('a'), shout: greet.shout('b'),
    oldArea: oldBox.area(), newArea: box.area(), oldDescribe: typeof oldBox.describe === 'function' ? oldBox.describe() : null,
    oldIsBox: oldBox instanceof Box, boxIsBox: box instanceof Box,
    view: view.show(),
    routers: [oldRouter(), makeRouter('new')(), makeRouter === require('./router'), oldSum([1, 2, 3])],
    freshCached: Object.keys(require.cache).some((k) => k.endsWith('fresh.js')),${v === 'v2' ? "\n    freshSame: require('./fresh') === require('./fresh'), viaRequire: require('./view.mjs').show(),": ''}
  };
}
const rl = createInterface({ input: process.stdin });
rl.on('line', (line) => {
  if (line === 'stop') rl.close();
  else console.log('LOOK ' + JSON.stringify(look()));
});
import('./view.mjs').then((m) => { view = m; console.log('ready'); });
`;

const dir = join(work, 'app');
for (const v of ['v1', 'v2']) {
  mkdirSync(join(dir, v), { recursive: true });
  writeFileSync(join(dir, v, 'package.json'), '{"type":"commonjs"}');
  const files = { 'counter.js': counter(v), 'greet.js': greet(v), 'shape.js': shape(v), 'view.mjs': view(v), 'main.js': main(v), 'router.js': router(v) };
  if (v === 'v2') files['fresh.js'] = fresh;
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, v, name), text);
}
restack('compile', join(dir, 'v1'), '-o', join(dir, 'c1'), '--quiet');

/** The patch v1 -> v2 into dir/name, its mapping.ts changed by edit, checked. */
function patchAs(name, edit = (s) => s) {
  const out = join(dir, name);
  restack('patch', join(dir, 'v1'), join(dir, 'v2'), '-o', out);
  const file = join(out, 'mapping.ts');
  // legacy() is gone, not renamed to twice(): no frame of it moves.
  const decided = readFileSync(file, 'utf8').replace(/('counter\.js#legacy': \{\n\s*)to: 'TODO',[^\n]*([\s\S]*?)0: 0,/, "$1to: null,$20: 'refuse',");
  writeFileSync(file, edit(decided));
  restack('check', out);
  return out;
}

async function look(program) {
  const from = program.stdout.length;
  program.send('look');
  await program.until(/LOOK .*\n/, from);
  return JSON.parse(/LOOK (.*)\n/.exec(program.stdout.slice(from))[1]);
}

test('restack patch compiles CommonJS modules in the loader format, with their exports set up again', () => {
  const out = patchAs('plain');
  const patch = JSON.parse(readFileSync(join(out, 'patch.json'), 'utf8'));
  assert.deepEqual(patch.modules.added, ['fresh.js']);
  const meta = JSON.parse(readFileSync(join(out, patch.new.dir, 'counter.js.restack.json'), 'utf8'));
  assert.equal(meta.sourceKind, 'commonjs');
  const exportsStatement = meta.topLevel.find((s) => s.key.startsWith('module.exports='));
  assert.equal(exportsStatement.kind, 'setup');
  const code = readFileSync(join(out, patch.new.dir, 'counter.js'), 'utf8');
  // What require returns is computed again; the module's variables are carried.
  assert.match(code, /const fresh = require\(["']\.\/fresh["']\);/);
  assert.match(code, /let count = __rsU\.carry\(["']count["']/);
  // A sloppy module stays sloppy: no 'use strict' added.
  assert.doesNotMatch(readFileSync(join(out, patch.new.dir, 'greet.js'), 'utf8'), /use strict/);
});

test('after an update, requirers keep their objects, which have the new functions; state is carried; old instances get the new methods; the new module is required and cached', async () => {
  const out = patchAs('good');
  const program = liveProgram(join(dir, 'c1', 'main.js'), [], env);
  await program.until(/ready/);
  const before = await look(program);
  assert.deepEqual(before, {
    label: 'v1 count 1 seen 1', VERSION: 'v1', hasLegacy: true, twice: null, sameCounter: true,
    greet: 'hello a', shout: 'b!', oldArea: 9, newArea: 4, oldDescribe: null, oldIsBox: true, boxIsBox: true,
    view: 'view v1 count 1 seen 1', routers: ['v1 handled old', 'v1 handled new', true, 'v1:6'], freshCached: false,
  });
  const report = program.update(out);
  assert.equal(report.applied, true, report.reason);
  const byModule = Object.fromEntries(report.modules.map((m) => [m.module, m]));
  assert.equal(byModule['counter.js'].exports, 'repointed');
  assert.equal(byModule['greet.js'].exports, 'repointed');
  assert.deepEqual(byModule['shape.js'].adopted, ['Box']);
  assert.equal(byModule['shape.js'].exports, 'repointed');
  assert.equal(byModule['router.js'].exports, 'repointed');
  assert.ok(byModule['counter.js'].carried.includes('count'), JSON.stringify(byModule['counter.js']));
  assert.ok(byModule['counter.js'].carried.includes('seen'));
  const after = await look(program);
  assert.deepEqual(after, {
    label: 'v2 count 2 seen 2 fresh1', VERSION: 'v2', hasLegacy: false, twice: 4, sameCounter: true,
    greet: 'hi a', shout: 'B!', oldArea: 90, newArea: 40, oldDescribe: 'box 3', oldIsBox: true, boxIsBox: true,
    view: 'VIEW v2 count 2 seen 2 fresh2', routers: ['v2 handled old', 'v2 handled new', true, 'v2:6'], freshCached: true, freshSame: true,
    // CommonJS requiring an ES module of the bundle (Node 20 allows one without top-level await).
    viaRequire: 'VIEW v2 count 2 seen 2 fresh3',
  });
  assert.equal(await program.stop(), 0);
});

test('a rolled-back update (a state transformer throws) leaves the exports, the classes and require.cache as they were', async () => {
  const out = patchAs('fails', (s) => s.replace(/\n  state: \{\n/, "\n  state: {\n    'counter.js'() { throw new Error('state transformer failed on purpose'); },\n"));
  const program = liveProgram(join(dir, 'c1', 'main.js'), [], env);
  await program.until(/ready/);
  await look(program);
  const report = program.update(out);
  assert.equal(report.applied, false);
  assert.match(report.reason, /state transformer failed on purpose/);
  const after = await look(program);
  assert.deepEqual(after, {
    label: 'v1 count 2 seen 2', VERSION: 'v1', hasLegacy: true, twice: null, sameCounter: true,
    greet: 'hello a', shout: 'b!', oldArea: 9, newArea: 4, oldDescribe: null, oldIsBox: true, boxIsBox: true,
    view: 'view v1 count 2 seen 2', routers: ['v1 handled old', 'v1 handled new', true, 'v1:6'], freshCached: false,
  });
  assert.equal(await program.stop(), 0);
});

test('a state transformer reads the old value of what require returned, and setting it is an error: the update computes it again', async () => {
  const out = patchAs('recomputed', (s) => s.replace(/\n  state: \{\n/, `
  state: {
    'main.js'(old, next) {
      if (typeof (old.counter as { inc?: unknown }).inc !== 'function') throw new Error('old.counter is not the counter module');
      (next as Record<string, unknown>).counter = {};
    },
`));
  const program = liveProgram(join(dir, 'c1', 'main.js'), [], env);
  await program.until(/ready/);
  const report = program.update(out);
  assert.equal(report.applied, false);
  assert.match(report.reason, /next\.counter: the new main\.js computes 'counter' again \(it reads what require\(\) or the imports give\), so a state transformer cannot set it/);
  assert.equal(await program.stop(), 0);
});

test('restack patch refuses a module that changes its module system, saying what to do', () => {
  const d = join(work, 'kind');
  for (const v of ['v1', 'v2']) {
    mkdirSync(join(d, v), { recursive: true });
    writeFileSync(join(d, v, 'package.json'), '{}');
    writeFileSync(join(d, v, 'main.js'), v === 'v1' ? 'module.exports = { a: 1 };\n' : 'export const a = 1;\n');
  }
  const { spawnSync } = process.getBuiltinModule('node:child_process');
  const r = spawnSync(process.execPath, [join(import.meta.dirname, '..', 'bin', 'restack.js'), 'patch', join(d, 'v1'), join(d, 'v2'), '-o', join(d, 'p')], { encoding: 'utf8', env });
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /main\.js is CommonJS in the old version and an ES module in the new one: .*keep its kind/);
});

test('a second update: a module new in the first is updated in place, its exports keeping their identity', async () => {
  const d = join(work, 'twice');
  const a = (v) => `${v === 'v1' ? '' : "const b = require('./b');\n"}let calls = 0;
exports.label = function label() { calls += 1; return '${v} ' + calls${v === 'v1' ? '' : " + ' ' + b.name()"}; };
${v === 'v1' ? '' : 'exports.b = b;\n'}`;
  const b = (v) => `let made = 0;
exports.name = function name() { made += 1; return '${v === 'v2' ? 'b' : 'B'}' + made; };
`;
  const mainText = `const a = require('./a');
const { createInterface } = require('node:readline');
let keptB = null;
function look() {
  if (!keptB && a.b) keptB = a.b;
  return { label: a.label(), sameB: keptB === null ? null : keptB === a.b };
}
const rl = createInterface({ input: process.stdin });
rl.on('line', (line) => {
  if (line === 'stop') rl.close();
  else console.log('LOOK ' + JSON.stringify(look()));
});
console.log('ready');
`;
  for (const v of ['v1', 'v2', 'v3']) {
    mkdirSync(join(d, v), { recursive: true });
    writeFileSync(join(d, v, 'package.json'), '{"type":"commonjs"}');
    writeFileSync(join(d, v, 'a.js'), a(v));
    writeFileSync(join(d, v, 'main.js'), mainText);
    if (v !== 'v1') writeFileSync(join(d, v, 'b.js'), b(v));
  }
  restack('compile', join(d, 'v1'), '-o', join(d, 'c1'), '--quiet');
  for (const [from, to] of [['v1', 'v2'], ['v2', 'v3']]) {
    const out = join(d, `${from}-${to}`);
    restack('patch', join(d, from), join(d, to), '-o', out);
    // No frame of label() is on the stack at an update (it runs between events): its changed call
    // site is refused rather than mapped.
    const file = join(out, 'mapping.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/(\d+): 'TODO'/g, "$1: 'refuse'"));
    restack('check', out);
  }
  const program = liveProgram(join(d, 'c1', 'main.js'), [], env);
  await program.until(/ready/);
  assert.deepEqual(await look(program), { label: 'v1 1', sameB: null });
  const r2 = program.update(join(d, 'v1-v2'));
  assert.equal(r2.applied, true, r2.reason);
  assert.deepEqual(await look(program), { label: 'v2 2 b1', sameB: true });
  const r3 = program.update(join(d, 'v2-v3'));
  assert.equal(r3.applied, true, r3.reason);
  assert.equal(r3.modules.find((m) => m.module === 'b.js').exports, 'repointed');
  assert.deepEqual(r3.modules.find((m) => m.module === 'b.js').carried, ['made']);
  assert.deepEqual(await look(program), { label: 'v3 3 B2', sameB: true });
  assert.equal(await program.stop(), 0);
});
