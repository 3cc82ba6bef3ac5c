// prime sieves: Eratosthenes, segmented sieve, smallest-prime-factor table, prime gaps and twin primes
function sieve(n) {
  UPDATE_POINT();
  const composite = new Uint8Array(n + 1);
  const primes = [];
  for (let i = 2; i <= n; i++) {
    if (!composite[i]) {
      primes.push(i);
      for (let j = i * i; j <= n; j += i) composite[j] = 1;
    }
    if (i % 2000 === 0) UPDATE_POINT();
  }
  return primes;
}
const primes = sieve(20000);
console.log("count", primes.length, "last", primes[primes.length - 1], "sum mod", primes.reduce((a, b) => (a + b) % 1000000007, 0));

function segmented(lo, hi, base) {
  const mark = new Uint8Array(hi - lo + 1);
  for (const p of base) {
    if (p * p > hi) break;
    let start = Math.max(p * p, Math.ceil(lo / p) * p);
    for (let j = start; j <= hi; j += p) mark[j - lo] = 1;
  }
  const out = [];
  for (let i = 0; i < mark.length; i++) if (!mark[i] && i + lo >= 2) out.push(i + lo);
  return out;
}
const seg = segmented(1000000, 1000200, primes);
console.log("primes in [1e6, 1e6+200]:", seg.join(","));

function spf(n) {
  const s = new Int32Array(n + 1);
  for (let i = 2; i <= n; i++) {
    if (s[i] === 0) for (let j = i; j <= n; j += i) if (s[j] === 0) s[j] = i;
  }
  return s;
}
const table = spf(5000);
function factor(n) {
  const f = [];
  while (n > 1) {
    f.push(table[n]);
    n /= table[n];
  }
  return f;
}
console.log([360, 4999, 4096, 3003, 2310].map((n) => `${n}=${factor(n).join("*")}`).join(" "));

let maxGap = 0, gapAt = 0, twins = 0;
for (let i = 1; i < primes.length; i++) {
  const g = primes[i] - primes[i - 1];
  if (g > maxGap) { maxGap = g; gapAt = primes[i - 1]; }
  if (g === 2) twins++;
}
console.log("max gap", maxGap, "after", gapAt, "twin pairs", twins);

// Goldbach partitions for a few even numbers
const isPrime = new Set(primes);
for (const n of [4, 28, 100, 1000, 9998]) {
  let ways = 0, first = null;
  for (const p of primes) {
    if (p > n / 2) break;
    if (isPrime.has(n - p)) { ways++; first ??= `${p}+${n - p}`; }
  }
  console.log("goldbach", n, ways, first);
}
// Euler totient via the sieve
function phi(n) {
  UPDATE_POINT();
  let result = n;
  for (const p of new Set(factor(n))) result -= result / p;
  return result;
}
console.log([1, 9, 10, 36, 97, 100, 4096, 2310].map((n) => n === 1 ? 1 : phi(n)).join(","));
