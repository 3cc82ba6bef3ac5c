// number theory: extended gcd, modular inverse, fast modular exponentiation, CRT, Miller-Rabin with BigInt
function egcd(a, b) {
  UPDATE_POINT();
  let [oldR, r] = [a, b];
  let [oldS, s] = [1, 0];
  let [oldT, t] = [0, 1];
  while (r !== 0) {
    const q = Math.floor(oldR / r);
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
    [oldT, t] = [t, oldT - q * t];
  }
  return [oldR, oldS, oldT];
}
for (const [a, b] of [[240, 46], [17, 5], [1071, 462], [99, 78]]) {
  const [g, x, y] = egcd(a, b);
  console.log(`gcd(${a},${b})=${g} = ${a}*${x} + ${b}*${y}`, a * x + b * y === g);
}
function modInverse(a, m) {
  const [g, x] = egcd(((a % m) + m) % m, m);
  if (g !== 1) throw new RangeError(`${a} has no inverse mod ${m}`);
  return ((x % m) + m) % m;
}
console.log(modInverse(3, 11), modInverse(10, 17), modInverse(7, 26));
try {
  modInverse(6, 9);
} catch (e) {
  console.log(e.message);
}

function modpow(base, exp, mod) {
  base %= mod;
  let result = 1n;
  while (exp > 0n) {
    if (exp & 1n) result = (result * base) % mod;
    base = (base * base) % mod;
    exp >>= 1n;
    UPDATE_POINT();
  }
  return result;
}
console.log(modpow(2n, 10n, 1000n), modpow(3n, 200n, 1000000007n), modpow(7n, 12345678901234567890n, 998244353n));

function crt(rems, mods) {
  let x = 0, M = 1;
  for (const m of mods) M *= m;
  for (let i = 0; i < mods.length; i++) {
    const Mi = M / mods[i];
    x = (x + rems[i] * Mi * modInverse(Mi % mods[i], mods[i])) % M;
  }
  return x;
}
console.log(crt([2, 3, 2], [3, 5, 7]), crt([1, 4, 6], [3, 5, 7]), crt([0, 0, 1], [4, 9, 25]));

function isProbablePrime(n) {
  if (n < 2n) return false;
  for (const p of [2n, 3n, 5n, 7n, 11n, 13n, 17n, 19n, 23n, 29n, 31n, 37n]) {
    if (n === p) return true;
    if (n % p === 0n) return false;
  }
  let d = n - 1n, r = 0;
  while (d % 2n === 0n) { d /= 2n; r++; }
  witness: for (const a of [2n, 3n, 5n, 7n, 11n, 13n, 17n, 19n, 23n, 29n, 31n, 37n]) {
    let x = modpow(a, d, n);
    if (x === 1n || x === n - 1n) continue;
    for (let i = 1; i < r; i++) {
      UPDATE_POINT();
      x = (x * x) % n;
      if (x === n - 1n) continue witness;
    }
    return false;
  }
  return true;
}
const candidates = [1n, 2n, 97n, 561n, 7919n, 1000000007n, 1000000008n, 2305843009213693951n, 2305843009213693953n, 170141183460469231731687303715884105727n];
console.log(candidates.map((n) => `${n}:${isProbablePrime(n) ? "P" : "c"}`).join(" "));
// Mersenne exponents up to 130
const mers = [];
for (let p = 2; p <= 130; p++) if (isProbablePrime(BigInt(p)) && isProbablePrime((1n << BigInt(p)) - 1n)) mers.push(p);
console.log(mers.join(","));
