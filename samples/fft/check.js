// What a run of samples/fft must have printed, however many live updates (v1 -> v2 -> v3 -> v4) it
// went through: every block is recomputed natively with the code of the version that tagged it.
//
//   import { checkRun } from './check.js';  checkRun(outputJsonOrObject, { expectVersions: [1, 2, 3, 4] })
//   node samples/fft/check.js <output.json | -> [--expect 1,2,3,4] [--start-version 1]
//
// checkRun returns a summary, or throws a CheckError saying which rule the run broke.
import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as dsp1 from './v1/dsp.js';
import * as dsp2 from './v2/dsp.js';
import * as dsp3 from './v3/dsp.js';
import * as dsp4 from './v4/dsp.js';
import * as signal1 from './v1/signal.js';
import * as signal2 from './v2/signal.js';
import * as signal3 from './v3/signal.js';
import * as signal4 from './v4/signal.js';
import { CheckError, fail, parseOutput } from '../checking.js';

export { CheckError };

/**
 * Each version's block analysis, as its main.js does it, from the pre-window block (signal * gain).
 * v1 and v2 keep a block as split re/im arrays, v3 and v4 as one interleaved array; v4 renamed
 * powerSpectrum to powerBins.
 */
const VERSIONS = {
  1: { dsp: dsp1, signal: signal1, interleaved: false, power: dsp1.powerSpectrum },
  2: { dsp: dsp2, signal: signal2, interleaved: false, power: dsp2.powerSpectrum },
  3: { dsp: dsp3, signal: signal3, interleaved: true, power: dsp3.powerSpectrum },
  4: { dsp: dsp4, signal: signal4, interleaved: true, power: dsp4.powerBins },
};

/** Version v's window applied to a copy of the real block x, returned as a real block. */
function windowed(v, x) {
  const { dsp, interleaved } = VERSIONS[v];
  const n = x.length;
  if (!interleaved) {
    const re = x.slice();
    dsp.applyWindow(re, n);
    return re;
  }
  const buf = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) buf[2 * i] = x[i];
  dsp.applyWindow(buf, n);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = buf[2 * i];
  return out;
}

/** Version v's FFT and power spectrum of an already windowed real block. */
function spectrum(v, x, tables) {
  const { dsp, interleaved, power } = VERSIONS[v];
  const n = x.length;
  const out = new Float64Array(n / 2 + 1);
  if (!interleaved) {
    const re = x.slice();
    const im = new Float64Array(n);
    dsp.fft(re, im, tables);
    power(re, im, out);
  } else {
    const buf = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) buf[2 * i] = x[i];
    dsp.fft(buf, tables);
    power(buf, out);
  }
  return out;
}

const isCount = (x) => Number.isInteger(x) && x >= 0;

function checkShape(out, options) {
  if (out === null || typeof out !== 'object') fail('the output is not a JSON object');
  const p = out.params;
  if (!p || typeof p !== 'object') fail('the output has no params');
  for (const key of ['blocks', 'passes', 'seed', 'size', 'hop']) {
    if (!isCount(p[key])) fail(`params.${key} must be a non-negative integer, got ${JSON.stringify(p[key])}`);
  }
  if (p.size < 4 || (p.size & (p.size - 1)) !== 0) fail(`params.size must be a power of two, got ${p.size}`);
  for (const [key, value] of Object.entries(options.params ?? {})) {
    if (p[key] !== value) fail(`params.${key} is ${JSON.stringify(p[key])}, expected ${JSON.stringify(value)}`);
  }
  if (!Array.isArray(out.records)) fail('the output has no records array');
  if (typeof out.spectrumDigest !== 'string') fail('the output has no spectrumDigest');
  if (!Array.isArray(out.peaks)) fail('the output has no peaks array');
}

/** Every (pass, block) once, in processing order, with non-decreasing known version tags. */
function checkOrder(out, options) {
  const { blocks, passes } = out.params;
  const records = out.records;
  if (records.length !== blocks * passes) {
    fail(`expected ${blocks * passes} records (${passes} passes x ${blocks} blocks), got ${records.length}`);
  }
  let previous = 0;
  records.forEach((r, i) => {
    const pass = Math.floor(i / blocks);
    const block = i % blocks;
    const where = `record ${i}`;
    if (r === null || typeof r !== 'object') fail(`${where} is not an object`);
    if (r.pass !== pass || r.block !== block) {
      fail(`${where} is (pass ${r.pass}, block ${r.block}), expected (pass ${pass}, block ${block}): blocks missing, repeated or out of order`);
    }
    if (!(r.version in VERSIONS) || !Number.isInteger(r.version)) fail(`${where} (pass ${pass}, block ${block}) has unknown version ${JSON.stringify(r.version)}`);
    if (r.version < previous) {
      fail(`${where} (pass ${pass}, block ${block}) is tagged v${r.version} after a block tagged v${previous}: versions must not go backwards`);
    }
    if (typeof r.digest !== 'string') fail(`${where} (pass ${pass}, block ${block}) has no digest`);
    previous = r.version;
  });
  const seen = [...new Set(records.map((r) => r.version))];
  if (options.expectVersions) {
    const want = [...new Set(options.expectVersions)].sort((a, b) => a - b);
    if (want.join() !== seen.join()) fail(`expected blocks tagged with versions [${want}], got [${seen}]`);
  }
  return seen;
}

/**
 * The block during which the v1 -> v2 update landed: the first block tagged >= 2 after blocks
 * tagged 1 (or the very first block when options.startVersion is 1 and it is tagged >= 2).
 */
