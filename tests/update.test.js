// Live updates to a new version: patches generated with `restack patch`, completed mapping files
// checked with `restack check`, applied mid-loop by the engine; refusals and rollbacks leave the
// program running the old version with its state intact.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './helpers/run.js';
import { completeV2toV3 } from '../samples/counter/decisions.js';

const cli = join(root, 'bin/restack.js');
const fixtures = join(root, 'samples/counter');
const work = mkdtempSync(join(tmpdir(), 'restack-update-'));
const N = 20000;

function restack(...args) {
  return spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: work });
}

function patch(from, to, name, edit = (s) => s, check = true) {
  const dir = join(work, name);
  const r = restack('patch', join(fixtures, from), join(fixtures, to), '-o', dir, '--force');
  assert.equal(r.status, 0, r.stderr);
  const file = join(dir, 'mapping.ts');
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
  if (check) {
    const c = restack('check', dir);
    assert.equal(c.status, 0, c.stderr);
  }
  return dir;
}

// v2 -> v3: the frame local `acc` (an Acc) becomes a number `sum`: a stack transformer
// (samples/counter/decisions.js).
const p12 = patch('v1', 'v2', 'p12');
const p23 = patch('v2', 'v3', 'p23', completeV2toV3);

const compiled = join(work, 'b1');
execFileSync(process.execPath, [cli, 'compile', join(fixtures, 'v1'), '-o', compiled, '--quiet']);

/**
 * Runs the compiled v1 under a driver: `body` (with `requestUpdateTo` in scope) defines
 * `globalThis.__at(i)`, called by the job at each iteration, and `result`, printed at exit.
 */
function runDriver(body) {
  const driver = join(work, `driver-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(driver, `
import { requestUpdateTo } from ${JSON.stringify(join(root, 'dist/runtime/index.js'))};
${body}
process.on('exit', () => process.stderr.write('RESULT ' + JSON.stringify(result) + '\\n'));
await import(${JSON.stringify(join(compiled, 'main.js'))});
`);
  const r = spawnSync(process.execPath, ['--stack-size=4000', driver, String(N)], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return { result: JSON.parse(r.stdout), driver: JSON.parse(/RESULT (.*)/.exec(r.stderr)[1]) };
}

/**
 * Requests the updates `at` iterations (each `[i, dir]`: requested during iteration i, applied at
 * the next loop head); returns the job's result and the reports.
 */
function runWithUpdates(at) {
  const { result, driver } = runDriver(`
const plan = new Map(${JSON.stringify(at)});
const result = [];
globalThis.__at = (i) => { const dir = plan.get(i); if (dir) requestUpdateTo(dir, {}, (r) => result.push(r)); };`);
  return { result, reports: driver };
}

/** What the versions compute when v(k) runs iterations from switch[k-1] + 1 on. */
function expected(switches) {
  let total = 0;
  const w = (i) => i * 3 + 1;
  for (let i = 0; i < N; i++) {
    const v = i <= (switches[0] ?? Infinity) ? 1 : i <= (switches[1] ?? Infinity) ? 2 : 3;
    total += v === 1 ? w(i) % 7 : v === 2 ? w(i) % 5 : w(i) % 5 + 1;
  }
  return total;
}

test('v1 -> v2 -> v3 mid-loop: the loop goes on from the same iteration in each new version', () => {
  const { result, reports } = runWithUpdates([[1000, p12], [5000, p23]]);
  assert.equal(reports.length, 2);
  for (const r of reports) assert.equal(r.applied, true, r.reason);
  assert.deepEqual(reports.map((r) => [r.from, r.to]), [['initial', 'p12'], ['p12', 'p23']]);
  // The frame that was live: run, at its loop head, moved to the same point of the new version.
  assert.deepEqual(reports[0].frames, [{ from: 'main.js#run @1', to: 'main.js#run @1' }]);
  assert.deepEqual(reports[1].frames, [{ from: 'main.js#run @1', to: 'main.js#run @0' }]);
  assert.deepEqual(reports[1].modules.find((m) => m.module === 'main.js').carried.sort(), ['keeper', 'processed']);
  assert.equal(result.total, expected([1000, 5000]));
  // Module state carried (one counter across three versions); an instance made by v1 has v3's method.
  assert.equal(result.processed, N);
  assert.equal(result.label, 'v3');
  for (const r of reports) {
    const t = r.timings;
    assert.ok(t.pauseMs >= t.captureMs && t.pauseMs < 1000, JSON.stringify(t));
  }
});

test('a stack transformer that throws rolls back: v2 keeps running with its state', () => {
  const bad = patch('v2', 'v3', 'p23-throws', (s) => completeV2toV3(s).replace('next.locals.sum =', 'throw new Error("layout unknown"); next.locals.sum ='));
  const { result, reports } = runWithUpdates([[1000, p12], [5000, bad]]);
  assert.equal(reports[0].applied, true);
  assert.equal(reports[1].applied, false);
  assert.match(reports[1].reason, /stack transformer of main\.js#run threw at main\.js#run @1: layout unknown/);
  assert.equal(result.total, expected([1000]));
  assert.equal(result.processed, N);
  assert.equal(result.label, 'v2');
});

test('a patch for another base version is refused before anything is captured', () => {
  const { result, reports } = runWithUpdates([[1000, p23]]);
  assert.equal(reports[0].applied, false);
  assert.match(reports[0].reason, /another version of main\.js/);
  assert.deepEqual(reports[0].frames, []);
  assert.equal(result.total, expected([]));
  assert.equal(result.label, 'v1');
});

test('a mapping with a TODO is never loaded; a mapping edited after check is refused', () => {
  const todo = patch('v2', 'v3', 'p23-todo', (s) => s, false);
  const c = restack('check', todo);
  assert.equal(c.status, 1);
  assert.match(c.stderr, /mapping\.ts:\d+:\d+: main\.js#run, old cp 0 \(call new Acc, old line 15\): still TODO/);
  const edited = join(work, 'p12-edited');
  cpSync(p12, edited, { recursive: true });
  writeFileSync(join(edited, 'mapping.ts'), readFileSync(join(edited, 'mapping.ts'), 'utf8') + '\n// edited\n');
  const { result, reports } = runWithUpdates([[100, todo], [200, edited], [300, p12]]);
  assert.match(reports[0].reason, /has not been checked: run `restack check/);
  assert.match(reports[1].reason, /mapping\.ts changed since it was checked/);
  assert.equal(reports[2].applied, true);
  assert.equal(result.total, expected([300]));
});

