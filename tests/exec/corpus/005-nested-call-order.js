// nested calls f(g(x), h(y)) and evaluation order of arguments
const log = [];
function trace(name, v) {
  UPDATE_POINT();
  log.push(name + "(" + v + ")");
  return v;
}
function f(a, b) { return trace("f", a * 10 + b); }
function g(x) { UPDATE_POINT(); return trace("g", x + 1); }
function h(y) { return trace("h", y * 2); }
function k(a, b, c) { return trace("k", a - b + c); }

console.log(f(g(1), h(2)));
console.log(k(f(g(1), h(g(0))), g(h(3)), f(1, h(g(g(0))))));
console.log(log.join(" "));
log.length = 0;

function compose(...fns) {
  return (x) => fns.reduceRight((acc, fn) => fn(acc), x);
}
const c = compose(g, h, g);
console.log(c(5), log.join(" "));
log.length = 0;

// method call receivers evaluated before args
const obj = {
  v: 1,
  get self() { log.push("self"); return this; },
  m(a, b) { log.push("m"); return this.v + a + b; },
};
console.log(obj.self.m(g(1), h(1)), log.join(" "));
log.length = 0;

function deep(n) {
  UPDATE_POINT();
  if (n === 0) return 0;
  return f(deep(n - 1), g(n) % 10) % 1000;
}
console.log(deep(12), log.length);