function mixedIndex(records, options) {
  const i = records.findIndex((r) => r.version >= 2);
  if (i < 0) return -1;
  if (i > 0) return i;
  return options.startVersion === 1 ? 0 : -1;
}

/**
 * Finds the j for which "samples [0, j) windowed by v1, [j, size) by version v" gives the digest:
 * the direct cases first (j = 0: all new; j = size: the old loop had finished), then every j.
 * Returns { j, matches, power } or null.
 */
function searchMixed(v, pre, tables, want) {
  const { dsp } = VERSIONS[v];
  const n = pre.length;
  const powerNew = spectrum(v, windowed(v, pre), tables);
  if (dsp.digest(powerNew) === want) return { j: 0, matches: [0], power: powerNew };
  const powerOld = spectrum(v, windowed(1, pre), tables);
  if (dsp.digest(powerOld) === want) return { j: n, matches: [n], power: powerOld };
  const ones = new Float64Array(n).fill(1);
  const wOld = windowed(1, ones);
  const wNew = windowed(v, ones);
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = pre[i] * wNew[i];
  const matches = [];
  let power = null;
  for (let j = 1; j < n; j++) {
    x[j - 1] = pre[j - 1] * wOld[j - 1];
    const p = spectrum(v, x, tables);
    if (dsp.digest(p) === want) {
      matches.push(j);
      power ??= p;
    }
  }
  return matches.length ? { j: matches[0], matches, power } : null;
}

/**
 * Checks the output of a run (the JSON line main.js prints, as a string or parsed).
 * options.expectVersions: the exact set of version tags the records must show (e.g. [1, 2, 3, 4]);
 * options.startVersion: the version the run started in, when the first block may already be tagged
 * later (only 1 matters: it allows the very first block to be the mixed v1/v2 one);
 * options.params: values params must have (e.g. { blocks: 6, passes: 1 }).
 * Returns { params, records, versions, blocksPerVersion, firstBlock, mixed, spectrumDigest, peaks }.
 */
export function checkRun(output, options = {}) {
  const out = parseOutput(output);
  checkShape(out, options);
  const versions = checkOrder(out, options);
  const { blocks, seed, size, hop } = out.params;
  const records = out.records;
  const first = records.length ? records[0].version : (options.startVersion ?? 1);
  const signal = VERSIONS[options.startVersion ?? first].signal.generateSignal(blocks * hop + size, seed);
  const tables = {};
  const tablesOf = (v) => (tables[v] ??= VERSIONS[v].dsp.makeTables(size));
  const mixedAt = mixedIndex(records, options);
  const sum = new Float64Array(size / 2 + 1);
  const blocksPerVersion = {};
  const firstBlock = {};
  let mixed = null;
  records.forEach((r, i) => {
    const v = r.version;
    const { dsp } = VERSIONS[v];
    const gain = VERSIONS[v].signal.passGain(r.pass);
    const pre = new Float64Array(size);
    const start = r.block * hop;
    for (let k = 0; k < size; k++) pre[k] = signal[start + k] * gain;
    let power;
    if (i === mixedAt) {
      const found = searchMixed(v, pre, tablesOf(v), r.digest);
      if (!found) {
        fail(`record ${i} (pass ${r.pass}, block ${r.block}), the first tagged v${v} after v1, has digest ${r.digest}: ` +
          `no window split j in [0, ${size}] (v1 formula before j, v${v} from j) gives it`);
      }
      mixed = { index: i, pass: r.pass, block: r.block, version: v, j: found.j, matches: found.matches };
      power = found.power;
    } else {
      power = spectrum(v, windowed(v, pre), tablesOf(v));
      const want = dsp.digest(power);
      if (want !== r.digest) {
        fail(`record ${i} (pass ${r.pass}, block ${r.block}) tagged v${v} has digest ${r.digest}, v${v} computes ${want}`);
      }
    }
    dsp.accumulate(sum, power);
    blocksPerVersion[v] = (blocksPerVersion[v] ?? 0) + 1;
    firstBlock[v] ??= { index: i, pass: r.pass, block: r.block };
  });
  const last = VERSIONS[records.length ? records[records.length - 1].version : first].dsp;
  const average = last.averageSpectrum(sum, records.length);
  const spectrumDigest = last.digest(average);
  if (out.spectrumDigest !== spectrumDigest) {
    fail(`spectrumDigest is ${out.spectrumDigest}, the average of the blocks' spectra in order is ${spectrumDigest}`);
  }
  const peaks = last.topBins(average, 5);
  if (JSON.stringify(out.peaks) !== JSON.stringify(peaks)) {
    fail(`peaks are ${JSON.stringify(out.peaks)}, the average spectrum's are ${JSON.stringify(peaks)}`);
  }
  return { params: out.params, records: records.length, versions, blocksPerVersion, firstBlock, mixed, spectrumDigest, peaks };
}

function parseCliOptions(args) {
  const options = {};
  let file;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--expect') options.expectVersions = args[++i].split(',').map(Number);
    else if (args[i] === '--start-version') options.startVersion = Number(args[++i]);
    else if (file === undefined) file = args[i];
    else throw new CheckError(`unexpected argument ${args[i]}`);
  }
  if (file === undefined) throw new CheckError('usage: node check.js <output.json | -> [--expect 1,2,3,4] [--start-version 1]');
  return { file, options };
}

function main(args) {
  try {
    const { file, options } = parseCliOptions(args);
    const text = readFileSync(file === '-' ? 0 : file, 'utf8');
    const summary = checkRun(text, options);
    console.log(JSON.stringify(summary));
  } catch (e) {
    if (!(e instanceof CheckError) && e.code !== 'ENOENT') throw e;
    console.error(`fft check: FAILED: ${e.message}`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
