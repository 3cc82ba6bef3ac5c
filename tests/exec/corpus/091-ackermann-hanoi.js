// deep-ish recursion: Ackermann (small), Towers of Hanoi with move recording, McCarthy 91
let ackCalls = 0;
function ack(m, n) {
  ackCalls++;
  if (ackCalls % 5000 === 0) UPDATE_POINT();
  if (m === 0) return n + 1;
  if (n === 0) return ack(m - 1, 1);
  return ack(m - 1, ack(m, n - 1));
}
for (const [m, n] of [[0, 0], [1, 2], [2, 3], [3, 3], [3, 4]]) {
  ackCalls = 0;
  console.log(`ack(${m},${n}) = ${ack(m, n)} calls=${ackCalls}`);
}

const moves = [];
function hanoi(n, from, to, via) {
  if (n === 0) return 0;
  let count = hanoi(n - 1, from, via, to);
  moves.push(`${n}:${from}${to}`);
  if (n === 1) UPDATE_POINT();
  count++;
  count += hanoi(n - 1, via, to, from);
  return count;
}
console.log(hanoi(4, "A", "C", "B"), moves.join(" "));
moves.length = 0;
console.log(hanoi(12, "A", "C", "B"), moves.length, moves.slice(-5).join(" "));

// simulate the moves on actual pegs to check validity
function simulate(n) {
  UPDATE_POINT();
  const pegs = { A: [], B: [], C: [] };
  for (let d = n; d >= 1; d--) pegs.A.push(d);
  const local = [];
  (function move(k, f, t, v) {
    if (k === 0) return;
    move(k - 1, f, v, t);
    const disk = pegs[f].pop();
    if (pegs[t].length && pegs[t][pegs[t].length - 1] < disk) throw new Error("illegal move");
    pegs[t].push(disk);
    local.push(disk);
    move(k - 1, v, t, f);
  })(n, "A", "C", "B");
  return [pegs.C.join(""), local.length, pegs.A.length + pegs.B.length];
}
console.log(JSON.stringify(simulate(8)));

function mc91(n) { return n > 100 ? n - 10 : mc91(mc91(n + 11)); }
console.log([1, 50, 99, 100, 101, 150].map(mc91).join(","));

// Takeuchi function
let takCalls = 0;
function tak(x, y, z) {
  takCalls++;
  return y < x ? tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y)) : z;
}
console.log(tak(12, 8, 4), takCalls);
