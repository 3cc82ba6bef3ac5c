// Async functions with nothing to await stay promises at every update point (under `all`, where
// their entry is one), and async function expressions look like native ones: no prototype, not
// constructible, no own caller/arguments, their mode kept.
const tick = () => null;
async function noAwait(x) { return x + 1; }
const expr = async function (x) { return x * 2; };
const arrow = async (x) => x - 1;
async function thrower() { throw new Error('boom'); }
const sloppyThis = async function () { await tick(); return typeof this; };
const strictThis = async function () { 'use strict'; await tick(); return typeof this; };
const staticName = async function static() { await tick(); return 'static'; };

function main() {
  const out = [];
  for (let k = 0; k < 3; k++) {
    const results = [noAwait(k), expr(k), arrow(k)];
    out.push(results.map((p) => p instanceof Promise).join());
    Promise.all(results).then((v) => console.log('values', k, v.join()));
    let p;
    try { p = thrower(); out.push('no sync throw'); } catch { out.push('sync throw'); }
    p.catch((e) => console.log('rejected', k, e.message));
  }
  console.log(out.join(' | '));
  for (const f of [expr, sloppyThis, staticName]) {
    let made;
    try { new f(); made = 'constructed'; } catch (e) { made = e.constructor.name; }
    console.log(f.name, Object.getOwnPropertyNames(f).sort().join(), 'prototype' in f, made);
  }
  sloppyThis().then((v) => console.log('sloppy this', v));
  sloppyThis.call(7).then((v) => console.log('sloppy this 7', v));
  strictThis().then((v) => console.log('strict this', v));
  staticName().then((v) => console.log(v));
}
main();
