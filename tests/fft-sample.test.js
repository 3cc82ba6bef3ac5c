// samples/fft: the four versions run natively and under restack with the same output, v3 and v4 are
// bitwise equivalent to v2, and the result checker (samples/fft/check.js) accepts exactly the runs
// a live v1 -> v2 -> v3 -> v4 update may produce: a simulated mixed run, and corrupted ones refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root, cli, run } from './helpers/run.js';
import { checkRun, CheckError } from '../samples/fft/check.js';
import * as dsp1 from '../samples/fft/v1/dsp.js';
import * as dsp2 from '../samples/fft/v2/dsp.js';
import { generateSignal, passGain } from '../samples/fft/v1/signal.js';

const sample = join(root, 'samples/fft');
const work = mkdtempSync(join(tmpdir(), 'restack-fft-'));
const SMALL = ['--blocks', '6', '--passes', '1'];
const VERSIONS = [1, 2, 3, 4];

async function native(v, args) {
  const r = await run(process.execPath, [join(sample, `v${v}`, 'main.js'), ...args]);
  assert.equal(r.code, 0, r.stderr);
  return r;
}

let smallRuns;
/** The four versions' native outputs for SMALL, parsed (computed once). */
const small = () => (smallRuns ??= Promise.all(VERSIONS.map(async (v) => JSON.parse((await native(v, SMALL)).stdout))));

const rejects = (out, pattern, options = {}) =>
  assert.throws(() => checkRun(out, options), (e) => e instanceof CheckError && pattern.test(e.message), `expected ${pattern}`);

test('each version runs natively, reports progress, and passes the checker as a run of that version alone', async () => {
  for (const v of VERSIONS) {
    const r = await native(v, SMALL);
    assert.match(r.stderr, /^block 0\/6 pass 0$/m);
    assert.equal(r.stdout.trim().split('\n').length, 1, 'one line of JSON on stdout');
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.params, { blocks: 6, passes: 1, seed: out.params.seed, size: 4096, hop: 2048 });
    assert.deepEqual(out.records.map((x) => [x.pass, x.block, x.version]), [0, 1, 2, 3, 4, 5].map((b) => [0, b, v]));
    assert.equal(new Set(out.records.map((x) => x.digest)).size, 6, 'blocks differ');
    const summary = checkRun(r.stdout, { expectVersions: [v], params: { blocks: 6, passes: 1 } });
    assert.deepEqual(summary.versions, [v]);
    assert.deepEqual(summary.blocksPerVersion, { [v]: 6 });
    assert.equal(summary.mixed, null);
    assert.equal(summary.peaks.length, 5);
    // Each version's output is only right for that version's code.
    if (v !== 1) rejects({ ...out, records: out.records.map((x) => ({ ...x, version: 1 })) }, /tagged v1 has digest/);
  }
});

test('the v2 fix changes every block; v3 (interleaved layout) and v4 (rename, split) give exactly v2\'s results', async () => {
  const [o1, o2, o3, o4] = await small();
  const digests = (o) => o.records.map((x) => x.digest);
  for (let b = 0; b < 6; b++) assert.notEqual(o1.records[b].digest, o2.records[b].digest, `block ${b}`);
  assert.notEqual(o1.spectrumDigest, o2.spectrumDigest);
  for (const o of [o3, o4]) {
    assert.deepEqual(digests(o), digests(o2));
    assert.equal(o.spectrumDigest, o2.spectrumDigest);
    assert.deepEqual(o.peaks, o2.peaks);
  }
  // Also over several passes (different gains).
  const args = ['--blocks', '3', '--passes', '3', '--seed', '7'];
  const [p2, p3, p4] = await Promise.all([2, 3, 4].map(async (v) => JSON.parse((await native(v, args)).stdout)));
  assert.deepEqual(digests(p3), digests(p2));
  assert.deepEqual(digests(p4), digests(p2));
  assert.equal(p4.spectrumDigest, p2.spectrumDigest);
});

/**
 * The power spectrum of a block whose window loop ran v1's formula for samples [0, j) and v2's
 * from j on (j = size: all v1; j = 0: all v2), computed here with the v1 and v2 modules directly.
 */
