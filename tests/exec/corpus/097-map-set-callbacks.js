// Map and Set iteration with callbacks: forEach, entries during mutation, grouping, set algebra
const m = new Map();
for (const w of "one two three four five six seven eight nine ten".split(" ")) m.set(w, w.length);
const visited = [];
m.forEach((len, word, map) => {
  visited.push(word);
  UPDATE_POINT();
  if (word === "two") map.delete("three"); // not yet visited: skipped
  if (word === "four") map.set("eleven", 6); // added during iteration: visited
  if (word === "five") map.delete("one"); // already visited
});
console.log(visited.join(","), m.size);

// iterating Map.entries() while re-setting existing keys keeps order
const order = [];
for (const [k, v] of m) {
  UPDATE_POINT();
  order.push(k);
  if (v === 3) m.set(k, v * 10); // updating existing keys does not move them
}
console.log(order.join(","), JSON.stringify([...m]));

// Set forEach with additions: new values are visited
const s = new Set([1, 2, 3]);
const seenVals = [];
s.forEach((v) => {
  seenVals.push(v);
  if (v < 20) s.add(v * 4);
});
console.log(seenVals.join(","), s.size);

// grouping with Map and computing statistics with callbacks
const records = [];
let x = 5;
for (let i = 0; i < 30; i++) {
  UPDATE_POINT();
  x = (x * 29 + 7) % 101;
  records.push({ cat: ["red", "green", "blue"][x % 3], val: x });
}
const groups = new Map();
records.forEach((r) => {
  if (!groups.has(r.cat)) groups.set(r.cat, []);
  groups.get(r.cat).push(r.val);
});
const summary = [...groups].map(([cat, vals]) => {
  const sorted = [...vals].sort((a, b) => a - b);
  const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  return `${cat}: n=${vals.length} sum=${vals.reduce((a, b) => a + b, 0)} median=${median}`;
});
console.log(summary.join(" | "));

// set algebra
const A = new Set([1, 2, 3, 4, 5, 6]);
const B = new Set([4, 5, 6, 7, 8]);
const union = new Set([...A, ...B]);
const inter = new Set([...A].filter((v) => B.has(v)));
const diff = new Set([...A].filter((v) => !B.has(v)));
const sym = new Set([...union].filter((v) => !inter.has(v)));
console.log([union, inter, diff, sym].map((st) => [...st].join("")).join(" "));

// Map with object keys (identity) and a counter closure
const counters = new Map();
const keys = [{ id: 1 }, { id: 2 }, { id: 3 }];
function bump(k) { counters.set(k, (counters.get(k) || 0) + 1); }
for (let i = 0; i < 10; i++) bump(keys[(i * i) % 3]);
console.log(keys.map((k) => `${k.id}:${counters.get(k)}`).join(" "), counters.has({ id: 1 }));

// deleting all entries during forEach
const big = new Map(Array.from({ length: 8 }, (_, i) => [i, i * i]));
let sum = 0;
big.forEach((v, k) => {
  sum += v;
  big.delete(k);
  if (k === 3) big.set(100, 1000); // visited because it is added after the current position
});
console.log(sum, big.size);
