// Function.prototype.toString shows each function as written (comments and spacing kept), for
// every kind of function, before, during and after identity updates at the update points inside.
function step(x) { UPDATE_POINT(); return x + 1; }

function declared(a, /* second */ b = step(1)) {
  // a comment in the body
  let s = 0;
  for (let i = 0; i < a; i++) s = step(s);
  return s + b;
}
const expression = function named ( x ) { return step(x); };
const anonymous = function (x) { return x; };
const arrow = (x) => step(x) * 2;
const bare = x => x;
const asyncArrow = async x => step(await x);
async function asyncDecl(x) { await null; return step(x); }
const asyncExpr = async function (y) { return step(y); };
function* gen(n) { for (let i = 0; i < n; i++) yield step(i); }
async function* agen(n) { for (let i = 0; i < n; i++) yield step(i); }
const obj = {
  method(a) { return step(a); },
  get prop() { return step(0); },
  set prop(v) { this.v = step(v); },
  async am() { return step(1); },
  *gm() { yield step(2); },
  async *agm() { yield step(3); },
  ['comp' + 'uted'](z) { return step(z); },
  'quoted key'() { return 1; },
  42() { return 42; },
  prop2: function () { return step(5); },
  arrowProp: () => step(6),
};
class Plain {}
class Shape extends Object {
  /* before the constructor */
  constructor(w) { super(); this.w = step(w); }
  static   create( w ) { return new Shape(step(w)); }
  static get kind() { return 'shape'; }
  static set kind(v) { step(v); }
  static async load() { return step(1); }
  static *ids() { yield step(1); }
  static async *aids() { yield step(2); }
  static ['st' + 'atic'](q) { return step(q); }
  area() { let a = 0; for (let i = 0; i < this.w; i++) a = step(a); return a; }
  get size() { return step(this.w); }
  set size(v) { this.w = step(v); }
  async later() { await null; return step(this.w); }
  *walk() { yield step(this.w); }
  ['dyn' + 1]() { return step(0); }
  field = () => step(this.w);
  static sfield = function () { return step(0); };
}
const Expr = class {
  m() { return step(1); }
};
const NamedExpr = class Inner extends Shape { constructor() { super(step(1)); } };

const desc = (o, k) => Object.getOwnPropertyDescriptor(o, k);
const all = () => [
  declared, expression, anonymous, arrow, bare, asyncArrow, asyncDecl, asyncExpr, gen, agen,
  obj.method, desc(obj, 'prop').get, desc(obj, 'prop').set, obj.am, obj.gm, obj.agm, obj.computed, obj['quoted key'], obj[42], obj.prop2, obj.arrowProp,
  Plain, Shape, Shape.create, desc(Shape, 'kind').get, desc(Shape, 'kind').set, Shape.load, Shape.ids, Shape.aids, Shape.static,
  Shape.prototype.area, desc(Shape.prototype, 'size').get, desc(Shape.prototype, 'size').set, Shape.prototype.later, Shape.prototype.walk,
  Shape.prototype.dyn1, new Shape(1).field, Shape.sfield, Expr, Expr.prototype.m, NamedExpr, Shape.prototype.constructor,
  step,
];
for (const f of all()) console.log(JSON.stringify(f.toString()));

// The same functions printed from frames that update points rebuild (loops with calls).
function printer(list) {
  const out = [];
  for (let i = 0; i < list.length; i++) {
    step(i);
    out.push(list[i].toString().length);
  }
  return out.join(',');
}
console.log(printer(all()));
console.log(declared(3), new Shape(3).area(), [...gen(2)], obj.computed(1));
asyncDecl(1).then((v) => console.log('async', v, asyncDecl.toString()));
