// stress test of evaluation order in complex expressions mixing members, calls, updates and compound assignment
const t = [];
function f(label, v) {
  t.push(label);
  UPDATE_POINT();
  return v;
}
const store = { items: [10, 20, 30], meta: { count: 0 }, log: [] };
let i = 0;

// compound assignment on a computed member chain with calls everywhere
f("obj", store)[f("key", "items")][f("idx", i++)] += f("rhs", 5) * (f("a", null) ?? f("b", 2));
console.log(JSON.stringify(store.items), i, t.join(" "));
t.length = 0;

// logical assignment only evaluates the right side when needed, but always the target reference
f("o1", store.meta)[f("k1", "count")] ||= f("r1", 7);
f("o2", store.meta)[f("k2", "count")] ||= f("r2", 99);
f("o3", store.meta)[f("k3", "missing")] ??= f("r3", "filled");
console.log(JSON.stringify(store.meta), t.join(" "));
t.length = 0;

// call arguments, spread and conditional in one expression
const out = f("fn", (...a) => a.join("."))(f("x", 1), ...f("spread", [2, 3]), f("cond", true) ? f("yes", 4) : f("no", 5), `${f("tpl", 6)}`);
console.log(out, t.join(" "));
t.length = 0;

// update expressions on members with side-effecting keys inside a loop
const counts = { a: 0, b: 0 };
for (let k = 0; k < 4; k++) {
  UPDATE_POINT();
  const r = counts[f("k" + k, k % 2 ? "a" : "b")]++ + ++counts[f("j" + k, "a")];
  store.log.push(r);
}
console.log(JSON.stringify(counts), store.log.join(","), t.join(" "));
t.length = 0;

// nested assignments are right-to-left in value but left-to-right in reference evaluation
let x, y;
const target = {};
target[f("t1", "p")] = x = target[f("t2", "q")] = y = f("val", 42);
console.log(JSON.stringify(target), x, y, t.join(" "));
t.length = 0;

// comparison chains, exponent right-associativity, and `in`/`instanceof` with calls
const r = [
  f("c1", 1) < f("c2", 2) === f("c3", true),
  f("e1", 2) ** f("e2", 3) ** f("e3", 2),
  f("in1", "items") in f("in2", store),
  f("io1", []) instanceof f("io2", Array),
  (f("v1", 1), f("v2", 2)) + f("v3", 3),
  typeof f("ty", undefined),
  -f("neg", 5) + +f("pos", "7"),
];
console.log(JSON.stringify(r), t.join(" "));
t.length = 0;

// object literal with getters, computed keys and spread evaluated in order; method call receivers
const built = {
  [f("k-a", "a")]: f("v-a", 1),
  ...f("spread-obj", { s: 2 }),
  [f("k-b", "b")]: f("v-b", 3),
  get g() { return f("getter", 4); },
};
const recv = { m(n) { return n + this.base; }, base: 100 };
console.log(JSON.stringify(built), f("recv", recv).m(f("arg", 1)), t.join(" "));
t.length = 0;

// a loop whose body is a single big expression statement with several closures mutating shared state
let acc = 1;
const bump = (n) => { acc += n; return acc; };
const scale = (n) => { acc *= n; return acc; };
for (let k = 1; k <= 4; k++) {
  UPDATE_POINT();
  acc = bump(k) + scale(2) - (k % 2 ? bump(1) : scale(1)) + acc;
}
console.log(acc);
