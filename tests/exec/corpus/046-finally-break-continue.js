// finally blocks that run after break and continue, and loops inside finally
const log = [];
function sideWork(n) {
  UPDATE_POINT();
  let s = 0;
  for (let i = 0; i <= n; i++) s += i * i;
  return s;
}

function loop1() {
  let total = 0;
  for (let i = 0; i < 10; i++) {
    try {
      if (i % 3 === 0) continue;
      if (i === 8) break;
      total += i;
    } finally {
      log.push(i);
      total += sideWork(i) % 5;
      UPDATE_POINT();
    }
  }
  return total;
}
console.log(loop1(), log.join(","));
log.length = 0;

function nestedLoops() {
  let count = 0;
  outer: for (let i = 0; i < 4; i++) {
    try {
      for (let j = 0; j < 4; j++) {
        try {
          if (j === i) continue outer;
          if (i + j === 5) break outer;
          count++;
        } finally {
          log.push(`in${i}${j}`);
        }
      }
    } finally {
      log.push(`out${i}`);
    }
  }
  return count;
}
console.log(nestedLoops(), log.join(" "));
log.length = 0;

// finally containing its own loop with break that does not affect the outer loop
function finallyWithLoop() {
  const out = [];
  for (let i = 0; i < 3; i++) {
    try {
      out.push("t" + i);
      if (i === 1) continue;
    } finally {
      for (let k = 0; k < 10; k++) {
        if (k > i) break;
        out.push("k" + k);
      }
    }
    out.push("end" + i);
  }
  return out.join(" ");
}
console.log(finallyWithLoop());

// while loop with break in catch, finally still runs
function whileCatch() {
  let n = 0;
  const trail = [];
  while (true) {
    try {
      n++;
      if (n === 4) throw new Error("stop");
      trail.push("n" + n);
    } catch (e) {
      trail.push("caught " + e.message);
      break;
    } finally {
      trail.push("fin" + n);
    }
  }
  return trail.join(",");
}
console.log(whileCatch());

// switch inside try inside loop, break exits switch not loop
function switchBreak() {
  const trail = [];
  for (let i = 0; i < 4; i++) {
    try {
      switch (i) {
        case 1:
          trail.push("one");
          break;
        case 2:
          continue;
        default:
          trail.push("d" + i);
      }
      trail.push("after-switch" + i);
    } finally {
      UPDATE_POINT();
      trail.push("F" + i);
    }
  }
  return trail.join(" ");
}
console.log(switchBreak());
