// rational numbers with BigInt: exact arithmetic, continued fractions, harmonic numbers, Egyptian fractions
function gcd(a, b) {
  UPDATE_POINT();
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b) [a, b] = [b, a % b];
  return a;
}
class Rat {
  constructor(n, d = 1n) {
    n = BigInt(n);
    d = BigInt(d);
    if (d === 0n) throw new RangeError("zero denominator");
    if (d < 0n) { n = -n; d = -d; }
    const g = gcd(n, d) || 1n;
    this.n = n / g;
    this.d = d / g;
  }
  add(o) { return new Rat(this.n * o.d + o.n * this.d, this.d * o.d); }
  sub(o) { return new Rat(this.n * o.d - o.n * this.d, this.d * o.d); }
  mul(o) { return new Rat(this.n * o.n, this.d * o.d); }
  div(o) { return new Rat(this.n * o.d, this.d * o.n); }
  cmp(o) { const x = this.n * o.d - o.n * this.d; return x < 0n ? -1 : x > 0n ? 1 : 0; }
  toString() { return this.d === 1n ? `${this.n}` : `${this.n}/${this.d}`; }
  toDecimal(digits) {
    let s = (this.n < 0n ? "-" : "") + (Math.abs(Number(this.n / this.d)) | 0);
    let rem = (this.n < 0n ? -this.n : this.n) % this.d;
    s += ".";
    for (let i = 0; i < digits; i++) {
      rem *= 10n;
      s += rem / this.d;
      rem %= this.d;
    }
    return s;
  }
}
let h = new Rat(0);
for (let k = 1; k <= 30; k++) {
  h = h.add(new Rat(1, k));
  if (k % 10 === 0) {
    UPDATE_POINT();
    console.log(`H(${k}) = ${h} ~ ${h.toDecimal(12)}`);
  }
}
const a = new Rat(3, 4), b = new Rat(-5, 6);
console.log(String(a.add(b)), String(a.sub(b)), String(a.mul(b)), String(a.div(b)), a.cmp(b), b.cmp(a), a.cmp(new Rat(6, 8)));

function continuedFraction(r, max = 20) {
  const terms = [];
  let n = r.n, d = r.d;
  while (d !== 0n && terms.length < max) {
    let q = n / d;
    if (n % d !== 0n && n < 0n) q -= 1n;
    terms.push(q);
    [n, d] = [d, n - q * d];
  }
  return terms;
}
console.log(continuedFraction(new Rat(415, 93)).join(","), continuedFraction(new Rat(-7, 3)).join(","));
function convergents(terms) {
  const out = [];
  let [h0, h1, k0, k1] = [1n, terms[0], 0n, 1n];
  out.push(new Rat(h1, k1));
  for (let i = 1; i < terms.length; i++) {
    [h0, h1] = [h1, terms[i] * h1 + h0];
    [k0, k1] = [k1, terms[i] * k1 + k0];
    out.push(new Rat(h1, k1));
  }
  return out;
}
// sqrt(2) = [1; 2, 2, 2, ...]
console.log(convergents([1n, 2n, 2n, 2n, 2n, 2n, 2n, 2n]).map(String).join(" "));

function egyptian(r) {
  const parts = [];
  while (r.n > 0n) {
    const c = (r.d + r.n - 1n) / r.n;
    parts.push("1/" + c);
    r = r.sub(new Rat(1n, c));
  }
  return parts.join(" + ");
}
console.log(egyptian(new Rat(4, 13)), "|", egyptian(new Rat(5, 121)));
// Bernoulli numbers via the Akiyama-Tanigawa algorithm
function bernoulli(n) {
  const A = [];
  for (let m = 0; m <= n; m++) {
    A[m] = new Rat(1, m + 1);
    for (let j = m; j >= 1; j--) A[j - 1] = new Rat(j).mul(A[j - 1].sub(A[j]));
  }
  return A[0];
}
console.log([0, 1, 2, 4, 6, 8, 10, 12].map((n) => `B${n}=${bernoulli(n)}`).join(" "));
try {
  new Rat(1, 0);
} catch (e) {
  UPDATE_POINT();
  console.log(e.constructor.name, e.message);
}
