// minimax with alpha-beta pruning for tic-tac-toe; self-play and position analysis with node counts
const LINES = [[0, 1, 2], [3, 4, 5], [6, 7, 8], [0, 3, 6], [1, 4, 7], [2, 5, 8], [0, 4, 8], [2, 4, 6]];
function winner(b) {
  UPDATE_POINT();
  for (const [a, c, d] of LINES) if (b[a] !== "." && b[a] === b[c] && b[a] === b[d]) return b[a];
  return b.includes(".") ? null : "draw";
}
let nodes = 0;
function minimax(b, player, alpha, beta, depth) {
  nodes++;
  if (nodes % 1000 === 0) UPDATE_POINT();
  const w = winner(b);
  if (w === "X") return 10 - depth;
  if (w === "O") return depth - 10;
  if (w === "draw") return 0;
  if (player === "X") {
    let best = -Infinity;
    for (let i = 0; i < 9; i++) {
      if (b[i] !== ".") continue;
      b[i] = "X";
      best = Math.max(best, minimax(b, "O", alpha, beta, depth + 1));
      b[i] = ".";
      alpha = Math.max(alpha, best);
      if (alpha >= beta) break;
    }
    return best;
  }
  let best = Infinity;
  for (let i = 0; i < 9; i++) {
    if (b[i] !== ".") continue;
    b[i] = "O";
    best = Math.min(best, minimax(b, "X", alpha, beta, depth + 1));
    b[i] = ".";
    beta = Math.min(beta, best);
    if (alpha >= beta) break;
  }
  return best;
}
function bestMove(b, player) {
  let bestScore = player === "X" ? -Infinity : Infinity;
  let move = -1;
  for (let i = 0; i < 9; i++) {
    if (b[i] !== ".") continue;
    b[i] = player;
    const s = minimax(b, player === "X" ? "O" : "X", -Infinity, Infinity, 1);
    b[i] = ".";
    if (player === "X" ? s > bestScore : s < bestScore) {
      bestScore = s;
      move = i;
    }
  }
  return [move, bestScore];
}
const show = (b) => [b.slice(0, 3), b.slice(3, 6), b.slice(6, 9)].map((r) => r.join("")).join("/");

// perfect self-play from an opening position ends in a draw
let board = [..."X...O...."];
let player = "X";
const moves = [];
while (!winner(board)) {
  nodes = 0;
  const [m, s] = bestMove(board, player);
  board[m] = player;
  moves.push(`${player}${m}(${s},${nodes})`);
  player = player === "X" ? "O" : "X";
}
console.log(moves.join(" "), "->", winner(board), show(board));

// analyse some positions
const positions = ["X.O.X....", "XX.OO....", "X...O...X", "OX.XO....", "XOXOXO..."];
for (const p of positions) {
  const b = [...p];
  const xs = b.filter((c) => c === "X").length, os = b.filter((c) => c === "O").length;
  const toMove = xs > os ? "O" : "X";
  nodes = 0;
  const [m, s] = bestMove(b, toMove);
  console.log(p, toMove, "best", m, "score", s, "nodes", nodes);
}
// a flawed opponent (always takes the lowest free square) loses to minimax
board = [..."X........"];
player = "O";
while (!winner(board)) {
  UPDATE_POINT();
  const m = player === "X" ? bestMove(board, "X")[0] : board.indexOf(".");
  board[m] = player;
  player = player === "X" ? "O" : "X";
}
console.log("vs naive:", winner(board), show(board));
