// A program that replaces Array.prototype's iterator (with a generator, compiled with update
// points), push, pop, map, slice, and Function.prototype's call and apply: the runtime's own
// capture, rebuild and parking must not run them (an update point inside one, reached from the
// runtime's own work, recursed), and the program's own counts stay as natively.
const counts = { iter: 0, push: 0, pop: 0, slice: 0, map: 0 };
const origIter = Array.prototype[Symbol.iterator];
const origPush = Array.prototype.push;
const origPop = Array.prototype.pop;
const origSlice = Array.prototype.slice;
const origMap = Array.prototype.map;
const origCall = Function.prototype.call;
const origApply = Function.prototype.apply;
const R = Reflect.apply;
Array.prototype[Symbol.iterator] = function* () { counts.iter++; for (let i = 0; i < this.length; i++) yield this[i]; };
Array.prototype.push = function (...xs) { counts.push++; return R(origPush, this, xs); };
Array.prototype.pop = function () { counts.pop++; return R(origPop, this, []); };
Array.prototype.slice = function (...a) { counts.slice++; return R(origSlice, this, a); };
Array.prototype.map = function (...a) { counts.map++; return R(origMap, this, a); };
// Calls through these are not counted: compiled method calls use call (a difference of its own).
Function.prototype.call = function (t, ...a) { for (let i = 0; i < 1; i++); return R(this, t, a); };
Function.prototype.apply = function (t, a) { for (let i = 0; i < 1; i++); return R(this, t, a ?? []); };

function sum(xs) {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}
function build(n) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(i * i);
  return out;
}
function deep(n, acc) {
  if (n === 0) return acc;
  return deep(n - 1, acc + sum([n, 1]));
}
class Box {
  constructor(v) { this.v = v; }
  twice() { return this.v * 2; }
}
function* gen(n) { for (let i = 0; i < n; i++) yield new Box(i).twice(); }
async function later(n) {
  let t = 0;
  for (let i = 0; i < n; i++) t += await Promise.resolve(i);
  return t;
}
async function* ticks(n) {
  for (let i = 0; i < n; i++) { await null; yield [i, i + 1]; }
}

const results = [sum(build(20)), deep(30, 0), [...gen(5)].join(','), build(4).map((x) => x + 1).slice(1).join(',')];
(async () => {
  let pairs = 0;
  for await (const [a, b] of ticks(4)) pairs += a * b;
  const t = await later(5);
  Array.prototype[Symbol.iterator] = origIter;
  Array.prototype.push = origPush;
  Array.prototype.pop = origPop;
  Array.prototype.slice = origSlice;
  Array.prototype.map = origMap;
  Function.prototype.call = origCall;
  Function.prototype.apply = origApply;
  console.log(results.join(' | '), t, pairs, JSON.stringify(counts));
})();
