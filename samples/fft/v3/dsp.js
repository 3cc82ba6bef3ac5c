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

/** Multiplies the real parts of the first n samples (buf[2i]) by a Hann window, in place. */
export function applyWindow(buf, n) {
  for (let i = 0; i < n; i++) {
    buf[2 * i] = buf[2 * i] * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (n - 1)));
  }
}

/** Forward FFT in place on one interleaved array (buf[2k] real, buf[2k+1] imaginary part of X_k). */
export function fft(buf, tables) {
  const n = tables.size;
  const rev = tables.rev;
  for (let i = 0; i < n; i++) {
    const j = rev[i];
    if (i < j) {
      const tr = buf[2 * i];
      buf[2 * i] = buf[2 * j];
      buf[2 * j] = tr;
      const ti = buf[2 * i + 1];
      buf[2 * i + 1] = buf[2 * j + 1];
      buf[2 * j + 1] = ti;
    }
  }
  for (let len = 2; len <= n; len *= 2) {
    const half = len / 2;
    const step = n / len;
    for (let start = 0; start < n; start += len) {
      for (let k = 0; k < half; k++) {
        const wr = tables.cos[k * step];
        const wi = tables.sin[k * step];
        const a = 2 * (start + k);
        const b = a + 2 * half;
        const xr = wr * buf[b] - wi * buf[b + 1];
        const xi = wr * buf[b + 1] + wi * buf[b];
        buf[b] = buf[a] - xr;
        buf[b + 1] = buf[a + 1] - xi;
        buf[a] = buf[a] + xr;
        buf[a + 1] = buf[a + 1] + xi;
      }
    }
  }
}

/** |X_k|^2 for k = 0..n/2, into out (length n/2 + 1). */
export function powerSpectrum(buf, out) {
  for (let k = 0; k < out.length; k++) {
    out[k] = buf[2 * k] * buf[2 * k] + buf[2 * k + 1] * buf[2 * k + 1];
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
