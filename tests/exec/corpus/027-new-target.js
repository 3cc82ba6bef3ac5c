// new.target in functions, classes, arrow functions inside constructors
function Maybe() {
  UPDATE_POINT();
  if (!new.target) return "called without new";
  this.viaNew = true;
  const check = () => new.target === Maybe;
  this.arrowSees = check();
}
console.log(Maybe());
const m = new Maybe();
console.log(m.viaNew, m.arrowSees);

class Shape {
  constructor(size) {
    if (new.target === Shape) throw new TypeError("Shape is abstract");
    this.kind = new.target.kindName;
    this.size = size;
    UPDATE_POINT();
  }
  area() { return 0; }
}
class Square extends Shape {
  static kindName = "square";
  area() { return this.size * this.size; }
}
class Circle extends Shape {
  static kindName = "circle";
  area() { return Math.round(Math.PI * this.size * this.size); }
}
try {
  new Shape(1);
} catch (e) {
  console.log(e.constructor.name, e.message);
}
const shapes = [];
for (let i = 1; i <= 4; i++) shapes.push(i % 2 ? new Square(i) : new Circle(i));
console.log(shapes.map((s) => `${s.kind}:${s.area()}`).join(" "));

// Reflect.construct with a different newTarget
function Base() {
  this.target = new.target === Base ? "Base" : new.target === Other ? "Other" : "unknown";
}
function Other() {}
Other.prototype.hello = function () { return "hello from other proto"; };
const r = Reflect.construct(Base, [], Other);
console.log(r.target, r.hello(), r instanceof Other);

// new.target in a factory called both ways
function Point(x, y) {
  if (new.target === undefined) return new Point(x, y);
  this.x = x;
  this.y = y;
}
const pts = [Point(1, 2), new Point(3, 4)];
console.log(JSON.stringify(pts), pts.every((p) => p instanceof Point));

class Counted {
  static instances = 0;
  constructor() {
    UPDATE_POINT();
    const reg = () => { new.target.instances++; return new.target.instances; };
    this.id = reg();
  }
}
class SubCounted extends Counted { static instances = 100; }
new Counted(); new Counted();
const sc = new SubCounted();
console.log(Counted.instances, SubCounted.instances, sc.id);