function splitBlockPower(params, pass, block, j) {
  const { size, hop, blocks, seed } = params;
  const signal = generateSignal(blocks * hop + size, seed);
  const pre = new Float64Array(size);
  for (let i = 0; i < size; i++) pre[i] = signal[block * hop + i] * passGain(pass);
  const w1 = pre.slice();
  dsp1.applyWindow(w1, size);
  const w2 = pre.slice();
  dsp2.applyWindow(w2, size);
  const re = new Float64Array(size);
  re.set(w1.subarray(0, j));
  re.set(w2.subarray(j), j);
  const im = new Float64Array(size);
  dsp2.fft(re, im, dsp2.makeTables(size));
  const power = new Float64Array(size / 2 + 1);
  dsp2.powerSpectrum(re, im, power);
  return power;
}

/**
 * A run as a live update would leave it, without restack: blocks before `at` from v1, block `at`
 * tagged 2 with its window split at j, then blocks tagged by `later` (v2's results, which v3 and
 * v4 share), with the average spectrum accumulated from exactly those blocks.
 */
function mixedRun(params, at, j, later) {
  const sum = new Float64Array(params.size / 2 + 1);
  const records = [];
  for (let b = 0; b < params.blocks; b++) {
    const power = splitBlockPower(params, 0, b, b < at ? params.size : b === at ? j : 0);
    dsp2.accumulate(sum, power);
    records.push({ pass: 0, block: b, version: b < at ? 1 : b === at ? 2 : later[b - at - 1], digest: dsp2.digest(power) });
  }
  const average = dsp2.averageSpectrum(sum, records.length);
  return { params, records, spectrumDigest: dsp2.digest(average), peaks: dsp2.topBins(average, 5) };
}

test('a simulated live run: the checker finds the block where v1 -> v2 landed and the window sample it landed at', async () => {
  const [o1, o2, o3, o4] = await small();
  const params = o1.params;
  const out = mixedRun(params, 2, 1000, [2, 3, 4]);
  // The blocks computed here are the ones the versions compute natively.
  assert.deepEqual(out.records.slice(0, 2).map((x) => x.digest), o1.records.slice(0, 2).map((x) => x.digest));
  assert.deepEqual(out.records.slice(3).map((x) => x.digest), [o2.records[3], o3.records[4], o4.records[5]].map((x) => x.digest));
  assert.notEqual(out.records[2].digest, o1.records[2].digest);
  assert.notEqual(out.records[2].digest, o2.records[2].digest);

  const summary = checkRun(JSON.stringify(out), { expectVersions: [1, 2, 3, 4] });
  assert.deepEqual(summary.mixed, { index: 2, pass: 0, block: 2, version: 2, j: 1000, matches: [1000] });
  assert.deepEqual(summary.versions, [1, 2, 3, 4]);
  assert.deepEqual(summary.blocksPerVersion, { 1: 2, 2: 2, 3: 1, 4: 1 });
  assert.deepEqual(summary.firstBlock[3], { index: 4, pass: 0, block: 4 });

  // The update landed after the window loop (j = size), or before it (j = 0).
  assert.equal(checkRun(mixedRun(params, 3, params.size, [3, 3])).mixed.j, params.size);
  assert.equal(checkRun(mixedRun(params, 3, 0, [4, 4])).mixed.j, 0);
  // The update landed during the very first block: only allowed when the run is known to start in v1.
  const firstMixed = mixedRun(params, 0, 1000, [2, 2, 2, 2, 2]);
  rejects(firstMixed, /record 0 \(pass 0, block 0\) tagged v2 has digest/);
  assert.equal(checkRun(firstMixed, { startVersion: 1 }).mixed.j, 1000);
});

