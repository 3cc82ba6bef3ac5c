// getters invoked implicitly by property reads, destructuring, spread, JSON.stringify
let reads = 0;
function slowSum(n) {
  UPDATE_POINT();
  let s = 0;
  for (let i = 1; i <= n; i++) {
    s += i;
    if (i % 10 === 0) UPDATE_POINT();
  }
  return s;
}
const lazy = {
  n: 20,
  get total() { reads++; return slowSum(this.n); },
  get doubled() { reads++; return this.total * 2; },
};
console.log(lazy.total, lazy.doubled, reads);

const { total, doubled } = lazy;
console.log(total + doubled, reads);

const copy = { ...lazy };
console.log(Object.getOwnPropertyDescriptor(copy, "total").get === undefined, reads);

lazy.n = 5;
console.log(JSON.stringify(lazy), reads);

// getter on a prototype called with different receivers
const proto = {
  get area() { reads++; return this.w * this.h; },
  get label() { return `${this.w}x${this.h}=${this.area}`; },
};
const rects = [];
for (let i = 1; i <= 4; i++) {
  const r = Object.create(proto);
  r.w = i;
  r.h = i + 2;
  rects.push(r);
}
console.log(rects.map((r) => r.label).join(" "), reads);
rects.sort((a, b) => b.area - a.area);
console.log(rects.map((r) => r.w).join(","), reads);

// Object.defineProperty getters on arrays and in loops of property reads
const arr = [1, 2, 3];
Object.defineProperty(arr, "sum", { get() { reads++; return this.reduce((a, b) => a + b, 0); } });
let acc = 0;
for (let i = 0; i < 5; i++) {
  UPDATE_POINT();
  arr.push(i);
  acc += arr.sum;
}
console.log(acc, reads);

// getters on classes in template literals and conditions
class Temperature {
  constructor(c) { this.c = c; }
  get f() { reads++; return this.c * 1.8 + 32; }
  get hot() { return this.f > 80; }
}
const temps = [10, 25, 30, 40].map((c) => new Temperature(c));
for (const t of temps) console.log(`${t.c}C = ${t.f}F ${t.hot ? "hot" : "mild"}`);
console.log("reads", reads);

// `in` and hasOwnProperty do not call getters; Object.entries does
const probe = { get x() { reads++; return 1; } };
const before = reads;
const checks = ["x" in probe, Object.prototype.hasOwnProperty.call(probe, "x")];
console.log(checks.join(","), reads - before, Object.entries(probe).length, reads - before);
