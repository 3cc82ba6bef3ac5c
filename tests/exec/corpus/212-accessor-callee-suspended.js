// Accessors read as callees in generator and async bodies, nested calls of them, and a Proxy
// around a function: each accessor captured while it computes the method is rebuilt first.
const spin = (n) => { let s = 0; for (let i = 0; i < n; i++) s += i; return s; };
const obj = {
  get m() { spin(3); return function (x) { return [x, spin(2), this === obj]; }; },
  get Maker() { spin(2); return function Maker(v) { this.v = v; }; },
};
function* gen() { for (let i = 0; i < 3; i++) yield obj.m(i); }
async function asy() {
  const r = [];
  for (let i = 0; i < 3; i++) { await null; r.push(obj.m(i)); }
  return r;
}
function nested() { return obj.m(obj.m(1)[0] + 1); }
const fnProxy = new Proxy(function target() {}, {
  get(t, k) { spin(2); return k === 'prototype' ? Object.prototype : () => String(k); },
  apply() { spin(2); return 'applied'; },
});
function viaProxy() { return [fnProxy.a(), fnProxy(), new obj.Maker(7).v, obj.Maker.name]; }
console.log(JSON.stringify([...gen()]), JSON.stringify(nested()), viaProxy());
asy().then((r) => console.log(JSON.stringify(r)));

// A getter on the prototype chain, inherited by many instances, reached in a loop.
class Shape { get area() { spin(4); return () => this.w * this.h; } }
class Rect extends Shape { constructor(w, h) { super(); this.w = w; this.h = h; } }
function total(shapes) { let s = 0; for (const sh of shapes) s += sh.area(); return s; }
console.log(total([new Rect(1, 2), new Rect(3, 4), new Rect(5, 6)]));
