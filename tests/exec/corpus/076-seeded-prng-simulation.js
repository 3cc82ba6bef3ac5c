// seeded PRNGs (mulberry32, xorshift) driving a Monte Carlo estimate and a random walk
function mulberry32(a) {
  UPDATE_POINT();
  return function () {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function xorshift(seed) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    return x / 4294967296;
  };
}

function estimatePi(rand, n) {
  let inside = 0;
  for (let i = 1; i <= n; i++) {
    const x = rand(), y = rand();
    if (x * x + y * y <= 1) inside++;
    if (i % 2500 === 0) {
      UPDATE_POINT();
      console.log(`  after ${i}: ${((4 * inside) / i).toFixed(5)}`);
    }
  }
  return (4 * inside) / n;
}
console.log("mulberry", estimatePi(mulberry32(12345), 10000).toFixed(6));
console.log("xorshift", estimatePi(xorshift(987654321), 10000).toFixed(6));

// random walk statistics
function walk(rand, steps) {
  let x = 0, y = 0, maxDist = 0, returns = 0;
  for (let s = 0; s < steps; s++) {
    const r = Math.floor(rand() * 4);
    if (r === 0) x++; else if (r === 1) x--; else if (r === 2) y++; else y--;
    const d = Math.abs(x) + Math.abs(y);
    if (d > maxDist) maxDist = d;
    if (d === 0) returns++;
  }
  return { x, y, maxDist, returns };
}
const rand = mulberry32(2024);
for (let trial = 0; trial < 5; trial++) console.log(JSON.stringify(walk(rand, 2000)));

// Fisher-Yates shuffle and a histogram of first positions
function shuffle(arr, rnd) {
  for (let i = arr.length - 1; i > 0; i--) {
    UPDATE_POINT();
    const j = Math.floor(rnd() * (i + 1));
    [arr[i], arr[j]] = [arr[j], arr[i]];
  }
  return arr;
}
const hist = [0, 0, 0, 0, 0];
const r2 = xorshift(42);
for (let i = 0; i < 3000; i++) hist[shuffle([0, 1, 2, 3, 4], r2)[0]]++;
console.log(hist.join(","), shuffle("abcdefghij".split(""), mulberry32(7)).join(""));

// dice: distribution of the sum of 3 dice
const dist = new Array(19).fill(0);
const r3 = mulberry32(99);
const die = () => 1 + Math.floor(r3() * 6);
for (let i = 0; i < 6000; i++) dist[die() + die() + die()]++;
console.log(dist.slice(3).join(" "));
