// class field initializers with side effects, their order relative to constructors
const order = [];
let serial = 0;
function next(label) {
  serial++;
  order.push(`${label}:${serial}`);
  UPDATE_POINT();
  return serial;
}

class A {
  a1 = next("a1");
  a2 = this.a1 * 10 + next("a2");
  ["comp" + next("key")] = "computed";
  constructor() {
    UPDATE_POINT();
    order.push("A ctor sees a2=" + this.a2);
    this.fromCtor = next("actor");
  }
}
class B extends A {
  b1 = next("b1");
  arr = [next("arr0"), next("arr1")];
  fn = () => this.b1 + this.a1;
  constructor() {
    order.push("B before super");
    super();
    order.push("B after super b1=" + this.b1);
  }
}
const b1 = new B();
const b2 = new B();
console.log(order.join("\n"));
console.log(JSON.stringify(b1), b1.fn(), b2.fn());

// field initializer loops
class Grid {
  size = 4;
  cells = (() => {
    const cells = [];
    for (let i = 0; i < this.size * this.size; i++) cells.push((i * 7) % 5);
    return cells;
  })();
  total = this.cells.reduce((a, b) => a + b, 0);
  #hidden = this.total * 2;
  reveal() { return this.#hidden; }
}
const g = new Grid();
console.log(g.cells.join(""), g.total, g.reveal());

// static fields evaluated once, in order
class S {
  static x = next("sx");
  static y = S.x + next("sy");
  static z = (() => { let s = 0; for (const k of [1, 2, 3]) s += k * S.y; return s; })();
}
console.log(S.x, S.y, S.z, serial);

// field initializers that throw
class Bad {
  ok = next("ok");
  boom = (() => { throw new Error("field init failed"); })();
}
try {
  new Bad();
} catch (e) {
  UPDATE_POINT();
  console.log(e.message, serial);
}
