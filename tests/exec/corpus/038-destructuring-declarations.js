// destructuring in declarations and assignments: defaults with calls, rest, swaps, nested
const calls = [];
function d(name, v) { calls.push(name); return v; }

const { a = d("a", 1), b = d("b", 2), ...restObj } = { b: 20, c: 30, e: 50 };
console.log(a, b, JSON.stringify(restObj), calls.join(","));

const [x = d("x", "X"), , y = d("y", "Y"), ...restArr] = [undefined, "skip", null, 4, 5];
console.log(x, y, JSON.stringify(restArr), calls.join(","));

// swaps in a loop (bubble sort with destructuring assignment)
const arr = [5, 3, 9, 1, 7, 2, 8];
for (let i = 0; i < arr.length; i++) {
  UPDATE_POINT();
  for (let j = 0; j < arr.length - 1 - i; j++) {
    if (arr[j] > arr[j + 1]) {
      [arr[j], arr[j + 1]] = [arr[j + 1], arr[j]];
      UPDATE_POINT();
    }
  }
}
console.log(arr.join(","));

// fibonacci via destructuring assignment
let p = 0, q = 1;
for (let i = 0; i < 20; i++) [p, q] = [q, p + q];
console.log(p, q);

// assignment targets with side effects in their evaluation
const target = {};
const keys = ["first", "second", "third"];
let ki = 0;
({ v1: target[keys[ki++]], v2: target[keys[ki++]] = d("v2default", "dv"), v3: target[keys[ki++]] } = { v1: 1, v3: 3 });
console.log(JSON.stringify(target), ki);

// destructuring from iterables (generators): only consumes what is needed
function* nums() {
  for (let i = 1; ; i++) {
    calls.push("gen" + i);
    yield i * i;
  }
}
const [n1, n2, n3] = nums();
console.log(n1, n2, n3, calls.slice(-4).join(","));

// nested with computed keys and defaults
const key = "dyn";
const { [key]: { inner: [, second = "def"] = [] } = {}, [key + "2"]: other = d("other", "O") } = { dyn: { inner: [1] } };
console.log(second, other);

// destructuring in for-of and catch
for (const { id, tags: [t1 = "-", ...tr] = [] } of [{ id: 1, tags: ["a", "b", "c"] }, { id: 2 }]) {
  console.log(id, t1, tr.length);
}
try {
  UPDATE_POINT();
  throw { code: 42, detail: { msg: "custom thrown object" } };
} catch ({ code, detail: { msg } }) {
  console.log(code, msg);
}
console.log(calls.length);
