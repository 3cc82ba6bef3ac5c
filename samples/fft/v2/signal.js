// The input of the job: a deterministic test signal, a few sines plus uniform noise, from a seed.

/** mulberry32: a 32-bit generator kept as plain data ({ state }) so a frame can hold it. */
export function nextRandom(rng) {
  rng.state = (rng.state + 0x6d2b79f5) >>> 0;
  let z = rng.state;
  z = Math.imul(z ^ (z >>> 15), z | 1);
  z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
  return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
}

/** Five tones (frequency in cycles per sample, amplitude, phase) drawn from the generator. */
function drawTones(rng) {
  const tones = [];
  for (let t = 0; t < 5; t++) {
    tones.push({
      freq: 0.005 + 0.24 * nextRandom(rng),
      amp: 0.2 + nextRandom(rng),
      phase: 2 * Math.PI * nextRandom(rng),
    });
  }
  return tones;
}

export function generateSignal(length, seed) {
  const rng = { state: seed >>> 0 };
  const tones = drawTones(rng);
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    let v = 0.5 * (nextRandom(rng) - 0.5);
    for (const tone of tones) v += tone.amp * Math.sin(2 * Math.PI * tone.freq * i + tone.phase);
    out[i] = v;
  }
  return out;
}

/** Each pass scales the signal by its own gain (exact binary fractions), so passes differ. */
export function passGain(pass) {
  return 1 + (pass % 8) * 0.125;
}
