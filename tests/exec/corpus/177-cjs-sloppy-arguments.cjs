// CommonJS in sloppy mode: mapped arguments objects alias simple parameters
function alias(a, b) {
  a = "A";
  arguments[1] = "B";
  return [a, b, arguments[0], arguments[1]].join(",");
}
console.log(alias("x", "y"));
console.log(alias("only-one"));

// with default/rest params the arguments object is unmapped, even in sloppy mode
function unmapped(a, b = 2) {
  a = "changed";
  return [a, arguments[0], arguments.length].join(",");
}
console.log(unmapped("orig"));

// a loop that writes through arguments and reads through parameters
function accumulate(x, y, z) {
  for (let i = 0; i < arguments.length; i++) {
    arguments[i] = arguments[i] * 10 + i;
    UPDATE_POINT();
  }
  return x + y + z;
}
console.log(accumulate(1, 2, 3));

// callee is available in sloppy mode (anonymous recursion)
const fact = function (n) {
  return n <= 1 ? 1 : n * arguments.callee(n - 1);
};
console.log(fact(10));

// arguments length changes are not reflected in parameters
function lengthTricks(p, q) {
  arguments.length = 1;
  const viaSlice = Array.prototype.slice.call(arguments);
  return [viaSlice.length, q, arguments[1]].join(",");
}
console.log(lengthTricks("p", "q"));

// parameters modified by a nested function through closure also change arguments (mapped)
function nested(v) {
  UPDATE_POINT();
  function bump() { v += 100; }
  bump();
  bump();
  return [v, arguments[0]].join(",");
}
console.log(nested(1));

// aliasing survives calls that capture in the middle of a loop
function swapper(left, right) {
  const trail = [];
  for (let i = 0; i < 4; i++) {
    const t = arguments[0];
    arguments[0] = right;
    right = t;
    trail.push(left + right);
    UPDATE_POINT();
  }
  return trail.join(" ");
}
console.log(swapper("L", "R"));
