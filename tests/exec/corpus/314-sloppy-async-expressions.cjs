// A sloppy async function expression that reads its own name stays sloppy code: assigning its
// own name is ignored, an undeclared name becomes a global, `this` is boxed.
function step(x) { let s = 0; for (let i = 0; i < 3; i++) s += x; return s; }
const results = [];
const a = async function self(n) {
  (() => { self = 1; })();
  for (let i = 0; i < n; i++) await step(i);
  return self === a;
};
const b = async function counter(n) {
  await step(n);
  counter = null;
  implicitGlobal = step(n);
  return typeof counter + ' ' + implicitGlobal;
};
const c = async function boxed() {
  await null;
  return [typeof this, this instanceof Number, typeof boxed];
};
(async () => {
  results.push(await a(3));
  results.push(await b(2));
  results.push((await c.call(7)).join(','));
  console.log(results.join(' | '));
})();
