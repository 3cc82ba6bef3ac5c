// solving linear systems: Gaussian elimination with partial pivoting, LU decomposition, matrix inverse
function solve(A, b) {
  UPDATE_POINT();
  const n = A.length;
  const M = A.map((row, i) => [...row, b[i]]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(M[r][col]) > Math.abs(M[pivot][col])) pivot = r;
    if (Math.abs(M[pivot][col]) < 1e-12) throw new RangeError("singular matrix");
    [M[col], M[pivot]] = [M[pivot], M[col]];
    for (let r = col + 1; r < n; r++) {
      const f = M[r][col] / M[col][col];
      for (let c = col; c <= n; c++) M[r][c] -= f * M[col][c];
    }
    UPDATE_POINT();
  }
  const x = new Array(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = M[i][n];
    for (let j = i + 1; j < n; j++) s -= M[i][j] * x[j];
    x[i] = s / M[i][i];
  }
  return x;
}
const fmt = (v) => v.map((x) => (Math.abs(x) < 1e-9 ? 0 : x).toFixed(4)).join(" ");
console.log(fmt(solve([[2, 1, -1], [-3, -1, 2], [-2, 1, 2]], [8, -11, -3])));
console.log(fmt(solve([[1, 1, 1, 1], [1, 2, 4, 8], [1, 3, 9, 27], [1, 4, 16, 64]], [1, 8, 27, 64])));
try {
  solve([[1, 2], [2, 4]], [3, 6]);
} catch (e) {
  console.log(e.constructor.name, e.message);
}

function lu(A) {
  const n = A.length;
  const L = A.map((_, i) => A.map((__, j) => (i === j ? 1 : 0)));
  const U = A.map((r) => r.slice());
  for (let k = 0; k < n; k++) {
    for (let i = k + 1; i < n; i++) {
      const f = U[i][k] / U[k][k];
      L[i][k] = f;
      for (let j = k; j < n; j++) U[i][j] -= f * U[k][j];
    }
  }
  return [L, U];
}
const A = [[4, 3, 2], [6, 3, 1], [2, 5, 7]];
const [L, U] = lu(A);
console.log(L.map(fmt).join(" / "));
console.log(U.map(fmt).join(" / "));
const prod = L.map((row, i) => A.map((_, j) => row.reduce((s, v, k) => s + v * U[k][j], 0)));
console.log("L*U == A:", prod.every((row, i) => row.every((v, j) => Math.abs(v - A[i][j]) < 1e-9)), "det:", U.reduce((d, row, i) => d * row[i], 1).toFixed(4));

function inverse(A) {
  const n = A.length;
  const cols = [];
  for (let j = 0; j < n; j++) cols.push(solve(A, A.map((_, i) => (i === j ? 1 : 0))));
  return A.map((_, i) => cols.map((c) => c[i]));
}
const inv = inverse(A);
console.log(inv.map(fmt).join(" / "));
const id = A.map((row, i) => A.map((_, j) => row.reduce((s, v, k) => s + v * inv[k][j], 0)));
console.log(id.map(fmt).join(" / "));
// Hilbert matrices get ill-conditioned: residual grows with n
for (const n of [3, 6, 9]) {
  UPDATE_POINT();
  const Hm = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => 1 / (i + j + 1)));
  const ones = new Array(n).fill(1);
  const b = Hm.map((row) => row.reduce((a, v) => a + v, 0));
  const x = solve(Hm, b);
  const err = Math.max(...x.map((v, i) => Math.abs(v - ones[i])));
  console.log("hilbert", n, err < 1e-6 ? "accurate" : "inaccurate", err.toExponential(1).includes("e") ? "" : "?");
}
// least squares line fit via normal equations
const pts = [[0, 1.1], [1, 2.9], [2, 5.2], [3, 6.8], [4, 9.1], [5, 11.0]];
const sx = pts.reduce((s, p) => s + p[0], 0), sy = pts.reduce((s, p) => s + p[1], 0);
const sxx = pts.reduce((s, p) => s + p[0] * p[0], 0), sxy = pts.reduce((s, p) => s + p[0] * p[1], 0);
const [intercept, slope] = solve([[pts.length, sx], [sx, sxx]], [sy, sxy]);
console.log("fit y =", slope.toFixed(4), "* x +", intercept.toFixed(4));
