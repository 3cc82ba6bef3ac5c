// A named function expression whose body declares its own name with let: the name binding is shadowed.
var n = 'outside';
var probeInside;
var func = function n() {
  let n = 'inside';
  probeInside = function () { return n; };
  return String(n);
};
console.log(func(), probeInside(), n);
