// new expressions with calls in arguments, constructor functions, new on member expr
let made = 0;
function Vec(x, y) {
  UPDATE_POINT();
  made++;
  this.x = x;
  this.y = y;
  UPDATE_POINT();
}
Vec.prototype.add = function (o) { return new Vec(this.x + o.x, this.y + o.y); };
Vec.prototype.toString = function () { return "(" + this.x + "," + this.y + ")"; };

function mk(i) { return new Vec(i, i * i); }
let acc = new Vec(0, 0);
for (let i = 0; i < 6; i++) {
  acc = acc.add(mk(i)).add(new Vec(mk(1).x, new Vec(2, 3).y));
}
console.log(String(acc), made);

const ns = { inner: { Vec } };
const v = new ns.inner.Vec(mk(2).y, 1);
console.log(`${v}`, v instanceof Vec);

// constructor returning an object overrides this
function Weird(flag) {
  UPDATE_POINT();
  this.a = 1;
  if (flag) return { replaced: true, a: this.a + 1 };
}
console.log(JSON.stringify(new Weird(false)), JSON.stringify(new Weird(true)));

// new with no args and new of a factory result
function Factory() { return Vec; }
const w = new (Factory())(7, 8);
console.log(String(w));
const arr = new Array(3).fill(0).map((_, i) => new Vec(i, -i));
console.log(arr.join(" "));
const m = new Map([[new Vec(1, 1).toString(), 1], [String(new Vec(2, 2)), 2]]);
console.log([...m.keys()].join("|"), made);
class Counter {
  constructor(start) { this.n = start; }
}
const counters = [1, 2, 3].map((x) => new Counter(x * 10 + made));
console.log(counters.map((c) => c.n).join(","));
