// instanceof with class hierarchies, Symbol.hasInstance, prototype chains
class Shape {}
class Polygon extends Shape {}
class Triangle extends Polygon {}
class Rect extends Polygon {}
class Square extends Rect {}
class Circle extends Shape {}

function classify(x) {
  UPDATE_POINT();
  const tags = [];
  for (const [name, C] of [["Shape", Shape], ["Polygon", Polygon], ["Triangle", Triangle], ["Rect", Rect], ["Square", Square], ["Circle", Circle], ["Object", Object]]) {
    if (x instanceof C) tags.push(name);
  }
  UPDATE_POINT();
  return tags.join(">") || "none";
}
const things = [new Shape(), new Triangle(), new Square(), new Circle(), new Rect(), {}, Object.create(null), [], null, 42];
for (const t of things) console.log(classify(t));

class Even {
  static [Symbol.hasInstance](n) {
    return typeof n === "number" && n % 2 === 0;
  }
}
console.log([1, 2, 3, 4, 10, "2"].map((n) => n instanceof Even).join(","));

function OldStyle() {}
OldStyle.prototype = Object.create(Polygon.prototype);
OldStyle.prototype.constructor = OldStyle;
const o = new OldStyle();
console.log(o instanceof OldStyle, o instanceof Polygon, o instanceof Shape, o instanceof Rect);

// changing prototype after construction
const sq = new Square();
Object.setPrototypeOf(sq, Circle.prototype);
console.log(classify(sq));

// dispatch on type using instanceof in a loop with accumulation
function area(s) {
  if (s instanceof Square) return s.side * s.side;
  if (s instanceof Rect) return s.w * s.h;
  if (s instanceof Triangle) return (s.b * s.h) / 2;
  if (s instanceof Circle) return Math.round(3.14159 * s.r * s.r);
  throw new TypeError("unknown shape");
}
const list = [];
for (let i = 1; i <= 6; i++) {
  let s;
  switch (i % 4) {
    case 0: s = Object.assign(new Square(), { side: i }); break;
    case 1: s = Object.assign(new Rect(), { w: i, h: i + 1 }); break;
    case 2: s = Object.assign(new Triangle(), { b: i, h: 2 * i }); break;
    default: s = Object.assign(new Circle(), { r: i });
  }
  list.push(s);
}
console.log(list.map(area).join(","));
try {
  area(new Shape());
} catch (e) {
  UPDATE_POINT();
  console.log(e.constructor.name, e.message);
}
console.log([] instanceof Array, [] instanceof Object, (() => {}) instanceof Function, Object(1) instanceof Number, 1 instanceof Number);
