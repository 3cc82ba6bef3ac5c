// yield* delegation, delegation return values, generator pipelines, recursion with yield*
function* inner(label, n) {
  UPDATE_POINT();
  for (let i = 0; i < n; i++) {
    const got = yield `${label}${i}`;
    if (got) label = got;
  }
  return label.toUpperCase();
}
function* outer() {
  const r1 = yield* inner("a", 2);
  const r2 = yield* inner("b", 3);
  yield `results ${r1} ${r2}`;
  return "outer done";
}
const o = outer();
const seen = [];
let step = o.next();
let k = 0;
while (!step.done) {
  seen.push(step.value);
  step = o.next(k++ === 2 ? "z" : undefined);
}
console.log(seen.join(" "), "|", step.value);

// recursive delegation: permutations
function* permutations(arr) {
  if (arr.length <= 1) {
    yield arr;
    return;
  }
  for (let i = 0; i < arr.length; i++) {
    const rest = [...arr.slice(0, i), ...arr.slice(i + 1)];
    for (const p of permutations(rest)) yield [arr[i], ...p];
  }
}
console.log([...permutations([1, 2, 3])].map((p) => p.join("")).join(" "));
let count = 0;
for (const p of permutations(["a", "b", "c", "d", "e"])) if (p[0] < p[4]) count++;
console.log(count);

// yield* over other iterables
function* mixed() {
  yield* [1, 2];
  yield* "ab";
  yield* new Set([3, 3, 4]);
  yield* new Map([["k", "v"]]).keys();
}
console.log([...mixed()].join(","));

// balanced binary tree in-order traversal via yield*
function build(lo, hi) {
  if (lo > hi) return null;
  const mid = (lo + hi) >> 1;
  return { v: mid, l: build(lo, mid - 1), r: build(mid + 1, hi) };
}
function* inorder(node) {
  UPDATE_POINT();
  if (!node) return;
  yield* inorder(node.l);
  yield node.v;
  yield* inorder(node.r);
}
const tree = build(1, 20);
console.log([...inorder(tree)].join(","));

// return() and throw() forwarded through yield*
const log = [];
function* leaf() {
  try {
    yield 1;
    yield 2;
  } finally {
    log.push("leaf finally");
  }
}
function* wrapper() {
  try {
    yield* leaf();
  } finally {
    log.push("wrapper finally");
  }
}
const w = wrapper();
w.next();
w.return(5);
const w2 = wrapper();
w2.next();
try {
  w2.throw(new Error("thrown in"));
} catch (e) {
  UPDATE_POINT();
  log.push("caught " + e.message);
}
console.log(log.join(", "));
