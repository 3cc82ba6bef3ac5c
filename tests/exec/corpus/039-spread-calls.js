// spread arguments in calls, new, method calls, with iterables and side effects
function sum(...nums) {
  UPDATE_POINT();
  let s = 0;
  for (const n of nums) {
    s += n;
    if (s % 7 === 0) UPDATE_POINT();
  }
  return s;
}
const a = [1, 2, 3];
const b = [10, 20];
console.log(sum(...a), sum(...a, ...b), sum(0, ...b, 5, ...a, 100), sum(...[]), sum(..."12345".split("").map(Number)));

let pulls = 0;
const iter = {
  *[Symbol.iterator]() {
    for (let i = 0; i < 5; i++) {
      pulls++;
      yield i * 3;
    }
  },
};
console.log(sum(...iter), pulls, Math.max(...iter), pulls);

function order(...args) { return args.join(""); }
const log = [];
function item(x) { log.push(x); return x; }
console.log(order(item("a"), ...[item("b"), item("c")], item("d"), ...item(["e", "f"])));
console.log(log.join(""));

class Point3 {
  constructor(x = 0, y = 0, z = 0) { this.x = x; this.y = y; this.z = z; }
  toString() { return `(${this.x},${this.y},${this.z})`; }
}
const coords = [[1, 2, 3], [4, 5], [6]];
console.log(coords.map((c) => String(new Point3(...c))).join(" "));

const obj = {
  factor: 3,
  scale(...xs) { return xs.map((x) => x * this.factor); },
};
console.log(obj.scale(...a, ...b).join(","), obj["scale"](...new Set([1, 1, 2])).join(","));

// spread with apply-like recursion
function deepSum(first, ...rest) {
  UPDATE_POINT();
  if (first === undefined) return 0;
  return (Array.isArray(first) ? deepSum(...first) : first) + deepSum(...rest);
}
console.log(deepSum(1, [2, [3, [4]], 5], [[6]], 7));

// large spread into push
const big = [];
for (let i = 0; i < 10; i++) big.push(...Array.from({ length: i }, (_, k) => k * i));
console.log(big.length, sum(...big));
const fnSpread = (f, ...args) => f(...args);
console.log(fnSpread(sum, 4, 5, 6), fnSpread(Math.min, ...b, ...a));
