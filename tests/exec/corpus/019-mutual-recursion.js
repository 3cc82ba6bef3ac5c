// mutual recursion: even/odd, recursive descent over nested data, Hofstadter sequences
function isEven(n) {
  if (n === 0) return true;
  if (n % 500 === 0) UPDATE_POINT();
  return isOdd(n - 1);
}
function isOdd(n) {
  if (n === 0) return false;
  return isEven(n - 1);
}
for (const n of [0, 1, 10, 77, 2001, 3000]) {
  console.log(n, isEven(n), isOdd(n));
}

// Hofstadter female/male sequences
const memoF = new Map(), memoM = new Map();
function F(n) {
  if (n === 0) return 1;
  if (memoF.has(n)) return memoF.get(n);
  const r = n - M(F(n - 1));
  memoF.set(n, r);
  return r;
}
function M(n) {
  UPDATE_POINT();
  if (n === 0) return 0;
  if (memoM.has(n)) return memoM.get(n);
  const r = n - F(M(n - 1));
  memoM.set(n, r);
  return r;
}
const fs = [], ms = [];
for (let i = 0; i < 25; i++) { fs.push(F(i)); ms.push(M(i)); }
console.log(fs.join(","));
console.log(ms.join(","));

// mutual recursion over a tree of lists and maps
function sizeValue(v) {
  if (Array.isArray(v)) return sizeArray(v);
  if (v && typeof v === "object") return sizeObject(v);
  return 1;
}
function sizeArray(a) {
  let s = 1;
  for (const x of a) s += sizeValue(x);
  return s;
}
function sizeObject(o) {
  let s = 1;
  for (const k in o) {
    UPDATE_POINT();
    s += k.length + sizeValue(o[k]);
  }
  return s;
}
console.log(sizeValue({ a: [1, 2, { bb: [3, [4, 5]] }], ccc: { d: {} }, e: "x" }));
