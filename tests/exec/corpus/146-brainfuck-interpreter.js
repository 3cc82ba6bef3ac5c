// a Brainfuck interpreter with bracket pre-matching, run-length optimization, and a step counter
function compile(src) {
  UPDATE_POINT();
  const code = [];
  const stack = [];
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if ("+-<>".includes(c)) {
      let n = 1;
      while (src[i + 1] === c) { n++; i++; }
      code.push({ op: c, n });
    } else if (c === ".") code.push({ op: c });
    else if (c === ",") code.push({ op: c });
    else if (c === "[") {
      // recognize [-] as a clear
      if (src[i + 1] === "-" && src[i + 2] === "]") {
        code.push({ op: "0" });
        i += 2;
        continue;
      }
      stack.push(code.length);
      code.push({ op: "[", jump: -1 });
    } else if (c === "]") {
      if (!stack.length) throw new SyntaxError("unmatched ] at " + i);
      const open = stack.pop();
      code[open].jump = code.length;
      code.push({ op: "]", jump: open });
    }
  }
  if (stack.length) throw new SyntaxError("unmatched [ at instruction " + stack.pop());
  return code;
}
function run(src, input = "") {
  const code = compile(src);
  const tape = new Uint8Array(30000);
  let ptr = 0, pc = 0, inPos = 0, steps = 0;
  let out = "";
  while (pc < code.length) {
    const ins = code[pc];
    steps++;
    if (steps % 5000 === 0) UPDATE_POINT();
    switch (ins.op) {
      case "+": tape[ptr] += ins.n; break;
      case "-": tape[ptr] -= ins.n; break;
      case ">": ptr += ins.n; break;
      case "<": ptr -= ins.n; break;
      case "0": tape[ptr] = 0; break;
      case ".": out += String.fromCharCode(tape[ptr]); break;
      case ",": if (inPos < input.length) tape[ptr] = input.charCodeAt(inPos++); break; // EOF: unchanged
      case "[": if (!tape[ptr]) pc = ins.jump; break;
      case "]": if (tape[ptr]) pc = ins.jump; break;
    }
    pc++;
  }
  return { out, steps, size: code.length };
}
const hello = "++++++++[>++++[>++>+++>+++>+<<<<-]>+>+>->>+[<]<-]>>.>---.+++++++..+++.>>.<-.<.+++.------.--------.>>+.>++.";
const r1 = run(hello);
console.log(JSON.stringify(r1.out), r1.steps, r1.size);
// reverse the input
const rev = run(">,[>,]<[.<]", "restack");
console.log(rev.out, rev.steps);
// add two digits: read two chars, output their sum as a digit
const add = run(",>,[-<+>]<------------------------------------------------.", "34");
console.log(add.out);
// print squares 0..100 style program: multiplication by nested loops, output as numbers via a JS-side decoder
const mul = run("+++++[>+++++++<-]>[>+>+<<-]>[-<+>]<<[-]>.", "");
console.log([...mul.out].map((c) => c.charCodeAt(0)).join(","), mul.steps);
// rot13 on input until NUL
const rot13src = "-,+[-[>>++++[>++++++++<-]<+<-[>+>+>-[>>>]<[[>+<-]>>+>]<<<<<-]]>>>[-]+>--[-[<->+++[-]]]<[++++++++++++<[>-[>+>>]>[+[<+>-]>+>>]<<<<<-]>>[<+>-]>[-[-<<[-]>>]<<[<<->>-]>>]<<[<<+>>-]]<[-]<.[-]<-,+]";
console.log(run(rot13src, "Hello, Restack!").out);
for (const bad of ["[[]", "]"]) {
  try {
    compile(bad);
  } catch (e) {
    UPDATE_POINT();
    console.log(e.constructor.name, e.message);
  }
}
