// A function declaration reassigned and read by a closure: its binding is shared through a box,
// and the rebuilt frame's binding is that box, so the closure made before the update and the
// rebuilt frame see the same function (was: the rebuilt frame declared a fresh function and the
// closure kept calling the first one). At the top of a body, later in it, in a generator, called
// recursively through its own name, and in a block of sloppy code. (Found by the fuzzer.)
function spin(n) { let s = 0; for (let i = 0; i < n; i++) s += i; return s; }
function top() {
  const r = [];
  const call = () => h();
  r.push(call());
  for (let i = 0; i < 2; i++) { spin(2); h = () => 'second ' + i; r.push(call()); }
  function h() { return 'first'; }
  return r;
}
console.log(top());
function onlyBefore() {
  function h() { return 'first'; }
  const call = () => h();
  h = () => 'second';
  const r = [call()];
  for (let i = 0; i < 2; i++) r.push(spin(3));
  return r;
}
console.log(onlyBefore());
function recursive(n) {
  function count(k) { return k <= 0 ? 0 : 1 + count(k - 1); }
  const viaClosure = () => count(n);
  const r = [viaClosure()];
  for (let i = 0; i < 2; i++) { spin(2); const old = count; count = (k) => 100 + old(k); r.push(viaClosure()); }
  return r;
}
console.log(recursive(3));
function* gen() {
  function* inner() { yield 1; }
  const run = () => [...inner()];
  yield run();
  for (let i = 0; i < 2; i++) { spin(2); inner = function* () { yield i; yield spin(3); }; yield run(); }
}
console.log([...gen()]);
function sloppyBlock(flag) {
  const r = [];
  if (flag) {
    function h() { return 'first'; }
    const call = () => h();
    r.push(call());
    for (let i = 0; i < 2; i++) { spin(2); h = () => 'second ' + i; r.push(call()); }
  }
  return r;
}
console.log(sloppyBlock(true), sloppyBlock(false));
