// IIFE module pattern: private state, revealing module, namespaces, nested IIFEs in loops
const Inventory = (function () {
  const items = new Map();
  let ops = 0;
  function validate(name, qty) {
    UPDATE_POINT();
    if (typeof name !== "string" || !name) throw new TypeError("bad name");
    if (!Number.isInteger(qty)) throw new TypeError("bad qty for " + name);
  }
  function add(name, qty) {
    validate(name, qty);
    ops++;
    items.set(name, (items.get(name) || 0) + qty);
    if (items.get(name) <= 0) items.delete(name);
    UPDATE_POINT();
    return items.get(name) || 0;
  }
  function report() {
    return [...items].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([k, v]) => `${k}:${v}`).join(" ") + ` ops=${ops}`;
  }
  return { add, report, remove: (name, qty) => add(name, -qty) };
})();
Inventory.add("bolt", 10);
Inventory.add("nut", 25);
Inventory.remove("bolt", 4);
Inventory.add("washer", 7);
Inventory.remove("washer", 7);
try {
  Inventory.add("screw", 1.5);
} catch (e) {
  console.log(e.constructor.name, e.message);
}
console.log(Inventory.report(), "items" in Inventory);

// namespace augmentation across several IIFEs
var App = App || {};
(function (ns) {
  ns.util = {
    pad: (s, n) => String(s).padStart(n, "0"),
    sum: (...xs) => xs.reduce((a, b) => a + b, 0),
  };
})(App);
(function (ns, u) {
  let counter = 0;
  ns.ids = {
    next: (prefix) => `${prefix}-${u.pad(++counter, 4)}`,
  };
})(App, App.util);
console.log(App.ids.next("ord"), App.ids.next("ord"), App.util.sum(1, 2, 3));

// IIFEs inside loops capturing var-scoped loop variable values
var handlers = [];
for (var i = 0; i < 4; i++) {
  UPDATE_POINT();
  (function (j) {
    var label = "h" + j;
    handlers.push(function () { return label + ":" + j * j; });
  })(i);
}
console.log(handlers.map(function (h) { return h(); }).join(" "), i);

// arrow IIFE returning computed tables, and an async IIFE
const squares = (() => {
  const t = [];
  for (let k = 0; k < 8; k++) t.push(k * k);
  return Object.freeze(t);
})();
console.log(squares.join(","), Object.isFrozen(squares));
const asyncResult = await (async () => {
  let s = 0;
  for (const v of squares) s += await v;
  return s;
})();
console.log(asyncResult);

// recursive named IIFE
const tree = (function build(depth) {
  return depth === 0 ? { leaf: true } : { left: build(depth - 1), right: build(depth - 1), depth };
})(4);
console.log((function count(n) { return n.leaf ? 1 : count(n.left) + count(n.right); })(tree));
