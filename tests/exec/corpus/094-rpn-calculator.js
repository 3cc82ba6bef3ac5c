// shunting-yard conversion to RPN and an RPN evaluator with user-defined words
const PREC = { "+": 1, "-": 1, "*": 2, "/": 2, "%": 2, "^": 3 };
const RIGHT = { "^": true };
function toRPN(expr) {
  UPDATE_POINT();
  const out = [];
  const ops = [];
  const tokens = expr.match(/\d+(\.\d+)?|[a-z]+|[-+*/%^()]/g);
  for (const t of tokens) {
    if (/^\d/.test(t)) out.push(t);
    else if (/^[a-z]/.test(t)) ops.push(t);
    else if (t === "(") ops.push(t);
    else if (t === ")") {
      while (ops.length && ops[ops.length - 1] !== "(") out.push(ops.pop());
      ops.pop();
      if (ops.length && /^[a-z]/.test(ops[ops.length - 1])) out.push(ops.pop());
    } else {
      while (ops.length) {
        const top = ops[ops.length - 1];
        if (top === "(") break;
        if (PREC[top] > PREC[t] || (PREC[top] === PREC[t] && !RIGHT[t])) out.push(ops.pop());
        else break;
      }
      ops.push(t);
    }
  }
  while (ops.length) out.push(ops.pop());
  return out;
}

class RPN {
  constructor() {
    this.stack = [];
    this.words = {
      "+": () => this.bin((a, b) => a + b),
      "-": () => this.bin((a, b) => a - b),
      "*": () => this.bin((a, b) => a * b),
      "/": () => this.bin((a, b) => {
        if (b === 0) throw new RangeError("division by zero");
        return a / b;
      }),
      "%": () => this.bin((a, b) => a % b),
      "^": () => this.bin((a, b) => a ** b),
      dup: () => this.stack.push(this.peek()),
      swap: () => { const b = this.pop(), a = this.pop(); this.stack.push(b, a); },
      drop: () => this.pop(),
      sqrt: () => this.stack.push(Math.sqrt(this.pop())),
      sum: () => { let s = 0; while (this.stack.length) s += this.pop(); this.stack.push(s); },
    };
  }
  pop() {
    if (!this.stack.length) throw new Error("stack underflow");
    return this.stack.pop();
  }
  peek() { return this.stack[this.stack.length - 1]; }
  bin(f) { const b = this.pop(), a = this.pop(); this.stack.push(f(a, b)); }
  define(name, body) {
    const toks = body.split(/\s+/);
    this.words[name] = () => this.run(toks);
  }
  run(tokens) {
    for (const t of tokens) {
      UPDATE_POINT();
      if (t in this.words) this.words[t]();
      else if (!isNaN(Number(t))) this.stack.push(Number(t));
      else throw new Error("unknown word " + t);
    }
    return this.stack;
  }
}
const exprs = ["3 + 4 * 2 / (1 - 5) ^ 2 ^ 3", "(1 + 2) * (3 + 4)", "sqrt(16) + 2 ^ 10 % 7", "10 - 4 - 3", "2 * (3 + (4 - 1) * 5)"];
for (const e of exprs) {
  const rpn = toRPN(e);
  const calc = new RPN();
  console.log(e, "=>", rpn.join(" "), "=", calc.run(rpn)[0]);
}
const calc = new RPN();
calc.define("sq", "dup *");
calc.define("cube", "dup sq *");
calc.define("hyp", "sq swap sq + sqrt");
console.log(calc.run("3 4 hyp 2 cube 5 sq".split(" ")).join(","));
console.log(calc.run(["sum"]).join(","));
for (const prog of ["1 0 /", "+", "1 2 frob"]) {
  try {
    new RPN().run(prog.split(" "));
  } catch (e) {
    UPDATE_POINT();
    console.log(prog, "->", e.constructor.name, e.message);
  }
}
