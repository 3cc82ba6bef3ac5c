// implicit coercions calling user code: toPrimitive, valueOf, toString in many contexts
const calls = [];
function tracked(name, num) {
  UPDATE_POINT();
  return {
    [Symbol.toPrimitive](hint) {
      calls.push(`${name}:${hint}`);
      UPDATE_POINT();
      return hint === "string" ? `<${name}>` : num;
    },
  };
}
const a = tracked("a", 5);
const b = tracked("b", 7);
const results = [
  a + b,
  a * b,
  `${a}${b}`,
  a < b,
  a == 5,
  [a, b].join("|"),
  String(a) + Number(b),
  Math.max(a, b),
  -a,
  ~~b,
  a % 3,
];
console.log(results.join(" "));
console.log(calls.join(" "));
calls.length = 0;

// property keys, `in`, array indexing and comparisons in sort
const obj = { "<a>": "found-a", 7: "found-7" };
console.log(obj[a], obj[b], a in obj, calls.join(" "));
calls.length = 0;
const arr = [10, 20, 30, 40, 50, 60, 70, 80];
console.log(arr[b], arr.slice(a).join(","), calls.join(" "));
calls.length = 0;

// objects with only valueOf/toString in a loop of arithmetic
let counter = 0;
const live = {
  valueOf() { counter++; return counter * 10; },
  toString() { return "live" + counter; },
};
let total = 0;
for (let i = 0; i < 5; i++) {
  total += live; // valueOf every iteration
}
console.log(total, counter, `${live}`, live + "", String(live));

// Date-like object used with relational operators in a sort
class Version {
  constructor(s) { this.parts = s.split(".").map(Number); this.s = s; }
  valueOf() { return this.parts[0] * 1e6 + (this.parts[1] || 0) * 1e3 + (this.parts[2] || 0); }
  toString() { return "v" + this.s; }
}
const versions = ["1.10.0", "1.2.3", "0.9", "1.2", "2.0.1", "1.2.10"].map((s) => new Version(s));
versions.sort((x, y) => x - y);
console.log(versions.join(" "), versions[0] < versions[1], versions[5] > versions[4]);

// toPrimitive that throws; coercion in template literal propagates the error
const bad = { [Symbol.toPrimitive]() { throw new Error("cannot convert"); } };
try {
  console.log(`${bad}`);
} catch (e) {
  console.log(e.message);
}
// returning a non-primitive from toPrimitive is a TypeError
try {
  const weird = { [Symbol.toPrimitive]: () => ({}) };
  console.log(weird + 1);
} catch (e) {
  UPDATE_POINT();
  console.log(e.constructor.name);
}
// isNaN / Number() / parseInt with objects
const n = { toString: () => "42px", valueOf: () => 42 };
console.log(Number(n), parseInt(n), isNaN(n), String(n), n + 1, `${n}`);
