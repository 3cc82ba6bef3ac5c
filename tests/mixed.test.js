// Old code that still runs after an update is safe and visible. A call of an old function whose
// mapping entry has `vars` or a stack transformer runs the new code, the transformer run per call;
// a call kept on old code (its entry refused, the function removed) runs on the running version's
// module state; the report and status list what still runs old code, and mapping.ts warns at each
// entry whose old code would keep running.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './helpers/run.js';

const cli = join(root, 'bin/restack.js');
const runtime = JSON.stringify(join(root, 'dist/runtime/index.js'));
const work = mkdtempSync(join(tmpdir(), 'restack-mixed-'));

function write(dir, files) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
}

function restack(...args) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  assert.equal(r.status, 0, `restack ${args.join(' ')}:\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** Runs a driver script (ES module text) and returns what it printed as JSON. */
function drive(name, text) {
  const file = join(work, name);
  writeFileSync(file, text);
  const r = spawnSync(process.execPath, [file], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

// --- put(v) { count++ }: v2 renames the parameter. run() reads `put` into a temporary, then calls
// slow(i); the update lands inside slow(20), so the rebuilt run frame calls the OLD put once.

const store = (param) => `let count = 0;
let last = -1;
export function put(${param}) { count++; last = ${param}; }
export function total() { return count + ':' + last; }
`;
const main = (v) => `import { put, total } from './store.js';
function slow(i) {
  if (i === 20) globalThis.onTwenty?.();
  let s = 0;
  for (let k = 0; k < 3; k++) s += k;
  return i;
}
export function run(n) {
  for (let i = 0; i < n; i++) put(slow(i));
  return 'v${v} ' + total();
}
`;
write(join(work, 'put/v1'), { 'store.js': store('v'), 'main.js': main(1) });
write(join(work, 'put/v2'), { 'store.js': store('value'), 'main.js': main(2) });
restack('compile', join(work, 'put/v1'), '-o', join(work, 'put/b1'), '--quiet');

/** A bundle v1 -> v2 whose entry of store.js#put is answered by `answer` (the text replacing the TODO line and what follows the cps block). */
function putBundle(name, cpAnswer, extra) {
  const p = join(work, 'put', name);
  restack('patch', join(work, 'put/v1'), join(work, 'put/v2'), '-o', p);
  const file = join(p, 'mapping.ts');
  const text = readFileSync(file, 'utf8');
  const at = text.indexOf("'store.js#put': {");
  assert.ok(at > 0, text);
  let entry = text.slice(at);
  assert.match(entry, /0: 'TODO',/);
  entry = entry.replace(/0: 'TODO',/, `0: ${cpAnswer},`);
  if (extra) entry = entry.replace(/(\n\s+)\/\/ Stack transformer \(optional\)[^\n]*\n[^\n]*\n[^\n]*\n/, `$1${extra}\n`);
  writeFileSync(file, text.slice(0, at) + entry);
  restack('check', p);
  return p;
}

function runPut(p) {
  return drive(`put-${Math.random().toString(36).slice(2)}.mjs`, `
import { requestUpdateTo, status } from ${runtime};
const m = await import(${JSON.stringify(join(work, 'put/b1/main.js'))});
let report = null;
globalThis.onTwenty = () => { globalThis.onTwenty = null; requestUpdateTo(${JSON.stringify(p)}, {}, (r) => { report = r; }); };
const result = m.run(40);
console.log(JSON.stringify({ result, applied: report?.applied, reason: report?.reason, oldCode: report?.oldCode ?? null, stats: status().stats, status: status().oldCode ?? null }));
`);
}

test("put(v) renamed to put(value): 40 puts count 40 whichever way the entry is answered", () => {
  const answers = {
    // The entry mapped, the renamed parameter taken from the old one.
    vars: putBundle('p-vars', '0', "vars: { value: { from: 'v' } },"),
    // The entry mapped, the parameter set by the stack transformer (run for each forwarded call).
    frame: putBundle('p-frame', '0', "vars: { value: 'transform' },\n      frame(old, next) { next.locals.value = old.locals.v; },"),
    // The entry refused: the call runs the old put, on the running version's count.
    refuse: putBundle('p-refuse', "'refuse'"),
  };
  for (const [how, p] of Object.entries(answers)) {
    const o = runPut(p);
    assert.equal(o.applied, true, `${how}: ${o.reason}`);
    assert.equal(o.result, 'v2 40:39', how);
    if (how === 'refuse') {
      assert.equal(o.stats.forwardsRefused, 1, how);
      assert.deepEqual(o.oldCode.functions.map((f) => [f.fn, f.version]), [['store.js#put', 'initial']]);
      assert.match(o.oldCode.functions[0].why, /entry is refused by the mapping of p-refuse/);
      assert.deepEqual(o.oldCode.unshared, []);
      assert.equal(o.status.functions[0].calls, 1);
    } else {
      assert.equal(o.stats.forwardsRefused, 0, how);
      assert.ok(o.stats.forwards >= 1, how);
      assert.equal(o.oldCode, null, how);
    }
  }
});

// --- An old listener and timer callback whose entry has `vars`, and removed functions (sync and
// async) still held by the program after the update.

const app = (v) => `import { EventEmitter } from 'node:events';
export const bus = new EventEmitter();
export const out = [];
let hits = 0;
let version = ${v};
function onHit(${v === 1 ? 'n' : 'count'}) {
  hits += ${v === 1 ? 'n' : 'count'};
  out.push('v${v} hits=' + hits + ' version=' + version);
}
bus.on('hit', onHit);
export function arm() { setTimeout(onHit, 20, 100); }
export function hitsNow() { return hits; }
${v === 1 ? `export function legacy(k) { hits += k; return 'legacy sees ' + hits + ' version=' + version; }
export async function later(k) { hits += k; await null; hits += k; return hits; }
export const registry = { legacy, later };
` : ''}`;
write(join(work, 'app/v1'), { 'app.js': app(1) });
write(join(work, 'app/v2'), { 'app.js': app(2) });
restack('compile', join(work, 'app/v1'), '-o', join(work, 'app/b1'), '--quiet');
const appPatch = join(work, 'app/p');
restack('patch', join(work, 'app/v1'), join(work, 'app/v2'), '-o', appPatch);
const appMapping = readFileSync(join(appPatch, 'mapping.ts'), 'utf8');

test('mapping.ts warns at each entry whose old code would keep running', () => {
  // Removed functions: calls of them made after the update (the program holds them) run old code.
  for (const fn of ['legacy', 'later']) {
    const at = appMapping.indexOf(`// app.js#${fn}: removed`);
    assert.ok(at >= 0, appMapping);
    const block = appMapping.slice(at, appMapping.indexOf(`'app.js#${fn}': { to: null }`, at));
    assert.match(block, /WARNING: a call of the old function made after the update .* runs its OLD code/s);
  }
  // A changed entry left TODO says what 'refuse' would mean.
  const onHit = appMapping.slice(appMapping.indexOf("'app.js#onHit': {"));
  assert.match(onHit.slice(0, onHit.indexOf('},')), /'refuse' keeps calls of the old function on its OLD code/);
});

