// Saves list only variables read later (compiler/liveness.ts): values that look dead at an update
// point but are read on some path (next iteration, a catch, a finally, a labelled continue, a
// switch fallthrough, a closure) must survive a capture there.
function step(x) { UPDATE_POINT(); return x + 1; }

function carried(n) {
  // `last` is written in one branch and read in a later iteration's other branch.
  let last = -1;
  const out = [];
  for (let i = 0; i < n; i++) {
    if (i % 3 === 0) last = step(i);
    else out.push(last * 10 + i);
  }
  return out.join(",");
}
console.log(carried(10));

function viaCatch(xs) {
  let before = "b";
  let seen = 0;
  try {
    for (const x of xs) {
      seen = step(seen);
      if (x < 0) throw new Error("neg " + x);
    }
  } catch (e) {
    return `${before}:${seen}:${e.message}`;
  }
  return `${before}:${seen}`;
}
console.log(viaCatch([1, 2, -3, 4]), viaCatch([5]));

function viaFinally(n) {
  let note = "start";
  let acc = 0;
  try {
    for (let i = 0; i < n; i++) {
      acc = step(acc);
      if (acc > 3) return acc;
    }
  } finally {
    note = note + "/" + acc;
    UPDATE_POINT();
    console.log("finally", note);
  }
  return -acc;
}
console.log(viaFinally(2), viaFinally(9));

function viaLabel(rows) {
  let total = 0;
  let skipped = "";
  outer: for (const row of rows) {
    for (const v of row) {
      const w = step(v);
      if (w < 0) { skipped += row.length; continue outer; }
      total += w;
    }
    skipped += ".";
  }
  return total + " " + skipped;
}
console.log(viaLabel([[1, 2], [3, -9, 4], [5]]));

function viaSwitch(k) {
  let a = "a";
  let b = "b";
  let r = "";
  switch (k) {
    case 0:
      a = String(step(0));
    // fall through
    case 1:
      r += a;
      b = String(step(1));
    // fall through
    case 2:
      r += b;
      break;
    default:
      r = "none";
  }
  return r;
}
console.log([0, 1, 2, 3].map(viaSwitch).join(" "));

function viaClosure(n) {
  let count = 0;
  const bump = () => ++count;
  let dead = "unused";
  for (let i = 0; i < n; i++) step(bump());
  dead = "reassigned";
  return count + dead.length;
}
console.log(viaClosure(4));

function deadThenAlive(n) {
  // `i` and `k` of a finished loop are dead at the next loop's head; `k` is read again after it.
  var k = 0;
  for (var i = 0; i < n; i++) k = step(k);
  var sum = 0;
  for (var j = 0; j < n; j++) sum = step(sum) + j;
  return sum + k;
}
console.log(deadThenAlive(5));

function doWhile(n) {
  let i = 0;
  let prev = "x";
  do {
    prev = prev + i;
    i = step(i);
  } while (i < n && prev.length < 20);
  return prev;
}
console.log(doWhile(4));
