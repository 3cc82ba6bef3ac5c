// Suspended async activations are frames of the update: at an await, each one is captured, mapped
// and rebuilt in the new version in place; the promise it awaits carries over, even one that has
// not settled yet (an idle client). A refused await waits; a transformer that throws rolls back
// every activation to the old version with its locals intact.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './helpers/run.js';

const cli = join(root, 'bin/restack.js');
const work = mkdtempSync(join(tmpdir(), 'restack-async-'));

function restack(...args) {
  return spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: work });
}

// v1 and v2 differ inside the loop of ticker (the step it adds) and in what they log.
function source(v) {
  return `const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const out = [];
let wake;
async function ticker(name, n) {
  let acc = 0;
  for (let i = 0; i < n; i++) {
    await sleep(4);
    acc += ${v === 1 ? 'i' : 'i * 100'};
    out.push(name + ' v${v} ' + i + ' ' + acc);
  }
  return acc;
}
async function idle() {
  const got = await new Promise((r) => { wake = r; });
  out.push('idle woke in v${v} with ' + got);
  return got;
}
async function crunch(rounds) {
  let acc = 0;
  for (let r = 0; r < rounds; r++) {
    await null;
    for (let i = 0; i < 200000; i++) acc = (acc * 31 + i + ${v === 1 ? 0 : 1}) % 1000003;
    globalThis.__round?.(r);
  }
  out.push('crunch v${v} ' + acc);
  return acc;
}
export async function main(mode) {
  if (mode === 'crunch') return [await crunch(6)];
  const w = idle();
  const r = await ticker('t', 8);
  wake('hello');
  return [r, await w];
}
`;
}
for (const v of [1, 2]) {
  mkdirSync(join(work, `v${v}`));
  writeFileSync(join(work, `v${v}`, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(join(work, `v${v}`, 'main.js'), source(v));
}
execFileSync(process.execPath, [cli, 'compile', join(work, 'v1'), '-o', join(work, 'b1'), '--quiet']);

function patch(name, edit = (s) => s) {
  const dir = join(work, name);
  assert.equal(restack('patch', join(work, 'v1'), join(work, 'v2'), '-o', dir, '--force').status, 0);
  const file = join(dir, 'mapping.ts');
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
  const c = restack('check', dir);
  assert.equal(c.status, 0, c.stderr);
  return dir;
}

/** Runs b1's main(mode) and requests `patchDir` when `when` (driver code) calls request(). */
function run(patchDir, mode, when, timeoutMs = 10000) {
  const driver = join(work, `driver-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(driver, `
import { requestUpdateTo } from ${JSON.stringify(join(root, 'dist/runtime/index.js'))};
const m = await import(${JSON.stringify(join(work, 'b1', 'main.js'))});
let report;
let requested = false;
const request = () => { requested = true; requestUpdateTo(${JSON.stringify(patchDir)}, { timeoutMs: ${timeoutMs} }, (r) => { report = r; }); };
${when}
const result = await m.main(${JSON.stringify(mode)});
// A requested update ends by its deadline at the latest: wait for its report (a loaded machine
// can run the program's last timers before the update's deadline timer).
for (let waited = 0; waited < 20 || (requested && report === undefined && waited < ${timeoutMs} + 2000); waited += 10) {
  await new Promise((r) => setTimeout(r, 10));
}
console.log(JSON.stringify({ result, out: m.out, report }));
`);
  const r = spawnSync(process.execPath, [driver], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test('suspended async activations move to v2 in place: locals kept, awaited promises carried, a never-settled await too', () => {
  const p = patch('p12');
  const { result, out, report } = run(p, 'ticks', 'setTimeout(request, 18);');
  assert.equal(report.applied, true, report.reason);
  // main and idle are heap frames at their awaits; ticker too, or (when its timer fired first) it
  // was on the stack at its loop's update point.
  const moves = Object.fromEntries(report.frames.map((f) => [f.from.replace(/ @\d+$/, ''), f]));
  assert.deepEqual(Object.keys(moves).sort(), ['main.js#idle', 'main.js#main', 'main.js#ticker']);
  assert.deepEqual(moves['main.js#idle'], { from: 'main.js#idle @1', to: 'main.js#idle @1', suspended: true });
  assert.deepEqual(moves['main.js#main'], { from: 'main.js#main @4', to: 'main.js#main @4', suspended: true });
  assert.match(`${moves['main.js#ticker'].from} ${moves['main.js#ticker'].suspended}`, /^main\.js#ticker @(2 true|0 undefined)$/);
  assert.equal(moves['main.js#ticker'].to, moves['main.js#ticker'].from);
  const k = out.findIndex((l) => l.includes(' v2 '));
  assert.ok(k > 0 && k < 8, out.join(' | '));
  // acc went on from where v1 left it: v1 added i up to k-1, v2 adds i * 100 from k.
  let acc = 0;
  for (let i = 0; i < 8; i++) {
    acc += i < k ? i : i * 100;
    assert.equal(out[i], `t v${i < k ? 1 : 2} ${i} ${acc}`);
  }
  assert.equal(out[8], 'idle woke in v2 with hello');
  assert.deepEqual(result, [acc, 'hello']);
});

test('an update point in a CPU-bound loop inside an async function after an await: the stack and the activation move together', () => {
  const p = patch('p12-crunch');
  const { result, out, report } = run(p, 'crunch', 'globalThis.__round = (r) => { if (r === 2) request(); };');
  assert.equal(report.applied, true, report.reason);
  assert.equal(report.frames.length, 2, JSON.stringify(report.frames));
  assert.equal(report.frames[0].from, 'main.js#crunch @0');
  assert.equal(report.frames[0].suspended, undefined);
  assert.deepEqual(report.frames[1], { from: 'main.js#main @1', to: 'main.js#main @1', suspended: true });
  // Rounds 0-2 and part of round 3 ran v1's step; the rest v2's: the result is neither.
  const v1 = run(join(work, 'missing-never-requested'), 'crunch', '').result[0];
  assert.equal(out.length, 1);
  assert.match(out[0], /^crunch v2 \d+$/);
  assert.notEqual(result[0], v1);
});

test('a transformer that throws rolls every activation back to v1, which runs on with its state', () => {
  const p = patch('p12-throws', (s) => s.replace("      // frame(old: OldFrame<'name' | 'n' | 'acc' | 'i'>, next: NewFrame<'name' | 'n' | 'acc' | 'i'>): void {\n      // },",
    "      frame(old: OldFrame<'name' | 'n' | 'acc' | 'i'>, next: NewFrame<'name' | 'n' | 'acc' | 'i'>): void {\n        throw new Error('acc cannot be converted');\n      },"));
  const { result, out, report } = run(p, 'ticks', 'setTimeout(request, 18);');
  assert.equal(report.applied, false);
  assert.match(report.reason, /acc cannot be converted/);
  assert.ok(report.frames.every((f) => f.to === null), JSON.stringify(report.frames));
  assert.match(report.frames.find((f) => f.problem).from, /^main\.js#ticker @[02]$/);
  assert.deepEqual(report.frames.filter((f) => f.suspended).map((f) => f.from).sort().slice(0, 2), ['main.js#idle @1', 'main.js#main @4']);
  assert.deepEqual(out, ['t v1 0 0', 't v1 1 1', 't v1 2 3', 't v1 3 6', 't v1 4 10', 't v1 5 15', 't v1 6 21', 't v1 7 28', 'idle woke in v1 with hello']);
  assert.deepEqual(result, [28, 'hello']);
});

test('an await the mapping refuses makes the update wait: it rolls back at its deadline, or applies once the activation moved on', () => {
  const p = patch('p12-refuse', (s) => s.replace(/(\/\/ await\s+await\s+old line 14:[^\n]*\n[^\n]*\n\s+)1: 1,/, "$11: 'refuse',"));
  assert.match(readFileSync(join(p, 'mapping.ts'), 'utf8'), /1: 'refuse'/);
  // idle stays at its await until ticker is done (about 35 ms): a 15 ms deadline passes first.
  const short = run(p, 'ticks', 'setTimeout(request, 5);', 15);
  assert.equal(short.report.applied, false);
  assert.match(short.report.reason, /no update point where every frame could move was reached in 15 ms \(last refusal: a suspended async function: main\.js#idle @1: refused by the mapping\)/);
  assert.deepEqual(short.result, [28, 'hello']);
  assert.equal(short.out.at(-1), 'idle woke in v1 with hello');
  // With time to wait, it applies after idle resumed (in v1) and moved past the refused await.
  const long = run(p, 'ticks', 'setTimeout(request, 5);', 5000);
  assert.equal(long.report.applied, true, long.report.reason);
  assert.equal(long.out.at(-1), 'idle woke in v1 with hello');
  assert.ok(!long.report.frames.some((f) => f.from.startsWith('main.js#idle')), JSON.stringify(long.report.frames));
});

test('an activation awaiting a promise nobody can settle is garbage, as natively, once it has aged', () => {
  const dir = join(work, 'forever');
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(join(dir, 'main.js'), `export async function waitForever(marker) {
  await new Promise(() => {});
  return marker;
}
export async function waitFor(p, marker) {
  await p;
  return marker;
}
`);
  execFileSync(process.execPath, [cli, 'compile', dir, '-o', join(work, 'forever-b'), '--quiet']);
  // The same driver natively and compiled: what the garbage collector reclaims must not differ.
  const results = ['main.js', 'compiled'].map((variant) => {
    const driver = join(work, `driver-forever-${variant === 'compiled' ? 'c' : 'n'}.mjs`);
    writeFileSync(driver, `
${variant === 'compiled' ? `import ${JSON.stringify(join(root, 'dist/runtime/index.js'))};` : ''}
const m = await import(${JSON.stringify(join(work, variant === 'compiled' ? 'forever-b' : 'forever', 'main.js'))});
const lost = [];
const kept = [];
let settle;
const held = new Promise((r) => { settle = r; });
function start(i) {
  const a = { i };
  lost.push(new WeakRef(a));
  m.waitForever(a);
  const b = { i };
  kept.push(new WeakRef(b));
  m.waitFor(held, b);
}
for (let i = 0; i < 200; i++) start(i);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
await sleep(2600);
globalThis.gc();
await sleep(20);
globalThis.gc();
console.log(JSON.stringify({ lost: lost.filter((r) => r.deref()).length, kept: kept.filter((r) => r.deref()).length }));
settle();
`);
    const r = spawnSync(process.execPath, ['--expose-gc', driver], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout);
  });
  assert.deepEqual(results[0], { lost: 0, kept: 200 });
  assert.deepEqual(results[1], results[0]);
});
