// exceptions thrown from deep call chains caught higher up, partial state preserved
class DepthError extends Error {
  constructor(depth, path) {
    UPDATE_POINT();
    super(`failed at depth ${depth}`);
    this.depth = depth;
    this.path = path;
  }
}

const visited = [];
function descend(depth, limit, path) {
  visited.push(depth);
  if (depth === limit) {
    UPDATE_POINT();
    throw new DepthError(depth, path);
  }
  let local = depth * 2;
  try {
    return descend(depth + 1, limit, path + "/" + depth) + local;
  } finally {
    if (depth % 10 === 0) visited.push("fin" + depth);
  }
}

for (const limit of [0, 5, 33]) {
  visited.length = 0;
  try {
    descend(0, limit, "");
  } catch (e) {
    console.log(e.constructor.name, e.message, e.depth, e.path.length, visited.length, visited.filter((v) => typeof v === "string").join(","));
  }
}

// throw through native callbacks (map / sort) and catch outside
function parseAll(strings) {
  return strings.map((s, i) => {
    const n = Number(s);
    if (Number.isNaN(n)) throw new SyntaxError(`item ${i} is not a number: ${s}`);
    return n;
  });
}
try {
  console.log(parseAll(["1", "2", "3"]).join(","));
  console.log(parseAll(["4", "five", "6"]).join(","));
} catch (e) {
  console.log(e.constructor.name, e.message);
}

let comparisons = 0;
try {
  [5, 1, 4, 2, 3].sort((a, b) => {
    comparisons++;
    if (a === 2 || b === 2) throw new Error("cannot compare 2");
    return a - b;
  });
} catch (e) {
  console.log(e.message, comparisons > 0);
}

// recursive evaluation with errors bubbling through several levels
function evaluate(node) {
  if (typeof node === "number") return node;
  const [op, l, r] = node;
  const a = evaluate(l);
  const b = evaluate(r);
  switch (op) {
    case "+": return a + b;
    case "*": return a * b;
    case "/":
      if (b === 0) throw new RangeError("division by zero");
      return a / b;
    default:
      throw new TypeError("unknown op " + op);
  }
}
const exprs = [
  ["+", 1, ["*", 2, 3]],
  ["/", 10, ["+", 1, ["*", -1, 1]]],
  ["*", ["^", 1, 2], 3],
  ["/", ["*", 9, 9], 3],
];
for (const e of exprs) {
  try {
    console.log("ok", evaluate(e));
  } catch (err) {
    console.log("error", err.constructor.name, err.message);
  }
}

// error thrown in a getter deep inside a data structure walk
const data = { a: { b: { c: {} } } };
Object.defineProperty(data.a.b.c, "d", { get() { throw new Error("getter exploded"); }, enumerable: true });
function walk(o, depth = 0) {
  let count = 0;
  for (const k in o) count += 1 + (typeof o[k] === "object" ? walk(o[k], depth + 1) : 0);
  return count;
}
try {
  walk(data);
} catch (e) {
  UPDATE_POINT();
  console.log(e.message);
}
