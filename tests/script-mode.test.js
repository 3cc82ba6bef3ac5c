// Global scripts compiled with sourceType 'script' and evaluated in one realm by a host
// (tests/scripts/host.cjs) print the same natively, compiled, and under identity updates at every
// update point, with the loops and the all policy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile } from '../dist/index.js';
import { cli, root, run } from './helpers/run.js';

const dir = join(root, 'tests/scripts');
const scripts = ['one.js', 'two.js', 'three.js'];
const host = join(dir, 'host.cjs');

function compiled(updatePoints) {
  const out = mkdtempSync(join(tmpdir(), `restack-scripts-${updatePoints}-`));
  for (const f of scripts) {
    // The script's url is the filename the host gives it.
    const filename = join(out, f);
    writeFileSync(filename, compile(readFileSync(join(dir, f), 'utf8'), { filename, sourceType: 'script', updatePoints }).code);
  }
  return scripts.map((f) => join(out, f));
}

test('global scripts: native = compiled = --storm 1, loops and all', async () => {
  const native = await run(process.execPath, [host, ...scripts.map((f) => join(dir, f))]);
  assert.equal(native.code, 0, native.stderr);
  assert.match(native.stdout, /\["one",true,"function",false\]/);
  for (const policy of ['loops', 'all']) {
    const files = compiled(policy);
    const restack = (flags) => run(process.execPath, ['--stack-size=4000', cli, 'run', ...flags, host, ...files]);
    const plain = await restack([]);
    assert.equal(plain.stdout, native.stdout, `compiled (${policy}): ${plain.stderr}`);
    const storm = await restack(['--storm', '1', '--report']);
    assert.equal(storm.stdout, native.stdout, `--storm 1 (${policy}): ${storm.stderr}`);
    const updates = Number(/restack: (\d+) identity updates/.exec(storm.stderr)?.[1] ?? 0);
    assert.ok(updates > 10, `the storm reached the scripts' functions (${policy}): ${updates} identity updates`);
  }
});
