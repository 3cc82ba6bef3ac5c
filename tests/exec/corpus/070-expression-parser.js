// a small tokenizer and recursive-descent parser/evaluator for arithmetic with variables and functions
function tokenize(src) {
  UPDATE_POINT();
  const toks = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === " ") { i++; continue; }
    if (/[0-9.]/.test(c)) {
      let j = i;
      while (j < src.length && /[0-9.]/.test(src[j])) j++;
      toks.push({ t: "num", v: parseFloat(src.slice(i, j)) });
      i = j;
    } else if (/[a-z_]/i.test(c)) {
      let j = i;
      while (j < src.length && /[a-z_0-9]/i.test(src[j])) j++;
      toks.push({ t: "id", v: src.slice(i, j) });
      i = j;
    } else if ("+-*/^(),".includes(c)) {
      toks.push({ t: c });
      i++;
    } else throw new SyntaxError(`unexpected '${c}' at ${i}`);
  }
  toks.push({ t: "eof" });
  return toks;
}

function parse(src) {
  const toks = tokenize(src);
  let p = 0;
  const peek = () => toks[p];
  const eat = (t) => {
    if (toks[p].t !== t) throw new SyntaxError(`expected ${t} but got ${toks[p].t}`);
    return toks[p++];
  };
  function expr() {
    let node = term();
    while (peek().t === "+" || peek().t === "-") {
      const op = toks[p++].t;
      node = { op, l: node, r: term() };
    }
    return node;
  }
  function term() {
    let node = factor();
    while (peek().t === "*" || peek().t === "/") {
      const op = toks[p++].t;
      node = { op, l: node, r: factor() };
    }
    return node;
  }
  function factor() {
    const base = unary();
    if (peek().t === "^") {
      p++;
      return { op: "^", l: base, r: factor() }; // right associative
    }
    return base;
  }
  function unary() {
    if (peek().t === "-") { p++; return { op: "neg", l: unary() }; }
    return primary();
  }
  function primary() {
    const tk = peek();
    if (tk.t === "num") { p++; return { num: tk.v }; }
    if (tk.t === "id") {
      p++;
      if (peek().t === "(") {
        p++;
        const args = [];
        if (peek().t !== ")") {
          args.push(expr());
          while (peek().t === ",") { p++; args.push(expr()); }
        }
        eat(")");
        return { call: tk.v, args };
      }
      return { id: tk.v };
    }
    if (tk.t === "(") { p++; const e = expr(); eat(")"); return e; }
    throw new SyntaxError("unexpected token " + tk.t);
  }
  const tree = expr();
  eat("eof");
  return tree;
}

const funcs = {
  max: (...a) => Math.max(...a),
  min: (...a) => Math.min(...a),
  sq: (x) => x * x,
  sum: (...a) => a.reduce((x, y) => x + y, 0),
};
function evaluate(node, env) {
  UPDATE_POINT();
  if ("num" in node) return node.num;
  if ("id" in node) {
    if (!(node.id in env)) throw new ReferenceError("unbound " + node.id);
    return env[node.id];
  }
  if ("call" in node) return funcs[node.call](...node.args.map((a) => evaluate(a, env)));
  const l = evaluate(node.l, env);
  if (node.op === "neg") return -l;
  const r = evaluate(node.r, env);
  switch (node.op) {
    case "+": return l + r;
    case "-": return l - r;
    case "*": return l * r;
    case "/": return l / r;
    case "^": return l ** r;
  }
}
function show(node) {
  if ("num" in node) return String(node.num);
  if ("id" in node) return node.id;
  if ("call" in node) return `${node.call}(${node.args.map(show).join(",")})`;
  if (node.op === "neg") return `(-${show(node.l)})`;
  return `(${show(node.l)}${node.op}${show(node.r)})`;
}
const env = { x: 3, y: 4, big: 100 };
const inputs = [
  "1 + 2 * 3",
  "(1 + 2) * 3",
  "2 ^ 3 ^ 2",
  "-x ^ 2 + y",
  "max(x, y, sq(2)) * min(big, 7) - sum(1, 2, 3, 4)",
  "sq(sq(sq(x))) / 9",
  "x * (y - (x - (y * 2)))",
  "1 + unknown",
  "3 + * 4",
  "2 $ 3",
];
for (const src of inputs) {
  try {
    const tree = parse(src);
    console.log(src, "=>", show(tree), "=", evaluate(tree, env));
  } catch (e) {
    UPDATE_POINT();
    console.log(src, "=>", e.constructor.name + ":", e.message);
  }
}
