// `this` binding at different call sites: method calls, detached calls, callbacks, getters, nested functions
"use strict";
const results = [];
function whoAmI() {
  UPDATE_POINT();
  return this === undefined ? "undefined" : this.label ?? typeof this;
}
const a = { label: "a", who: whoAmI, nested: { label: "a.nested", who: whoAmI } };
const b = { label: "b" };
b.who = a.who;
results.push(a.who(), a.nested.who(), b.who(), whoAmI(), (0, a.who)(), (a.who)(), a["who"]());
const detached = a.who;
results.push(detached());
console.log(results.join(" "));

// callbacks: this inside forEach with/without thisArg, inside setTimeout-less callbacks
const collector = {
  label: "collector",
  items: [],
  addAll(list) {
    list.forEach(function (x) {
      // plain function: this comes from the thisArg
      this.items.push(x + ":" + this.label);
    }, this);
    list.forEach((x) => this.items.push(x * 10));
    return this.items.join(",");
  },
  inner() {
    function plain() { return this === undefined ? "no-this" : "has-this"; }
    const arrow = () => this.label;
    return plain() + "/" + arrow() + "/" + plain.call(this);
  },
};
console.log(collector.addAll([1, 2]), collector.inner());

// `this` in getters/setters and via prototype chain
const base = {
  get me() { return this.label; },
  set me(v) { this.label = v + "!"; },
};
const child = Object.create(base);
child.label = "child";
console.log(child.me);
child.me = "renamed";
console.log(child.me, base.label);

// method extracted and called in loops with call/apply
const counters = [{ label: "c1", n: 0 }, { label: "c2", n: 100 }];
function bump(by) {
  this.n += by;
  UPDATE_POINT();
  return `${this.label}=${this.n}`;
}
const log = [];
for (let i = 1; i <= 3; i++) {
  UPDATE_POINT();
  for (const c of counters) log.push(bump.call(c, i));
}
console.log(log.join(" "));

// `this` in class methods used as callbacks loses binding unless bound
class Greeter {
  constructor(name) { this.name = name; this.boundGreet = this.greet.bind(this); }
  greet() { return this ? "hi " + this.name : "lost this"; }
}
const g = new Greeter("gus");
const fns = [g.greet, g.boundGreet, () => g.greet()];
console.log(fns.map((f) => { try { return f(); } catch (e) { return e.constructor.name; } }).join(" | "));

// `this` at module top-level is undefined, and in a function called as method of a function
console.log(typeof this, (function () { return typeof this; }).call(7));
function outer() { return this.tag; }
outer.tag = "function-as-object";
const holder = { fn: outer, tag: "holder" };
console.log(holder.fn(), outer.call(outer));
