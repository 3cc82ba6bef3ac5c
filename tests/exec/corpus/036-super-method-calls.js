// super.method() calls, super property access in methods/getters/static methods and object literals
class Base {
  constructor() { this.calls = []; }
  greet(name) { this.calls.push("Base.greet"); return `hello ${name}`; }
  get label() { return "base"; }
  static create() { return "Base.create"; }
  total(list) {
    let t = 0;
    for (const x of list) t += this.weight(x);
    return t;
  }
  weight(x) { return x; }
}
class Mid extends Base {
  greet(name) {
    this.calls.push("Mid.greet");
    UPDATE_POINT();
    return super.greet(name.toUpperCase()) + "!";
  }
  get label() { return "mid<" + super.label + ">"; }
  static create() { return "Mid+" + super.create(); }
  weight(x) { return super.weight(x) * 2; }
}
class Leaf extends Mid {
  greet(name) {
    this.calls.push("Leaf.greet");
    const parts = [];
    for (let i = 0; i < 3; i++) parts.push(super.greet(name + i));
    return parts.join(" / ");
  }
  get label() { return "leaf<" + super.label + ">"; }
  static create() { return "Leaf+" + super.create(); }
  weight(x) { return x % 2 ? super.weight(x) : x; }
  total(list) { return "total=" + super.total(list); }
}
const leaf = new Leaf();
console.log(leaf.greet("ann"));
console.log(leaf.calls.join(","));
console.log(leaf.label, Leaf.create());
console.log(leaf.total([1, 2, 3, 4, 5]));

// super in object literals via __proto__ / setPrototypeOf
const proto = {
  describe() { return "proto:" + this.name; },
  count(n) { let s = 0; for (let i = 0; i < n; i++) s += i; return s; },
};
const child = {
  __proto__: proto,
  name: "child",
  describe() { return "child(" + super.describe() + ")"; },
  count(n) { return super.count(n) + 1000; },
};
const grandchild = {
  name: "gc",
  describe() { return "gc[" + super.describe() + "]"; },
};
Object.setPrototypeOf(grandchild, child);
console.log(child.describe(), grandchild.describe(), grandchild.count(10));

// super method call inside an arrow inside a callback
class Collection extends Array {
  sumBy(fn) {
    let s = 0;
    super.forEach((x) => { s += fn(x); });
    return s;
  }
  doubled() { return super.map((x) => x * 2); }
}
const c = Collection.from([1, 2, 3, 4]);
console.log(c.sumBy((x) => x * x), c.doubled().join(","), c.doubled() instanceof Collection);
