// A Proxy's construct trap is called by `new` without a frame of its own in the stack: a trap
// rebuilt at an update point keeps the construct rule (an object, else a TypeError).
function work(n) { let s = 0; for (let i = 0; i < n; i++) s += i; return s; }
const results = [];
const traps = [
  function () { work(3); return 0; },
  function () { work(3); return { made: work(4) }; },
  function () { work(3); return 'text'; },
  function (target, args) { work(2); return new target(...args); },
  function () { work(2); return undefined; },
];
function Target(x) { this.x = x; }
for (let i = 0; i < traps.length; i++) {
  const P = new Proxy(Target, { construct: traps[i] });
  try {
    const o = new P(i);
    results.push(i + ':' + JSON.stringify(o));
  } catch (e) {
    results.push(i + ':' + e.constructor.name);
  }
}
function inFunction(i) {
  const P = new Proxy(Target, { construct: traps[i] });
  try { return JSON.stringify(new P(i)); } catch (e) { return e.constructor.name; }
}
for (let i = 0; i < traps.length; i++) results.push('f' + inFunction(i));
console.log(results.join(' '));
