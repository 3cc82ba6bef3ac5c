// 2D array manipulation: spiral order, rotation, transposition in place, diagonals, saddle points
function makeMatrix(r, c, f) {
  UPDATE_POINT();
  return Array.from({ length: r }, (_, i) => Array.from({ length: c }, (_, j) => f(i, j)));
}
function spiral(m) {
  const out = [];
  if (!m.length) return out;
  let top = 0, bottom = m.length - 1, left = 0, right = m[0].length - 1;
  while (top <= bottom && left <= right) {
    for (let j = left; j <= right; j++) out.push(m[top][j]);
    top++;
    for (let i = top; i <= bottom; i++) out.push(m[i][right]);
    right--;
    if (top <= bottom) {
      for (let j = right; j >= left; j--) out.push(m[bottom][j]);
      bottom--;
    }
    if (left <= right) {
      for (let i = bottom; i >= top; i--) out.push(m[i][left]);
      left++;
    }
    UPDATE_POINT();
  }
  return out;
}
const show = (m) => m.map((r) => r.map((v) => String(v).padStart(3)).join("")).join("\n");
const m34 = makeMatrix(3, 4, (i, j) => i * 4 + j + 1);
console.log(spiral(m34).join(","));
console.log(spiral(makeMatrix(5, 1, (i) => i)).join(","), spiral(makeMatrix(1, 5, (i, j) => j)).join(","), spiral([]).length);

function rotateInPlace(m) {
  const n = m.length;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) [m[i][j], m[j][i]] = [m[j][i], m[i][j]];
  for (const row of m) row.reverse();
  return m;
}
const sq = makeMatrix(4, 4, (i, j) => i * 4 + j);
console.log(show(rotateInPlace(sq)));
rotateInPlace(sq); rotateInPlace(sq); rotateInPlace(sq);
console.log(sq.every((row, i) => row.every((v, j) => v === i * 4 + j)));

// generate a spiral-filled matrix (inverse operation)
function spiralFill(n) {
  const m = makeMatrix(n, n, () => 0);
  let v = 1, r = 0, c = 0, dr = 0, dc = 1;
  for (let k = 0; k < n * n; k++) {
    m[r][c] = v++;
    const nr = r + dr, nc = c + dc;
    if (nr < 0 || nc < 0 || nr >= n || nc >= n || m[nr][nc]) [dr, dc] = [dc, -dr];
    r += dr;
    c += dc;
  }
  return m;
}
console.log(show(spiralFill(5)));
console.log(spiral(spiralFill(6)).every((v, i) => v === i + 1));

// diagonals and anti-diagonals
const d = makeMatrix(4, 5, (i, j) => String.fromCharCode(97 + i * 5 + j));
const diags = [];
for (let s = 0; s < 4 + 5 - 1; s++) {
  let str = "";
  for (let i = 0; i < 4; i++) {
    UPDATE_POINT();
    const j = s - i;
    if (j >= 0 && j < 5) str += d[i][j];
  }
  diags.push(str);
}
console.log(diags.join(" "));

// saddle points: min in row and max in column
const sm = [[9, 8, 7], [5, 3, 2], [6, 6, 7]];
const saddles = [];
sm.forEach((row, i) => row.forEach((v, j) => {
  if (v === Math.min(...row) && v === Math.max(...sm.map((r) => r[j]))) saddles.push(`(${i},${j})=${v}`);
}));
console.log(saddles.join(" ") || "none");
