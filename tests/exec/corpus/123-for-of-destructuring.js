// for-of with destructuring patterns: nested, defaults with calls, rest, assignment targets
let defaults = 0;
function dflt(v) { defaults++; return v; }

const rows = [
  { id: 1, name: "ann", tags: ["a", "b"], pos: { x: 1, y: 2 } },
  { id: 2, name: "bob", pos: { x: 5 } },
  { id: 3, tags: [], pos: {} },
];
for (const { id, name = dflt("anon"), tags: [first = dflt("none"), ...others] = [], pos: { x = 0, y = dflt(-1) } } of rows) {
  console.log(id, name, first, others.length, x, y);
  UPDATE_POINT();
}
console.log("defaults", defaults);

// array patterns with holes over Map entries and matrix rows
const matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9]];
let diag = 0;
let i = 0;
for (const [a, , c] of matrix) {
  UPDATE_POINT();
  diag += i === 0 ? a : i === 2 ? c : 0;
  i++;
}
console.log(diag);

// destructuring into existing variables and object properties (assignment form)
let k, v;
const target = {};
const collected = [];
for ([k, v] of Object.entries({ one: 1, two: 2, three: 3 })) collected.push(k + "=" + v);
console.log(collected.join(","), k, v);
for ({ name: target.name, id: target["id" + (target.count = (target.count || 0) + 1)] } of rows);
console.log(JSON.stringify(target));

// nested entries with Map of arrays of pairs
const graph = new Map([
  ["a", [["b", 3], ["c", 1]]],
  ["b", [["c", 7]]],
  ["c", []],
]);
const edges = [];
for (const [from, outs] of graph) {
  for (const [to, w] of outs) edges.push(`${from}->${to}:${w}`);
}
console.log(edges.join(" "));

// destructuring iterables inside for-of (strings, generators)
function* pairs() {
  yield "xy";
  yield [1, 2, 3];
  yield new Set(["s1", "s2"]);
}
for (const [p, q, r = "dflt"] of pairs()) console.log(p, q, r);

// destructuring errors inside for-of stop the loop
const bad = [{ p: 1 }, null, { p: 3 }];
const got = [];
try {
  for (const { p } of bad) got.push(p);
} catch (e) {
  UPDATE_POINT();
  console.log(e.constructor.name, got.join(","));
}
// computed keys and defaults referring to earlier bindings
const key = "val";
for (const { [key]: val = 10, double = val * 2 } of [{}, { val: 3 }, { val: 4, double: 0 }]) console.log(val, double);
