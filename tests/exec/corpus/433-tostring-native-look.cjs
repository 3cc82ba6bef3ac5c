// The toString programs call is the native one as far as they can tell: name, length, no
// prototype, not a constructor, its own text, its errors, proxies and bound functions.
function step(x) { UPDATE_POINT(); return x + 1; }
const ts = Function.prototype.toString;
const d = Object.getOwnPropertyDescriptor(Function.prototype, 'toString');
console.log(ts.name, ts.length, Object.hasOwn(ts, 'prototype'), d.writable, d.enumerable, d.configurable);
console.log(ts.toString(), ts.call(ts), String(ts));
console.log(Object.getOwnPropertyNames(ts).sort().join(','));
try { new ts(); } catch (e) { console.log(e.constructor.name); }
for (const v of [{}, 1, 'f', null, undefined, Symbol('s')]) {
  try { ts.call(v); } catch (e) { console.log(e.constructor.name, e.message); }
}
function user(a) { for (let i = 0; i < a; i++) step(i); return a; }
const proxied = new Proxy(user, {});
console.log(ts.call(proxied), ts.call(user.bind(null)), ts.call(new Proxy(class {}, {})), ts.call(new Proxy(() => 1, {})));
console.log(ts.call(Math.max), ts.call(Array.prototype.push), ts.call(Symbol), ts.call(Function.prototype));
console.log(typeof ts.call(require), ts.call(console.log) === ts.call(console.log));
console.log(Reflect.apply(ts, user, []));
let n = 0;
for (let i = 0; i < 4; i++) n += step(i) + user(i) + ts.call(user).length;
console.log(n);
// A program may replace toString itself, and restore it.
Function.prototype.toString = function () { return 'replaced'; };
console.log(String(user));
Object.defineProperty(Function.prototype, 'toString', d);
console.log(String(user));
