// arbitrary precision arithmetic with digit arrays (base 10^4), factorials, powers, fibonacci
const BASE = 10000;
function fromInt(n) {
  UPDATE_POINT();
  const d = [];
  do {
    d.push(n % BASE);
    n = Math.floor(n / BASE);
  } while (n > 0);
  return d;
}
function toStr(a) {
  let s = String(a[a.length - 1]);
  for (let i = a.length - 2; i >= 0; i--) s += String(a[i]).padStart(4, "0");
  return s;
}
function add(a, b) {
  const out = [];
  let carry = 0;
  for (let i = 0; i < Math.max(a.length, b.length) || carry; i++) {
    const s = (a[i] || 0) + (b[i] || 0) + carry;
    out.push(s % BASE);
    carry = Math.floor(s / BASE);
  }
  return out;
}
function mulSmall(a, k) {
  const out = [];
  let carry = 0;
  for (let i = 0; i < a.length || carry; i++) {
    const s = (a[i] || 0) * k + carry;
    out.push(s % BASE);
    carry = Math.floor(s / BASE);
  }
  while (out.length > 1 && out[out.length - 1] === 0) out.pop();
  return out;
}
function mul(a, b) {
  const out = new Array(a.length + b.length).fill(0);
  for (let i = 0; i < a.length; i++) {
    let carry = 0;
    for (let j = 0; j < b.length || carry; j++) {
      const cur = out[i + j] + a[i] * (b[j] || 0) + carry;
      out[i + j] = cur % BASE;
      carry = Math.floor(cur / BASE);
    }
    if (i % 8 === 0) UPDATE_POINT();
  }
  while (out.length > 1 && out[out.length - 1] === 0) out.pop();
  return out;
}
function cmp(a, b) {
  if (a.length !== b.length) return a.length - b.length;
  for (let i = a.length - 1; i >= 0; i--) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}
function sub(a, b) {
  const out = [];
  let borrow = 0;
  for (let i = 0; i < a.length; i++) {
    let s = a[i] - (b[i] || 0) - borrow;
    borrow = s < 0 ? 1 : 0;
    if (s < 0) s += BASE;
    out.push(s);
  }
  while (out.length > 1 && out[out.length - 1] === 0) out.pop();
  return out;
}
function divSmall(a, k) {
  const out = new Array(a.length);
  let rem = 0;
  for (let i = a.length - 1; i >= 0; i--) {
    const cur = rem * BASE + a[i];
    out[i] = Math.floor(cur / k);
    rem = cur % k;
  }
  while (out.length > 1 && out[out.length - 1] === 0) out.pop();
  return [out, rem];
}

function factorial(n) {
  let r = fromInt(1);
  for (let i = 2; i <= n; i++) r = mulSmall(r, i);
  return r;
}
function pow(base, e) {
  let r = fromInt(1), b = fromInt(base);
  while (e > 0) {
    UPDATE_POINT();
    if (e & 1) r = mul(r, b);
    b = mul(b, b);
    e >>= 1;
  }
  return r;
}
const f50 = factorial(50);
console.log("50! =", toStr(f50));
console.log("100! digits", toStr(factorial(100)).length);
console.log("2^200 =", toStr(pow(2, 200)));
console.log("3^100 =", toStr(pow(3, 100)));
let a = fromInt(0), b = fromInt(1);
for (let i = 0; i < 300; i++) [a, b] = [b, add(a, b)];
console.log("fib(300) =", toStr(a));
const digitSum = toStr(factorial(100)).split("").reduce((s, d) => s + Number(d), 0);
console.log("digit sum of 100!", digitSum);
// check: (2^200 - 1) - (2^200 - 2) == 1, and 50!/49! == 50
console.log(toStr(sub(sub(pow(2, 200), fromInt(1)), sub(pow(2, 200), fromInt(2)))), toStr(divSmall(factorial(50), 49 * 48)[0]) === toStr(mulSmall(factorial(47), 50)));
console.log(cmp(pow(2, 100), pow(3, 63)) < 0, cmp(pow(10, 12), fromInt(1e12)) === 0);
// BigInt cross-check
console.log(toStr(pow(7, 77)) === (7n ** 77n).toString(), toStr(factorial(30)) === String([...Array(30)].reduce((p, _, i) => p * BigInt(i + 1), 1n)));
