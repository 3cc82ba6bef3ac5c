// arrow functions capturing `this` from methods, constructors and class fields
class Accumulator {
  constructor(name) {
    UPDATE_POINT();
    this.name = name;
    this.total = 0;
    this.add = (n) => {
      this.total += n;
      return this;
    };
  }
  addAll(list) {
    list.forEach((n) => {
      UPDATE_POINT();
      this.total += n * this.factor();
    });
    return this.total;
  }
  factor() { return this.name.length; }
  deferred() {
    const fns = [];
    for (let i = 0; i < 3; i++) fns.push(() => `${this.name}#${i}:${this.total}`);
    return fns;
  }
}
const acc = new Accumulator("abc");
acc.add(1).add(2);
const detached = acc.add;
detached(10);
console.log(acc.total, acc.addAll([1, 2, 3]));
const fns = acc.deferred();
acc.add(100);
console.log(fns.map((f) => f()).join(" "));

const obj = {
  items: ["a", "b", "c"],
  prefix: "item-",
  labels() {
    return this.items.map((x, i) => {
      const inner = () => this.prefix + x + i;
      return inner();
    });
  },
  nested() {
    return (() => (() => (() => this.prefix.length)())())();
  },
};
console.log(obj.labels().join(","), obj.nested());

function Legacy() {
  UPDATE_POINT();
  this.count = 0;
  const bump = () => { this.count++; };
  for (let i = 0; i < 5; i++) bump();
  this.getCount = () => this.count;
}
const l = new Legacy();
const other = { getCount: l.getCount, count: 99 };
console.log(l.getCount(), other.getCount());

class Timer {
  ticks = 0;
  onTick = () => { this.ticks++; return this.ticks; };
}
const t = new Timer();
const cb = t.onTick;
cb(); cb();
console.log(t.ticks, [1, 2, 3].map(t.onTick).join(","));
// arrow `this` cannot be rebound via call/apply/bind
console.log(cb.call({ ticks: 1000 }), cb.bind({ ticks: 5 })(), t.ticks);
