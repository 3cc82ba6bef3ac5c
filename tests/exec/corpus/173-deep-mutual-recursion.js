// mutual recursion several thousand frames deep across three functions, with update points at the bottom
// a chain of alternating node kinds: A -> B -> C -> A ..., each handled by its own function
function buildChain(n) {
  let node = null;
  for (let i = n - 1; i >= 0; i--) node = { kind: "ABC"[i % 3], v: i, next: node };
  return node;
}
let bottoms = 0;
function visitA(node, acc) {
  if (!node) return bottom(acc);
  return visitB(node.next, acc + node.v * 1);
}
function visitB(node, acc) {
  if (!node) return bottom(acc);
  return visitC(node.next, (acc + node.v * 2) % 1000003);
}
function visitC(node, acc) {
  if (!node) return bottom(acc);
  const r = visitA(node.next, acc ^ node.v);
  return r;
}
function bottom(acc) {
  bottoms++;
  UPDATE_POINT();
  return acc;
}
for (const n of [1, 2, 3, 10, 100, 3000]) console.log(n, visitA(buildChain(n), 0));
console.log("bottoms", bottoms);

// mutually recursive descent over a deeply nested list structure
function nest(depth) {
  let v = [depth];
  for (let d = depth - 1; d >= 0; d--) v = d % 2 ? { inner: v, d } : [d, v];
  return v;
}
function sumAny(x) {
  if (Array.isArray(x)) return sumArray(x, 0);
  if (x && typeof x === "object") return sumObject(x);
  return typeof x === "number" ? x : 0;
}
function sumArray(arr, i) {
  if (i >= arr.length) return 0;
  return sumAny(arr[i]) + sumArray(arr, i + 1);
}
function sumObject(o) {
  let s = 0;
  for (const k in o) s += sumAny(o[k]);
  if (o.d === 1) UPDATE_POINT();
  return s;
}
console.log([5, 50, 1500].map((d) => sumAny(nest(d))).join(","));

// mutual recursion producing output on the way down and on the way up
const trail = [];
function down(n) {
  trail.push("d" + n);
  if (n > 0) up(n - 1);
  trail.push("D" + n);
}
function up(n) {
  trail.push("u" + n);
  if (n > 0) down(n - 1);
  else UPDATE_POINT();
  trail.push("U" + n);
}
down(5);
console.log(trail.join(" "));
