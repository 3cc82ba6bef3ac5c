// a bitset class over Uint32Array: set/clear/test, popcount, iteration, set algebra, sieve and subset DP
class BitSet {
  constructor(size) {
    UPDATE_POINT();
    this.size = size;
    this.words = new Uint32Array(Math.ceil(size / 32));
  }
  set(i) { this.words[i >>> 5] |= 1 << (i & 31); return this; }
  clear(i) { this.words[i >>> 5] &= ~(1 << (i & 31)); return this; }
  has(i) { return (this.words[i >>> 5] & (1 << (i & 31))) !== 0; }
  static popcount32(x) {
    x = x - ((x >>> 1) & 0x55555555);
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }
  count() {
    let c = 0;
    for (const w of this.words) c += BitSet.popcount32(w);
    return c;
  }
  *[Symbol.iterator]() {
    for (let wi = 0; wi < this.words.length; wi++) {
      let w = this.words[wi];
      while (w !== 0) {
        const t = w & -w;
        const bit = 31 - Math.clz32(t);
        yield wi * 32 + bit;
        w ^= t;
      }
    }
  }
  #combine(other, f) {
    const out = new BitSet(this.size);
    for (let i = 0; i < this.words.length; i++) out.words[i] = f(this.words[i], other.words[i]);
    return out;
  }
  and(o) { return this.#combine(o, (a, b) => a & b); }
  or(o) { return this.#combine(o, (a, b) => a | b); }
  xor(o) { return this.#combine(o, (a, b) => a ^ b); }
  andNot(o) { return this.#combine(o, (a, b) => a & ~b); }
  toString() { return [...this].join(","); }
}
const evens = new BitSet(100), threes = new BitSet(100);
for (let i = 0; i < 100; i += 2) evens.set(i);
for (let i = 0; i < 100; i += 3) threes.set(i);
console.log(evens.count(), threes.count(), evens.and(threes).count(), evens.or(threes).count(), evens.xor(threes).count());
console.log(String(evens.and(threes)).slice(0, 40), "|", String(threes.andNot(evens)).slice(0, 30));

// sieve with a bitset of composites
const N = 5000;
const comp = new BitSet(N + 1);
comp.set(0).set(1);
for (let p = 2; p * p <= N; p++) {
  if (comp.has(p)) continue;
  for (let q = p * p; q <= N; q += p) comp.set(q);
  UPDATE_POINT();
}
const primeCount = N + 1 - comp.count();
let lastPrime = N;
while (comp.has(lastPrime)) lastPrime--;
console.log("primes <=", N, primeCount, "largest", lastPrime);

// popcount checks against a naive loop
let mismatches = 0;
for (let x = 0; x < 70000; x += 37) {
  let naive = 0;
  for (let y = x; y; y >>>= 1) naive += y & 1;
  if (naive !== BitSet.popcount32(x)) mismatches++;
}
console.log("popcount mismatches", mismatches, BitSet.popcount32(0xffffffff), BitSet.popcount32(0x80000001));

// subset-sum reachability with shifting bit masks (as BigInt for arbitrary width)
function subsetSums(nums) {
  UPDATE_POINT();
  let reach = 1n;
  for (const n of nums) reach |= reach << BigInt(n);
  const out = [];
  for (let s = 0; reach >> BigInt(s); s++) if ((reach >> BigInt(s)) & 1n) out.push(s);
  return out;
}
const sums = subsetSums([3, 5, 11, 17]);
console.log(sums.length, sums.join(","));
// gray codes and bit tricks
const gray = Array.from({ length: 16 }, (_, i) => i ^ (i >>> 1));
console.log(gray.map((g) => g.toString(2).padStart(4, "0")).join(" "));
console.log(gray.every((g, i) => i === 0 || BitSet.popcount32(g ^ gray[i - 1]) === 1), Math.clz32(1), Math.clz32(0), (-1 >>> 0).toString(16), 1 << 31, (1 << 31) >>> 0);
