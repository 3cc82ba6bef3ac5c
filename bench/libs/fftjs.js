// fft.js (radix-4 FFT, by Fedor Indutny): forward and inverse transforms, real and complex, of a
// few large signals, many times. Tight numeric loops over plain arrays inside the library.
import FFT from 'fft.js';

export const meta = {
  name: 'fftjs',
  kind: 'library',
  description: 'fft.js 4.0.4: real and complex forward + inverse FFTs of 4096..65536-point signals',
  packages: ['fft.js'],
};

// A deterministic signal: a few sines plus a small sawtooth, no randomness.
function signal(n, k) {
  const out = new Array(n);
  for (let i = 0; i < n; i++) {
    const t = i / n;
    out[i] = Math.sin(2 * Math.PI * (3 + k) * t) + 0.5 * Math.cos(2 * Math.PI * (40 + 7 * k) * t) +
      0.25 * Math.sin(2 * Math.PI * 911 * t) + ((i * (k + 1)) % 17) / 170;
  }
  return out;
}

export function setup(size) {
  const sizes = size === 'smoke' ? [1024, 4096] : [4096, 16384, 65536];
  const repeats = size === 'smoke' ? 1 : 40;
  const cases = sizes.map((n, k) => {
    const fft = new FFT(n);
    const complex = fft.toComplexArray(signal(n, k + 5));
    // A non-zero imaginary part for the complex transform.
    for (let i = 1; i < complex.length; i += 2) complex[i] = 0.5 * Math.sin(i / 97);
    return { fft, real: signal(n, k), complex, spectrum: fft.createComplexArray(), back: fft.createComplexArray() };
  });
  return { cases, repeats };
}

// Weighted sum and absolute sum: depends on every element and its position.
function sums(arr, acc) {
  let s = 0;
  let a = 0;
  for (let i = 0; i < arr.length; i++) {
    s += arr[i] * ((i % 5) + 1);
    a += Math.abs(arr[i]);
  }
  acc[0] += s;
  acc[1] += a;
}

function fnv(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

export function run({ cases, repeats }) {
  const parts = [];
  let total = 0;
  for (const c of cases) {
    const { fft } = c;
    const acc = [0, 0];
    let err = 0;
    for (let r = 0; r < repeats; r++) {
      // Real input: half spectrum, completed to the full one, then back.
      fft.realTransform(c.spectrum, c.real);
      fft.completeSpectrum(c.spectrum);
      sums(c.spectrum, acc);
      fft.inverseTransform(c.back, c.spectrum);
      sums(c.back, acc);
      // Complex input, forward and back.
      fft.transform(c.spectrum, c.complex);
      sums(c.spectrum, acc);
      fft.inverseTransform(c.back, c.spectrum);
      sums(c.back, acc);
    }
    for (let i = 0; i < c.back.length; i++) err = Math.max(err, Math.abs(c.back[i] - c.complex[i]));
    parts.push(`${fft.size}:${acc[0].toFixed(4)}/${acc[1].toFixed(4)}/${err < 1e-9 ? 'ok' : err}`);
    total += acc[1];
  }
  return `${fnv(parts.join(' '))}:${total.toFixed(3)}`;
}
