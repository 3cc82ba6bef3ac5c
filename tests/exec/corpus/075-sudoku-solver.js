// sudoku solver with constraint propagation (candidate sets) and backtracking
const puzzles = [
  "530070000600195000098000060800060003400803001700020006060000280000419005000080079",
  "000000907000420180000705026100904000050000040000507009920108000034059000507000000",
  "000003640903002005600400000050200806300005020200000000000070008000020010700010400",
];
function parse(s) { return [...s].map(Number); }
const peers = [];
for (let i = 0; i < 81; i++) {
  UPDATE_POINT();
  const r = Math.floor(i / 9), c = i % 9;
  const set = new Set();
  for (let k = 0; k < 9; k++) {
    set.add(r * 9 + k);
    set.add(k * 9 + c);
  }
  const br = r - (r % 3), bc = c - (c % 3);
  for (let dr = 0; dr < 3; dr++) for (let dc = 0; dc < 3; dc++) set.add((br + dr) * 9 + bc + dc);
  set.delete(i);
  peers.push([...set]);
}
let guesses = 0;
function candidates(grid, i) {
  const used = new Set();
  for (const p of peers[i]) if (grid[p]) used.add(grid[p]);
  const out = [];
  for (let d = 1; d <= 9; d++) if (!used.has(d)) out.push(d);
  return out;
}
function solve(grid) {
  // fill naked singles repeatedly
  let changed = true;
  const filled = [];
  while (changed) {
    changed = false;
    for (let i = 0; i < 81; i++) {
      if (grid[i]) continue;
      const c = candidates(grid, i);
      if (c.length === 0) {
        for (const f of filled) grid[f] = 0;
        return false;
      }
      if (c.length === 1) {
        grid[i] = c[0];
        filled.push(i);
        changed = true;
      }
    }
  }
  // choose the cell with the fewest candidates
  let best = -1, bestC = null;
  for (let i = 0; i < 81; i++) {
    if (grid[i]) continue;
    const c = candidates(grid, i);
    if (!bestC || c.length < bestC.length) { best = i; bestC = c; }
  }
  if (best === -1) return true;
  for (const d of bestC) {
    guesses++;
    grid[best] = d;
    if (guesses % 5 === 0) UPDATE_POINT();
    if (solve(grid)) return true;
  }
  grid[best] = 0;
  for (const f of filled) grid[f] = 0;
  return false;
}
function valid(grid) {
  return grid.every((v, i) => v >= 1 && v <= 9 && peers[i].every((p) => grid[p] !== v));
}
for (const p of puzzles) {
  UPDATE_POINT();
  const grid = parse(p);
  guesses = 0;
  const ok = solve(grid);
  console.log(ok, valid(grid), "guesses>=0", guesses >= 0);
  for (let r = 0; r < 9; r += 4) console.log(grid.slice(r * 9, r * 9 + 9).join(""));
  console.log(grid.join("").slice(0, 27));
}
