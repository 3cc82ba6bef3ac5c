// hoisting and scoping: function declarations called before definition, var hoisting, block-scoped functions, TDZ
console.log(hoisted(3), typeof laterVar, laterVar);
function hoisted(n) {
  UPDATE_POINT();
  return n <= 0 ? "done" : helper(n) + "," + hoisted(n - 1);
  function helper(k) { return "h" + k * k; } // hoisted within hoisted()
}
var laterVar = "assigned";
console.log(laterVar);

// var is function-scoped: visible across blocks and loops
function varScope() {
  const out = [];
  for (var i = 0; i < 3; i++) {
    var inner = i * 10;
    if (i === 1) {
      var fromIf = "if-" + i;
    }
  }
  out.push(i, inner, fromIf);
  return out.join(",");
}
console.log(varScope());

// let/const TDZ errors are ReferenceErrors
function tdz() {
  const results = [];
  try {
    results.push(before);
  } catch (e) {
    results.push(e.constructor.name);
  }
  let before = "now defined";
  results.push(before);
  try {
    (() => notYet)();
  } catch (e) {
    results.push(e.constructor.name);
  }
  const notYet = 1;
  results.push(typeof undeclaredThing);
  return results.join(" ");
}
console.log(tdz());

// block-level function declarations in strict mode are block scoped
function blockFns(flag) {
  const out = [];
  if (flag) {
    function pick() { return "from block"; }
    out.push(pick());
  }
  out.push(typeof pick);
  return out.join(" / ");
}
console.log(blockFns(true), "|", blockFns(false));

// shadowing across nested scopes with loops and closures
let x = "global";
function shadow() {
  const seen = [x];
  let x2 = x;
  {
    let x = "block";
    seen.push(x);
    for (let x = 0; x < 2; x++) seen.push("loop" + x);
    seen.push(x);
    const f = () => x + "-closure";
    x = "block-changed";
    seen.push(f());
  }
  seen.push(x, x2);
  UPDATE_POINT();
  return seen.join(" ");
}
console.log(shadow());

// function declarations inside loops create fresh closures each iteration
const made = [];
for (let i = 0; i < 3; i++) {
  function f() { return "fn" + i; }
  made.push(f);
}
console.log(made.map((f) => f()).join(","), made[0] !== made[1]);

// named function expression name is bound only inside, and is read-only
const fact = function inner(n) {
  return n <= 1 ? 1 : n * inner(n - 1);
};
console.log(fact(6), typeof inner);
const tryRebind = function self() {
  try {
    self = null;
  } catch (e) {
    return e.constructor.name;
  }
  return "no error";
};
console.log(tryRebind());
// class declarations are not hoisted like functions
try {
  new Later();
} catch (e) {
  UPDATE_POINT();
  console.log("class before declaration:", e.constructor.name);
}
class Later {}
console.log(typeof Later);
