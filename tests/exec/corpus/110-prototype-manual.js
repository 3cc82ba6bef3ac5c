// pre-class style: constructor functions, prototype chains, Object.create, property descriptors
function Shape(name) {
  UPDATE_POINT();
  this.name = name;
  Shape.count++;
}
Shape.count = 0;
Shape.prototype.area = function () { return 0; };
Shape.prototype.describe = function () {
  return `${this.name} with area ${this.area().toFixed(2)}`;
};

function Rect(w, h) {
  Shape.call(this, "rect");
  this.w = w;
  this.h = h;
}
Rect.prototype = Object.create(Shape.prototype, {
  constructor: { value: Rect, writable: true, configurable: true },
});
Rect.prototype.area = function () { return this.w * this.h; };

function Square(s) {
  Rect.call(this, s, s);
  this.name = "square";
}
Square.prototype = Object.create(Rect.prototype);
Square.prototype.constructor = Square;
Square.prototype.describe = function () {
  return "[" + Rect.prototype.describe.call(this) + "]";
};

function Circle(r) {
  Shape.call(this, "circle");
  this.r = r;
}
Object.setPrototypeOf(Circle.prototype, Shape.prototype);
Circle.prototype.area = function () { return Math.PI * this.r * this.r; };

const shapes = [];
for (let i = 1; i <= 4; i++) {
  shapes.push(new Rect(i, i + 1), new Square(i), new Circle(i / 2));
  UPDATE_POINT();
}
console.log(shapes.map((s) => s.describe()).join("\n"));
console.log(Shape.count, shapes[1] instanceof Rect, shapes[1].constructor === Square, Object.getPrototypeOf(Object.getPrototypeOf(shapes[1])) === Rect.prototype);

// monkey-patching the prototype affects existing instances
Shape.prototype.perimeterHint = function () { return this.name.length; };
console.log(shapes.slice(0, 3).map((s) => s.perimeterHint()).join(","));

// property descriptors: getters on prototypes, non-writable, non-enumerable
const proto = {};
Object.defineProperties(proto, {
  full: { get() { return this.first + " " + this.last; }, enumerable: true },
  id: { value: "fixed", writable: false, enumerable: false },
});
const p = Object.create(proto, { first: { value: "ada", enumerable: true, writable: true }, last: { value: "lovelace", enumerable: true } });
p.first = "Ada";
for (const key of ["last", "id"]) {
  try {
    p[key] = "changed"; // not writable: modules are strict, so this throws
  } catch (e) {
    console.log(key, e.constructor.name);
  }
}
console.log(p.full);
const keys = [];
for (const k in p) keys.push(k);
console.log(keys.join(","), Object.keys(p).join(","), p.id);

// Object.create(null) dictionaries and hasOwnProperty borrowing
const dict = Object.create(null);
const words = "to be or not to be that is the question".split(" ");
for (const w of words) dict[w] = (dict[w] || 0) + 1;
console.log(Object.keys(dict).map((k) => k + dict[k]).join(" "), "toString" in dict, Object.prototype.hasOwnProperty.call(dict, "be"));

// prototype chain walk
const labels = new Map([[Square.prototype, "Square"], [Rect.prototype, "Rect"], [Shape.prototype, "Shape"], [Object.prototype, "Object"], [Array.prototype, "Array"], [dict, "dict"]]);
function chain(o) {
  UPDATE_POINT();
  const names = [];
  for (let p = Object.getPrototypeOf(o); p; p = Object.getPrototypeOf(p)) names.push(labels.get(p) ?? "unknown");
  return names.join(" > ");
}
console.log(chain(new Square(1)), "|", chain([]), "|", chain(Object.create(dict)));
