// Versions a program left are garbage: after updates A -> B -> A -> ... (bench/updates), while the
// program still runs on the stack the updates rebuilt, the heap holds the running version's
// modules and no other (counted in a heap snapshot by the scripts' names).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './helpers/run.js';

const cli = join(root, 'bin/restack.js');
const src = join(root, 'bench/updates');
const work = mkdtempSync(join(tmpdir(), 'restack-retention-'));
const UPDATES = 12;

function restack(...args) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  assert.equal(r.status, 0, `restack ${args[0]}: ${r.stdout}${r.stderr}`);
}

test('versions the program left are collected while its stack lives on', () => {
  const ab = join(work, 'AB');
  const ba = join(work, 'BA');
  restack('patch', join(src, 'A'), join(src, 'B'), '-o', ab);
  restack('patch', join(src, 'B'), join(src, 'A'), '-o', ba);
  restack('check', ab);
  restack('check', ba);
  restack('compile', join(src, 'A'), '-o', join(work, 'A'), '--quiet');
  const snapshot = join(work, 'after.heapsnapshot');
  const driver = join(work, 'driver.mjs');
  writeFileSync(driver, `
import { writeHeapSnapshot } from 'node:v8';
import { requestUpdateTo } from ${JSON.stringify(join(root, 'dist/runtime/index.js'))};
let count = 0;
let pending = false;
let failed = null;
let written = false;
globalThis.__tick = (i) => {
  if (i % 20 !== 0 || pending) return;
  if (count === ${UPDATES}) {
    // A snapshot collects garbage first; taken deep in the rebuilt stack.
    if (!written) writeHeapSnapshot(${JSON.stringify(snapshot)});
    written = true;
    return;
  }
  pending = true;
  requestUpdateTo(count % 2 === 0 ? ${JSON.stringify(ab)} : ${JSON.stringify(ba)}, {}, (r) => {
    pending = false;
    if (!r.applied) failed ??= r.reason;
    count++;
  });
};
const { main } = await import(${JSON.stringify(join(work, 'A', 'main.js'))});
const out = main(3, ${(UPDATES + 3) * 20});
process.stdout.write(JSON.stringify({ out, failed, count, written }));
`);
  // Without the optimizing compiler: a compile job in flight keeps the closure it compiles alive
  // until its code is installed, which would make the count depend on timing.
  const r = spawnSync(process.execPath, ['--no-opt', driver], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const result = JSON.parse(r.stdout);
  assert.equal(result.failed, null);
  assert.equal(result.count, UPDATES);
  assert.equal(result.written, true);
  assert.equal(result.out.label, UPDATES % 2 === 0 ? 'A' : 'B');

  // Scripts of loaded versions are named <file url>?restack=<generation>.
  const s = JSON.parse(readFileSync(snapshot, 'utf8'));
  const { node_fields: fields, node_types: [types] } = s.snapshot.meta;
  const [typeAt, nameAt] = [fields.indexOf('type'), fields.indexOf('name')];
  const alive = new Set();
  for (let i = 0; i < s.nodes.length; i += fields.length) {
    const name = s.strings[s.nodes[i + nameAt]];
    if (types[s.nodes[i + typeAt]] === 'code' && /\/main\.js\?restack=\d+$/.test(name)) alive.add(name);
  }
  const running = join(work, UPDATES % 2 === 0 ? 'BA' : 'AB', 'new', 'main.js');
  assert.deepEqual([...alive], [`${pathToFileURL(running).href}?restack=${UPDATES}`]);
});
