// Block analysis: Hann window, radix-2 FFT, power spectrum, and the digests of the results.

/** Bit-reversal permutation and twiddle factors for an FFT of size n (a power of two). */
export function makeTables(n) {
  const bits = Math.round(Math.log2(n));
  if (1 << bits !== n) throw new Error(`FFT size must be a power of two, got ${n}`);
  const rev = new Uint32Array(n);
  for (let i = 1; i < n; i++) rev[i] = (rev[i >> 1] >> 1) | ((i & 1) << (bits - 1));
  const cos = new Float64Array(n / 2);
  const sin = new Float64Array(n / 2);
  for (let k = 0; k < n / 2; k++) {
    cos[k] = Math.cos((2 * Math.PI * k) / n);
    sin[k] = -Math.sin((2 * Math.PI * k) / n);
  }
  return { size: n, rev, cos, sin };
}

/** Multiplies the first n samples by a Hann window, in place. */
export function applyWindow(re, n) {
  for (let i = 0; i < n; i++) {
    re[i] = re[i] * (0.5 - 0.5 * Math.cos((Math.PI * i) / (n - 1)));
  }
}

/** Forward FFT in place on split arrays: bit reversal, then butterflies of growing length. */
export function fft(re, im, tables) {
  const n = tables.size;
  const rev = tables.rev;
  for (let i = 0; i < n; i++) {
    const j = rev[i];
    if (i < j) {
      const tr = re[i];
      re[i] = re[j];
      re[j] = tr;
      const ti = im[i];
      im[i] = im[j];
      im[j] = ti;
    }
  }
  for (let len = 2; len <= n; len *= 2) {
    const half = len / 2;
    const step = n / len;
    for (let start = 0; start < n; start += len) {
      for (let k = 0; k < half; k++) {
        const wr = tables.cos[k * step];
        const wi = tables.sin[k * step];
        const a = start + k;
        const b = a + half;
        const xr = wr * re[b] - wi * im[b];
        const xi = wr * im[b] + wi * re[b];
        re[b] = re[a] - xr;
        im[b] = im[a] - xi;
        re[a] = re[a] + xr;
        im[a] = im[a] + xi;
      }
    }
  }
}

/** |X_k|^2 for k = 0..n/2, into out (length n/2 + 1). */
export function powerSpectrum(re, im, out) {
  for (let k = 0; k < out.length; k++) {
    out[k] = re[k] * re[k] + im[k] * im[k];
  }
}

export function accumulate(sum, power) {
  for (let k = 0; k < sum.length; k++) sum[k] += power[k];
}

export function averageSpectrum(sum, count) {
  const avg = new Float64Array(sum.length);
  for (let k = 0; k < sum.length; k++) avg[k] = sum[k] / count;
  return avg;
}

/** 64-bit FNV-1a over the bytes of a Float64Array, as 16 hex digits (two 32-bit halves, exact). */
export function digest(values) {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  for (let i = 0; i < bytes.length; i++) {
    const x = (lo ^ bytes[i]) >>> 0;
    const p = x * 0x1b3;
    hi = (Math.imul(hi, 0x1b3) + Math.floor(p / 0x100000000) + (x << 8)) >>> 0;
    lo = p >>> 0;
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

/** The `count` strongest local maxima of a spectrum (DC excluded), strongest first. */
export function topBins(spectrum, count) {
  const best = [];
  for (let k = 1; k < spectrum.length - 1; k++) {
    if (!(spectrum[k] > spectrum[k - 1] && spectrum[k] >= spectrum[k + 1])) continue;
    let pos = best.length;
    while (pos > 0 && spectrum[best[pos - 1]] < spectrum[k]) pos--;
    if (pos < count) {
      best.splice(pos, 0, k);
      if (best.length > count) best.pop();
    }
  }
  return best;
}
