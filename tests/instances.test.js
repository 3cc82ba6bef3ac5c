// Instance transformers (mapping.ts `instances`): v2's constructor adds a field and replaces another
// with an object of another type; `restack patch` names both with their source lines, `restack
// check` refuses the TODO, and the update gives every live old instance (held in a Map, in a
// closure, instances of a subclass) what the new constructor sets. A transformer that throws rolls
// the update back with every instance exactly as it was, and the update keeps no instance alive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './helpers/run.js';
import { workspace } from './helpers/versions.js';

const { work, env, restack } = workspace('restack-instances-');
const dir = join(work, 'app');

const source = (v) => `export class Conn {
  constructor(id) {
    this.id = id;${v === 'v2' ? '\n    this.maxLevels = 128;' : ''}
    this.timer = ${v === 'v2' ? 'new Retimer(this)' : 'Date.now()'};
  }
  describe() { return ${v === 'v2' ? '`conn ${this.id} max ${this.maxLevels} refreshed ${this.timer.refresh()}`' : '`conn ${this.id}`'}; }
}
export class Admin extends Conn {
  constructor(id) { super(id); this.admin = true; }
}
export function Session(user) {
  const self = this;
  self.user = user;${v === 'v2' ? "\n  Object.defineProperty(this, 'since', { value: 0, writable: true, enumerable: true });" : ''}
}
Session.prototype.hello = function () { return 'hi ' + this.user; };
export class Retimer {
  constructor(owner) { this.owner = owner; }
  refresh() { return 1; }
}
export const conns = new Map();
// One object both versions share (carried): the closure it holds keeps two instances out of sight.
export const holder = { get: null };
export function open(n) {
  for (let i = 0; i < n; i++) conns.set(i, i % 2 ? new Admin(i) : new Conn(i));
  const hidden = new Conn(100);
  const s = new Session('ann');
  holder.get = () => [hidden, s];
  // Made and dropped: not live at the update.
  for (let i = 0; i < 50; i++) new Conn(1000 + i);
}
export function heldObjects() { return holder.get(); }
export function drop() { holder.get = null; conns.clear(); }
export function make(id) { return new Conn(id); }
export function isConn(x) { return x instanceof Conn; }
export function isSession(x) { return x instanceof Session; }
`;

for (const v of ['v1', 'v2']) {
  mkdirSync(join(dir, v), { recursive: true });
  writeFileSync(join(dir, v, 'package.json'), '{"type":"module"}');
  writeFileSync(join(dir, v, 'main.js'), source(v));
}
restack('compile', join(dir, 'v1'), '-o', join(dir, 'c1'), '--quiet');

function patch(name, edit) {
  const out = join(dir, name);
  const summary = restack('patch', join(dir, 'v1'), join(dir, 'v2'), '-o', out, '--force');
  const file = join(out, 'mapping.ts');
  const generated = readFileSync(file, 'utf8');
  if (edit) {
    writeFileSync(file, edit(generated));
    restack('check', out);
  }
  return { out, summary, generated };
}

// The Conn constructor's call of Date.now() becomes a call of new Retimer: no frame is there at the update.
const cps = (text) => text.replace(/0: 'TODO',/g, "0: 'refuse',");
const transformers = (conn) => (text) => cps(text)
  .replace("'main.js#Conn': 'TODO',", `'main.js#Conn': ${conn},`)
  .replace("'main.js#Session': 'TODO',", "'main.js#Session': (self) => { Object.defineProperty(self, 'since', { value: 0, writable: true, enumerable: true }); },")
  .replace("'main.js#Retimer': 'TODO',", "'main.js#Retimer': null,");
const good = `(self, update) => {
      const m = update.module<{ Retimer: new (owner: unknown) => unknown }>('main.js');
      self.maxLevels = 128;
      self.timer = new m.Retimer(self);
    }`;

