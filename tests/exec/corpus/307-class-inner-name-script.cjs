// A class's own name in a sloppy CommonJS script: the declared binding is reassigned, so a
// rebuilt method, getter, static block or field initialiser must keep seeing the class itself.
function step(x) { UPDATE_POINT(); return x + 1; }

class Shape {
  static count = 0;
  static { let k = 0; for (let i = 0; i < 2; i++) k = step(k); Shape.count = k; }
  get self() { let k = 0; for (let i = 0; i < 2; i++) k = step(k); return Shape === Kept ? 'getter sees class ' + k : 'getter sees ' + Shape; }
  clone() { let k = 0; for (let i = 0; i < 3; i++) k = step(k); return new Shape().constructor === Kept && k; }
  static make() { return [1, 2].map((x) => { let k = x; for (let i = 0; i < 2; i++) k = step(k); return Shape.name + k; }); }
}
var Kept = Shape;
Shape = 'no longer a class';
const s = new Kept();
console.log(Kept.count, s.self, s.clone(), Kept.make().join(' '), Shape);

function factory() {
  class Item {
    constructor(v) { this.v = v; }
    twin() { let k = 0; for (let i = 0; i < 2; i++) k = step(k); return new Item(this.v + k); }
  }
  const first = new Item(1);
  Item = function Impostor() { this.v = 'impostor'; };
  const probe = () => Item.name;
  return first.twin().v + ' ' + probe();
}
console.log(factory());
