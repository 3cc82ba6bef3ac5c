// static methods, static fields, inheritance of statics, `this` in static methods
class IdGen {
  static #next = 1;
  static prefix = "id";
  static next() {
    UPDATE_POINT();
    return `${this.prefix}-${IdGen.#next++}`;
  }
  static many(n) {
    const out = [];
    for (let i = 0; i < n; i++) out.push(this.next());
    return out;
  }
}
class OrderId extends IdGen {
  static prefix = "order";
}
console.log(IdGen.many(3).join(","), OrderId.many(2).join(","), IdGen.next());

class MathUtil {
  static gcd(a, b) { return b === 0 ? a : MathUtil.gcd(b, a % b); }
  static lcm(a, b) { return (a / this.gcd(a, b)) * b; }
  static lcmAll(...nums) { return nums.reduce((acc, n) => this.lcm(acc, n), 1); }
}
console.log(MathUtil.gcd(1071, 462), MathUtil.lcm(21, 6), MathUtil.lcmAll(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
const { lcmAll } = MathUtil;
try {
  UPDATE_POINT();
  lcmAll(2, 3);
} catch (e) {
  UPDATE_POINT();
  console.log("detached static:", e.constructor.name);
}
console.log(lcmAll.call(MathUtil, 4, 6));

class Registry {
  static items = new Map();
  static register(name, factory) {
    this.items.set(name, factory);
    return this;
  }
  static create(name, ...args) {
    const f = this.items.get(name);
    return f ? f(...args) : null;
  }
  static names() { return [...this.items.keys()].sort(); }
}
Registry.register("pair", (a, b) => [a, b]).register("triple", (a) => [a, a, a]).register("sum", (...xs) => xs.reduce((x, y) => x + y, 0));
console.log(JSON.stringify(Registry.create("pair", 1, 2)), JSON.stringify(Registry.create("triple", "x")), Registry.create("sum", 1, 2, 3, 4), Registry.create("none"));
console.log(Registry.names().join(","));

class Temperature {
  constructor(c) { this.c = c; }
  static fromF(f) { return new this(((f - 32) * 5) / 9); }
  static compare(a, b) { return a.c - b.c; }
}
const temps = [212, 32, 98.6, -40, 50].map((f) => Temperature.fromF(f));
temps.sort(Temperature.compare);
console.log(temps.map((t) => t.c.toFixed(1)).join(" "));
