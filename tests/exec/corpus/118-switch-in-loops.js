// switch statements inside loops: labelled continue/break through switch, state machines
function runLengthDecode(src) {
  UPDATE_POINT();
  let out = "";
  let count = "";
  scan: for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    switch (true) {
      case ch >= "0" && ch <= "9":
        count += ch;
        continue scan;
      case ch === "|":
        break scan;
      case ch === "\\":
        i++;
      // fallthrough to emit the escaped character
      default: {
        const n = count ? Number(count) : 1;
        out += src[i].repeat(n);
        count = "";
      }
    }
  }
  return out;
}
console.log(runLengthDecode("3a2bc10x"), runLengthDecode("2\\34z|999q"), runLengthDecode(""));

// a turtle interpreter using switch inside nested loops with repeat blocks
function turtle(program) {
  let x = 0, y = 0, dir = 0;
  const path = new Set(["0,0"]);
  const dirs = [[0, 1], [1, 0], [0, -1], [-1, 0]];
  function exec(cmds) {
    for (let i = 0; i < cmds.length; i++) {
      const c = cmds[i];
      switch (c[0]) {
        case "F":
          for (let s = 0; s < c[1]; s++) {
            x += dirs[dir][0];
            y += dirs[dir][1];
            path.add(x + "," + y);
          }
          break;
        case "R":
          dir = (dir + 1) % 4;
          break;
        case "L":
          dir = (dir + 3) % 4;
          break;
        case "REP":
          for (let k = 0; k < c[1]; k++) {
            exec(c[2]);
            UPDATE_POINT();
          }
          break;
        default:
          throw new Error("unknown command " + c[0]);
      }
    }
  }
  exec(program);
  return `${x},${y} dir=${dir} visited=${path.size}`;
}
console.log(turtle([["F", 3], ["R"], ["F", 2]]));
console.log(turtle([["REP", 4, [["F", 5], ["R"]]]]));
console.log(turtle([["REP", 3, [["REP", 2, [["F", 2], ["L"]]], ["F", 4], ["R"]]]]));
try {
  turtle([["F", 1], ["JUMP"]]);
} catch (e) {
  console.log(e.message);
}

// switch on computed values with function calls in the discriminant
let calls = 0;
function bucket(n) { calls++; return n < 10 ? "small" : n < 100 ? "medium" : "large"; }
const counts = { small: 0, medium: 0, large: 0, other: 0 };
for (const n of [5, 50, 500, 7, 70, 9999, -1]) {
  UPDATE_POINT();
  switch (bucket(n)) {
    case "small":
      if (n < 0) { counts.other++; break; }
      counts.small++;
      break;
    case "medium":
      counts.medium++;
    // fallthrough: medium also counts as large-ish
    case "large":
      counts.large++;
      break;
  }
}
console.log(JSON.stringify(counts), calls);
