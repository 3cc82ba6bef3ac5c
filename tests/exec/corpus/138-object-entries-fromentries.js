// Object.entries / fromEntries / keys / values with callbacks: transforming, inverting, grouping, diffing
const prices = { apple: 1.2, banana: 0.5, cherry: 4.0, date: 3.25, elderberry: 7.5 };
const discounted = Object.fromEntries(
  Object.entries(prices).map(([k, v]) => {
    UPDATE_POINT();
    return [k.toUpperCase(), Math.round(v * 0.9 * 100) / 100];
  }),
);
console.log(JSON.stringify(discounted));
const expensive = Object.fromEntries(Object.entries(prices).filter(([, v]) => v > 2));
console.log(JSON.stringify(expensive), Object.values(prices).reduce((a, b) => a + b, 0).toFixed(2));

// inverting a map with collisions
const grades = { ann: "A", bob: "B", cyd: "A", dee: "C", eve: "B", fay: "A" };
const inverted = {};
for (const [name, g] of Object.entries(grades)) (inverted[g] ||= []).push(name);
console.log(JSON.stringify(inverted));

// fromEntries from a Map and from a generator
const m = new Map([["x", 1], ["y", 2]]);
function* squares(n) { for (let i = 1; i <= n; i++) yield ["sq" + i, i * i]; }
console.log(JSON.stringify(Object.fromEntries(m)), JSON.stringify(Object.fromEntries(squares(4))));

// diffing two objects recursively with entries
function diff(a, b, path = "") {
  UPDATE_POINT();
  const out = [];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  for (const k of keys) {
    UPDATE_POINT();
    const p = path ? path + "." + k : k;
    if (!(k in b)) out.push(`- ${p}`);
    else if (!(k in a)) out.push(`+ ${p}=${JSON.stringify(b[k])}`);
    else if (a[k] && b[k] && typeof a[k] === "object" && typeof b[k] === "object") out.push(...diff(a[k], b[k], p));
    else if (a[k] !== b[k]) out.push(`~ ${p}: ${JSON.stringify(a[k])} -> ${JSON.stringify(b[k])}`);
  }
  return out;
}
const before = { name: "svc", port: 80, tls: { on: false, ciphers: ["a", "b"] }, old: true };
const after = { name: "svc", port: 443, tls: { on: true, ciphers: ["a", "c"] }, added: { x: 1 } };
console.log(diff(before, after).join("\n"));

// entries order: integer keys first ascending, then strings in insertion order
const mixed = { z: 1, 10: "a", b: 2, 2: "b", a: 3, 1: "c" };
console.log(Object.keys(mixed).join(","), Object.entries(mixed).map(([k, v]) => k + v).join(" "));

// counting with entries and sorting by value then key
const text = "she sells sea shells by the sea shore the shells she sells are sea shells";
const counts = {};
for (const w of text.split(" ")) counts[w] = (counts[w] ?? 0) + 1;
console.log(Object.entries(counts).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)).map(([w, c]) => `${w}${c}`).join(" "));

// Object.assign with getters triggers them; entries of class instance
let getterHits = 0;
const src = { get lazy() { getterHits++; return "computed"; }, plain: 1 };
const assigned = Object.assign({}, src, { extra: true });
console.log(JSON.stringify(assigned), getterHits, JSON.stringify(Object.entries(new (class { a = 1; b = [2]; m() {} })())));
