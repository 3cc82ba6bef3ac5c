// The oracle: every corpus program must print the same natively, compiled, and compiled with an
// identity update (capture the whole stack, rebuild it) at every update point (--storm 1) and at
// every 7th (--storm 7).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileTree } from '../dist/cli/compileTree.js';
import { root, runCompiled, runNative } from './helpers/run.js';

const corpus = join(root, 'tests/exec/corpus');
const out = mkdtempSync(join(tmpdir(), 'restack-exec-'));
const files = readdirSync(corpus).filter((f) => /\.(c|m)?js$/.test(f)).sort();
// Compiled up front, one file at a time (a compiler crash fails that program's test only).
const compileErrors = new Map();
for (const f of files) {
  try {
    compileTree([join(corpus, f)], out, { updatePoints: 'loops' });
  } catch (e) {
    compileErrors.set(f, e);
  }
}

function show(r) {
  return `exit ${r.code}${r.signal ? ' ' + r.signal : ''}\n${r.stdout}${r.stderr ? '\n--- stderr ---\n' + r.stderr.slice(0, 4000) : ''}`;
}

test('exec corpus: native = compiled = --storm 1 = --storm 7', { concurrency: 2 }, async (t) => {
  await Promise.all(files.map((f) =>
    t.test(f, async () => {
      if (compileErrors.has(f)) throw compileErrors.get(f);
      const native = await runNative(join(corpus, f));
      assert.equal(native.code, 0, `native run failed:\n${show(native)}`);
      for (const extra of [[], ['--storm', '1'], ['--storm', '7']]) {
        const r = await runCompiled(join(out, f), extra);
        assert.equal(show(r), show({ ...native, stderr: '' }), `restack run ${extra.join(' ')} differs`);
      }
    })));
});

test('exec corpus covers at least 150 programs', () => {
  assert.ok(files.length >= 150, `corpus has ${files.length} programs`);
});

// The `all` policy adds an update point at every function entry: a sample of the corpus under it.
const outAll = mkdtempSync(join(tmpdir(), 'restack-exec-all-'));
const sample = files.filter((_, i) => i % 8 === 0);
test('exec corpus sample, --update-points all: native = --storm 1 = --storm 5', { concurrency: 2 }, async (t) => {
  await Promise.all(sample.map((f) =>
    t.test(f, async () => {
      compileTree([join(corpus, f)], join(outAll, f.replace(/\W/g, '_')), { updatePoints: 'all' });
      const native = await runNative(join(corpus, f));
      for (const extra of [['--storm', '1'], ['--storm', '5']]) {
        const r = await runCompiled(join(outAll, f.replace(/\W/g, '_'), f), extra);
        assert.equal(show(r), show({ ...native, stderr: '' }), `restack run ${extra.join(' ')} differs`);
      }
    })));
});
