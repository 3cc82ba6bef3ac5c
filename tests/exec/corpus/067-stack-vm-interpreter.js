// a tiny stack-based virtual machine with calls, jumps and a call stack
const OPS = {
  PUSH: 1, ADD: 2, SUB: 3, MUL: 4, LT: 5, JMP: 6, JZ: 7, LOAD: 8, STORE: 9,
  CALL: 10, RET: 11, PRINT: 12, HALT: 13, DUP: 14, MOD: 15, POP: 16,
};
function assemble(src) {
  UPDATE_POINT();
  const lines = src.trim().split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith(";"));
  const labels = {};
  const code = [];
  let pc = 0;
  for (const l of lines) {
    if (l.endsWith(":")) labels[l.slice(0, -1)] = pc;
    else pc += l.split(/\s+/).length;
  }
  for (const l of lines) {
    if (l.endsWith(":")) continue;
    const [op, arg] = l.split(/\s+/);
    code.push(OPS[op]);
    if (arg !== undefined) code.push(arg in labels ? labels[arg] : Number(arg));
  }
  return code;
}

function run(code, out) {
  const stack = [];
  const frames = [{ ret: -1, locals: new Array(8).fill(0) }];
  let pc = 0;
  let steps = 0;
  for (;;) {
    steps++;
    if (steps % 200 === 0) UPDATE_POINT();
    const op = code[pc++];
    switch (op) {
      case OPS.PUSH: stack.push(code[pc++]); break;
      case OPS.ADD: { const b = stack.pop(); stack.push(stack.pop() + b); break; }
      case OPS.SUB: { const b = stack.pop(); stack.push(stack.pop() - b); break; }
      case OPS.MUL: { const b = stack.pop(); stack.push(stack.pop() * b); break; }
      case OPS.MOD: { const b = stack.pop(); stack.push(stack.pop() % b); break; }
      case OPS.LT: { const b = stack.pop(); stack.push(stack.pop() < b ? 1 : 0); break; }
      case OPS.DUP: stack.push(stack[stack.length - 1]); break;
      case OPS.POP: stack.pop(); break;
      case OPS.JMP: pc = code[pc]; break;
      case OPS.JZ: { const t = code[pc++]; if (stack.pop() === 0) pc = t; break; }
      case OPS.LOAD: stack.push(frames[frames.length - 1].locals[code[pc++]]); break;
      case OPS.STORE: frames[frames.length - 1].locals[code[pc++]] = stack.pop(); break;
      case OPS.CALL: { const t = code[pc++]; frames.push({ ret: pc, locals: new Array(8).fill(0) }); pc = t; break; }
      case OPS.RET: { const f = frames.pop(); pc = f.ret; break; }
      case OPS.PRINT: out.push(stack.pop()); break;
      case OPS.HALT: return steps;
      default: throw new Error("bad opcode " + op + " at " + (pc - 1));
    }
  }
}

// recursive factorial and an iterative loop summing squares, plus fib via recursion
const program = `
  PUSH 10
  CALL fact
  PRINT
  PUSH 0
  STORE 0
  PUSH 0
  STORE 1
loop:
  LOAD 0
  PUSH 20
  LT
  JZ done
  LOAD 1
  LOAD 0
  LOAD 0
  MUL
  ADD
  STORE 1
  LOAD 0
  PUSH 1
  ADD
  STORE 0
  JMP loop
done:
  LOAD 1
  PRINT
  PUSH 14
  CALL fib
  PRINT
  HALT
fact:
  STORE 0
  LOAD 0
  PUSH 2
  LT
  JZ factrec
  PUSH 1
  RET
factrec:
  LOAD 0
  LOAD 0
  PUSH 1
  SUB
  CALL fact
  MUL
  RET
fib:
  STORE 0
  LOAD 0
  PUSH 2
  LT
  JZ fibrec
  LOAD 0
  RET
fibrec:
  LOAD 0
  PUSH 1
  SUB
  CALL fib
  LOAD 0
  PUSH 2
  SUB
  CALL fib
  ADD
  RET
`;
const code = assemble(program);
console.log(code.length, code.slice(0, 12).join(","));
const out = [];
const steps = run(code, out);
console.log(out.join(" "), "steps", steps);
try {
  run([OPS.PUSH, 1, 99], []);
} catch (e) {
  UPDATE_POINT();
  console.log(e.message);
}
