// polynomial arithmetic with coefficient arrays: add, multiply, divide, evaluate, derivative, roots by bisection
class Poly {
  constructor(coeffs) {
    UPDATE_POINT();
    // coeffs[i] is the coefficient of x^i
    const c = coeffs.slice();
    while (c.length > 1 && c[c.length - 1] === 0) c.pop();
    this.c = c;
  }
  get degree() { return this.c.length - 1; }
  add(o) {
    const n = Math.max(this.c.length, o.c.length);
    const r = [];
    for (let i = 0; i < n; i++) r.push((this.c[i] || 0) + (o.c[i] || 0));
    return new Poly(r);
  }
  scale(k) { return new Poly(this.c.map((v) => v * k)); }
  sub(o) { return this.add(o.scale(-1)); }
  mul(o) {
    const r = new Array(this.c.length + o.c.length - 1).fill(0);
    this.c.forEach((a, i) => o.c.forEach((b, j) => { r[i + j] += a * b; }));
    return new Poly(r);
  }
  divmod(d) {
    let rem = this.c.slice();
    const q = new Array(Math.max(1, this.c.length - d.c.length + 1)).fill(0);
    const lead = d.c[d.c.length - 1];
    for (let i = rem.length - d.c.length; i >= 0; i--) {
      const f = rem[i + d.c.length - 1] / lead;
      q[i] = f;
      for (let j = 0; j < d.c.length; j++) rem[i + j] -= f * d.c[j];
      UPDATE_POINT();
    }
    return [new Poly(q), new Poly(rem.slice(0, Math.max(1, d.c.length - 1)))];
  }
  at(x) {
    let r = 0;
    for (let i = this.c.length - 1; i >= 0; i--) r = r * x + this.c[i];
    return r;
  }
  derivative() { return new Poly(this.c.slice(1).map((v, i) => v * (i + 1))); }
  toString() {
    const terms = [];
    for (let i = this.c.length - 1; i >= 0; i--) {
      const v = this.c[i];
      if (v === 0 && this.c.length > 1) continue;
      const mag = Math.abs(v);
      const coef = mag === 1 && i > 0 ? "" : String(mag);
      const term = coef + (i === 0 ? "" : i === 1 ? "x" : "x^" + i);
      terms.push((v < 0 ? "-" : "+") + term);
    }
    const s = terms.join(" ").replace(/^\+/, "").replace(/ \+/g, " + ").replace(/ -/g, " - ");
    return s || "0";
  }
}
const p = new Poly([-6, 11, -6, 1]); // (x-1)(x-2)(x-3)
const q = new Poly([1, 1]); // x + 1
console.log(String(p), "|", String(q), "|", String(p.add(q)), "|", String(p.sub(p)));
console.log(String(p.mul(q)), "|", String(q.mul(q).mul(q)));
const [quot, rem] = p.divmod(new Poly([-1, 1]));
console.log(String(quot), "rem", String(rem));
const [q2, r2] = p.mul(q).add(new Poly([5])).divmod(q);
console.log(String(q2), "rem", String(r2));
console.log([0, 1, 2, 3, 4, -1].map((x) => p.at(x)).join(","), String(p.derivative()), String(p.derivative().derivative()));

function bisect(poly, lo, hi, iters = 50) {
  let flo = poly.at(lo);
  for (let i = 0; i < iters; i++) {
    const mid = (lo + hi) / 2;
    const fm = poly.at(mid);
    if (fm === 0) return mid;
    if ((fm < 0) === (flo < 0)) { lo = mid; flo = fm; } else hi = mid;
  }
  return (lo + hi) / 2;
}
function roots(poly, from, to, steps) {
  const out = [];
  const h = (to - from) / steps;
  for (let i = 0; i < steps; i++) {
    UPDATE_POINT();
    const a = from + i * h, b = a + h;
    if (poly.at(a) === 0) out.push(a);
    else if (poly.at(a) * poly.at(b) < 0) out.push(bisect(poly, a, b));
  }
  return out;
}
console.log(roots(p, -10, 10, 97).map((r) => r.toFixed(6)).join(" "));
const cheb = [new Poly([1]), new Poly([0, 1])];
for (let n = 2; n <= 6; n++) cheb.push(new Poly([0, 2]).mul(cheb[n - 1]).sub(cheb[n - 2]));
console.log(cheb.map(String).join(" ; "));
console.log(roots(cheb[5], -1, 1, 1000).map((r) => r.toFixed(4)).join(" "));
