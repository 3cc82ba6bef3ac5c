"use strict";
// CommonJS: node:util format/inspect of plain data, promisify of callback APIs, types checks, inherits
const util = require("node:util");

console.log(util.format("%s has %d items costing %i (%f) %j %%", "cart", 3, 42.9, 1.5, { a: [1, 2] }));
console.log(util.format("no placeholders", 1, "two", [3]));
console.log(util.inspect({ name: "x", nested: { deep: { deeper: { deepest: 1 } } }, list: [1, 2, 3], s: "str" }, { depth: 1, breakLength: Infinity }));
console.log(util.inspect(new Map([["k", { v: 1 }]]), { breakLength: Infinity }), util.inspect(new Set([1, "a"])), util.inspect([undefined, null, -0, 10n, Symbol("s")]));
console.log(util.inspect("quote'd \"str\""), util.inspect([1, [2, [3, [4, [5]]]]], { depth: 2 }));
class Point {
  constructor(x, y) { this.x = x; this.y = y; }
  [util.inspect.custom]() { return `Point<${this.x},${this.y}>`; }
}
console.log(util.inspect([new Point(1, 2), new Point(3, 4)]), `${util.format("%o", 5)}`);

// promisify a callback-style function that computes in a loop
function slowSum(n, cb) {
  UPDATE_POINT();
  let s = 0;
  for (let i = 1; i <= n; i++) {
    s += i;
    if (i % 100 === 0) UPDATE_POINT();
  }
  if (n < 0) cb(new RangeError("negative n"));
  else cb(null, s);
}
const slowSumAsync = util.promisify(slowSum);
(async () => {
  console.log(await slowSumAsync(1000));
  try {
    await slowSumAsync(-1);
  } catch (e) {
    UPDATE_POINT();
    console.log("promisified error:", e.constructor.name, e.message);
  }
  // callbackify turns an async function back into callback style
  const cbStyle = util.callbackify(async (x) => x * 2);
  cbStyle(21, (err, v) => console.log("callbackified:", err, v));
})();

// util.types and isDeepStrictEqual
console.log(util.types.isPromise(Promise.resolve()), util.types.isRegExp(/x/), util.types.isGeneratorFunction(function* () {}), util.types.isAsyncFunction(async () => {}), util.types.isMap(new Map()));
console.log(util.isDeepStrictEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }), util.isDeepStrictEqual([1], ["1"]));

// util.inherits on constructor functions
function Animal(name) { this.name = name; }
Animal.prototype.speak = function () { return this.name + " makes a sound"; };
function Dog(name) { Animal.call(this, name); }
util.inherits(Dog, Animal);
Dog.prototype.speak = function () { return Animal.prototype.speak.call(this) + " (woof)"; };
console.log(new Dog("rex").speak(), new Dog("x") instanceof Animal, Dog.super_ === Animal);
// TextEncoder/TextDecoder round trip
const bytes = new util.TextEncoder().encode("héllo ✓");
console.log(bytes.length, new util.TextDecoder().decode(bytes));
