// A long spectral analysis: overlapping blocks of a test signal, windowed, transformed and averaged,
// for several passes. Prints one line of JSON; progress goes to stderr.
import { generateSignal, passGain } from './signal.js';
import { makeTables, applyWindow, fft, powerBins, accumulate, averageSpectrum, digest, topBins } from './dsp.js';

const SIZE = 4096;
const HOP = 2048;

function parseArgs(argv) {
  const params = { blocks: 400, passes: 90, seed: 20240611, size: SIZE, hop: HOP };
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i].replace(/^--/, '');
    const value = Number(argv[i + 1]);
    if (!['blocks', 'passes', 'seed'].includes(name) || !Number.isInteger(value) || value < 0) {
      throw new Error(`usage: main.js [--blocks N] [--passes P] [--seed S] (bad argument ${argv[i]} ${argv[i + 1]})`);
    }
    params[name] = value;
  }
  return params;
}

/** Copies one block of the signal, scaled by the pass gain, and windows it. */
function prepareBlock(signal, start, gain, n) {
  const buf = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) buf[2 * i] = signal[start + i] * gain;
  applyWindow(buf, n);
  return buf;
}

/** Transforms a prepared block, adds its power spectrum to the sum and returns its record. */
function analyzeBlock(buf, tables, sum, pass, block) {
  const n = tables.size;
  fft(buf, tables);
  const power = new Float64Array(n / 2 + 1);
  powerBins(buf, power);
  accumulate(sum, power);
  const blockDigest = digest(power);
  return { pass, block, version: 4, digest: blockDigest };
}

/** Every block of every pass in order; the record of each block, and the average spectrum. */
function runJob(params) {
  const { blocks, passes, seed, size, hop } = params;
  const signal = generateSignal(blocks * hop + size, seed);
  const tables = makeTables(size);
  const sum = new Float64Array(size / 2 + 1);
  const records = [];
  for (let pass = 0; pass < passes; pass++) {
    const gain = passGain(pass);
    for (let block = 0; block < blocks; block++) {
      if (block % 50 === 0) process.stderr.write(`block ${block}/${blocks} pass ${pass}\n`);
      const buf = prepareBlock(signal, block * hop, gain, tables.size);
      records.push(analyzeBlock(buf, tables, sum, pass, block));
    }
  }
  const average = averageSpectrum(sum, records.length);
  return { params, records, spectrumDigest: digest(average), peaks: topBins(average, 5) };
}

console.log(JSON.stringify(runJob(parseArgs(process.argv.slice(2)))));
