// Activations that stay suspended through several updates: each update moves them again (a rolled
// back one leaves them as they were), a stack transformer runs on each of them at every update,
// and when their awaits settle (resolved or rejected) they resume in the running version with the
// locals every update gave them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './helpers/run.js';

const cli = join(root, 'bin/restack.js');
const work = mkdtempSync(join(tmpdir(), 'restack-parked-'));

// v1 and v2 differ in what a waiter writes when it resumes.
function source(v) {
  return `export const out = [];
const gates = [];
function gate(i) {
  return new Promise((resolve, reject) => {
    gates[i] = { resolve, reject };
  });
}
export function open(i, v) {
  gates[i].resolve(v);
}
export function fail(i, message) {
  gates[i].reject(new Error(message));
}
async function waiter(i, base) {
  let seen = base;
  const tag = 'w' + i;
  try {
    const v = await gate(i);
    seen += v;
    out.push(tag + ' v${v} ' + seen);
  } catch (e) {
    out.push(tag + ' v${v} caught ' + e.message + ' ' + seen);
  }
  return seen;
}
export function start(n) {
  const all = [];
  for (let i = 0; i < n; i++) all.push(waiter(i, i * 10));
  return all;
}
`;
}
for (const v of [1, 2]) {
  mkdirSync(join(work, `v${v}`));
  writeFileSync(join(work, `v${v}`, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(join(work, `v${v}`, 'main.js'), source(v));
}
execFileSync(process.execPath, [cli, 'compile', join(work, 'v1'), '-o', join(work, 'b1'), '--quiet']);

const FRAME = "      // frame(old: OldFrame<'i' | 'base' | 'seen' | 'tag' | 'v' | 'e'>, next: NewFrame<'i' | 'base' | 'seen' | 'tag' | 'v' | 'e'>): void {\n      // },";

function patch(name, from, to, frame) {
  const dir = join(work, name);
  const r = spawnSync(process.execPath, [cli, 'patch', join(work, from), join(work, to), '-o', dir, '--force'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  if (frame) {
    const file = join(dir, 'mapping.ts');
    const text = readFileSync(file, 'utf8');
    assert.ok(text.includes(FRAME), text);
    writeFileSync(file, text.replace(FRAME, frame));
  }
  const c = spawnSync(process.execPath, [cli, 'check', dir], { encoding: 'utf8' });
  assert.equal(c.status, 0, c.stderr);
  return dir;
}

const p12 = patch('p12', 'v1', 'v2');
const p21 = patch('p21', 'v2', 'v1');
// Adds 1000 to each waiter's `seen`, counting its runs; or throws (the update rolls back).
const p21plus = patch('p21-plus', 'v2', 'v1', "      frame(old: OldFrame<'i' | 'base' | 'seen' | 'tag' | 'v' | 'e'>, next: NewFrame<'i' | 'base' | 'seen' | 'tag' | 'v' | 'e'>): void {\n        (globalThis as any).__runs = ((globalThis as any).__runs ?? 0) + 1;\n        next.locals.seen = (old.locals.seen as number) + 1000;\n      },");
const p12throws = patch('p12-throws', 'v1', 'v2', "      frame(old: OldFrame<'i' | 'base' | 'seen' | 'tag' | 'v' | 'e'>, next: NewFrame<'i' | 'base' | 'seen' | 'tag' | 'v' | 'e'>): void {\n        throw new Error('not now');\n      },");

/** Runs b1 with three waiters, then `steps` (driver code; `up(dir, label)` applies an update). */
function run(steps) {
  const driver = join(work, `driver-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(driver, `
import { update } from ${JSON.stringify(join(root, 'dist/runtime/index.js'))};
const m = await import(${JSON.stringify(join(work, 'b1', 'main.js'))});
const alive = setInterval(() => {}, 1000);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const reports = [];
const up = async (dir, label) => {
  const r = await update(dir, { label });
  reports.push({ applied: r.applied, reason: r.reason, frames: r.frames });
};
const results = m.start(3);
await sleep(5);
${steps}
await sleep(5);
clearInterval(alive);
console.log(JSON.stringify({ reports, out: m.out, runs: globalThis.__runs ?? 0, settled: await Promise.allSettled(results.slice(0, 2)) }));
`);
  const r = spawnSync(process.execPath, [driver], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

const suspended = (report) => report.frames.filter((f) => f.suspended).map((f) => `${f.from} -> ${f.to}`);

test('activations suspended through several updates move at each, and resume in the last version with their locals', () => {
  const { reports, out, settled } = run(`
await up(${JSON.stringify(p12)}, 'v2');
await up(${JSON.stringify(p21)}, 'v1');
await up(${JSON.stringify(p12)}, 'v2');
m.open(0, 5);
m.fail(1, 'boom');
`);
  assert.equal(reports.length, 3);
  for (const r of reports) {
    assert.equal(r.applied, true, r.reason);
    assert.deepEqual(suspended(r), Array(3).fill('main.js#waiter @1 -> main.js#waiter @1'));
  }
  assert.deepEqual(out, ['w0 v2 5', 'w1 v2 caught boom 10']);
  assert.deepEqual(settled, [{ status: 'fulfilled', value: 5 }, { status: 'fulfilled', value: 10 }]);
});

test('a stack transformer runs on every suspended activation at every update; a rolled back update leaves them as they were', () => {
  const { reports, out, runs, settled } = run(`
await up(${JSON.stringify(p12)}, 'v2');
await up(${JSON.stringify(p21plus)}, 'v1');
await up(${JSON.stringify(p12throws)}, 'v2-no');
m.open(0, 5);
await sleep(5);
await up(${JSON.stringify(p12)}, 'v2');
m.open(1, 7);
`);
  assert.deepEqual(reports.map((r) => r.applied), [true, true, false, true]);
  assert.match(reports[2].reason, /not now/);
  assert.ok(reports[2].frames.every((f) => f.to === null), JSON.stringify(reports[2].frames));
  assert.equal(reports[2].frames.filter((f) => f.suspended).length, 3);
  // The last update moved the two still waiting.
  assert.deepEqual(suspended(reports[3]), Array(2).fill('main.js#waiter @1 -> main.js#waiter @1'));
  assert.equal(runs, 3);
  assert.deepEqual(out, ['w0 v1 1005', 'w1 v2 1017']);
  assert.deepEqual(settled, [{ status: 'fulfilled', value: 1005 }, { status: 'fulfilled', value: 1017 }]);
});
