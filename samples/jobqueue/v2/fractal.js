// The jobs: job k renders a tile of the Mandelbrot set (escape-time counts, one per pixel) around a
// point of its boundary chosen from a seed, and digests it.

/** Points on the set's boundary (real, imaginary) where tiles find detail at every zoom. */
const PLACES = [
  [-0.743643887037151, 0.13182590420533],
  [-0.7453, 0.1127],
  [-1.25066, 0.02012],
  [-0.748, 0.1],
  [0.2549, 0.0005],
  [-0.5251993, -0.5251993],
  [-0.39054, -0.58679],
  [0.3245, 0.04855],
  [-1.315, 0.0735],
];

/** mulberry32: a 32-bit generator kept as plain data ({ state }). */
function nextRandom(rng) {
  rng.state = (rng.state + 0x6d2b79f5) >>> 0;
  let z = rng.state;
  z = Math.imul(z ^ (z >>> 15), z | 1);
  z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
  return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
}

/** Job k's view: a place, moved a little, and a zoom (the complex width of one pixel), from the seed. */
export function tileView(job, seed, width) {
  const rng = { state: (seed ^ Math.imul(job + 1, 0x9e3779b9)) >>> 0 };
  const place = PLACES[Math.floor(nextRandom(rng) * PLACES.length)];
  const span = 0.02 * Math.pow(0.1, 2 * nextRandom(rng));
  return {
    x: place[0] + (nextRandom(rng) - 0.5) * span * 0.5,
    y: place[1] + (nextRandom(rng) - 0.5) * span * 0.5,
    step: span / width,
  };
}

/** Iterations of z = z^2 + c from 0 until |z| > 2 (at most `limit`). */
export function escapeTime(cx, cy, limit) {
  let x = 0;
  let y = 0;
  let n = 0;
  while (n < limit) {
    const xx = x * x;
    const yy = y * y;
    if (xx + yy > 4) break;
    y = 2 * x * y + cy;
    x = xx - yy + cx;
    n++;
  }
  return n;
}

/** Job k's tile: width x height escape counts, row by row, top row first. */
export function renderTile(job, params) {
  const { width, height, iters, seed } = params;
  const view = tileView(job, seed, width);
  const counts = new Int32Array(width * height);
  for (let row = 0; row < height; row++) {
    const cy = view.y + (height / 2 - row) * view.step;
    for (let col = 0; col < width; col++) {
      const cx = view.x + (col - width / 2) * view.step;
      counts[row * width + col] = escapeTime(cx, cy, iters);
    }
  }
  return counts;
}

/** The sum of a tile's counts: the iterations it took. */
export function countSum(counts) {
  let sum = 0;
  for (let i = 0; i < counts.length; i++) sum += counts[i];
  return sum;
}

/** 32-bit FNV-1a of `length` counts from `start`, each as its 4 little-endian bytes. */
export function rowHash(counts, start, length) {
  let h = 0x811c9dc5;
  for (let i = start; i < start + length; i++) {
    const v = counts[i];
    h = Math.imul(h ^ (v & 0xff), 0x01000193);
    h = Math.imul(h ^ ((v >>> 8) & 0xff), 0x01000193);
    h = Math.imul(h ^ ((v >>> 16) & 0xff), 0x01000193);
    h = Math.imul(h ^ (v >>> 24), 0x01000193);
  }
  return h >>> 0;
}

/**
 * A tile's digest: the 64-bit FNV-1a (16 hex digits) of its rows' 32-bit hashes, each as 4
 * little-endian bytes. Hashing rows first lets a checker try every pixel where a job may have
 * changed hands between two versions without rehashing the whole tile each time.
 */
export function tileDigest(counts, width) {
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  for (let start = 0; start < counts.length; start += width) {
    const r = rowHash(counts, start, width);
    for (let b = 0; b < 32; b += 8) {
      // (hi, lo) = ((hi, lo) ^ byte) * 0x100000001b3 mod 2^64, exactly: lo * 0x1b3 < 2^41.
      const x = (lo ^ ((r >>> b) & 0xff)) >>> 0;
      const p = x * 0x1b3;
      hi = (Math.imul(hi, 0x1b3) + (x << 8) + Math.floor(p / 0x100000000)) >>> 0;
      lo = p >>> 0;
    }
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}
