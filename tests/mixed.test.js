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
