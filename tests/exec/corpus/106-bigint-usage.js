// BigInt arithmetic in loops: factorials, fibonacci, binomials, digit manipulation, mixed-type errors
function fact(n) {
  UPDATE_POINT();
  let r = 1n;
  for (let i = 2n; i <= n; i++) r *= i;
  return r;
}
function fib(n) {
  let a = 0n, b = 1n;
  for (let i = 0; i < n; i++) {
    [a, b] = [b, a + b];
    if (i % 100 === 0) UPDATE_POINT();
  }
  return a;
}
console.log(String(fact(25n)), fact(60n).toString().length, String(fib(200)));
function binom(n, k) {
  let r = 1n;
  for (let i = 1n; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}
const row = [];
for (let k = 0n; k <= 12n; k++) row.push(binom(12n, k));
console.log(row.join(" "), String(binom(100n, 50n)));

// digit sum and reversal with BigInt division
function digits(n) {
  const out = [];
  while (n > 0n) {
    out.push(Number(n % 10n));
    n /= 10n;
  }
  return out.reverse();
}
const big = 2n ** 256n;
console.log(String(big), digits(big).reduce((a, b) => a + b, 0));
// palindromes via reverse-and-add (Lychrel-like check)
function reverseAdd(n, maxIter) {
  for (let i = 1; i <= maxIter; i++) {
    n = n + BigInt(String(n).split("").reverse().join(""));
    const s = String(n);
    if (s === s.split("").reverse().join("")) return [i, s];
  }
  return [-1, ""];
}
console.log([87n, 89n, 10911n, 196n].map((n) => JSON.stringify(reverseAdd(n, 30))).join(" "));

// bitwise ops, asIntN / asUintN, comparisons with numbers
const x = 0xdeadbeefcafebaben;
console.log(x.toString(16), (x >> 32n).toString(16), (x & 0xffffn).toString(16), (~x).toString(), BigInt.asUintN(16, x), BigInt.asIntN(8, 255n));
console.log(10n > 9, 10n == 10, 10n === 10, typeof 10n, [3n, 1, 2n, -1].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join(","));
console.log(-7n / 2n, -7n % 2n, 7n ** 30n, BigInt("0x1f") + BigInt("0b101") + BigInt("0o17"));

// mixing BigInt with Number throws a TypeError
for (const f of [() => 1n + 1, () => Math.max(1n), () => BigInt(1.5), () => JSON.stringify({ v: 1n })]) {
  try {
    console.log(f());
  } catch (e) {
    UPDATE_POINT();
    console.log(e.constructor.name);
  }
}
console.log(JSON.stringify({ v: 12345678901234567890n }, (k, v) => (typeof v === "bigint" ? v.toString() + "n" : v)));
