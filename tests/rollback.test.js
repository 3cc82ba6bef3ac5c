// An update that does not commit loses nothing (decision 0004): transformers that change the old
// version's objects and then throw (state, stack, across modules), a new module whose top-level
// code starts timers, adds listeners and patches globals before the update fails, a transformer
// or module that never returns (stopped at the update's deadline), and a dry run: after each, the
// old version's whole state is what it was and nothing of the new version is left running.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './helpers/run.js';
import { workspace } from './helpers/versions.js';

const { work, env, versions, patchWith } = workspace('restack-rollback-');
const dir = join(work, 'app');

const extra = (v) => `export const registry = [{ name: 'a' }];
export function names() { return registry.map((r) => r.name${v === 'v2' ? ".toUpperCase()" : ''}); }
`;
const main = (v) => `${v === 'v2' ? "import './plugin.js';\n" : ''}import { registry } from './store.js';
export const store = new Map([['k1', 'one'], ['k2', '2']]);
export const stats = { commands: 5, nested: { hits: 1 } };
export const list = [1, 2, 3];
export const tags = new Set(['a']);
export const when = new Date(1000);
export const bytes = new Uint8Array([1, 2, 3]);
export const seen = new WeakMap();
let bumps = 0;
export class Thing { constructor() { this.n = 1; } bump() { this.n++; bumps++; return this; } }
export function bumpCount() { return bumps; }
export const thing = new Thing();
seen.set(thing, 'first');
export const VERSION = '${v}';
export function work(queue) {
  let total = 0;
  for (let i = 0; i < 3; i++) {
    total += queue.length * ${v === 'v2' ? 2 : 1};
    globalThis.__at?.(i);
  }
  return total + ':' + queue.join(',');
}
export function count() { return registry.length; }
`;
// A new module of v2: its top-level code has effects on the world.
const plugin = `import { EventEmitter } from 'node:events';
import net from 'node:net';
if (globalThis.__pluginPort) net.createServer().listen(globalThis.__pluginPort, '127.0.0.1');
globalThis.pluginTicks = 0;
setInterval(() => { globalThis.pluginTicks++; }, 5).unref();
setTimeout(() => { globalThis.pluginTimeout = true; }, 1).unref();
setImmediate(() => { globalThis.pluginImmediate = true; });
process.nextTick(() => { globalThis.pluginTick = true; });
process.on('pluginEvent', () => { globalThis.pluginHeard = true; });
export const bus = new EventEmitter();
Array.prototype.pluginHelper = function () { return 'helped'; };
globalThis.pluginLoaded = true;
JSON.pluginParse = () => 1;
if (globalThis.__pluginLoops) for (;;) {}
`;
versions(dir, (v) => (v === 'v1' ? { 'main.js': main(v), 'store.js': extra(v) } : { 'main.js': main(v), 'store.js': extra(v), 'plugin.js': plugin }));

// Every kind of change a transformer can make to old objects.
const mutate = `
    const o = old as any;
    o.store.delete('k1'); o.store.set('k3', 'x');
    o.stats.commands = 0; o.stats.nested.hits = 99; delete o.stats.nested; o.stats.added = { deep: true };
    Object.setPrototypeOf(o.stats, null);
    o.list.push(4); o.list.length = 1;
    o.tags.add('b'); o.tags.delete('a');
    o.when.setTime(5);
    o.bytes.fill(9); o.bytes[0] = 7;
    o.seen.set(o.thing, 'second');
    o.thing.bump();
`;
const stateTransformer = (body) => (text) => text.replace(/ {4}\/\/ 'main\.js'\(old[^\n]*\n {4}\/\/ \},\n/, `    'main.js'(old, next) {${body}    },\n`);

