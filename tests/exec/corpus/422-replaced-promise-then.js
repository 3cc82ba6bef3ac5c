// A program that replaces Promise.prototype.then (and Promise.resolve) with compiled functions
// holding loops: async functions, async generators and for await, captured and rebuilt while
// suspended by a storm, must resume as natively; the program's own then calls are counted.
let thens = 0;
const origThen = Promise.prototype.then;
const origResolve = Promise.resolve;
Promise.prototype.then = function (a, b) {
  for (let i = 0; i < 2; i++) if (i === 0) thens++;
  return Reflect.apply(origThen, this, [a, b]);
};
Promise.resolve = function (v) {
  for (let i = 0; i < 1; i++);
  return Reflect.apply(origResolve, this, [v]);
};
const thenable = (v) => ({ then(res) { for (let i = 0; i < 2; i++); res(v * 10); } });

async function chain(n) {
  let t = 0;
  for (let i = 0; i < n; i++) {
    t += await Promise.resolve(i);
    t += await thenable(i);
  }
  return t;
}
async function* source(n) {
  for (let i = 0; i < n; i++) { await null; yield i; }
}
async function drain() {
  let s = 0;
  for await (const v of source(5)) s += v;
  return s;
}
Promise.all([chain(4), drain(), chain(2).then((v) => v + 1)]).then((r) => {
  const counted = thens;
  Promise.prototype.then = origThen;
  Promise.resolve = origResolve;
  console.log(r.join(','), counted > 0);
});
