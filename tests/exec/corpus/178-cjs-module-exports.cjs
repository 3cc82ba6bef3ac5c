"use strict";
// CommonJS module patterns: exports object, module.exports replacement, module-level state and closures
const counters = new Map();
function count(name) {
  UPDATE_POINT();
  counters.set(name, (counters.get(name) || 0) + 1);
  return counters.get(name);
}
exports.count = count;
exports.VERSION = "1.2.3";
console.log(typeof exports, module.exports === exports, Object.keys(module.exports).join(","));

// build an API object and replace module.exports (exports still points to the old object)
const api = {
  add: (a, b) => a + b,
  counts: () => JSON.stringify([...counters]),
  memo: (() => {
    const cache = new Map();
    return (n) => {
      if (cache.has(n)) return cache.get(n);
      let r = 1;
      for (let i = 2; i <= n; i++) {
        r *= i;
        if (i % 5 === 0) UPDATE_POINT();
      }
      cache.set(n, r);
      return r;
    };
  })(),
};
module.exports = api;
console.log(module.exports === exports, typeof exports.count, typeof module.exports.count, Object.keys(module.exports).join(","));

for (const n of ["a", "b", "a", "c", "a"]) count(n);
console.log(api.counts(), api.memo(10), api.memo(10), api.add(2, 3));

// requiring the same builtin twice returns the same object (module cache)
const util1 = require("node:util");
const util2 = require("util");
console.log(util1 === util2, typeof require, typeof module, typeof __filename, typeof __dirname);

// module-level `this` is module.exports at load time (the original exports object)
console.log(this === exports, this === module.exports);

// a small plugin registry kept in module state
const plugins = [];
function use(plugin) {
  UPDATE_POINT();
  plugins.push(plugin);
  return api;
}
api.use = use;
api.run = (input) => plugins.reduce((acc, p) => p(acc), input);
api.use((s) => s.trim()).use((s) => s.toUpperCase()).use((s) => s.split(" ").join("_"));
console.log(api.run("  hello common js  "), plugins.length);