test('the checker refuses corrupted runs', async () => {
  const [o1] = await small();
  // The update landed just after block 2's window loop (j = size: found without a search).
  const good = mixedRun(o1.params, 2, o1.params.size, [2, 3, 4]);
  const edit = (f) => { const o = structuredClone(good); f(o); return o; };
  const flip = (d) => (d[0] === '0' ? '1' : '0') + d.slice(1);

  rejects(edit((o) => { o.records[4].digest = flip(o.records[4].digest); }), /record 4 \(pass 0, block 4\) tagged v3 has digest/);
  rejects(edit((o) => { o.records[0].digest = flip(o.records[0].digest); }), /record 0 .* tagged v1 has digest/);
  rejects(edit((o) => { o.records.splice(3, 1); }), /expected 6 records/);
  rejects(edit((o) => { o.records[3] = { ...o.records[2] }; }), /record 3 is \(pass 0, block 2\), expected \(pass 0, block 3\)/);
  rejects(edit((o) => { [o.records[0], o.records[1]] = [o.records[1], o.records[0]]; }), /out of order/);
  // Versions going backwards, even with the digest v1 computes for that block.
  rejects(edit((o) => { o.records[5] = { ...o1.records[5] }; }), /record 5 .* tagged v1 after a block tagged v3: versions must not go backwards/);
  // Only the first block after v1 may be mixed: a later block with v1's digest is wrong.
  rejects(edit((o) => { o.records[3].digest = o1.records[3].digest; }), /record 3 .* tagged v2 has digest/);
  // Only one block may be mixed: a split window in the next block is wrong too.
  const twoMixed = edit((o) => { o.records[3].digest = dsp2.digest(splitBlockPower(o.params, 0, 3, 1000)); });
  rejects(twoMixed, /record 3 .* tagged v2 has digest/);
  // A mixed block whose digest no window split explains.
  rejects(edit((o) => { o.records[2].digest = o1.records[3].digest; }), /first tagged v2 after v1, .* no window split j in \[0, 4096\]/);
  rejects(edit((o) => { o.spectrumDigest = flip(o.spectrumDigest); }), /spectrumDigest is/);
  rejects(edit((o) => { o.peaks.reverse(); }), /peaks are/);
  rejects(edit((o) => { o.records[1].version = 7; }), /unknown version 7/);
  rejects(good, /expected blocks tagged with versions \[1,2\], got \[1,2,3,4\]/, { expectVersions: [1, 2] });
  rejects(o1, /expected blocks tagged with versions \[1,2,3,4\], got \[1\]/, { expectVersions: [1, 2, 3, 4] });
  rejects(good, /params.blocks is 6, expected 7/, { params: { blocks: 7 } });
  rejects('restack: not json\n', /no JSON line/);

  // The command line: a summary and exit 0, or the reason and exit 1.
  const goodFile = join(work, 'good.json');
  const badFile = join(work, 'bad.json');
  writeFileSync(goodFile, JSON.stringify(good) + '\n');
  writeFileSync(badFile, JSON.stringify(edit((o) => { o.records.pop(); })) + '\n');
  const ok = await run(process.execPath, [join(sample, 'check.js'), goodFile, '--expect', '1,2,3,4']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(JSON.parse(ok.stdout).mixed.j, 4096);
  const bad = await run(process.execPath, [join(sample, 'check.js'), badFile]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /^fft check: FAILED: expected 6 records \(1 passes x 6 blocks\), got 5\n$/);
});

test('each version compiles and runs under restack, with and without a storm of identity updates, as natively', async () => {
  const args = ['--blocks', '4', '--passes', '1'];
  await Promise.all(VERSIONS.map(async (v) => {
    const out = join(work, `v${v}`);
    const c = await run(process.execPath, [cli, 'compile', join(sample, `v${v}`), '-o', out]);
    assert.equal(c.code, 0, c.stderr);
    assert.match(c.stdout, /\(\d+ capturable\)/);
    assert.doesNotMatch(c.stdout, /note:/, 'nothing in the sample is left uncapturable');
    const expected = (await native(v, args)).stdout;
    checkRun(expected, { expectVersions: [v] });
    for (const extra of [['--no-control'], ['--no-control', '--storm', '1', '--report']]) {
      const r = await run(process.execPath, ['--stack-size=4000', cli, 'run', ...extra, join(out, 'main.js'), ...args]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, expected, `v${v} ${extra.join(' ')}`);
      if (extra.includes('--storm')) assert.match(r.stderr, /restack: [1-9]\d* identity updates/);
    }
  }));
});