patchWith(dir, 'state-throws', stateTransformer(`${mutate}    throw new Error('state transformer failed after changing things');\n`));
patchWith(dir, 'frame-throws', (text) => text.replace(/('main\.js#work': \{[^]*?) {6}\/\/ frame\(old[^\n]*\n {6}\/\/ \},\n/, `$1      frame(old, next) {
        (old.locals as any).queue.length = 0;
        (old.locals as any).queue.push('junk');
        throw new Error('stack transformer failed after emptying the queue');
      },
`));
// Two modules: main.js's transformer changes old objects and succeeds, store.js's (evaluated after
// it: main.js imports it) changes the registry and throws.
patchWith(dir, 'multi-throws', (text) => stateTransformer(`${mutate}    next.stats = (old as any).stats;\n`)(text)
  .replace(/ {4}\/\/ 'store\.js'\(old[^\n]*\n {4}\/\/ \},\n/, `    'store.js'(old, next) {
      (old as any).registry[0].name = 'changed';
      (old as any).registry.push({ name: 'b' });
      throw new Error('second module failed');
    },
`));
// The new module's effects happen (it is evaluated), then store.js's transformer throws.
patchWith(dir, 'effects-throw', (text) => text.replace(/ {4}\/\/ 'store\.js'\(old[^\n]*\n {4}\/\/ \},\n/, `    'store.js'(old, next) {
      throw new Error('failed after the new module ran');
    },
`));
patchWith(dir, 'endless', stateTransformer(`${mutate}    for (;;) {}\n`));
// A transformer that converts in place and keeps the objects' identity, and commits.
patchWith(dir, 'ok', stateTransformer(`
    const o = old as any;
    next.stats = Object.assign(o.stats, { expired: 0, wrapped: { store: o.store, first: o.list } });
    next.store = o.store;
    o.store.set('k3', { from: o.list, thing: o.thing });
`));

/** Runs the compiled v1 in a driver; `body` runs after it is imported, with m (its namespace), update and dump. */
function drive(body) {
  const file = join(work, `driver-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(file, `
import { requestUpdateTo, status } from ${JSON.stringify(join(root, 'dist/runtime/index.js'))};
import { types } from 'node:util';
const m = await import(${JSON.stringify(join(dir, 'c1', 'main.js'))});
const x = await import(${JSON.stringify(join(dir, 'c1', 'store.js'))});
const update = (p, options = {}) => new Promise((resolve) => requestUpdateTo(${JSON.stringify(dir)} + '/' + p, { label: 'v2', ...options }, resolve));
const identities = () => [m.store, m.stats, m.list, m.tags, m.when, m.bytes, m.thing, x.registry, x.registry[0]];
const dump = () => ({
  store: [...m.store], stats: JSON.stringify(m.stats), statsProto: Object.getPrototypeOf(m.stats) === Object.prototype,
  list: [...m.list], tags: [...m.tags], when: m.when.getTime(), bytes: [...m.bytes], seen: m.seen.get(m.thing),
  thing: m.thing.n, bumps: m.bumpCount(), registry: JSON.stringify(x.registry), version: m.VERSION, running: status().version,
  world: [globalThis.pluginLoaded, globalThis.pluginTicks, globalThis.pluginTimeout, globalThis.pluginImmediate,
    globalThis.pluginTick, typeof [].pluginHelper, typeof JSON.pluginParse, process.listenerCount('pluginEvent')],
});
const out = {};
${body}
console.log(JSON.stringify(out));
`);
  const r = spawnSync(process.execPath, ['--stack-size=4000', file], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

const settle = 'await new Promise((r) => setTimeout(r, 60));';

test('a state transformer that changes old objects and throws leaves them exactly as they were', () => {
  const o = drive(`
out.before = dump(); const ids = identities();
out.report = await update('state-throws');
${settle}
out.after = dump(); out.same = identities().every((v, i) => v === ids[i]);
`);
  assert.equal(o.report.applied, false);
  assert.match(o.report.reason, /state transformer of main\.js threw: state transformer failed after changing things/);
  assert.equal(o.report.endedIn, 'evaluating');
  assert.ok(o.report.undone.objects >= 8, JSON.stringify(o.report.undone));
  assert.deepEqual(o.after, o.before);
  assert.equal(o.same, true);
  assert.equal(o.before.running, 'initial');
});

test('a stack transformer that empties a frame\'s queue and throws: the frame goes on with its queue', () => {
  const o = drive(`
let asked = false; let report;
globalThis.__at = (i) => { if (i === 1 && !asked) { asked = true; requestUpdateTo(${JSON.stringify(join(dir, 'frame-throws'))}, { label: 'v2' }, (r) => { report = r; }); } };
out.result = m.work(['a', 'b', 'c']);
out.report = report;
`);
  assert.equal(o.report.applied, false);
  assert.match(o.report.reason, /stack transformer of main\.js#work threw at main\.js#work @\d: stack transformer failed after emptying the queue/);
  assert.equal(o.report.endedIn, 'mapping');
  assert.equal(o.report.undone.objects, 1);
  // v1 all along: 3 iterations of the queue's length, the queue intact.
  assert.equal(o.result, '9:a,b,c');
});

test('a multi-module update whose second transformer throws undoes the first module\'s changes too', () => {
  const o = drive(`
out.before = dump(); const ids = identities();
out.report = await update('multi-throws');
${settle}
out.after = dump(); out.same = identities().every((v, i) => v === ids[i]);
`);
  assert.equal(o.report.applied, false);
  assert.match(o.report.reason, /state transformer of store\.js threw: second module failed/);
  assert.deepEqual(o.after, o.before);
  assert.equal(o.after.registry, '[{"name":"a"}]');
  assert.equal(o.same, true);
});

test('a rolled-back update leaves none of the new version\'s top-level effects: timers, ticks, listeners, globals, builtins', () => {
  const o = drive(`
out.before = dump();
const net = await import('node:net');
const free = net.createServer();
await new Promise((r) => free.listen(0, '127.0.0.1', r));
globalThis.__pluginPort = free.address().port;
await new Promise((r) => free.close(r));
out.report = await update('effects-throw');
${settle}
process.emit('pluginEvent');
out.after = dump();
out.heard = globalThis.pluginHeard === true;
// The port the new module listened on is free again.
const again = net.createServer();
out.rebound = await new Promise((r) => { again.once('error', (e) => r(e.code)); again.listen(globalThis.__pluginPort, '127.0.0.1', () => r('ok')); });
again.close();
delete globalThis.__pluginPort;
`);
  assert.equal(o.report.applied, false);
  assert.match(o.report.reason, /failed after the new module ran/);
  assert.ok(o.report.undone.timers >= 4, JSON.stringify(o.report.undone));
  assert.ok(o.report.undone.listeners >= 1, JSON.stringify(o.report.undone));
  assert.equal(o.report.undone.handles, 1);
  assert.deepEqual(o.report.undone.kept, []);
  assert.equal(o.rebound, 'ok');
  assert.deepEqual(o.before.world, [null, null, null, null, null, 'undefined', 'undefined', 0]);
  assert.deepEqual(o.after.world, o.before.world);
  assert.equal(o.heard, false);
  assert.deepEqual(o.after, o.before);
});

test('a transformer that never returns is stopped at the update\'s deadline and its changes undone', () => {
  const o = drive(`
out.before = dump();
const started = performance.now();
out.report = await update('endless', { timeoutMs: 1000 });
out.ms = performance.now() - started;
out.after = dump();
`);
  assert.equal(o.report.applied, false);
  assert.match(o.report.reason, /deadline passed while running the state transformer of main\.js .*stopped and the update rolled back/);
  assert.ok(o.ms >= 900 && o.ms < 5000, `${o.ms} ms`);
  assert.deepEqual(o.after, o.before);
});

test('a new module whose top-level code never returns is stopped, and what it did before is undone', () => {
  const o = drive(`
out.before = dump();
globalThis.__pluginLoops = true;
out.report = await update('ok', { timeoutMs: 800 });
delete globalThis.__pluginLoops;
${settle}
out.after = dump();
`);
  assert.equal(o.report.applied, false);
  assert.match(o.report.reason, /deadline passed while running evaluating plugin\.js of the new version/);
  assert.deepEqual(o.after, o.before);
});

test('a dry run does everything but commit: it reports the moves and the pause, and changes nothing', () => {
  const o = drive(`
out.before = dump();
let asked = false;
globalThis.__at = (i) => { if (i === 1 && !asked) { asked = true; requestUpdateTo(${JSON.stringify(join(dir, 'ok'))}, { label: 'v2', dryRun: true }, (r) => { out.dry = r; }); } };
out.result = m.work(['a']);
${settle}
out.after = dump();
`);
  assert.equal(o.dry.dryRun, true);
  assert.equal(o.dry.applied, false);
  assert.match(o.dry.reason, /^dry run: everything but the commit was done/);
  assert.deepEqual(o.dry.frames.map((f) => [f.from, f.to]), [['main.js#work @0', 'main.js#work @0'], ['main.js#work @1', 'main.js#work @1']].slice(0, o.dry.frames.length));
  assert.ok(o.dry.frames.length >= 1);
  assert.ok(o.dry.timings.pauseMs > 0);
  assert.deepEqual(o.dry.modules.find((mm) => mm.module === 'main.js').transformed.sort(), ['stats', 'store']);
  assert.equal(o.result, '3:a');
  assert.deepEqual(o.after, o.before);
});

test('an update that commits keeps in-place conversions, object identity, and hands no proxy to the new version', () => {
  const o = drive(`
const ids = identities();
out.report = await update('ok');
const { isProxy } = types;
const anyProxy = (v, seen = new Set()) => {
  if (v === null || (typeof v !== 'object' && typeof v !== 'function') || seen.has(v)) return false;
  if (isProxy(v)) return true;
  seen.add(v);
  if (v instanceof Map) for (const [k, e] of v) if (anyProxy(k, seen) || anyProxy(e, seen)) return true;
  return Reflect.ownKeys(v).some((k) => { const d = Object.getOwnPropertyDescriptor(v, k); return 'value' in d && anyProxy(d.value, seen); });
};
out.proxies = [m.store, m.stats, m.list, m.thing].some((v) => anyProxy(v));
out.same = m.stats === ids[1] && m.store === ids[0] && m.stats.wrapped.store === ids[0] && m.store.get('k3').thing === ids[6];
out.stats = m.stats.expired;
out.version = status().version;
out.work = m.work(['a']);
${settle}
out.world = dump().world;
`);
  assert.equal(o.report.applied, true, o.report.reason);
  assert.equal(o.proxies, false);
  assert.equal(o.same, true);
  assert.equal(o.stats, 0);
  assert.equal(o.version, 'v2');
  assert.equal(o.work, '6:a');
  // The new module's effects stay once the update committed.
  assert.equal(o.world[0], true);
  assert.ok(o.world[1] > 0);
  assert.equal(o.world[5], 'function');
});

test('restack update --timeout 2 with a transformer that runs 16 s: stopped at the deadline, reported, never applied later; the program answers throughout', { timeout: 60_000 }, async () => {
  const { liveProgram } = await import('./helpers/live.js');
  const live = join(work, 'live');
  versions(live, (v) => `import { createInterface } from 'node:readline';
export const state = { ticks: 0 };
function tick() { state.ticks++; console.log('tick ${v} ' + state.ticks); }
const timer = setInterval(tick, 20);
createInterface({ input: process.stdin }).on('line', (l) => { if (l === 'stop') { clearInterval(timer); process.exit(0); } });
`);
  patchWith(live, 'slow', stateTransformer(`
    (old as any).state.ticks = -1000;
    const until = Date.now() + 16000;
    while (Date.now() < until) {}
`));
  const program = liveProgram(join(live, 'c1', 'main.js'), [], env);
  try {
    await program.until(/tick v1 3\n/);
    const started = Date.now();
    const report = program.update(join(live, 'slow'), '--timeout', '2');
    const took = Date.now() - started;
    assert.equal(report.applied, false);
    assert.match(report.reason, /deadline passed while running the state transformer of main\.js \(timeout 2000 ms from the request\)/);
    assert.ok(took < 8000, `restack update took ${took} ms`);
    const status = program.status();
    assert.equal(status.version, 'initial');
    // Counting on from where it was: the transformer's change was undone.
    const from = program.stdout.length;
    await program.until(/tick v1 \d+\n/, from);
    const last = [...program.stdout.matchAll(/tick v1 (\d+)/g)].map((m) => Number(m[1]));
    assert.ok(last.every((n, i) => i === 0 || n === last[i - 1] + 1), 'ticks count on without a gap or a reset');
    await new Promise((r) => setTimeout(r, 1500));
    assert.doesNotMatch(program.stdout, /tick v2/);
    assert.equal(program.status().version, 'initial');
  } finally {
    assert.equal(await program.stop(), 0);
  }
});
