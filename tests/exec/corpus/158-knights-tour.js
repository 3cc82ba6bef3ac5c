// knight's tour with Warnsdorff's heuristic (tie-break deterministic) and backtracking fallback
const MOVES = [[2, 1], [1, 2], [-1, 2], [-2, 1], [-2, -1], [-1, -2], [1, -2], [2, -1]];
function tour(n, sr, sc) {
  UPDATE_POINT();
  const board = Array.from({ length: n }, () => new Array(n).fill(0));
  const inside = (r, c) => r >= 0 && c >= 0 && r < n && c < n;
  const degree = (r, c) => MOVES.reduce((k, [dr, dc]) => k + (inside(r + dr, c + dc) && board[r + dr][c + dc] === 0 ? 1 : 0), 0);
  let backtracks = 0;
  function solve(r, c, step) {
    board[r][c] = step;
    if (step === n * n) return true;
    const candidates = [];
    for (const [dr, dc] of MOVES) {
      const nr = r + dr, nc = c + dc;
      if (inside(nr, nc) && board[nr][nc] === 0) candidates.push([degree(nr, nc), nr, nc]);
    }
    candidates.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
    for (const [, nr, nc] of candidates) {
      if (solve(nr, nc, step + 1)) return true;
      backtracks++;
      if (backtracks % 100 === 0) UPDATE_POINT();
    }
    board[r][c] = 0;
    return false;
  }
  const ok = solve(sr, sc, 1);
  return { ok, board, backtracks };
}
function valid(board) {
  const n = board.length;
  const pos = [];
  board.forEach((row, r) => row.forEach((v, c) => (pos[v] = [r, c])));
  for (let k = 1; k < n * n; k++) {
    const [r1, c1] = pos[k], [r2, c2] = pos[k + 1];
    const dr = Math.abs(r1 - r2), dc = Math.abs(c1 - c2);
    if (!((dr === 1 && dc === 2) || (dr === 2 && dc === 1))) return false;
  }
  return true;
}
for (const [n, r, c] of [[5, 0, 0], [6, 0, 0], [8, 0, 0], [8, 3, 4]]) {
  UPDATE_POINT();
  const { ok, board, backtracks } = tour(n, r, c);
  console.log(`n=${n} start=${r},${c} ok=${ok} valid=${ok && valid(board)} backtracks=${backtracks}`);
  if (n <= 6 && ok) console.log(board.map((row) => row.map((v) => String(v).padStart(3)).join("")).join("\n"));
}
const small = tour(4, 0, 0);
console.log("4x4 possible:", small.ok, "backtracks", small.backtracks);
