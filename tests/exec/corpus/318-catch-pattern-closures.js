// Closures made in a catch parameter's destructuring defaults see the parameter's bindings, also
// when the function around them declares the same names, and after their frames are rebuilt.
var x = 'outside';
let probes = [];
function step(v) { let s = 0; for (let i = 0; i < 2; i++) s += v; return s; }
try { throw ['inside']; } catch ([x, _ = probes.push(function () { step(1); return x; })]) {}
function shadowing() {
  let y = 'fn-outer';
  let count = 0;
  try {
    throw { y: 'caught' };
  } catch ({ y, get = () => { step(1); return y; }, set = (v) => { y = v; count++; } }) {
    set('assigned');
    probes.push(get);
  }
  for (let i = 0; i < 2; i++) {
    try { throw [i]; } catch ([y, f = function () { return step(y) + y; }]) { probes.push(f); }
  }
  return y + ' ' + count;
}
function nested() {
  try {
    throw ['a'];
  } catch ([z, g = () => z]) {
    try { throw ['b']; } catch ([z, h = () => z + g()]) { return h(); }
  }
}
function ownParameter() {
  try { throw [3]; } catch ([n, f = function (n) { return step(n) * 10; }]) { return f(n + 1) + n; }
}
console.log(shadowing(), nested(), ownParameter());
console.log(probes.map((p) => p()).join(' '));
