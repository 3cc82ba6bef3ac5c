"use strict";
// CommonJS: node:assert with validation callbacks called by the library; collecting pass/fail results
const assert = require("node:assert");

function check(name, fn) {
  UPDATE_POINT();
  try {
    fn();
    return `${name}: pass`;
  } catch (e) {
    UPDATE_POINT();
    return `${name}: fail (${e.constructor.name}${e.code ? " " + e.code : ""})`;
  }
}
function parseAge(s) {
  const n = Number(s);
  if (!Number.isInteger(n)) throw new TypeError("age must be an integer: " + s);
  if (n < 0 || n > 150) throw new RangeError("age out of range: " + n);
  return n;
}
const results = [
  check("equal", () => assert.strictEqual(parseAge("42"), 42)),
  check("deep", () => assert.deepStrictEqual({ a: [1, 2, { b: 3 }] }, { a: [1, 2, { b: 3 }] })),
  check("deep-fail", () => assert.deepStrictEqual({ a: [1, 2] }, { a: [1, "2"] })),
  check("throws-type", () => assert.throws(() => parseAge("abc"), TypeError)),
  check("throws-regex", () => assert.throws(() => parseAge("999"), /out of range/)),
  check("throws-fn", () =>
    assert.throws(
      () => parseAge("-1"),
      (err) => {
        // validation callback invoked by assert
        let ok = err instanceof RangeError;
        for (const word of ["age", "range"]) ok = ok && err.message.includes(word);
        return ok;
      },
    ),
  ),
  check("throws-object", () => assert.throws(() => parseAge("1.5"), { name: "TypeError", message: "age must be an integer: 1.5" })),
  check("does-not-throw", () => assert.doesNotThrow(() => parseAge("7"))),
  check("does-not-throw-fail", () => assert.doesNotThrow(() => parseAge("x"))),
  check("ok", () => assert.ok([].length === 0)),
  check("ok-fail", () => assert.ok(null)),
  check("notDeep", () => assert.notDeepStrictEqual(new Set([1]), new Set([2]))),
  check("match", () => assert.match("restack-0.1.0", /^\w+-\d+\.\d+\.\d+$/)),
];
console.log(results.join("\n"));

// assert.rejects / doesNotReject with async functions
(async () => {
  const asyncResults = [];
  for (const [name, p] of [
    ["rejects", assert.rejects(async () => parseAge("oops"), TypeError)],
    ["rejects-fail", assert.rejects(async () => parseAge("3"))],
    ["doesNotReject", assert.doesNotReject(Promise.resolve(1))],
  ]) {
    try {
      await p;
      asyncResults.push(name + ": pass");
    } catch (e) {
      UPDATE_POINT();
      asyncResults.push(`${name}: fail (${e.constructor.name} ${e.code})`);
    }
  }
  console.log(asyncResults.join("\n"));
})();
