// CommonJS in sloppy mode: `this` defaults to globalThis, primitives are boxed, implicit globals
function whatIsThis() { return this; }
console.log(whatIsThis() === globalThis, typeof whatIsThis.call(5), whatIsThis.call(5) instanceof Number, typeof whatIsThis.call("s"), whatIsThis.call(null) === globalThis);

// assignments to undeclared identifiers create global properties in sloppy mode
function leak() {
  UPDATE_POINT();
  leakedCounter = (typeof leakedCounter === "number" ? leakedCounter : 0) + 1;
  return leakedCounter;
}
leak();
leak();
console.log(leak(), globalThis.leakedCounter, "leakedCounter" in globalThis);
delete globalThis.leakedCounter;
console.log(typeof leakedCounter);

// functions using `this` as an implicit global accumulator
function addToTotal(n) {
  this.sloppyTotal = (this.sloppyTotal || 0) + n;
  UPDATE_POINT();
  return this.sloppyTotal;
}
for (let i = 1; i <= 5; i++) addToTotal(i);
console.log(globalThis.sloppyTotal);
const obj = { sloppyTotal: 100, add: addToTotal };
console.log(obj.add(1), globalThis.sloppyTotal);
delete globalThis.sloppyTotal;

// block-level function declarations are also hoisted to the function scope (Annex B)
function annexB(flag) {
  const before = typeof inBlock;
  if (flag) {
    function inBlock() { return "in block"; }
  }
  return [before, typeof inBlock, flag ? inBlock() : "-"].join(",");
}
console.log(annexB(true), "|", annexB(false));

// assigning to read-only properties fails silently in sloppy mode
const frozen = Object.freeze({ a: 1 });
frozen.a = 2;
frozen.b = 3;
console.log(JSON.stringify(frozen));
const s = "str";
s.prop = 1;
console.log(s.prop);

// var redeclaration and `arguments` as an ordinary identifier in nested scope
var twice = 1;
var twice = 2;
function shadowArgs() {
  UPDATE_POINT();
  var result = [];
  (function () {
    var arguments = ["shadowed"];
    result.push(arguments[0]);
  })();
  result.push(arguments.length);
  return result.join(",");
}
console.log(twice, shadowArgs(1, 2, 3));

// octal-like escape-free numeric literals with leading zero are octal in sloppy mode
console.log(010 + 1, 08 + 1, 0o10);
