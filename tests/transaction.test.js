// Transactions: no update happens while a frame is inside a 'restack atomic' function or block,
// whether an update point is reached in a function it calls or an async function awaits in it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './helpers/run.js';

const cli = join(root, 'bin/restack.js');
const work = mkdtempSync(join(tmpdir(), 'restack-transaction-'));

function source(v, atomic) {
  return `export const state = { a: 1000, b: 0 };
function step(k) {
  let x = 0;
  for (let i = 0; i < k; i++) {
    x += i * ${v};
    globalThis.__inside?.();
  }
  return x;
}
function transfer(n) {
  ${atomic ? "'restack atomic';" : ''}
  for (let i = 0; i < n; i++) {
    state.a--;
    step(2000);
    state.b++;
  }
}
async function transferLater(n) {
  {
    ${atomic ? "'restack atomic';" : ''}
    state.a -= n;
    await new Promise((r) => setTimeout(r, 30));
    state.b += n;
  }
  return n;
}
export function main(rounds) {
  for (let r = 0; r < rounds; r++) transfer(10);
  return state;
}
export function later(n) {
  return transferLater(n);
}
`;
}

function build(name, atomic) {
  for (const v of [1, 2]) {
    mkdirSync(join(work, name, `v${v}`), { recursive: true });
    writeFileSync(join(work, name, `v${v}`, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(join(work, name, `v${v}`, 'main.js'), source(v, atomic));
  }
  const p = join(work, name, 'p');
  assert.equal(spawnSync(process.execPath, [cli, 'patch', join(work, name, 'v1'), join(work, name, 'v2'), '-o', p], { encoding: 'utf8' }).status, 0);
  const c = spawnSync(process.execPath, [cli, 'check', p], { encoding: 'utf8' });
  assert.equal(c.status, 0, c.stderr);
  execFileSync(process.execPath, [cli, 'compile', join(work, name, 'v1'), '-o', join(work, name, 'b1'), '--quiet']);
  return p;
}

/** Requests the update from inside step (inside transfer); records a + b when it is applied. */
function runSync(name, p) {
  const driver = join(work, name, 'driver.mjs');
  writeFileSync(driver, `
import { requestUpdateTo } from ${JSON.stringify(join(root, 'dist/runtime/index.js'))};
const m = await import(${JSON.stringify(join(work, name, 'b1', 'main.js'))});
let asked = false;
let seen = null;
let report = null;
globalThis.__inside = () => {
  if (asked || m.state.a > 990) return;
  asked = true;
  requestUpdateTo(${JSON.stringify(p)}, {}, (r) => { report = r; seen = m.state.a + m.state.b; });
};
const out = m.main(50);
console.log(JSON.stringify({ out, seen, applied: report.applied, frames: report.frames.map((f) => f.from) }));
`);
  const r = spawnSync(process.execPath, [driver], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test('an update requested inside a transaction lands after it, at an update point outside', () => {
  const o = runSync('atomic', build('atomic', true));
  assert.equal(o.applied, true);
  // Applied at main's loop (the frames of transfer and step were never captured): a + b whole.
  assert.deepEqual(o.frames, ['main.js#main @0']);
  assert.equal(o.seen, 1000);
  assert.deepEqual(o.out, { a: 500, b: 500 });
  // The same program without the directive is updated inside step, mid-transfer.
  const plain = runSync('plain', build('plain', false));
  assert.equal(plain.applied, true);
  assert.equal(plain.frames[0], 'main.js#step @0');
  assert.equal(plain.seen, 999);
});

test('an async function suspended inside a transaction block holds the update back until it leaves it', () => {
  const p = join(work, 'atomic', 'p');
  const driver = join(work, 'atomic', 'driver-async.mjs');
  writeFileSync(driver, `
import { requestUpdateTo } from ${JSON.stringify(join(root, 'dist/runtime/index.js'))};
const m = await import(${JSON.stringify(join(work, 'atomic', 'b1', 'main.js'))});
const started = performance.now();
let report;
let seen;
const done = m.later(7);
requestUpdateTo(${JSON.stringify(p)}, {}, (r) => { report = r; seen = m.state.a + m.state.b; });
await done;
await new Promise((r) => setTimeout(r, 20));
console.log(JSON.stringify({ applied: report.applied, seen, waited: performance.now() - started }));
`);
  const r = spawnSync(process.execPath, [driver], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const o = JSON.parse(r.stdout);
  assert.equal(o.applied, true);
  assert.equal(o.seen, 1000);
  assert.ok(o.waited >= 25, `applied after ${o.waited} ms`);
});
