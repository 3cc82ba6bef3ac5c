// Closures and callbacks made before an update run the new version's code the next time they are
// called, with their captured variables intact: a counter closure kept in a Map, an EventEmitter
// listener, a function read off the old module namespace, an async function, a function whose new
// version reads a parameter the old one ignored. A function whose entry the mapping refuses keeps
// running the old code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './helpers/run.js';

const cli = join(root, 'bin/restack.js');
const work = mkdtempSync(join(tmpdir(), 'restack-forward-'));

function source(v) {
  return `import { EventEmitter } from 'node:events';
export const out = [];
export const bus = new EventEmitter();
function makeCounter(label) {
  let n = 0;
  return () => {
    n += ${v};
    out.push(label + ' v${v} n=' + n);
    return n;
  };
}
export const registry = new Map();
registry.set('count', makeCounter('c'));
bus.on('ping', (x) => out.push('ping v${v} ' + x));
export function describe(x) { return 'describe v${v} ' + String(x); }
export async function later(x) {
  await null;
  return 'later v${v} ' + x;
}
export function legacy() { return 'legacy v${v} ' + String(1); }
// v1 never reads a; v2 starts from it: a call forwarded from v1's entry brings every argument.
export function weigh(a, b) {
  let s = ${v === 1 ? '0' : 'a'};
  for (let i = 0; i < b; i++) s += 1;
  return 'weigh v${v} ' + s;
}
`;
}
for (const v of [1, 2]) {
  mkdirSync(join(work, `v${v}`));
  writeFileSync(join(work, `v${v}`, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(join(work, `v${v}`, 'main.js'), source(v));
}
execFileSync(process.execPath, [cli, 'compile', join(work, 'v1'), '-o', join(work, 'b1'), '--quiet']);
const p = join(work, 'p12');
assert.equal(spawnSync(process.execPath, [cli, 'patch', join(work, 'v1'), join(work, 'v2'), '-o', p], { encoding: 'utf8' }).status, 0);
// The person completing the mapping decides that old callers of legacy() keep the old behaviour.
const mapping = join(p, 'mapping.ts');
const text = readFileSync(mapping, 'utf8');
const at = text.indexOf("'main.js#legacy': {");
const entry = text.indexOf('update entry', at);
const line = text.indexOf('\n', text.indexOf('\n', entry) + 1) + 1;
writeFileSync(mapping, text.slice(0, line) + text.slice(line).replace(/^(\s+\d+): \d+,/, "$1: 'refuse',"));
const c = spawnSync(process.execPath, [cli, 'check', p], { encoding: 'utf8' });
assert.equal(c.status, 0, c.stderr);

test('closures, listeners, namespace functions and async functions made by v1 run v2 after the update', () => {
  const driver = join(work, 'driver.mjs');
  writeFileSync(driver, `
import { requestUpdateTo, status } from ${JSON.stringify(join(root, 'dist/runtime/index.js'))};
const m = await import(${JSON.stringify(join(work, 'b1', 'main.js'))});
const count = m.registry.get('count');
const describe = m.describe;
const legacy = m.legacy;
const weigh = m.weigh;
count(); count(); m.bus.emit('ping', 1);
const before = [describe('a'), await m.later('a'), legacy(), weigh(10, 3)];
const report = await new Promise((r) => requestUpdateTo(${JSON.stringify(p)}, {}, r));
count(); count(); m.bus.emit('ping', 2);
const after = [describe('b'), m.describe('c'), await m.later('b'), legacy(), weigh(10, 3)];
console.log(JSON.stringify({ applied: report.applied, out: m.out, before, after, listeners: m.bus.listenerCount('ping'), stats: status().stats }));
`);
  const r = spawnSync(process.execPath, [driver], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const o = JSON.parse(r.stdout);
  assert.equal(o.applied, true);
  // n lives in the closure v1 made: v2's code goes on counting in it, by v2's step.
  assert.deepEqual(o.out, ['c v1 n=1', 'c v1 n=2', 'ping v1 1', 'c v2 n=4', 'c v2 n=6', 'ping v2 2']);
  assert.equal(o.listeners, 1);
  assert.deepEqual(o.before, ['describe v1 a', 'later v1 a', 'legacy v1 1', 'weigh v1 3']);
  assert.deepEqual(o.after, ['describe v2 b', 'describe v2 c', 'later v2 b', 'legacy v1 1', 'weigh v2 13']);
  assert.equal(o.stats.forwardsRefused, 1);
  assert.ok(o.stats.forwards >= 6, JSON.stringify(o.stats));
});

test('a forwarded call uses no builtin the program can replace (Map, WeakMap and Array methods, the array iterator)', () => {
  const driver = join(work, 'driver-builtins.mjs');
  writeFileSync(driver, `
import { requestUpdateTo, status } from ${JSON.stringify(join(root, 'dist/runtime/index.js'))};
const m = await import(${JSON.stringify(join(work, 'b1', 'main.js'))});
const count = m.registry.get('count');
const describe = m.describe;
const legacy = m.legacy;
const weigh = m.weigh;
const report = await new Promise((r) => requestUpdateTo(${JSON.stringify(p)}, {}, r));
// The program replaces builtins after the update: the replacements count their calls.
let hits = 0;
const spied = [];
function spy(proto, key) {
  const original = proto[key];
  proto[key] = function (...args) { hits++; spied.push(String(key)); return Reflect.apply(original, this, args); };
}
for (const k of ['get', 'set', 'has']) spy(Map.prototype, k);
for (const k of ['get', 'set', 'has']) spy(WeakMap.prototype, k);
for (const k of ['includes', 'indexOf', 'slice', 'map', 'forEach', Symbol.iterator]) spy(Array.prototype, k);
const results = [count(), describe('b'), legacy(), weigh(10, 3), count()];
const forwardHits = hits;
console.log(JSON.stringify({ applied: report.applied, results, forwardHits, spied: [...new Set(spied)], stats: status().stats }));
`);
  const r = spawnSync(process.execPath, [driver], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const o = JSON.parse(r.stdout);
  assert.equal(o.applied, true);
  assert.deepEqual(o.results, [2, 'describe v2 b', 'legacy v1 1', 'weigh v2 13', 4]);
  assert.equal(o.forwardHits, 0, `the runtime called replaced builtins: ${o.spied.join(', ')}`);
  assert.ok(o.stats.forwards >= 4 && o.stats.forwardsRefused === 1, JSON.stringify(o.stats));
});
