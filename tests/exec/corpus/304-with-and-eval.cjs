// Closures inside a with body, or in a function whose direct eval declares variables: their names
// resolve through that scope. restack does not capture them (a restore function could not re-enter
// the scope), so they keep running natively through every update.
function step(x) { UPDATE_POINT(); return x + 1; }
var x = 'outer';
var y = 'outer y';

function withBody(o) {
  with (o) {
    return function () { let n = 0; for (let i = 0; i < 3; i++) n = step(n); return x + n; };
  }
}
console.log(withBody({ x: 'with' })());

function withArrow(o) {
  with (o) {
    const f = () => { let n = 0; for (let i = 0; i < 2; i++) n = step(n); return x + ':' + y + n; };
    return f();
  }
}
console.log(withArrow({ y: 'with y' }));

function evalVar(src) {
  eval(src);
  return function () { let n = 0; for (let i = 0; i < 3; i++) n = step(n); return x + n; };
}
console.log(evalVar('var x = "eval"')());
console.log(evalVar('var z = 1')());

function evalInBlock(flag) {
  if (flag) { eval('var y = "declared by eval"'); }
  const g = () => { let n = 0; for (let i = 0; i < 2; i++) n = step(n); return y + n; };
  return g();
}
console.log(evalInBlock(true), evalInBlock(false));

function strictEval() {
  'use strict';
  eval('var x = "strict eval keeps its own"');
  const h = () => { let n = 0; for (let i = 0; i < 2; i++) n = step(n); return x + n; };
  return h();
}
console.log(strictEval());
