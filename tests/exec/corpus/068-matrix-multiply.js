// matrix multiply, power by squaring, transpose, determinant via Gaussian elimination (fractions-free)
function zeros(n, m) { return Array.from({ length: n }, () => new Array(m).fill(0)); }
function identity(n) {
  UPDATE_POINT();
  const I = zeros(n, n);
  for (let i = 0; i < n; i++) I[i][i] = 1;
  return I;
}
function mul(A, B, mod) {
  const n = A.length, m = B[0].length, k = B.length;
  const C = zeros(n, m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let t = 0; t < k; t++) s += A[i][t] * B[t][j];
      C[i][j] = mod ? s % mod : s;
    }
    if (n > 8) UPDATE_POINT();
  }
  return C;
}
function power(M, e, mod) {
  let R = identity(M.length);
  let base = M;
  while (e > 0) {
    if (e & 1) R = mul(R, base, mod);
    base = mul(base, base, mod);
    e >>= 1;
  }
  return R;
}
function show(M) { return M.map((r) => r.join(" ")).join(" / "); }

const A = [[1, 2, 3], [4, 5, 6]];
const B = [[7, 8], [9, 10], [11, 12]];
console.log(show(mul(A, B)), "|", show(mul(B, A)));
// Fibonacci via matrix power
const F = [[1, 1], [1, 0]];
for (const n of [10, 50, 90]) console.log("fib", n, power(F, n, 1000000007)[0][1]);

// bigger deterministic matrices
function gen(n, seed) {
  const M = zeros(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) { seed = (seed * 69069 + 1) % 4294967296; M[i][j] = (seed >>> 16) % 10; }
  return M;
}
const X = gen(20, 5), Y = gen(20, 6);
const Z = mul(X, Y);
let trace = 0, total = 0;
for (let i = 0; i < 20; i++) { trace += Z[i][i]; for (const v of Z[i]) total += v; }
console.log("trace", trace, "total", total);
const T = Z.map((_, i) => Z.map((row) => row[i]));
console.log("transpose check", mul(Y.map((_, i) => Y.map((r) => r[i])), X.map((_, i) => X.map((r) => r[i]))).every((row, i) => row.every((v, j) => v === T[i][j])));

// determinant with Bareiss algorithm (exact integer arithmetic)
function det(M) {
  const n = M.length;
  const a = M.map((r) => r.slice());
  let sign = 1, prev = 1;
  for (let k = 0; k < n - 1; k++) {
    if (a[k][k] === 0) {
      let swap = k + 1;
      while (swap < n && a[swap][k] === 0) swap++;
      if (swap === n) return 0;
      [a[k], a[swap]] = [a[swap], a[k]];
      sign = -sign;
    }
    for (let i = k + 1; i < n; i++) {
      UPDATE_POINT();
      for (let j = k + 1; j < n; j++) a[i][j] = (a[i][j] * a[k][k] - a[i][k] * a[k][j]) / prev;
    }
    prev = a[k][k];
  }
  return sign * a[n - 1][n - 1];
}
console.log(det([[2, 0], [0, 3]]), det([[1, 2, 3], [4, 5, 6], [7, 8, 10]]), det([[0, 1, 2], [1, 0, 3], [4, -3, 8]]), det(gen(6, 11)), det([[1, 2], [2, 4]]));
