// The benchmark harness cannot rot: a smoke run over every workload (one short run each, results
// checked against the uninstrumented program, plus an update storm), and a workload that answers
// differently once compiled must fail the run. No timing is asserted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

function bench(...args) {
  const out = mkdtempSync(join(tmpdir(), 'restack-bench-'));
  try {
    return spawnSync(process.execPath, ['scripts/bench.js', '--smoke', '--out', out, ...args], { cwd: root, encoding: 'utf8', timeout: 600_000 });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function workloadNames() {
  const names = [];
  for (const dir of ['bench/workloads', 'bench/libs']) {
    for (const f of readdirSync(join(root, dir)).filter((n) => n.endsWith('.js'))) {
      const m = /name:\s*'([^']+)'/.exec(readFileSync(join(root, dir, f), 'utf8'));
      assert.ok(m, `${dir}/${f} declares meta.name`);
      names.push(m[1]);
    }
  }
  return names;
}

test('smoke run of every workload: native, compiled (loops, all) and storm give the same results', { timeout: 600_000 }, () => {
  const r = bench();
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const names = workloadNames();
  assert.ok(names.length >= 10, `expected the kernels and library workloads, found ${names.join(', ')}`);
  for (const name of names) assert.match(r.stdout, new RegExp(`^${name}\\s.*x \\(`, 'm'), `${name} has a row with ratios`);
  const storm = /update storm .*: (\d+)\/(\d+) runs gave the native result, (\d+) updates/.exec(r.stdout);
  assert.ok(storm, r.stdout);
  assert.equal(storm[1], storm[2]);
  assert.equal(Number(storm[2]), names.length * 2);
  assert.ok(Number(storm[3]) > names.length, 'the storm really captured and rebuilt stacks');
  assert.match(r.stdout, /compile speed: \d+ files, \d+ lines/);
});

test('a workload whose compiled result differs fails the run', { timeout: 120_000 }, () => {
  const r = bench('--workloads', 'tests/bench-fixtures/wrong');
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /wrong \(loops\): result "46" differs from the native result "45"/);
  assert.match(r.stdout, /wrong \(all, storm 7\): result "46" differs/);
  assert.doesNotMatch(r.stdout, /geometric mean 1\.\d+x over 1 workloads/);
});
