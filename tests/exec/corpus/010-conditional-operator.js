// conditional operator with calls in test and branches, nested and in loops
let evals = 0;
function isPrime(n) {
  UPDATE_POINT();
  evals++;
  if (n < 2) return false;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
  return true;
}
function up(n) { UPDATE_POINT(); return n + 1000; }
function down(n) { return n - 1000; }

const out = [];
for (let n = 0; n < 30; n++) {
  out.push(isPrime(n) ? up(n) : n % 2 ? down(n) : isPrime(n / 2) ? "half" + up(n / 2) : n);
}
console.log(out.join(" "));
console.log("evals", evals);

function classify(x) {
  return x < 0 ? "neg" : x === 0 ? "zero" : x < 10 ? "small" + (isPrime(x) ? "-prime" : "") : "big";
}
console.log([-5, 0, 3, 4, 7, 12].map(classify).join(","));

function fib(n) {
  UPDATE_POINT();
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}
const results = [];
for (let i = 0; i < 18; i++) results.push(i % 3 === 0 ? fib(i) : -fib(i % 7));
console.log(results.join(","));

let state = 0;
function flip() { state ^= 1; return state; }
const seq = [];
for (let i = 0; i < 8; i++) seq.push(flip() ? flip() ? "AA" : "AB" : "B");
console.log(seq.join(""), state);
