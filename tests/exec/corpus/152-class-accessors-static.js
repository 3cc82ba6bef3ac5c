// class accessors: static getters/setters, accessor inheritance and overriding, super property access in accessors
class Temperature {
  static #unit = "C";
  static conversions = 0;
  static get unit() { return Temperature.#unit; }
  static set unit(u) {
    if (!["C", "F", "K"].includes(u)) throw new RangeError("bad unit " + u);
    Temperature.#unit = u;
  }
  #celsius;
  constructor(c) { this.#celsius = c; }
  get value() {
    Temperature.conversions++;
    switch (Temperature.unit) {
      case "F": return Math.round((this.#celsius * 9) / 5 + 32);
      case "K": return Math.round(this.#celsius + 273.15);
      default: return this.#celsius;
    }
  }
  set value(v) {
    switch (Temperature.unit) {
      case "F": this.#celsius = ((v - 32) * 5) / 9; break;
      case "K": this.#celsius = v - 273.15; break;
      default: this.#celsius = v;
    }
  }
  get label() { return `${this.value}${Temperature.unit}`; }
}
const temps = [0, 21.5, 100, -40].map((c) => new Temperature(c));
for (const u of ["C", "F", "K"]) {
  Temperature.unit = u;
  console.log(u, temps.map((t) => t.label).join(" "));
  UPDATE_POINT();
}
Temperature.unit = "F";
temps[0].value = 212;
Temperature.unit = "C";
console.log(temps[0].label, Temperature.conversions);
try {
  UPDATE_POINT();
  Temperature.unit = "X";
} catch (e) {
  console.log(e.constructor.name, e.message, Temperature.unit);
}

// overriding only the getter in a subclass hides the inherited setter
class Base {
  #v = 1;
  get v() { return this.#v; }
  set v(x) { this.#v = x * 10; }
  get doubled() { return this.v * 2; }
}
class OnlyGetter extends Base {
  get v() { return super.v + 1000; }
}
class Both extends Base {
  get v() { return super.v + 1; }
  set v(x) { super.v = x + 1; }
}
const og = new OnlyGetter();
try {
  og.v = 5; // no setter on OnlyGetter.prototype: TypeError in strict mode
} catch (e) {
  UPDATE_POINT();
  console.log("OnlyGetter set:", e.constructor.name);
}
const both = new Both();
both.v = 5;
console.log(og.v, og.doubled, both.v, both.doubled);

// static accessors inherited via the constructor chain, using `this`
class Model {
  static #registry = new Map();
  static get count() { return Model.#registry.get(this)?.length ?? 0; }
  static create(...args) {
    const obj = new this(...args);
    if (!Model.#registry.has(this)) Model.#registry.set(this, []);
    Model.#registry.get(this).push(obj);
    return obj;
  }
  static get all() { return (Model.#registry.get(this) ?? []).map(String); }
}
class User extends Model {
  constructor(name) { super(); this.name = name; }
  toString() { return "User(" + this.name + ")"; }
}
class Post extends Model {
  constructor(title) { super(); this.title = title; }
  toString() { return "Post(" + this.title + ")"; }
}
for (const n of ["ann", "bob"]) User.create(n);
Post.create("hello");
console.log(User.count, Post.count, Model.count, User.all.join(","), Post.all.join(","));
// accessors defined with Object.defineProperty on a class prototype
Object.defineProperty(User.prototype, "upper", { get() { return this.name.toUpperCase(); }, configurable: true });
console.log(User.create("cyd").upper, User.count);
