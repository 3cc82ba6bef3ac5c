// A class's own name inside its body always denotes the class, whatever the declared binding
// outside holds later: a rebuilt method (or a closure in one) must not see the outer binding.
function step(x) { UPDATE_POINT(); return x + 1; }

class Registry {
  static create() { let n = 0; for (let i = 0; i < 3; i++) n = step(n); return new Registry(n); }
  constructor(n) { this.n = n; }
  same() { let k = 0; for (let i = 0; i < 2; i++) k = step(k); return this instanceof Registry ? 'inner' + k : 'outer' + k; }
  later() { return () => { let k = 0; for (let i = 0; i < 2; i++) k = step(k); return typeof Registry + k; }; }
}
const Original = Registry;
const r = Registry.create();
const later = r.later();
Registry = null;
console.log(r.n, r.same(), later(), Original.create().n);

function local() {
  class Node { kind() { let d = 0; for (let i = 0; i < 2; i++) d = step(d); return (Node === Saved) + ':' + d; } }
  const Saved = Node;
  const node = new Node();
  Node = 'replaced';
  const reader = () => Node;
  return node.kind() + ' ' + reader();
}
console.log(local());

const Expr = class Named {
  who() { let d = 0; for (let i = 0; i < 3; i++) d = step(d); return typeof Named + ':' + Named.name + ':' + d; }
};
var Named = 'outer';
console.log(new Expr().who(), Named);

function shadowTwice() {
  let Inner = 'outer binding';
  const C = class Inner { static tag() { let d = 0; for (let i = 0; i < 2; i++) d = step(d); return Inner.name + d; } };
  Inner = 'changed';
  return C.tag() + ' ' + Inner;
}
console.log(shadowTwice());
