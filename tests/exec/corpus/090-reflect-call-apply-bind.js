// Function.prototype.call/apply/bind and Reflect.apply with loops, this-binding and partials
function describe(greeting, punct) {
  let stars = "";
  for (let i = 0; i < this.level; i++) stars += "*";
  UPDATE_POINT();
  return `${greeting}, ${this.name}${punct} ${stars}`;
}
const people = [{ name: "ann", level: 1 }, { name: "bob", level: 3 }, { name: "cyd", level: 0 }];
for (const p of people) {
  UPDATE_POINT();
  console.log(describe.call(p, "hi", "!"), "|", describe.apply(p, ["hey", "?"]), "|", Reflect.apply(describe, p, ["yo", "."]));
}

// bind with partial args, bound functions as callbacks, bind of bind
const greetAnn = describe.bind(people[0], "hello");
console.log(["!", "?", "..."].map((p) => greetAnn(p)).join(" / "));
const rebound = greetAnn.bind(people[1], "ignored-punct?");
console.log(rebound());
const boundSort = Array.prototype.sort.bind([3, 1, 2]);
console.log(boundSort((a, b) => b - a).join(","));

// bound constructors ignore the bound this but keep partial args
function Pair(a, b) { this.a = a; this.b = b; }
const PairWith1 = Pair.bind({ ignored: true }, 1);
const pr = new PairWith1(2);
console.log(JSON.stringify(pr), pr instanceof Pair);

// apply with array-likes and arguments forwarding
function maxOf() { return Math.max.apply(null, arguments); }
console.log(maxOf(3, 9, 2), Math.min.apply(Math, { length: 3, 0: 5, 1: -1, 2: 8 }));
function forward() { return describe.apply({ name: "fwd", level: arguments.length }, arguments); }
console.log(forward("sup", "~"));

// method borrowing: array methods on strings and array-likes
const arrayLike = { length: 4, 0: "a", 1: "b", 2: "c", 3: "d" };
console.log(Array.prototype.map.call(arrayLike, (x, i) => x + i).join(""), Array.prototype.join.call("xyz", "-"), Array.prototype.reduce.call("12345", (s, c) => s + Number(c), 0));

// call with primitive this in strict mode (not boxed) vs sloppy (cannot test here: modules are strict)
function typeOfThis() { return typeof this; }
console.log(typeOfThis.call(5), typeOfThis.call("s"), typeOfThis.call(undefined), typeOfThis.call(null));

// Reflect.apply in a dispatch loop with counters
const ops = {
  count: 0,
  inc(n) { this.count += n; return this.count; },
  dec(n) { this.count -= n; return this.count; },
};
const program = [["inc", 5], ["inc", 3], ["dec", 2], ["inc", 10]];
const trace = program.map(([m, n]) => Reflect.apply(ops[m], ops, [n]));
console.log(trace.join(","), ops.count);
// bind inside a loop creating per-iteration bound functions
const handlers = [];
for (let i = 0; i < 3; i++) handlers.push(ops.inc.bind({ count: i * 100 }, i));
console.log(handlers.map((h) => h()).join(","), handlers.map((h) => h()).join(","));
