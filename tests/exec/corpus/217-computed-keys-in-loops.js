// Suspending computed keys evaluated many times: in loops, in async arrows and methods, beside
// calls in other keys and values; each object gets its own keys in evaluation order.
const spin = (n) => { let s = 0; for (let i = 0; i < n; i++) s += i; return s; };
const trace = [];
const name = (v) => { trace.push('name ' + v); spin(2); return 'n' + v; };
const later = (v) => new Promise((r) => setImmediate(() => r('a' + v)));

const build = async (count) => {
  const out = [];
  for (let i = 0; i < count; i++) {
    const o = {
      [name(i)]: spin(3),
      [await later(i)]() { return i; },
      [name(i + 10)]: await later(i + 10),
      get [await later(i + 20)]() { return 'g' + i; },
    };
    out.push(Object.keys(o).join('/') + '=' + o['a' + i]() + o['a' + (i + 20)]);
  }
  return out;
};

function* protocol() {
  const parts = [];
  for (let i = 0; i < 3; i++) {
    const Cls = class {
      [yield `method ${i}?`]() { return i; }
      static [name(i)]() { return 'static'; }
    };
    const o = { [yield `prop ${i}?`]: i, [name(i + 5)]() {} };
    parts.push(Object.getOwnPropertyNames(Cls.prototype).join() + '|' + Object.keys(o).join());
  }
  return parts;
}
function answer() {
  const g = protocol();
  let r = g.next();
  let n = 0;
  while (!r.done) r = g.next('q' + n++);
  return r.value;
}
console.log(answer().join(' ; '));
const obj = {
  async collect() { return { [await later('m')]: await later('v'), [await later('k')]() {} }; },
};
build(3).then(async (r) => {
  console.log(r.join(' ; '));
  console.log(Object.keys(await obj.collect()).join(), trace.join(', '));
});
