// static initialization blocks registering subclasses, with loops, try/catch and private static state
const events = [];
function log(s) {
  events.push(s);
  UPDATE_POINT();
}
class Shape {
  static #registry = new Map();
  static #order = [];
  static register(cls, ...aliases) {
    for (const name of [cls.kind, ...aliases]) {
      UPDATE_POINT();
      if (Shape.#registry.has(name)) throw new Error(`duplicate shape name ${name}`);
      Shape.#registry.set(name, cls);
    }
    Shape.#order.push(cls.kind);
    log("registered " + cls.kind);
  }
  static create(name, ...args) {
    const C = Shape.#registry.get(name);
    if (!C) throw new Error("unknown shape " + name);
    return new C(...args);
  }
  static get names() { return [...Shape.#registry.keys()].sort().join(","); }
  static get order() { return Shape.#order.join(">"); }
  static {
    log("Shape static block");
  }
}
class Circle extends Shape {
  static kind = "circle";
  static {
    Shape.register(this, "round");
  }
  constructor(r) { super(); this.r = r; }
  area() { return Math.round(Math.PI * this.r * this.r); }
}
class Rect extends Shape {
  static kind = "rect";
  static sizes = [];
  static {
    Shape.register(this, "box");
    for (let i = 1; i <= 3; i++) this.sizes.push(i * i);
  }
  constructor(w, h) { super(); this.w = w; this.h = h; }
  area() { return this.w * this.h; }
}
class Square extends Rect {
  static kind = "square";
  static conflict;
  static {
    Shape.register(this);
    try {
      Shape.register(this, "box"); // duplicate alias
    } catch (e) {
      this.conflict = e.message;
    }
  }
  constructor(s) { super(s, s); }
}
console.log(Shape.names, "|", Shape.order);
console.log(Square.conflict, Rect.sizes.join(","), Object.hasOwn(Square, "sizes"));
const shapes = [["circle", 2], ["round", 1], ["rect", 3, 4], ["box", 2, 5], ["square", 6]].map(([n, ...a]) => Shape.create(n, ...a));
console.log(shapes.map((s) => s.area()).join(","));
try {
  Shape.create("hexagon");
} catch (e) {
  UPDATE_POINT();
  console.log(e.message);
}
console.log(events.join(" | "));

// static blocks can read and write private instance members through lexical access
let peek;
class Vault {
  #secret;
  static #count = 0;
  constructor(s) { this.#secret = s; Vault.#count++; }
  static {
    peek = (v) => `${v.#secret}/${Vault.#count}`;
  }
}
const vaults = ["x", "y", "z"].map((s) => new Vault(s));
console.log(vaults.map(peek).join(" "));

// multiple static blocks interleaved with static fields evaluate in order
const order = [];
class Ordered {
  static a = (order.push("field a"), 1);
  static { order.push("block 1 sees a=" + this.a + " b=" + this.b); }
  static b = (order.push("field b"), 2);
  static { order.push("block 2 sees b=" + this.b); }
}
console.log(order.join("; "));
