// A program replacing Function.prototype.call, and a function with its own `call`.
function g(x) { let s = 0; for (let i = 0; i < 3; i++) s += x; return s; }
const o = { m(a, b) { return this.tag + (a + b); }, tag: 'o:' };
const f = function (a, b) { return 'f:' + (a + b); };
f.call = () => 'own call';
const p = { f, tag: 'p' };
const realCall = Function.prototype.call;
let hijacked = 0;
Function.prototype.call = function (...args) { hijacked++; return 'hijacked'; };
const out = [];
for (let k = 0; k < 3; k++) out.push(o.m(k, g(k)), p.f(k, g(k)));
Function.prototype.call = realCall;
console.log(out.join(' '), hijacked);

// Replaced while compiled code runs: method calls whose arguments call, spreads, optional calls.
class Acc {
  constructor() { this.items = []; }
  add(...xs) { for (const x of xs) this.items.push(x); return this; }
  sum() { let s = 0; for (const x of this.items) s += x; return s; }
}
function build(n) {
  const a = new Acc();
  for (let i = 0; i < n; i++) a.add(g(i), ...[i, g(1)]).add?.(g(2));
  return a.sum();
}
Function.prototype.call = function () { throw new Error('Function.prototype.call was called'); };
let built;
try {
  built = build(4);
} finally {
  Function.prototype.call = realCall;
}
console.log('built', built);
