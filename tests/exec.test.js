// The oracle: every corpus program must print the same natively, compiled, and compiled with an
// identity update (capture the whole stack, rebuild it) at every update point (--storm 1) and at
// every 7th (--storm 7); compiled with an update point at every function entry too
// (--update-points all) under --storm 1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileTree } from '../dist/cli/compileTree.js';
import { root, runCompiled, runNative } from './helpers/run.js';

const corpus = join(root, 'tests/exec/corpus');
const files = readdirSync(corpus).filter((f) => /\.(c|m)?js$/.test(f)).sort();
/** Programs sharing a number are compiled together: the modules of an import cycle import each other. */
const groups = new Map();
for (const f of files) {
  const n = f.split('-')[0];
  if (!groups.has(n)) groups.set(n, []);
  groups.get(n).push(f);
}

/** Compiles every group under a policy, into `dir/<number>/`; a compiler crash fails that group's programs only. */
function compileCorpus(updatePoints) {
  const dir = mkdtempSync(join(tmpdir(), `restack-exec-${updatePoints}-`));
  const errors = new Map();
  for (const [n, group] of groups) {
    try {
      compileTree(group.map((f) => join(corpus, f)), join(dir, n), { updatePoints });
    } catch (e) {
      for (const f of group) errors.set(f, e);
    }
  }
  return { dir, errors, path: (f) => join(dir, f.split('-')[0], f) };
}

function show(r) {
  return `exit ${r.code}${r.signal ? ' ' + r.signal : ''}\n${r.stdout}${r.stderr ? '\n--- stderr ---\n' + r.stderr.slice(0, 4000) : ''}`;
}

/** Runs each program natively once, then compiled with each of `runs` (restack run options). */
function oracle(t, compiled, programs, runs) {
  return Promise.all(programs.map((f) =>
    t.test(f, async () => {
      if (compiled.errors.has(f)) throw compiled.errors.get(f);
      const native = await runNative(join(corpus, f));
      assert.equal(native.code, 0, `native run failed:\n${show(native)}`);
      for (const extra of runs) {
        // No control socket: nothing here updates from outside, and it saves a thread's start-up per run.
        const r = await runCompiled(compiled.path(f), ['--no-control', ...extra]);
        assert.equal(show(r), show({ ...native, stderr: '' }), `restack run ${extra.join(' ')} differs`);
      }
    })));
}

test('exec corpus: native = compiled = --storm 1 = --storm 7', { concurrency: 2 }, async (t) => {
  await oracle(t, compileCorpus('loops'), files, [[], ['--storm', '1'], ['--storm', '7']]);
});

test('exec corpus covers at least 150 programs', () => {
  assert.ok(files.length >= 150, `corpus has ${files.length} programs`);
});

// The `all` policy adds an update point at every function entry: every program under --storm 1,
// and a sample (every 8th, and those from 206 on, written for the frames only `all` makes:
// accessors, async functions with nothing to await, computed keys) under --storm 5 too.
test('exec corpus, --update-points all: native = --storm 1 (= --storm 5 for a sample)', { concurrency: 2 }, async (t) => {
  const compiled = compileCorpus('all');
  const sampled = (f, i) => i % 8 === 0 || (Number.parseInt(f, 10) >= 206 && Number.parseInt(f, 10) < 900);
  await Promise.all([
    oracle(t, compiled, files.filter((f, i) => sampled(f, i)), [['--storm', '1'], ['--storm', '5']]),
    oracle(t, compiled, files.filter((f, i) => !sampled(f, i)), [['--storm', '1']]),
  ]);
});
