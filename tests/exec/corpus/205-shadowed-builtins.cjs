'use strict';
// A module that binds builtins' names itself, as readable-stream does with its primordials
// (`const { Symbol } = require('../../ours/primordials')`): whatever the compiled code adds must
// reach the real builtins, also while these bindings are in their temporal dead zone.
const primordials = { Symbol: globalThis.Symbol, Object: globalThis.Object, Error: globalThis.Error };
const { Symbol, Object, Error } = primordials;

class Stream {
  constructor(items) { this.items = items; }
  *[Symbol.iterator]() { for (const x of this.items) yield x * 2; }
}
const Named = class {};

let total = 0;
for (const v of new Stream([1, 2, 3])) total += v;
const seen = [];
for (const k in { a: 1, b: 2 }) seen.push(k);
function walk(n) { return n === 0 ? 0 : 1 + walk(n - 1); }
try {
  throw new Error('boom');
} catch (e) {
  console.log(e.message, total, seen.join(','), walk(50), Named.name, Object.keys({ x: 1 }).join());
}
