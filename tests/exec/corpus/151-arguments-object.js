// the arguments object in regular functions: length, indexing, slicing, spreading, no aliasing in strict mode
function variadic() {
  UPDATE_POINT();
  const parts = [];
  for (let i = 0; i < arguments.length; i++) {
    parts.push(typeof arguments[i] + ":" + String(arguments[i]));
    UPDATE_POINT();
  }
  return `${arguments.length} [${parts.join(" ")}]`;
}
console.log(variadic());
console.log(variadic(1, "two", null, undefined, [3]));

// strict mode (modules): assigning to a parameter does not change arguments and vice versa
function noAlias(a, b) {
  a = "changed-a";
  arguments[1] = "changed-arguments-1";
  return [a, b, arguments[0], arguments[1]].join(",");
}
console.log(noAlias("orig-a", "orig-b"));

// arguments with default params and rest params
function withDefaults(a, b = 10) {
  return `${a}+${b} args=${arguments.length}`;
}
console.log(withDefaults(1), withDefaults(1, 2), withDefaults(1, undefined, 3));
function withRest(first, ...rest) {
  return `${first} rest=${rest.length} arguments=${arguments.length} same=${arguments[1] === rest[0]}`;
}
console.log(withRest("x", "y", "z"));

// converting arguments to arrays in various ways
function conversions() {
  const a = Array.prototype.slice.call(arguments, 1);
  const b = Array.from(arguments).reverse();
  const c = [...arguments].map((x) => x * 2);
  return [a.join(""), b.join(""), c.join(",")].join(" | ");
}
console.log(conversions(1, 2, 3, 4));

// forwarding arguments to another function with apply
function logger(prefix) {
  const rest = Array.prototype.slice.call(arguments, 1);
  return prefix + ": " + rest.join(" ");
}
function forward() {
  return logger.apply(null, arguments);
}
console.log(forward("INFO", "all", "good"), forward("EMPTY"));

// arguments in nested functions refers to each function's own object
function outer() {
  const outerArgs = arguments;
  function inner() {
    return `inner=${arguments.length} outer=${outerArgs.length} first=${outerArgs[0]}`;
  }
  return inner("a") + " / " + inner();
}
console.log(outer(7, 8, 9));

// sum of all arguments recursively, passing the tail with apply
function sumAll() {
  if (arguments.length === 0) return 0;
  return arguments[0] + sumAll.apply(null, Array.prototype.slice.call(arguments, 1));
}
console.log(sumAll(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));

// arguments object is iterable and has length, but is not an array
function inspect() {
  let count = 0;
  for (const x of arguments) count += x;
  return [Array.isArray(arguments), typeof arguments, count, Object.prototype.toString.call(arguments)].join(" ");
}
console.log(inspect(1, 2, 3));
// callee access throws in strict mode
function calleeTest() {
  try {
    return typeof arguments.callee;
  } catch (e) {
    UPDATE_POINT();
    return e.constructor.name;
  }
}
console.log(calleeTest());
