// samples/fft updated live, end to end: the job starts in v1 under `restack run` and `restack update
// <pid>` applies v1 -> v2 -> v3 -> v4 while it computes (the bundles come from `restack patch`, the
// mapping files are the committed ones in samples/fft/patches). samples/fft/check.js then recomputes
// every block natively: each block carries the digest its version computes, the one block a v1 -> v2
// update cut in two was windowed by v1 up to some sample and by v2 after it, and the average
// spectrum is the average of exactly those blocks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkRun } from '../samples/fft/check.js';
import { prepare, runLive } from '../samples/fft/live.js';

const work = mkdtempSync(join(tmpdir(), 'restack-fft-live-'));
const xdg = join(work, 'xdg');
mkdirSync(xdg, { mode: 0o700 });
const env = { ...process.env, XDG_RUNTIME_DIR: xdg };
const SIZE = 4096;
const ARGS = ['--blocks', '400', '--passes', '16'];

/** The frames of a JSON report as [from, to] pairs, top first. */
const frames = (report) => report.frames.map((f) => [f.from, f.to]);
const cpOf = (moves, fn) => {
  const m = moves.find(([from]) => from.startsWith(`${fn} @`));
  return m ? Number(m[0].split('@')[1]) : null;
};

async function live(dir, { edit, schedule }) {
  prepare(dir, { edit });
  const r = await runLive(dir, { args: ARGS, schedule, json: true, env });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.reports.map((x) => [x.name, x.code]), [['v1-v2', 0], ['v2-v3', 0], ['v3-v4', 0]], r.reports.map((x) => x.text).join('\n'));
  const reports = r.reports.map((x) => JSON.parse(x.text));
  for (const rep of reports) {
    assert.equal(rep.applied, true);
    assert.ok(rep.timings.pauseMs > 0 && rep.timings.pauseMs < 1000, `pause ${rep.timings.pauseMs} ms`);
  }
  const checked = checkRun(r.stdout, { expectVersions: [1, 2, 3, 4], startVersion: 1, params: { blocks: 400, passes: 16 } });
  return { reports, checked };
}

test('v1 -> v2 -> v3 -> v4 through restack update while the job runs: every block is what its version computes', async () => {
  const { reports, checked } = await live(join(work, 'as-committed'), { schedule: [2, 6, 10] });
  const [m12, m23, m34] = reports.map(frames);
  // Where v1 -> v2 landed decides the mixed block's window: before processBlock's applyWindow call
  // (cps 0-2) all of it is v2's, inside it (cp 3) v1's up to the sample the loop had reached, after
  // it (cps 4-8) all v1's.
  const at = cpOf(m12, 'main.js#processBlock');
  assert.notEqual(at, null, `no processBlock frame in ${JSON.stringify(m12)}`);
  const j = checked.mixed.matches;
  if (at < 3) assert.ok(j.includes(0), `landed at processBlock @${at}, window split at ${j}`);
  else if (at > 3) assert.ok(j.includes(SIZE), `landed at processBlock @${at}, window split at ${j}`);
  else assert.deepEqual(m12[0], ['dsp.js#applyWindow @0', 'dsp.js#applyWindow @0']);
  // v2 -> v3 and v3 -> v4 give bitwise the same results; the checker holds them to v2's. v3 -> v4
  // never lands before processBlock's FFT call (the mapping refuses those CPs).
  assert.ok(m23.some(([from]) => from.startsWith('main.js#processBlock @')));
  const at34 = cpOf(m34, 'main.js#processBlock');
  assert.ok(at34 >= 3, `v3 -> v4 landed at processBlock @${at34}`);
  assert.ok(m34.some(([, to]) => to.startsWith('main.js#analyzeBlock @')));
  assert.deepEqual(m34.at(-1), ['main.js#runJob @7', 'main.js#runJob @8']);
});

/**
 * A variant of a mapping (for this test only) that refuses every CP of processBlock but `keep`, and
 * every CP of runJob (unchanged, so not in the mapping) but its processBlock call (cp 7 of 13:
 * the last, 12, is its entry).
 */
function onlyAt(text, keep) {
  const start = text.indexOf("'main.js#processBlock': {");
  const end = text.indexOf('\n    },', start);
  const entry = text.slice(start, end).replace(/^(\s+)(\d+): (\d+|'refuse'),$/gm, (line, ind, cp) => (Number(cp) === keep ? line : `${ind}${cp}: 'refuse',`));
  const runJob = Array.from({ length: 13 }, (_, cp) => `${cp}: ${cp === 7 ? 7 : "'refuse'"}`).join(', ');
  return text.slice(0, start) + `'main.js#runJob': { to: 'main.js#runJob', cps: { ${runJob} } },\n    ` + entry + text.slice(end);
}

test('forced landings: v1 -> v2 inside the window loop, v2 -> v3 inside a half-done FFT', async () => {
  // Variants of the committed mappings that refuse every processBlock CP but one: the update waits
  // until the job is there, so the interesting cases happen on every run.
  const edit = (name, text) => (name === 'v1-v2' ? onlyAt(text, 3) : name === 'v2-v3' ? onlyAt(text, 4) : text);
  const { reports, checked } = await live(join(work, 'forced'), { edit, schedule: [2, 6, 10] });
  const [m12, m23] = reports.map(frames);
  assert.deepEqual(m12.slice(0, 2), [['dsp.js#applyWindow @0', 'dsp.js#applyWindow @0'], ['main.js#processBlock @3', 'main.js#processBlock @3']]);
  assert.ok(checked.mixed.matches.some((j) => j < SIZE), `window split at ${checked.mixed.matches}`);
  // The FFT frame moves to v3's fft with the block's re/im turned into one interleaved buf, shared
  // with processBlock's frame; the checker holds the v3 blocks to v2's digests.
  assert.match(m23[0][0], /^dsp\.js#fft @[0-3]$/);
  assert.deepEqual(m23[1], ['main.js#processBlock @4', 'main.js#processBlock @3']);
  assert.ok(checked.blocksPerVersion[3] > 0);
});
