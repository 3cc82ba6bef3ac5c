// n-queens with backtracking: count solutions for several n, print the first solution boards
function solve(n, wantFirst) {
  UPDATE_POINT();
  const cols = new Array(n).fill(false);
  const d1 = new Array(2 * n).fill(false);
  const d2 = new Array(2 * n).fill(false);
  const pos = [];
  let count = 0;
  let first = null;
  let nodes = 0;
  function place(r) {
    nodes++;
    if (r === n) {
      count++;
      if (!first) {
        first = pos.slice();
        UPDATE_POINT();
      }
      return;
    }
    for (let c = 0; c < n; c++) {
      if (cols[c] || d1[r + c] || d2[r - c + n]) continue;
      cols[c] = d1[r + c] = d2[r - c + n] = true;
      pos.push(c);
      place(r + 1);
      pos.pop();
      cols[c] = d1[r + c] = d2[r - c + n] = false;
    }
  }
  place(0);
  return { count, first, nodes };
}
for (let n = 1; n <= 8; n++) {
  const { count, first, nodes } = solve(n);
  console.log(`n=${n} solutions=${count} nodes=${nodes} first=${first ? first.join("") : "-"}`);
}
const { first } = solve(8);
for (const c of first) console.log(".".repeat(c) + "Q" + ".".repeat(7 - c));

// bitmask version cross-check with an explicit stack instead of recursion
function countBits(n) {
  const all = (1 << n) - 1;
  let count = 0;
  const stack = [[0, 0, 0]];
  while (stack.length) {
    const [cols, ld, rd] = stack.pop();
    if (cols === all) { count++; continue; }
    let avail = all & ~(cols | ld | rd);
    while (avail) {
      UPDATE_POINT();
      const bit = avail & -avail;
      avail -= bit;
      stack.push([cols | bit, ((ld | bit) << 1) & all, (rd | bit) >> 1]);
    }
  }
  return count;
}
console.log([4, 5, 6, 7, 8, 9].map(countBits).join(","));
