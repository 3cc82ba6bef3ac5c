// destructuring in parameters with defaults, nested patterns and rest
let defaultCalls = 0;
function dflt(v) { defaultCalls++; UPDATE_POINT(); return v; }

function area({ w = dflt(1), h = dflt(w * 2), unit = "px" } = {}) {
  return `${w * h}${unit}`;
}
console.log(area({ w: 3, h: 4 }), area({ w: 5 }), area(), area({ unit: "cm" }), defaultCalls);

function head([first, second = dflt("dflt2"), ...rest] = []) {
  UPDATE_POINT();
  return `${first}|${second}|${rest.length}:${rest.join("")}`;
}
console.log(head([1, 2, 3, 4]), head(["a"]), head(), head("xyz"), defaultCalls);

function nested({ user: { name, tags: [primary = "none", ...others] = [] } = {}, ...meta }) {
  return `${name}:${primary}:${others.join("+")}:${Object.keys(meta).sort().join(",")}`;
}
console.log(nested({ user: { name: "ann", tags: ["admin", "dev", "ops"] }, id: 1, ts: 2 }));
console.log(nested({ user: { name: "bob" } }));
console.log(nested({}));

// arrow params with destructuring in array callbacks
const people = [
  { name: "ann", age: 31, address: { city: "Oslo" } },
  { name: "bob", age: 25 },
  { name: "cid", age: 40, address: { city: "Rome", zip: "00100" } },
];
console.log(people.map(({ name, address: { city = "?" } = {} }) => `${name}@${city}`).join(" "));
console.log(people.filter(({ age }) => age > 28).map(({ name }) => name).join(","));
const entries = Object.entries({ a: 1, b: 2, c: 3 });
console.log(entries.map(([k, v], i) => `${i}${k}${v * 10}`).join(""));

// defaults referring to earlier params, and to the function's closure
let base = 100;
function chain(a, b = a + 1, { c = a + b, d = base } = {}, ...[e = c * 2, f]) {
  return [a, b, c, d, e, f].join(",");
}
console.log(chain(1));
console.log(chain(1, 5, { d: 0 }, undefined, "F"));
base = -1;
console.log(chain(2, undefined, undefined, 9));

// destructuring errors
try {
  area(null);
} catch (e) {
  UPDATE_POINT();
  console.log(e.constructor.name);
}
