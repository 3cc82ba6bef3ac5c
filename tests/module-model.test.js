// The module update model (decision 0010): top-level setup of the module's own classes and
// constructor functions runs again on the new version's objects (util.inherits, prototype
// assignments), old and new instances share the new prototype and pass instanceof both ways,
// effect statements new in the version run when the mapping says 'run', after() hooks register
// what the new version adds, and a rolled-back update leaves every old prototype as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspace } from './helpers/versions.js';
import { liveProgram } from './helpers/live.js';

const { work, env, restack } = workspace('restack-model-');

const thing = (v) => `import util from 'node:util';
import { EventEmitter } from 'node:events';
export class Thing {
  constructor(name) { EventEmitter.call(this); this.name = name; }
  hello() { return '${v} ' + this.name; }
${v === 'v2' ? "  bye() { return 'bye ' + this.name; }\n" : ''}}
util.inherits(Thing, EventEmitter);
export function Legacy(n) { this.n = n; }
Legacy.prototype.get = function () { return this.n${v === 'v2' ? ' * 10' : ''}; };
${v === 'v2' ? 'Legacy.prototype.twice = function () { return this.get() * 2; };\n' : ''}export const registry = new Map();
export function register(path, h) { registry.set(path, h); }
export const VERSION = '${v}';
`;
const routes = (v) => `import { register, VERSION } from './thing.js';
${v === 'v2' ? "register('/new', () => 'N ' + VERSION);\n" : ''}register('/a', () => 'A');
export function extra() { return 'extra ' + VERSION; }
`;
const main = `import { createInterface } from 'node:readline';
import { EventEmitter } from 'node:events';
import { Thing, Legacy, registry } from './thing.js';
import './routes.js';
const OldThing = Thing;
const old = new Thing('a');
const oldL = new Legacy(2);
function look() {
  const fresh = new Thing('b');
  const freshL = new Legacy(3);
  let heard = 0;
  fresh.on('x', () => heard++); fresh.emit('x');
  old.on('y', () => heard++); old.emit('y');
  return {
    oldHello: old.hello(), freshHello: fresh.hello(), heard,
    oldBye: typeof old.bye === 'function' ? old.bye() : null,
    oldIsThing: old instanceof Thing, freshIsOldThing: fresh instanceof OldThing,
    freshIsEE: fresh instanceof EventEmitter, oldIsEE: old instanceof EventEmitter,
    oldGet: oldL.get(), freshGet: freshL.get(), oldTwice: typeof oldL.twice === 'function' ? oldL.twice() : null,
    routes: [...registry.keys()].map((k) => k + '=' + registry.get(k)()),
  };
}
const rl = createInterface({ input: process.stdin });
rl.on('line', (line) => {
  if (line === 'stop') rl.close();
  else console.log('LOOK ' + JSON.stringify(look()));
});
console.log('ready');
`;

const dir = join(work, 'app');
for (const v of ['v1', 'v2']) {
  mkdirSync(join(dir, v), { recursive: true });
  writeFileSync(join(dir, v, 'package.json'), '{"type":"module"}');
  for (const [name, text] of Object.entries({ 'thing.js': thing(v), 'routes.js': routes(v), 'main.js': main })) writeFileSync(join(dir, v, name), text);
}
restack('compile', join(dir, 'v1'), '-o', join(dir, 'c1'), '--quiet');

/** Writes the patch v1 -> v2 into dir/name with mapping.ts changed by edit; returns check's result. */
function patchAs(name, edit) {
  const out = join(dir, name);
  restack('patch', join(dir, 'v1'), join(dir, 'v2'), '-o', out);
  const file = join(out, 'mapping.ts');
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
  return out;
}

async function look(program) {
  const from = program.stdout.length;
  program.send('look');
  await program.until(/LOOK .*\n/, from);
  return JSON.parse(/LOOK (.*)\n/.exec(program.stdout.slice(from))[1]);
}

test('restack patch lists the new top-level statement as a TODO, and check refuses it until decided', () => {
  const out = patchAs('todo', (s) => s);
  const text = readFileSync(join(out, 'mapping.ts'), 'utf8');
  assert.match(text, /"register\('\/new',ƒ\)": 'TODO'/);
  assert.match(text, /"register\('\/a',ƒ\)": 'skip'/);
  // Setup of the module's own class and constructor runs by default: listed, commented out.
  assert.match(text, /\/\/ 'util\.inherits\(Thing,EventEmitter\)': 'skip'/);
  assert.match(text, /\/\/ 'Legacy\.prototype\.twice=ƒ': 'skip'/);
  const { spawnSync } = process.getBuiltinModule('node:child_process');
  const c = spawnSync(process.execPath, [join(import.meta.dirname, '..', 'bin', 'restack.js'), 'check', out], { encoding: 'utf8', env });
  assert.equal(c.status, 1, c.stdout + c.stderr);
  assert.match(c.stderr, /topLevel\["routes\.js"\]\["register\('\/new',ƒ\)"\]: still TODO/);
});

