// recursive deep clone and deep equality handling arrays, Maps, Sets, Dates-free objects, cycles
function deepClone(v, seen = new Map()) {
  UPDATE_POINT();
  if (v === null || typeof v !== "object") return v;
  if (seen.has(v)) return seen.get(v);
  let out;
  if (Array.isArray(v)) {
    out = [];
    seen.set(v, out);
    for (let i = 0; i < v.length; i++) out[i] = deepClone(v[i], seen);
  } else if (v instanceof Map) {
    out = new Map();
    seen.set(v, out);
    for (const [k, x] of v) out.set(deepClone(k, seen), deepClone(x, seen));
  } else if (v instanceof Set) {
    out = new Set();
    seen.set(v, out);
    for (const x of v) out.add(deepClone(x, seen));
  } else {
    out = Object.create(Object.getPrototypeOf(v));
    seen.set(v, out);
    for (const k of Object.keys(v)) {
      out[k] = deepClone(v[k], seen);
      UPDATE_POINT();
    }
  }
  return out;
}
function deepEqual(a, b, seen = new Map()) {
  UPDATE_POINT();
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (seen.get(a) === b) return true;
  seen.set(a, b);
  if (a instanceof Map) {
    if (a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !deepEqual(v, b.get(k), seen)) return false;
    return true;
  }
  if (a instanceof Set) {
    if (a.size !== b.size) return false;
    outer: for (const x of a) {
      if (b.has(x)) continue;
      for (const y of b) if (deepEqual(x, y, seen)) continue outer;
      return false;
    }
    return true;
  }
  const ka = Object.keys(a), kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) if (!Object.prototype.hasOwnProperty.call(b, k) || !deepEqual(a[k], b[k], seen)) return false;
  return true;
}
class Point {
  constructor(x, y) { this.x = x; this.y = y; }
  norm() { return Math.abs(this.x) + Math.abs(this.y); }
}
const original = {
  num: 1,
  str: "s",
  nan: NaN,
  nested: { arr: [1, [2, [3, { deep: true }]]], pt: new Point(3, -4) },
  map: new Map([["k", { v: 1 }], [2, [2]]]),
  set: new Set([1, "two", { three: 3 }]),
};
original.self = original;
original.nested.parent = original;
const copy = deepClone(original);
console.log(deepEqual(original, copy), copy !== original, copy.self === copy, copy.nested.parent === copy, copy.nested.pt instanceof Point, copy.nested.pt.norm());
copy.nested.arr[1][1][1].deep = false;
console.log(deepEqual(original, copy), original.nested.arr[1][1][1].deep);
const tests = [
  [[1, 2, 3], [1, 2, 3]],
  [[1, 2, 3], [1, 2]],
  [{ a: 1, b: { c: [1] } }, { b: { c: [1] }, a: 1 }],
  [{ a: undefined }, { b: undefined }],
  [new Set([{ a: 1 }, { b: 2 }]), new Set([{ b: 2 }, { a: 1 }])],
  [new Map([[1, { x: 1 }]]), new Map([[1, { x: 2 }]])],
  [new Point(1, 2), { x: 1, y: 2 }],
  [0, -0],
  [NaN, NaN],
  ["1", 1],
];
console.log(tests.map(([a, b]) => (deepEqual(a, b) ? "T" : "F")).join(""));
// cyclic structures compared to each other
const c1 = { name: "c" };
c1.next = { name: "d", next: c1 };
const c2 = { name: "c" };
c2.next = { name: "d", next: c2 };
const c3 = { name: "c" };
c3.next = { name: "e", next: c3 };
console.log(deepEqual(c1, c2), deepEqual(c1, c3), deepEqual(deepClone(c1), c1));
// structuredClone cross-check for plain data
const plain = { a: [1, { b: "x" }], m: new Map([["q", new Set([1, 2])]]) };
console.log(deepEqual(structuredClone(plain), deepClone(plain)));
