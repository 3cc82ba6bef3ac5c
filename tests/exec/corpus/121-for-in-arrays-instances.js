// for-in over arrays (with extra props and holes), class instances, and prototype-assigned methods
const arr = [10, 20, , 40];
arr.extra = "x";
arr[10] = 100;
const keys = [];
for (const k in arr) keys.push(`${k}(${typeof k})`);
console.log(keys.join(" "));

// for-in key is a string: arithmetic pitfalls
let concat = "";
let numeric = 0;
for (const i in [5, 6, 7]) {
  UPDATE_POINT();
  concat += i + 1;
  numeric += Number(i) + 1;
}
console.log(concat, numeric);

// class instances: own fields enumerable, methods on prototype not enumerable
class Config {
  host = "localhost";
  port = 80;
  #secret = "hidden";
  constructor(opts) {
    for (const k in opts) {
      this[k] = opts[k];
      UPDATE_POINT();
    }
  }
  url() { return `${this.host}:${this.port}`; }
}
const cfg = new Config({ port: 8080, debug: true, tags: ["a"] });
const seen = [];
for (const k in cfg) seen.push(k);
console.log(seen.join(","), cfg.url());

// functions with prototype properties assigned directly ARE enumerable
function Legacy() { this.own = 1; }
Legacy.prototype.method = function () {};
Legacy.prototype.shared = 42;
const leg = new Legacy();
const legKeys = [];
for (const k in leg) legKeys.push(k + (Object.prototype.hasOwnProperty.call(leg, k) ? "(own)" : "(inherited)"));
console.log(legKeys.join(" "));

// for-in on strings, numbers, null, undefined
const strKeys = [];
for (const k in "abc") strKeys.push(k);
let count = 0;
for (const k in 42) count++;
for (const k in null) count++;
for (const k in undefined) count++;
console.log(strKeys.join(","), count);

// copying and transforming objects with for-in in a recursive function
function deepUpper(o) {
  UPDATE_POINT();
  if (typeof o === "string") return o.toUpperCase();
  if (typeof o !== "object" || o === null) return o;
  const out = Array.isArray(o) ? [] : {};
  for (const k in o) out[k] = deepUpper(o[k]);
  return out;
}
console.log(JSON.stringify(deepUpper({ a: "x", b: ["y", { c: "z", d: 1 }], e: null })));

// for-in over an object whose properties are non-enumerable or symbols
const o = { visible: 1, [Symbol("sym")]: 2 };
Object.defineProperty(o, "invisible", { value: 3, enumerable: false });
const ok = [];
for (const k in o) ok.push(k);
console.log(ok.join(","), Object.getOwnPropertyNames(o).join(","), Object.getOwnPropertySymbols(o).length);

// for-in with a var-declared key that is used after the loop, and an expression target
const target = {};
let idx = 0;
const names = [];
for (names[idx++] in { p: 1, q: 2, r: 3 });
console.log(names.join(","), idx);
for (target.lastKey in { first: 1, second: 2 });
console.log(target.lastKey);
