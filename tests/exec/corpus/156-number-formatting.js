// number formatting and parsing: toFixed, toPrecision, radix conversion, custom thousand separators, rounding
function formatThousands(n, sep = ",") {
  UPDATE_POINT();
  const neg = n < 0;
  let [int, frac] = Math.abs(n).toFixed(2).split(".");
  let out = "";
  while (int.length > 3) {
    out = sep + int.slice(-3) + out;
    int = int.slice(0, -3);
  }
  return (neg ? "-" : "") + int + out + "." + frac;
}
const values = [0, 1, -1.005, 999.999, 1234.5, -9876543.21, 1e9 + 0.125, 0.1 + 0.2];
for (const v of values) {
  console.log(String(v).padEnd(22), formatThousands(v).padStart(18), v.toFixed(3).padStart(16), v.toPrecision(4).padStart(12), v.toExponential(2));
  UPDATE_POINT();
}

// radix conversions by hand and with toString/parseInt
function toBase(n, base) {
  const digits = "0123456789abcdefghijklmnopqrstuvwxyz";
  if (n === 0) return "0";
  let s = "";
  let neg = n < 0;
  n = Math.abs(n);
  while (n > 0) {
    s = digits[n % base] + s;
    n = Math.floor(n / base);
  }
  return (neg ? "-" : "") + s;
}
for (const n of [0, 255, -255, 4096, 123456789]) {
  const row = [2, 8, 16, 36].map((b) => {
    const mine = toBase(n, b);
    return `${mine}${mine === n.toString(b) && parseInt(mine, b) === n ? "" : "!"}`;
  });
  console.log(n, row.join(" "));
}

// parsing quirks
console.log(parseInt("08"), parseInt("0x1F"), parseInt("12px"), parseInt(""), Number(""), Number("  42  "), Number("4 2"), parseFloat("3.14abc"), Number("1e3"), Number("0b101"), Number("-0x10"));
console.log(Number.isInteger(5.0), Number.isSafeInteger(2 ** 53), Number.MAX_SAFE_INTEGER + 2, 0.1 * 3, 1 / 3);
console.log(Object.is(-0, 0), String(-0), (-0).toFixed(1), 1 / -0, Math.round(-0.5), Math.round(2.5), Math.round(-2.5));

// banker's rounding and rounding to significant digits implemented by hand
function roundHalfEven(x, decimals) {
  const f = 10 ** decimals;
  const n = x * f;
  const r = Math.round(n);
  const isHalf = Math.abs(n % 1) === 0.5;
  return (isHalf ? (r % 2 === 0 ? r : r - 1) : r) / f;
}
console.log([0.5, 1.5, 2.5, 3.5, -0.5, -1.5, 2.675, 1.25].map((x) => roundHalfEven(x, x === 2.675 ? 2 : x === 1.25 ? 1 : 0)).join(" "));
// integer division, modulo of negatives, and a proper mod function
const mod = (a, m) => ((a % m) + m) % m;
console.log(-7 % 3, mod(-7, 3), Math.trunc(-7 / 3), Math.floor(-7 / 3), 7 % -3, mod(7, -3));
// human readable byte sizes
function bytes(n) {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    UPDATE_POINT();
    n /= 1024;
    i++;
  }
  return `${i === 0 ? n : n.toFixed(1)} ${units[i]}`;
}
console.log([0, 1023, 1024, 1536, 10485760, 5e12].map(bytes).join(" | "));
