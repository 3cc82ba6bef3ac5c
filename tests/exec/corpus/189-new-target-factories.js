// new.target: abstract bases, subclass-aware base constructors, dual call/construct functions, Reflect.construct
class Widget {
  static created = [];
  constructor(id) {
    UPDATE_POINT();
    if (new.target === Widget) throw new TypeError("Widget is abstract; construct a subclass");
    this.id = id;
    this.kind = new.target.kind ?? "unnamed";
    Widget.created.push(this.kind + ":" + id);
    this.init?.();
    UPDATE_POINT();
  }
}
class Button extends Widget {
  static kind = "button";
  init() { this.label = "btn" + this.id; }
}
class IconButton extends Button {
  static kind = "icon-button";
}
class Anonymous extends Widget {}
for (const C of [Button, IconButton, Anonymous, Widget]) {
  try {
    const w = new C(Widget.created.length + 1);
    console.log(w.kind, w.id, w.label ?? "-");
  } catch (e) {
    console.log(e.constructor.name, e.message);
  }
}
console.log(Widget.created.join(","));

// a function usable with and without new
function Vec(x, y) {
  if (!new.target) return new Vec(x, y);
  this.x = x;
  this.y = y;
  this.viaNew = new.target === Vec;
}
Vec.prototype.len2 = function () { return this.x * this.x + this.y * this.y; };
const vs = [Vec(1, 2), new Vec(3, 4)];
console.log(vs.map((v) => `${v.len2()}:${v.viaNew}`).join(" "));

// new.target captured by arrow functions in constructors, and inside nested functions
class Tracker {
  constructor() {
    const getTarget = () => new.target;
    function plain() { return new.target === undefined; }
    this.same = getTarget() === new.target;
    this.plainUndefined = plain();
    this.name = getTarget() === Tracker ? "Tracker" : "subclass";
  }
}
class SubTracker extends Tracker {}
console.log(JSON.stringify(new Tracker()), JSON.stringify(new SubTracker()));

// Reflect.construct with a different newTarget changes the prototype and new.target
function Base() {
  this.target = new.target === Base ? "Base" : new.target === Derived ? "Derived" : "other";
}
function Derived() {}
Derived.prototype.hello = function () { return "derived proto says hi"; };
const viaReflect = Reflect.construct(Base, [], Derived);
console.log(viaReflect.target, viaReflect instanceof Derived, viaReflect.hello());
class K { constructor() { this.t = new.target === K ? "K" : "not K"; } }
class L {}
const kl = Reflect.construct(K, [], L);
console.log(kl.t, kl instanceof L, kl instanceof K);

// factories choosing subclasses based on new.target-aware base logic in a loop
class Shape {
  constructor(size) {
    UPDATE_POINT();
    this.size = size;
    this.sides = new.target.sides;
    this.perimeter = new.target.sides * size;
  }
}
class Tri extends Shape { static sides = 3; }
class Quad extends Shape { static sides = 4; }
class Hex extends Shape { static sides = 6; }
const kinds = [Tri, Quad, Hex];
const made = [];
for (let i = 0; i < 7; i++) made.push(new kinds[i % 3](i + 1));
console.log(made.map((s) => `${s.sides}x${s.size}=${s.perimeter}`).join(" "));
