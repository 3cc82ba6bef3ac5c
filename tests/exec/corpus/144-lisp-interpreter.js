// a small Lisp interpreter: reader, environments, lambdas with closures, tail loop, macros-free special forms
function tokenize(src) {
  UPDATE_POINT();
  return src.replace(/;[^\n]*/g, "").replace(/\(/g, " ( ").replace(/\)/g, " ) ").replace(/'/g, " ' ").split(/\s+/).filter(Boolean);
}
function read(tokens) {
  if (!tokens.length) throw new SyntaxError("unexpected EOF");
  const t = tokens.shift();
  if (t === "(") {
    const list = [];
    while (tokens[0] !== ")") {
      if (!tokens.length) throw new SyntaxError("missing )");
      list.push(read(tokens));
    }
    tokens.shift();
    return list;
  }
  if (t === ")") throw new SyntaxError("unexpected )");
  if (t === "'") return [{ sym: "quote" }, read(tokens)];
  const num = Number(t);
  return Number.isNaN(num) ? { sym: t } : num;
}
class Env {
  constructor(vars, outer) { this.vars = vars; this.outer = outer; }
  find(name) {
    for (let e = this; e; e = e.outer) if (name in e.vars) return e;
    throw new ReferenceError("undefined symbol " + name);
  }
}
const globalEnv = new Env({
  "+": (...a) => a.reduce((x, y) => x + y, 0),
  "-": (a, ...b) => (b.length ? b.reduce((x, y) => x - y, a) : -a),
  "*": (...a) => a.reduce((x, y) => x * y, 1),
  "/": (a, b) => Math.trunc(a / b),
  "<": (a, b) => a < b,
  "=": (a, b) => a === b,
  mod: (a, b) => a % b,
  list: (...a) => a,
  car: (l) => l[0],
  cdr: (l) => l.slice(1),
  cons: (a, l) => [a, ...l],
  "null?": (l) => Array.isArray(l) && l.length === 0,
  length: (l) => l.length,
}, null);
let evalCount = 0;
function evaluate(x, env) {
  for (;;) {
    evalCount++;
    if (evalCount % 1000 === 0) UPDATE_POINT();
    if (typeof x === "number") return x;
    if (x && x.sym !== undefined) return env.find(x.sym).vars[x.sym];
    const [op, ...args] = x;
    const name = op && op.sym;
    if (name === "quote") return args[0];
    if (name === "if") {
      x = evaluate(args[0], env) !== false ? args[1] : args[2];
      continue; // tail position
    }
    if (name === "define") {
      env.vars[args[0].sym] = evaluate(args[1], env);
      return undefined;
    }
    if (name === "set!") {
      env.find(args[0].sym).vars[args[0].sym] = evaluate(args[1], env);
      return undefined;
    }
    if (name === "lambda") {
      const [params, body] = args;
      return { params: params.map((p) => p.sym), body, env };
    }
    if (name === "begin") {
      for (let i = 0; i < args.length - 1; i++) evaluate(args[i], env);
      x = args[args.length - 1];
      continue;
    }
    if (name === "let") {
      const [bindings, body] = args;
      const vars = {};
      for (const [s, e] of bindings) vars[s.sym] = evaluate(e, env);
      env = new Env(vars, env);
      x = body;
      continue;
    }
    const fn = evaluate(op, env);
    const vals = args.map((a) => evaluate(a, env));
    if (typeof fn === "function") return fn(...vals);
    const vars = {};
    fn.params.forEach((p, i) => (vars[p] = vals[i]));
    env = new Env(vars, fn.env);
    x = fn.body; // tail call
  }
}
function show(v) {
  if (Array.isArray(v)) return "(" + v.map(show).join(" ") + ")";
  if (v && v.sym !== undefined) return v.sym;
  if (v && v.params) return "#<lambda>";
  return String(v);
}
const program = `
(define fact (lambda (n) (if (< n 2) 1 (* n (fact (- n 1))))))
(fact 10)
(define loop (lambda (i acc) (if (= i 0) acc (loop (- i 1) (+ acc i)))))
(loop 1000 0)
(define make-counter (lambda () (let ((n 0)) (lambda () (begin (set! n (+ n 1)) n)))))
(define c1 (make-counter))
(define c2 (make-counter))
(list (c1) (c1) (c2) (c1))
(define map (lambda (f l) (if (null? l) '() (cons (f (car l)) (map f (cdr l))))))
(define filter (lambda (p l) (if (null? l) '() (if (p (car l)) (cons (car l) (filter p (cdr l))) (filter p (cdr l))))))
(define range (lambda (a b) (if (< a b) (cons a (range (+ a 1) b)) '())))
(map (lambda (x) (* x x)) (filter (lambda (x) (= (mod x 3) 0)) (range 0 20)))
(define compose (lambda (f g) (lambda (x) (f (g x)))))
((compose (lambda (x) (* x 2)) (lambda (x) (+ x 3))) 4)
'(a b (c d))
(let ((x 2) (y 3)) (let ((x 10)) (+ x y)))
(undefined-thing 1)
`;
const tokens = tokenize(program);
while (tokens.length) {
  const expr = read(tokens);
  try {
    const v = evaluate(expr, globalEnv);
    if (v !== undefined) console.log(show(expr).slice(0, 50), "=>", show(v));
  } catch (e) {
    console.log(show(expr), "=>", e.constructor.name, e.message);
  }
}
console.log("evals", evalCount);
for (const bad of ["(+ 1 2", ")"]) {
  try {
    read(tokenize(bad));
  } catch (e) {
    UPDATE_POINT();
    console.log(JSON.stringify(bad), e.message);
  }
}
