// setters with side effects: validation, derived fields, change notifications propagating through a graph
class Cell {
  static changes = [];
  #value;
  #dependents = new Set();
  constructor(name, value) {
    UPDATE_POINT();
    this.name = name;
    this.#value = value;
  }
  get value() { return this.#value; }
  set value(v) {
    if (typeof v !== "number" || Number.isNaN(v)) throw new TypeError(`${this.name}: not a number`);
    if (v === this.#value) return;
    const old = this.#value;
    this.#value = v;
    Cell.changes.push(`${this.name}:${old}->${v}`);
    UPDATE_POINT();
    for (const d of this.#dependents) d.recompute();
  }
  addDependent(d) { this.#dependents.add(d); }
}
class Formula extends Cell {
  constructor(name, inputs, fn) {
    super(name, fn(...inputs.map((c) => c.value)));
    this.inputs = inputs;
    this.fn = fn;
    for (const c of inputs) c.addDependent(this);
  }
  recompute() {
    this.value = this.fn(...this.inputs.map((c) => c.value));
  }
}
const a = new Cell("a", 1);
const b = new Cell("b", 2);
const sum = new Formula("sum", [a, b], (x, y) => x + y);
const prod = new Formula("prod", [a, b], (x, y) => x * y);
const total = new Formula("total", [sum, prod], (s, p) => s * 10 + p);
const parity = new Formula("parity", [total], (t) => t % 2);
console.log(sum.value, prod.value, total.value, parity.value);
a.value = 3;
console.log(sum.value, prod.value, total.value, parity.value);
b.value = 2; // no change: no propagation
b.value = 5;
console.log(sum.value, prod.value, total.value, parity.value);
try {
  a.value = "oops";
} catch (e) {
  console.log(e.constructor.name, e.message);
}
console.log(Cell.changes.join(" "));

// object literal setters normalizing input in a loop, and setters triggered by compound assignment
const profile = {
  _tags: [],
  _age: 0,
  writes: 0,
  set tags(v) {
    this.writes++;
    const list = Array.isArray(v) ? v : String(v).split(",");
    const out = [];
    for (const t of list) {
      UPDATE_POINT();
      const clean = t.trim().toLowerCase();
      if (clean && !out.includes(clean)) out.push(clean);
    }
    this._tags = out.sort();
  },
  get tags() { return this._tags; },
  set age(v) { this.writes++; this._age = Math.max(0, Math.min(150, Math.floor(v))); },
  get age() { return this._age; },
};
profile.tags = " JS, ts ,js,,Go ";
console.log(profile.tags.join("|"));
profile.tags = [...profile.tags, "Rust", "GO"];
console.log(profile.tags.join("|"));
profile.age = 41.9;
profile.age += 200;
profile.age -= 1000;
profile.age ||= 7;
console.log(profile.age, profile.writes);
// setter on the prototype chain is invoked instead of creating an own property
const child = Object.create(profile);
child.age = 33;
console.log(Object.prototype.hasOwnProperty.call(child, "age"), Object.prototype.hasOwnProperty.call(child, "_age"), child.age, profile.age);