test('after an update, old and new instances have the new methods, the EventEmitter chain and instanceof both ways; the new route is registered', async () => {
  const out = patchAs('run', (s) => s.replace(`"register('/new',ƒ)": 'TODO'`, `"register('/new',ƒ)": 'run'`));
  restack('check', out);
  const program = liveProgram(join(dir, 'c1', 'main.js'), [], env);
  await program.until(/ready/);
  const before = await look(program);
  assert.deepEqual(before, {
    oldHello: 'v1 a', freshHello: 'v1 b', heard: 2, oldBye: null, oldIsThing: true, freshIsOldThing: true,
    freshIsEE: true, oldIsEE: true, oldGet: 2, freshGet: 3, oldTwice: null, routes: ['/a=A'],
  });
  const report = program.update(out);
  assert.equal(report.applied, true, report.reason);
  const thingReport = report.modules.find((m) => m.module === 'thing.js');
  assert.deepEqual(thingReport.adopted.sort(), ['Legacy', 'Thing']);
  assert.deepEqual(thingReport.ran, ['util.inherits(Thing,EventEmitter)', 'Legacy.prototype.get=ƒ', 'Legacy.prototype.twice=ƒ']);
  assert.deepEqual(report.modules.find((m) => m.module === 'routes.js').ran, ["register('/new',ƒ)"]);
  const after = await look(program);
  assert.deepEqual(after, {
    oldHello: 'v2 a', freshHello: 'v2 b', heard: 2, oldBye: 'bye a', oldIsThing: true, freshIsOldThing: true,
    freshIsEE: true, oldIsEE: true, oldGet: 20, freshGet: 30, oldTwice: 40, routes: ['/a=A', '/new=N v2'],
  });
  assert.equal(await program.stop(), 0);
});

test('an after() hook registers with the new module\'s bindings once the update committed; one that throws is reported, the update stays applied', async () => {
  const out = patchAs('after', (s) => s
    .replace(`"register('/new',ƒ)": 'TODO'`, `"register('/new',ƒ)": 'skip'`)
    .replace(/\n  after: \{\n/, `\n  after: {\n    'thing.js'(old, next) { next.register('/hooked', () => 'H ' + next.VERSION + ' ' + typeof old.register); },\n    'routes.js'() { throw new Error('hook failed on purpose'); },\n`));
  restack('check', out);
  const program = liveProgram(join(dir, 'c1', 'main.js'), [], env);
  await program.until(/ready/);
  const report = program.update(out);
  assert.equal(report.applied, true, report.reason);
  assert.deepEqual(report.afterErrors, ['routes.js: the after() hook threw: hook failed on purpose']);
  assert.equal(report.modules.find((m) => m.module === 'thing.js').after, true);
  const after = await look(program);
  assert.deepEqual(after.routes, ['/a=A', '/hooked=H v2 function']);
  assert.equal(after.oldTwice, 40);
  assert.equal(await program.stop(), 0);
});

test('a rolled-back update and a dry run leave the old prototypes as they were and run no statement decided \'run\'', async () => {
  const out = patchAs('fails', (s) => s
    .replace(`"register('/new',ƒ)": 'TODO'`, `"register('/new',ƒ)": 'run'`)
    .replace(/\n  state: \{\n/, "\n  state: {\n    'thing.js'() { throw new Error('state transformer failed on purpose'); },\n"));
  restack('check', out);
  const program = liveProgram(join(dir, 'c1', 'main.js'), [], env);
  await program.until(/ready/);
  const before = await look(program);
  const report = program.update(out);
  assert.equal(report.applied, false);
  assert.match(report.reason, /state transformer failed on purpose/);
  assert.deepEqual(await look(program), before);
  // A dry run goes as far as the vote: the classes were adopted, then put back.
  const good = patchAs('dry', (t) => t.replace(`"register('/new',ƒ)": 'TODO'`, `"register('/new',ƒ)": 'run'`));
  restack('check', good);
  const dry = program.update(good, '--dry-run');
  assert.equal(dry.applied, false);
  assert.equal(dry.dryRun, true);
  assert.deepEqual(await look(program), before);
  assert.equal(await program.stop(), 0);
});

test('a state transformer sees exactly the variables its types name, and assigning another is an error naming it', async () => {
  const keys = patchAs('keys', (s) => s
    .replace(`"register('/new',ƒ)": 'TODO'`, `"register('/new',ƒ)": 'skip'`)
    .replace(/\n  state: \{\n/, "\n  state: {\n    'thing.js'(old, next) { throw new Error('keys ' + JSON.stringify([Object.keys(old), Object.keys(next)])); },\n"));
  restack('check', keys);
  const wrong = patchAs('wrong', (s) => s
    .replace(`"register('/new',ƒ)": 'TODO'`, `"register('/new',ƒ)": 'skip'`)
    .replace(/\n  state: \{\n/, "\n  state: {\n    'thing.js'(old, next) { (next as Record<string, unknown>).registy = new Map(); },\n"));
  restack('check', wrong);
  const program = liveProgram(join(dir, 'c1', 'main.js'), [], env);
  await program.until(/ready/);
  const r1 = program.update(keys);
  assert.equal(r1.applied, false);
  // Functions and classes (Thing, Legacy, register) are not state.
  assert.match(r1.reason, /keys \[\["registry","VERSION"\],\["registry","VERSION"\]\]/);
  const r2 = program.update(wrong);
  assert.equal(r2.applied, false);
  assert.match(r2.reason, /next\.registy: the new thing\.js has no top-level variable 'registy' \(its variables: registry, VERSION\)/);
  assert.equal(await program.stop(), 0);
});
