// labelled break/continue across nested loops of different kinds
function check(v) { UPDATE_POINT(); return v % 7 === 3; }

function findPair(matrix, target) {
  let found = null;
  outer: for (let r = 0; r < matrix.length; r++) {
    for (let c = 0; c < matrix[r].length; c++) {
      UPDATE_POINT();
      if (matrix[r][c] === target) {
        found = [r, c];
        break outer;
      }
    }
  }
  return found;
}
const mat = [];
for (let r = 0; r < 6; r++) mat.push(Array.from({ length: 6 }, (_, c) => r * 6 + c * c));
console.log(JSON.stringify(findPair(mat, 22)), JSON.stringify(findPair(mat, 999)));

function primesBelow(n) {
  const out = [];
  candidates: for (let i = 2; i < n; i++) {
    for (let d = 2; d * d <= i; d++) {
      if (i % d === 0) continue candidates;
    }
    out.push(i);
  }
  return out;
}
console.log(primesBelow(60).join(","));

function mixed() {
  const log = [];
  let i = 0;
  loopA: while (i < 5) {
    i++;
    let j = 0;
    loopB: do {
      j++;
      for (const k of [1, 2, 3]) {
        if (check(i * 10 + j + k)) {
          log.push(`skipA@${i}${j}${k}`);
          continue loopA;
        }
        if (k === 2 && j === 2) continue loopB;
        if (i === 4 && j === 3) break loopA;
      }
      log.push(`${i}${j}`);
    } while (j < 3);
  }
  return log.join(" ");
}
console.log(mixed());

// labelled block (not a loop) with break
function blockLabel(x) {
  let result = "start";
  checks: {
    if (x < 0) { result = "negative"; break checks; }
    if (x === 0) { result = "zero"; break checks; }
    for (let i = 2; i < x; i++) {
      if (x % i === 0) { result = "composite(" + i + ")"; break checks; }
    }
    result = "prime-or-one";
  }
  return result;
}
console.log([-3, 0, 1, 7, 9, 25, 29].map(blockLabel).join(" "));

// labelled continue over for-in with try/finally in between
function withFinally() {
  const log = [];
  const obj = { a: 1, b: 2, c: 3 };
  keys: for (const k in obj) {
    for (let n = 0; n < 3; n++) {
      try {
        if (n === obj[k] - 1) continue keys;
        log.push(k + n);
      } finally {
        UPDATE_POINT();
        log.push("f");
      }
    }
  }
  return log.join("");
}
console.log(withFinally());
