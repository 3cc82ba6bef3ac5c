// More closures whose names resolve through a with object or a direct eval's declarations: a
// generator in a with body, an object method beside eval, a closure in a with nested in a loop.
function step(x) { UPDATE_POINT(); return x + 1; }
var label = 'global label';

function genInWith(scope) {
  with (scope) {
    return function* () { for (let i = 0; i < 3; i++) yield label + step(i); };
  }
}
console.log([...genInWith({ label: 'scoped' })()].join(','));

function methodBesideEval(code) {
  eval(code);
  return { read() { let k = 0; for (let i = 0; i < 2; i++) k = step(k); return label + k; } };
}
console.log(methodBesideEval('var label = "from eval"').read());

function withInLoop(objs) {
  const out = [];
  for (const o of objs) {
    with (o) {
      out.push(() => { let k = 0; for (let i = 0; i < 2; i++) k = step(k); return label + k; });
    }
  }
  return out.map((f) => f()).join(' ');
}
console.log(withInLoop([{ label: 'one' }, {}, { label: 'three' }]));

function deepEval() {
  eval('var depth = "eval depth"');
  return function () {
    return () => { let k = 0; for (let i = 0; i < 2; i++) k = step(k); return depth + k; };
  };
}
console.log(deepEval()()());
