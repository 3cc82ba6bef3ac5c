// A var assigned after a closure that reads it was made (a parser's helpers reading `state`
// declared further down): an update before the assignment must leave the closure and the
// rebuilt frame sharing the one variable.
function step(x) { UPDATE_POINT(); return x + 1; }
function make() { return { caret: 0, log: [] }; }

function parse(n) {
  function caret() { return state.caret; }
  const peek = () => state.log.length;
  let warm = 0;
  for (let i = 0; i < n; i++) warm = step(warm);
  var state = make();
  for (let i = 0; i < n; i++) { state.caret = step(state.caret); state.log.push(caret()); }
  return warm + ':' + state.log.join('') + ':' + peek();
}
console.log(parse(3));

function forOfVar(items) {
  const seen = () => last;
  let count = 0;
  for (var last of items) count = step(count);
  return count + ' ' + seen();
}
console.log(forOfVar(['a', 'b', 'c']));

function twice() {
  const read = function () { return typeof total === 'undefined' ? 'unset' : total; };
  const before = read();
  let k = 0;
  for (let i = 0; i < 2; i++) k = step(k);
  var total = k * 10;
  for (let i = 0; i < 2; i++) k = step(k);
  var total = total + k;
  return before + ' ' + read();
}
console.log(twice());

function nested(n) {
  const fns = [];
  for (let j = 0; j < n; j++) fns.push(() => base + j);
  let w = 0;
  for (let i = 0; i < 3; i++) w = step(w);
  var base = 100 * w;
  return fns.map((f) => f()).join(',');
}
console.log(nested(3));
