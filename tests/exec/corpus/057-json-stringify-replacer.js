// JSON.stringify with replacer functions and arrays, toJSON methods, indentation
const seen = [];
function replacer(key, value) {
  UPDATE_POINT();
  seen.push(key || "<root>");
  if (key.startsWith("_")) return undefined;
  if (typeof value === "number" && !Number.isInteger(value)) return Math.round(value * 100) / 100;
  if (value instanceof Set) {
    const arr = [];
    for (const v of value) arr.push(v);
    UPDATE_POINT();
    return arr.sort();
  }
  if (value instanceof Map) return Object.fromEntries(value);
  return value;
}
const data = {
  name: "report",
  _internal: "drop me",
  ratio: 2 / 3,
  tags: new Set(["b", "a", "c"]),
  lookup: new Map([["x", 1.23456], ["y", [1.111, 2]]]),
  nested: { _hidden: 1, shown: Math.PI, list: [0.5, 1 / 3, { _z: 1, q: 7 }] },
};
console.log(JSON.stringify(data, replacer));
console.log(seen.join(","));

// replacer array selects keys (order follows the array)
console.log(JSON.stringify({ c: 3, a: 1, b: { a: 10, z: 26, c: 30 } }, ["a", "b", "c"]));

// toJSON with work inside, called with the key
class Temperature {
  constructor(readings) { this.readings = readings; }
  toJSON(key) {
    let sum = 0;
    for (const r of this.readings) sum += r;
    return { key, avg: sum / this.readings.length, n: this.readings.length };
  }
}
console.log(JSON.stringify({ today: new Temperature([10, 12, 14]), list: [new Temperature([1, 2])] }));

// indentation with replacer that counts depth via `this`
let depthCalls = 0;
const pretty = JSON.stringify({ a: [1, { b: 2 }], c: "x" }, function (k, v) {
  depthCalls++;
  return typeof v === "string" ? v + "(" + (Array.isArray(this) ? "arr" : "obj") + ")" : v;
}, 2);
console.log(pretty);
console.log(depthCalls);

// values that disappear or become null
console.log(JSON.stringify({ u: undefined, f() {}, s: Symbol("x"), n: NaN, i: -Infinity, d: new Date(0), arr: [undefined, () => 1] }));

// cycles detected
const cyc = { name: "loop" };
cyc.self = cyc;
try {
  JSON.stringify(cyc);
} catch (e) {
  UPDATE_POINT();
  console.log(e.constructor.name);
}
// replacer that breaks cycles using a WeakSet
const ws = new WeakSet();
console.log(JSON.stringify({ a: cyc, b: [cyc] }, (k, v) => {
  if (typeof v === "object" && v !== null) {
    if (ws.has(v)) return "[cycle]";
    ws.add(v);
  }
  return v;
}));
