// mutually recursive generators walking an expression tree and a JSON-like document
function* walkExpr(node, depth = 0) {
  UPDATE_POINT();
  switch (node.type) {
    case "num":
      yield `${"  ".repeat(depth)}${node.value}`;
      break;
    case "binop":
      yield `${"  ".repeat(depth)}(${node.op}`;
      yield* walkOperands(node.args, depth + 1);
      yield `${"  ".repeat(depth)})`;
      break;
    case "call":
      yield `${"  ".repeat(depth)}${node.name}(`;
      yield* walkOperands(node.args, depth + 1);
      yield `${"  ".repeat(depth)})`;
      break;
  }
}
function* walkOperands(args, depth) {
  for (const a of args) {
    UPDATE_POINT();
    yield* walkExpr(a, depth);
  }
}
const num = (value) => ({ type: "num", value });
const bin = (op, ...args) => ({ type: "binop", op, args });
const call = (name, ...args) => ({ type: "call", name, args });
const expr = bin("+", num(1), call("max", num(2), bin("*", num(3), num(4)), num(5)), bin("-", num(6)));
console.log([...walkExpr(expr)].join("\n"));

// evaluate by consuming a generator of tokens produced by mutual recursion (RPN emission)
function* rpn(node) {
  if (node.type === "num") return yield node.value;
  yield* rpnArgs(node.args);
  yield { op: node.type === "call" ? node.name : node.op, arity: node.args.length };
}
function* rpnArgs(args) {
  for (const a of args) yield* rpn(a);
}
const ops = {
  "+": (...a) => a.reduce((x, y) => x + y, 0),
  "*": (...a) => a.reduce((x, y) => x * y, 1),
  "-": (a, ...rest) => (rest.length ? rest.reduce((x, y) => x - y, a) : -a),
  max: (...a) => Math.max(...a),
};
const stack = [];
const tokens = [];
for (const t of rpn(expr)) {
  tokens.push(typeof t === "number" ? t : `${t.op}/${t.arity}`);
  if (typeof t === "number") stack.push(t);
  else stack.push(ops[t.op](...stack.splice(stack.length - t.arity)));
}
console.log(tokens.join(" "), "=>", stack.join(","));

// document walker: objects and arrays delegate to each other, yielding paths of leaves
function* walkValue(v, path) {
  if (Array.isArray(v)) yield* walkArray(v, path);
  else if (v && typeof v === "object") yield* walkObject(v, path);
  else yield `${path || "$"} = ${JSON.stringify(v)}`;
}
function* walkArray(arr, path) {
  for (let i = 0; i < arr.length; i++) yield* walkValue(arr[i], `${path}[${i}]`);
}
function* walkObject(obj, path) {
  for (const k of Object.keys(obj)) yield* walkValue(obj[k], path ? `${path}.${k}` : k);
}
const doc = { name: "cfg", servers: [{ host: "a", ports: [80, 443] }, { host: "b", ports: [] }], flags: { debug: false, level: null } };
console.log([...walkValue(doc, "")].join("\n"));
// early termination of a deep delegation chain closes every level
const closed = [];
function* level(n) {
  try {
    if (n === 0) {
      yield "bottom";
      yield "never";
    } else yield* level(n - 1);
  } finally {
    closed.push(n);
  }
}
for (const v of level(4)) {
  UPDATE_POINT();
  console.log("got", v);
  break;
}
console.log("closed", closed.join(","));
