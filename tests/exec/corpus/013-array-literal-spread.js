// array literals with calls, spread of arrays/strings/iterables/generators, holes
let n = 0;
function next(tag) { n++; return tag + n; }
function range(a, b) { const r = []; for (let i = a; i < b; i++) r.push(i); return r; }
function* gen(k) { for (let i = 0; i < k; i++) { UPDATE_POINT(); yield next("g"); } }

const a = [next("a"), ...range(0, 3), next("b"), ...gen(2), ..."xy", next("c")];
console.log(JSON.stringify(a));
const b = [...new Set([3, 1, 3, 2, 1])];
console.log(JSON.stringify(b));
const c = [...new Map([[1, "one"], [2, "two"]]).entries()];
console.log(JSON.stringify(c));
const holes = [1, , 3];
const filled = [...holes];
console.log(filled.length, 1 in holes, 1 in filled, JSON.stringify(filled));

function flatten(arr) {
  UPDATE_POINT();
  let out = [];
  for (const x of arr) {
    out = Array.isArray(x) ? [...out, ...flatten(x)] : [...out, x];
  }
  return out;
}
console.log(JSON.stringify(flatten([1, [2, [3, [4, [5]]], 6], [[7]], 8])));

function chunks(arr, size) {
  const res = [];
  for (let i = 0; i < arr.length; i += size) {
    UPDATE_POINT();
    res.push([i / size, ...arr.slice(i, i + size)]);
  }
  return res;
}
console.log(JSON.stringify(chunks(range(0, 11), 4)));

const matrix = range(0, 4).map((r) => [...range(0, 4).map((c) => r * 4 + c), next("row")]);
console.log(JSON.stringify(matrix));
console.log(Math.max(...range(0, 50).map((x) => (x * 37) % 101)), n);