test('restack patch names the fields each changed constructor sets, with both lines; check refuses the TODO', () => {
  const { out, summary, generated } = patch('generated');
  assert.match(summary, /instances: main\.js#Conn: added maxLevels; changed timer/);
  assert.match(summary, /instances: main\.js#Session: added since/);
  assert.match(generated, /added +maxLevels +new line 4: this\.maxLevels = 128;/);
  assert.match(generated, /changed +timer +old line 4: this\.timer = Date\.now\(\);\n\s+\/\/ +new line 5: this\.timer = new Retimer\(this\);/);
  assert.match(generated, /added +since +new line 15: Object\.defineProperty\(this, 'since'/);
  assert.match(generated, /'main\.js#Conn': 'TODO',/);
  // Admin's fields did not change: no entry.
  assert.doesNotMatch(generated, /'main\.js#Admin'/);
  const p = JSON.parse(readFileSync(join(out, 'patch.json'), 'utf8'));
  assert.deepEqual(p.instances.find((c) => c.class === 'main.js#Conn'), { class: 'main.js#Conn', new: 'main.js#Conn', added: ['maxLevels'], removed: [], changed: ['timer'] });
  writeFileSync(join(out, 'mapping.ts'), cps(generated));
  const r = spawnSync(process.execPath, [join(root, 'bin/restack.js'), 'check', out], { encoding: 'utf8', env });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /instances\["main\.js#Conn"\]: still TODO: replace it with a transformer \(self, update\) => \{ \.\.\. \} that sets maxLevels, timer on old instances, or null/);
  // An entry left out, and a key that names no class of the old version.
  writeFileSync(join(out, 'mapping.ts'), cps(generated).replace(/'main\.js#Session': 'TODO',/, "'main.js#Sesion': null,"));
  const r2 = spawnSync(process.execPath, [join(root, 'bin/restack.js'), 'check', out], { encoding: 'utf8', env });
  assert.equal(r2.status, 1);
  assert.match(r2.stderr, /instances\["main\.js#Session"\]: no entry: the new constructor sets since/);
  assert.match(r2.stderr, /instances\["main\.js#Sesion"\]: no class or constructor function 'Sesion' in the old version of main\.js \(did you mean 'main\.js#Session'\?\)/);
});

/** Runs the compiled v1 in a driver; `body` runs after m.open(6), with update(dir) and snapshot(). */
function drive(body, flags = []) {
  const file = join(work, `driver-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(file, `
import { requestUpdateTo } from ${JSON.stringify(join(root, 'dist/runtime/index.js'))};
import { types } from 'node:util';
const m = await import(${JSON.stringify(join(dir, 'c1', 'main.js'))});
m.open(6);
const update = (p) => new Promise((resolve) => requestUpdateTo(${JSON.stringify(dir)} + '/' + p, { label: 'v2' }, resolve));
const instances = () => [...m.conns.values(), ...m.heldObjects()];
// Every own property of every instance, with its descriptor, and each one's prototype.
const snapshot = () => instances().map((o) => ({
  keys: Reflect.ownKeys(o).map(String),
  props: Object.fromEntries(Object.entries(Object.getOwnPropertyDescriptors(o)).map(([k, d]) => [k, { ...d, value: typeof d.value === 'object' ? 'object' : d.value }])),
  proto: Object.getPrototypeOf(o).constructor.name,
}));
const out = {};
${body}
console.log(JSON.stringify(out));
`);
  const r = spawnSync(process.execPath, ['--stack-size=4000', ...flags, file], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

test('old instances in a Map, in a closure and of a subclass get the new fields; new ones are right; instanceof holds', () => {
  const { out } = patch('good', transformers(good));
  const o = drive(`
const before = instances();
const report = await update('good');
out.applied = report.applied; out.reason = report.reason; out.instances = report.instances;
const [hidden, s] = m.heldObjects();
out.same = instances().every((x, i) => x === before[i]);
out.describe = [...m.conns.values()].map((c) => c.describe());
out.hidden = hidden.describe();
out.maxLevels = instances().slice(0, 7).map((c) => c.maxLevels);
// The stored Retimer holds the instance itself, not the journal's proxy of it.
out.owners = instances().slice(0, 7).every((c) => c.timer.owner === c && !types.isProxy(c.timer.owner) && !types.isProxy(c.timer));
out.since = s.since; out.hello = s.hello();
const fresh = m.make(9);
out.fresh = [fresh.describe(), fresh.maxLevels, fresh.timer.owner === fresh];
out.instanceOf = [m.isConn(m.conns.get(0)), m.isConn(m.conns.get(1)), m.isConn(hidden), m.isConn(fresh), m.conns.get(0) instanceof m.Conn, m.isSession(s), s instanceof m.Session];
`);
  assert.equal(o.applied, true, o.reason);
  // 3 Conn and 3 Admin in the Map, one Conn in a closure: 7; the 50 dropped before are not live.
  assert.deepEqual(o.instances.map((c) => [c.class, c.transformed]), [['main.js#Conn', 7], ['main.js#Session', 1]]);
  assert.equal(o.same, true);
  assert.deepEqual(o.describe, [0, 1, 2, 3, 4, 5].map((i) => `conn ${i} max 128 refreshed 1`));
  assert.equal(o.hidden, 'conn 100 max 128 refreshed 1');
  assert.deepEqual(o.maxLevels, [128, 128, 128, 128, 128, 128, 128]);
  assert.equal(o.owners, true);
  assert.equal(o.since, 0);
  assert.equal(o.hello, 'hi ann');
  assert.deepEqual(o.fresh, ['conn 9 max 128 refreshed 1', 128, true]);
  assert.deepEqual(o.instanceOf, [true, true, true, true, true, true, true]);
  assert.ok(out);
});

test('a transformer that throws rolls the update back: every instance exactly as it was', () => {
  // It changes every instance (deletes a field and adds it back last), and throws at the last one.
  patch('throws', (text) => transformers(`(self, update) => {
      const m = update.module<{ Retimer: new (owner: unknown) => unknown }>('main.js');
      self.maxLevels = 128;
      self.timer = new m.Retimer(self);
      const id = self.id;
      delete self.id;
      self.id = id;
      if (++calls === 7) throw new Error('the seventh instance is one too many');
    }`)(text).replace('export default {', 'let calls = 0;\nexport default {'));
  const o = drive(`
const before = instances();
out.before = snapshot();
const report = await update('throws');
out.applied = report.applied; out.reason = report.reason; out.undone = report.undone;
out.after = snapshot();
out.same = instances().every((x, i) => x === before[i]);
out.describe = m.conns.get(0).describe();
`);
  assert.equal(o.applied, false);
  assert.match(o.reason, /the instance transformer of main\.js#Conn threw on an instance \(7 of 7\): the seventh instance is one too many/);
  assert.equal(o.undone.objects, 7, JSON.stringify(o.undone));
  assert.deepEqual(o.after, o.before);
  assert.equal(o.same, true);
  assert.equal(o.describe, 'conn 0');
});

test('the update keeps no instance alive, with the inspector attached too', () => {
  patch('gc', transformers(good));
  for (const flags of [['--expose-gc'], ['--expose-gc', '--inspect=127.0.0.1:0']]) {
    const o = drive(`
// In a function: a variable of the driver's own top-level code (an async module) could hold one.
let finalized = 0;
const registry = new FinalizationRegistry(() => { finalized++; });
const watch = () => instances().map((x) => { registry.register(x, 0); return new WeakRef(x); });
const refs = watch();
const report = await update('gc');
out.applied = report.applied; out.reason = report.reason;
out.transformed = report.instances.map((c) => c.transformed);
m.drop();
for (let i = 0; i < 10 && (refs.some((r) => r.deref()) || finalized < refs.length); i++) {
  await new Promise((r) => setTimeout(r, 10));
  globalThis.gc();
}
out.alive = refs.filter((r) => r.deref() !== undefined).length;
out.finalized = finalized;
out.count = refs.length;
`, flags);
    assert.equal(o.applied, true, o.reason);
    assert.deepEqual(o.transformed, [7, 1]);
    assert.equal(o.count, 8);
    assert.equal(o.alive, 0, `${o.alive} instances still alive (${flags.join(' ')})`);
    assert.equal(o.finalized, 8);
  }
});