test('a malformed mapping file is reported by check with its line and entry, and nothing is written', () => {
  const dir = patch('v2', 'v3', 'p23-malformed', (s) => completeV2toV3(s).replace("to: 'main.js#run',", "to: 'main.js#runn',"), false);
  const c = restack('check', dir);
  assert.equal(c.status, 1);
  assert.match(c.stderr, /mapping\.ts:\d+:\d+: main\.js#run: to: no function 'main\.js#runn' in the new version \(did you mean 'main\.js#run'\?\)/);
  const { reports } = runWithUpdates([[100, dir]]);
  assert.match(reports[0].reason, /has not been checked/);
});

test('a frame whose cp is refused defers the update; it times out into a rollback when the frame stays', () => {
  const refusing = patch('v2', 'v3', 'p23-refuse', (s) => completeV2toV3(s).replace('1: 0,', "1: 'refuse',"));
  const { result, driver: report } = runDriver(`
let result;
globalThis.__at = (i) => {
  if (i === 1000) requestUpdateTo(${JSON.stringify(p12)}, {}, () => {});
  if (i === 2000) requestUpdateTo(${JSON.stringify(refusing)}, { timeoutMs: 50 }, (r) => { result = r; });
  if (i > 2000 && !result) { const t = Date.now(); while (Date.now() - t < 1) {} }
};`);
  assert.equal(report.applied, false);
  assert.match(report.reason, /main\.js#run @1: refused by the mapping/);
  assert.equal(result.total, expected([1000]));
  assert.equal(result.label, 'v2');
});

test('an update landing while top-level code initialises a binding waits until it is initialised: the initialiser never runs twice', () => {
  const src = join(work, 'toplevel');
  for (const v of [1, 2]) {
    const dir = join(src, `v${v}`);
    execFileSync('mkdir', ['-p', dir]);
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(join(dir, 'main.js'), `let calls = 0;
function compute(n) {
  calls++;
  let s = 0;
  for (let i = 0; i < n; i++) { s += i; globalThis.__at?.(i); }
  return s;
}
const x = compute(2000);
export function describe() { return { x, calls, version: ${v} }; }
`);
  }
  const p = join(work, 'p-toplevel');
  assert.equal(restack('patch', join(src, 'v1'), join(src, 'v2'), '-o', p, '--force').status, 0);
  assert.equal(restack('check', p).status, 0);
  const b = join(work, 'b-toplevel');
  execFileSync(process.execPath, [cli, 'compile', join(src, 'v1'), '-o', b, '--quiet']);
  const driver = join(work, 'driver-toplevel.mjs');
  writeFileSync(driver, `
import { requestUpdateTo } from ${JSON.stringify(join(root, 'dist/runtime/index.js'))};
let report;
globalThis.__at = (i) => { if (i === 1000) requestUpdateTo(${JSON.stringify(p)}, {}, (r) => { report = r; }); };
const m = await import(${JSON.stringify(join(b, 'main.js'))});
const before = m.describe();
await new Promise((r) => setTimeout(r, 50));
console.log(JSON.stringify({ before, applied: report.applied, modules: report.modules, frames: report.frames.length }));
`);
  const r = spawnSync(process.execPath, [driver], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out.before, { x: 1999000, calls: 1, version: 1 });
  // Applied between events once x was initialised, x and calls carried: compute ran once (its
  // second run would have counted a call, and asked for the update again at i = 1000).
  assert.equal(out.applied, true);
  assert.equal(out.frames, 0);
  assert.deepEqual(out.modules, [{ module: 'main.js', carried: ['calls', 'x'], initialised: [], transformed: [] }]);
});
