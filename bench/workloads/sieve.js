// A long CPU-bound job: count primes below a bound segment by segment, with a running checksum.
export const meta = { name: 'sieve', kind: 'kernel', description: 'segmented prime sieve over typed arrays' };

function isqrt(n) {
  let r = Math.floor(Math.sqrt(n));
  while (r * r > n) r--;
  return r;
}

function basePrimes(limit) {
  const marks = new Uint8Array(limit + 1);
  const out = [];
  for (let i = 2; i <= limit; i++) {
    if (marks[i]) continue;
    out.push(i);
    for (let j = i * i; j <= limit; j += i) marks[j] = 1;
  }
  return out;
}

function sieveSegment(lo, hi, primes) {
  const marks = new Uint8Array(hi - lo);
  for (const p of primes) {
    if (p * p >= hi) break;
    const start = Math.max(p * p, Math.ceil(lo / p) * p);
    for (let j = start; j < hi; j += p) marks[j - lo] = 1;
  }
  let count = 0;
  let checksum = 0;
  for (let i = 0; i < marks.length; i++) {
    if (!marks[i] && lo + i >= 2) {
      count++;
      checksum = (checksum * 31 + (lo + i)) % 1000000007;
    }
  }
  return { count, checksum };
}

export function setup(size) {
  return { limit: size === 'smoke' ? 200000 : 10000000, segment: 65536 };
}

export function run({ limit, segment }) {
  const primes = basePrimes(isqrt(limit) + 1);
  let total = 0;
  let checksum = 0;
  for (let lo = 0; lo < limit; lo += segment) {
    const { count, checksum: c } = sieveSegment(lo, Math.min(lo + segment, limit), primes);
    total += count;
    checksum = (checksum + c) % 1000000007;
  }
  return `${total}:${checksum}`;
}