test('an old listener and timer callback whose entry has vars run v2 on v2 state; removed functions run old code on v2 state', () => {
  let text = appMapping;
  const at = text.indexOf("'app.js#onHit': {");
  text = text.slice(0, at) + text.slice(at).replace(/0: 'TODO',/, '0: 0,').replace(/(\n\s+)\/\/ Stack transformer \(optional\)[^\n]*\n[^\n]*\n[^\n]*\n/, "$1vars: { count: { from: 'n' } },\n");
  text = text.replace(/\/\/ 'app\.js'\(old[^\n]*\n\s*\/\/ \},/, "'app.js'(old, next) { next.version = 2; },");
  writeFileSync(join(appPatch, 'mapping.ts'), text);
  restack('check', appPatch);
  const o = drive('app.mjs', `
import { requestUpdateTo, status } from ${runtime};
import { formatReport } from ${JSON.stringify(join(root, 'dist/runtime/report.js'))};
const m = await import(${JSON.stringify(join(work, 'app/b1/app.js'))});
const { legacy, later } = m.registry;
m.bus.emit('hit', 1);
m.arm();
const report = await new Promise((r) => requestUpdateTo(${JSON.stringify(appPatch)}, {}, r));
m.bus.emit('hit', 2);
await new Promise((r) => setTimeout(r, 80));
const l = legacy(1000);
const afterLegacy = m.hitsNow();
const pending = later(5);
const between = m.hitsNow();
const lat = await pending;
const s = status();
console.log(JSON.stringify({ applied: report.applied, reason: report.reason, out: m.out, l, afterLegacy, between, lat, end: m.hitsNow(),
  listeners: m.bus.listenerCount('hit'), oldCode: report.oldCode, status: s.oldCode, stats: s.stats, text: formatReport(report) }));
`);
  assert.equal(o.applied, true, o.reason);
  assert.deepEqual(o.out, ['v1 hits=1 version=1', 'v2 hits=3 version=2', 'v2 hits=103 version=2']);
  assert.equal(o.listeners, 1);
  // legacy is gone from v2: its old code runs, on v2's hits (carried) and its own version (v2 transformed it).
  assert.equal(o.l, 'legacy sees 1103 version=1');
  assert.equal(o.afterLegacy, 1103);
  // later: old async code, each step on v2's hits.
  assert.equal(o.between, 1108);
  assert.equal(o.lat, 1113);
  assert.equal(o.end, 1113);
  assert.deepEqual(o.oldCode.functions.map((f) => f.fn).sort(), ['app.js#later', 'app.js#legacy']);
  for (const f of o.oldCode.functions) assert.match(f.why, /removed in p/);
  assert.deepEqual(o.oldCode.unshared, [{ module: 'app.js', version: 'initial', name: 'version', why: 'transformed by p' }]);
  assert.deepEqual(Object.fromEntries(o.status.functions.map((f) => [f.fn, f.calls])), { 'app.js#legacy': 1, 'app.js#later': 1 });
  assert.equal(o.stats.forwardsRefused, 2);
  assert.equal(o.stats.oldStateConflicts, 0);
  assert.match(o.text, /still running old code \(2 functions/);
  assert.match(o.text, /app\.js#legacy \(initial\): removed in p/);
  assert.match(o.text, /app\.js: version \(initial's; transformed by p\)/);
});
