// A long spectral analysis: overlapping blocks of a test signal, windowed, transformed and averaged,
// for several passes. Prints one line of JSON; progress goes to stderr.
import { generateSignal, passGain } from './signal.js';
import { makeTables, applyWindow, fft, powerSpectrum, accumulate, averageSpectrum, digest, topBins } from './dsp.js';

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

/** One block: copied and scaled by the pass gain, windowed, transformed, added to the sum. */
function processBlock(signal, start, gain, tables, sum, pass, block) {
  const n = tables.size;
  const buf = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) buf[2 * i] = signal[start + i] * gain;
  applyWindow(buf, n);
  fft(buf, tables);
  const power = new Float64Array(n / 2 + 1);
  powerSpectrum(buf, power);
  accumulate(sum, power);
  const blockDigest = digest(power);
  return { pass, block, version: 3, digest: blockDigest };
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
      records.push(processBlock(signal, block * hop, gain, tables, sum, pass, block));
    }
  }
  const average = averageSpectrum(sum, records.length);
  return { params, records, spectrumDigest: digest(average), peaks: topBins(average, 5) };
}

console.log(JSON.stringify(runJob(parseArgs(process.argv.slice(2)))));
