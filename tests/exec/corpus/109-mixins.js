// mixins: class factories, Object.assign mixins, method chaining through super in mixins
const Serializable = (Base) =>
  class extends Base {
    serialize() {
      const out = {};
      for (const k of Object.keys(this).sort()) out[k] = this[k];
      return JSON.stringify(out);
    }
  };
const Observable = (Base) =>
  class extends Base {
    #watchers = [];
    watch(fn) { this.#watchers.push(fn); return this; }
    notify(field, value) {
      for (const w of this.#watchers) {
        UPDATE_POINT();
        w(field, value);
      }
    }
    set(field, value) {
      if (super.set) super.set(field, value);
      else this[field] = value;
      this.notify(field, value);
      return this;
    }
  };
const Validated = (rules) => (Base) =>
  class extends Base {
    set(field, value) {
      const rule = rules[field];
      if (rule && !rule(value)) throw new TypeError(`invalid ${field}: ${JSON.stringify(value)}`);
      return super.set(field, value);
    }
  };
let clock = 0;
const Timestamped = (Base) =>
  class extends Base {
    constructor(...args) {
      UPDATE_POINT();
      super(...args);
      this.created = ++clock * 10;
    }
  };

class Entity {
  constructor(id) { this.id = id; }
  set(field, value) { this[field] = `${value}`; return this; }
}
const mixins = [Serializable, Observable, Validated({ age: (v) => Number.isInteger(v) && v >= 0 }), Timestamped];
const User = mixins.reduce((C, m) => m(C), Entity);

const log = [];
const u = new User("u1");
u.watch((f, v) => log.push(`${f}<-${v}`)).watch((f) => log.push(`changed ${f}`));
u.set("name", "ann").set("age", 31);
try {
  u.set("age", -1);
} catch (e) {
  UPDATE_POINT();
  log.push(e.constructor.name + " " + e.message);
}
console.log(u.serialize());
console.log(log.join(" | "));
const v = new User("u2");
console.log(v.created, u.created, v instanceof Entity, Object.getPrototypeOf(User.prototype) !== Entity.prototype);

// Object.assign-style mixin with methods using `this`
const Comparable = {
  compareTo(o) { return this.valueOf() - o.valueOf(); },
  between(a, b) { return this.compareTo(a) >= 0 && this.compareTo(b) <= 0; },
};
const Printable = {
  print() { return `[${this.constructor.label}:${this.valueOf()}]`; },
};
class Money {
  static label = "money";
  constructor(c) { this.c = c; }
  valueOf() { return this.c; }
}
Object.assign(Money.prototype, Comparable, Printable);
const ms = [500, 120, 999, 42].map((c) => new Money(c));
ms.sort((a, b) => a.compareTo(b));
console.log(ms.map((m) => m.print()).join(" "), ms[1].between(ms[0], ms[2]), ms[3].between(ms[0], ms[1]));

// mixin applied twice creates distinct classes
const A1 = Serializable(Entity);
const A2 = Serializable(Entity);
console.log(A1 === A2, new A1("x").serialize(), new A2("y").set("k", 1).serialize());
