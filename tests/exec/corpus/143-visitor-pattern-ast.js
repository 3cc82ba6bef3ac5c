// class-based AST with the visitor pattern: evaluation, pretty printing, constant folding, free variables
class Expr { accept(v, ...args) { return v["visit" + this.constructor.kind](this, ...args); } }
class Num extends Expr { static kind = "Num"; constructor(n) { super(); this.n = n; } }
class Var extends Expr { static kind = "Var"; constructor(name) { super(); this.name = name; } }
class Bin extends Expr { static kind = "Bin"; constructor(op, l, r) { super(); this.op = op; this.l = l; this.r = r; } }
class Let extends Expr { static kind = "Let"; constructor(name, value, body) { super(); this.name = name; this.value = value; this.body = body; } }
class If extends Expr { static kind = "If"; constructor(c, t, e) { super(); this.c = c; this.t = t; this.e = e; } }
class Call extends Expr { static kind = "Call"; constructor(fn, args) { super(); this.fn = fn; this.args = args; } }

const OPS = { "+": (a, b) => a + b, "-": (a, b) => a - b, "*": (a, b) => a * b, "<": (a, b) => (a < b ? 1 : 0), "==": (a, b) => (a === b ? 1 : 0) };
class Evaluator {
  constructor(fns) { this.fns = fns; this.steps = 0; }
  visitNum(e) { return e.n; }
  visitVar(e, env) {
    if (!(e.name in env)) throw new ReferenceError("unbound " + e.name);
    return env[e.name];
  }
  visitBin(e, env) {
    this.steps++;
    return OPS[e.op](e.l.accept(this, env), e.r.accept(this, env));
  }
  visitLet(e, env) { return e.body.accept(this, { ...env, [e.name]: e.value.accept(this, env) }); }
  visitIf(e, env) { return e.c.accept(this, env) ? e.t.accept(this, env) : e.e.accept(this, env); }
  visitCall(e, env) {
    const f = this.fns[e.fn];
    const args = e.args.map((a) => a.accept(this, env));
    UPDATE_POINT();
    const local = {};
    f.params.forEach((p, i) => (local[p] = args[i]));
    return f.body.accept(this, local);
  }
}
class Printer {
  visitNum(e) { return String(e.n); }
  visitVar(e) { return e.name; }
  visitBin(e) { return `(${e.l.accept(this)} ${e.op} ${e.r.accept(this)})`; }
  visitLet(e) { return `let ${e.name} = ${e.value.accept(this)} in ${e.body.accept(this)}`; }
  visitIf(e) { return `if ${e.c.accept(this)} then ${e.t.accept(this)} else ${e.e.accept(this)}`; }
  visitCall(e) { return `${e.fn}(${e.args.map((a) => a.accept(this)).join(", ")})`; }
}
class Folder {
  visitNum(e) { return e; }
  visitVar(e) { return e; }
  visitBin(e) {
    const l = e.l.accept(this), r = e.r.accept(this);
    if (l instanceof Num && r instanceof Num) return new Num(OPS[e.op](l.n, r.n));
    if (e.op === "*" && ((l instanceof Num && l.n === 0) || (r instanceof Num && r.n === 0))) return new Num(0);
    if (e.op === "+" && l instanceof Num && l.n === 0) return r;
    if (e.op === "+" && r instanceof Num && r.n === 0) return l;
    return new Bin(e.op, l, r);
  }
  visitLet(e) { return new Let(e.name, e.value.accept(this), e.body.accept(this)); }
  visitIf(e) {
    const c = e.c.accept(this);
    if (c instanceof Num) return (c.n ? e.t : e.e).accept(this);
    return new If(c, e.t.accept(this), e.e.accept(this));
  }
  visitCall(e) { return new Call(e.fn, e.args.map((a) => a.accept(this))); }
}
class FreeVars {
  visitNum() { return new Set(); }
  visitVar(e) { return new Set([e.name]); }
  visitBin(e) { return new Set([...e.l.accept(this), ...e.r.accept(this)]); }
  visitLet(e) {
    const body = e.body.accept(this);
    body.delete(e.name);
    return new Set([...e.value.accept(this), ...body]);
  }
  visitIf(e) { return new Set([...e.c.accept(this), ...e.t.accept(this), ...e.e.accept(this)]); }
  visitCall(e) { return new Set(e.args.flatMap((a) => [...a.accept(this)])); }
}
const n = (x) => new Num(x), v = (x) => new Var(x), b = (op, l, r) => new Bin(op, l, r);
const fns = {
  fact: { params: ["n"], body: new If(b("<", v("n"), n(2)), n(1), b("*", v("n"), new Call("fact", [b("-", v("n"), n(1))]))) },
  fib: { params: ["n"], body: new If(b("<", v("n"), n(2)), v("n"), b("+", new Call("fib", [b("-", v("n"), n(1))]), new Call("fib", [b("-", v("n"), n(2))]))) },
};
const programs = [
  b("+", n(1), b("*", n(2), n(3))),
  new Let("x", b("+", n(2), n(3)), b("*", v("x"), b("+", v("x"), n(0)))),
  new If(b("<", n(3), n(2)), v("never"), b("+", v("y"), b("*", n(0), v("z")))),
  new Call("fact", [n(10)]),
  new Let("k", n(15), new Call("fib", [v("k")])),
  b("+", v("unbound"), n(1)),
];
const printer = new Printer(), folder = new Folder(), fv = new FreeVars();
for (const p of programs) {
  UPDATE_POINT();
  const ev = new Evaluator(fns);
  let result;
  try {
    result = p.accept(ev, { y: 10, z: 99 });
  } catch (e) {
    UPDATE_POINT();
    result = e.constructor.name + ": " + e.message;
  }
  console.log(p.accept(printer), "=>", result, "| folded:", p.accept(folder).accept(printer), "| free:", [...p.accept(fv)].sort().join(",") || "-", "| steps", ev.steps);
}
