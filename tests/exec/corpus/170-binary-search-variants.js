// binary search variants: lower/upper bound, search in rotated arrays, answer-space search, float bisection
function lowerBound(a, x, cmp = (p, q) => p - q) {
  UPDATE_POINT();
  let lo = 0, hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cmp(a[mid], x) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
function upperBound(a, x) {
  let lo = 0, hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
const data = [1, 2, 2, 2, 3, 5, 8, 8, 13, 21];
console.log([0, 1, 2, 4, 8, 21, 22].map((x) => `${x}:[${lowerBound(data, x)},${upperBound(data, x)})`).join(" "));
console.log("count of 2 =", upperBound(data, 2) - lowerBound(data, 2), "count of 8 =", upperBound(data, 8) - lowerBound(data, 8));

function searchRotated(a, x) {
  let lo = 0, hi = a.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] === x) return mid;
    if (a[lo] <= a[mid]) {
      if (a[lo] <= x && x < a[mid]) hi = mid - 1;
      else lo = mid + 1;
    } else {
      if (a[mid] < x && x <= a[hi]) lo = mid + 1;
      else hi = mid - 1;
    }
  }
  return -1;
}
const rotated = [15, 18, 22, 30, 2, 5, 7, 9, 11, 13];
console.log(rotated.map((x) => searchRotated(rotated, x)).join(","), searchRotated(rotated, 6), searchRotated([], 1));

// answer-space search: minimum capacity to ship packages within D days
function shipWithin(weights, days) {
  const canShip = (cap) => {
    let d = 1, load = 0;
    for (const w of weights) {
      if (load + w > cap) {
        d++;
        load = 0;
      }
      load += w;
    }
    return d <= days;
  };
  let lo = Math.max(...weights), hi = weights.reduce((a, b) => a + b, 0);
  let probes = 0;
  while (lo < hi) {
    probes++;
    UPDATE_POINT();
    const mid = Math.floor((lo + hi) / 2);
    if (canShip(mid)) hi = mid;
    else lo = mid + 1;
  }
  return [lo, probes];
}
const weights = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
console.log([1, 2, 3, 5, 10].map((d) => `${d}d:${shipWithin(weights, d).join("/")}`).join(" "));

// integer square root and floating bisection for cube roots
function isqrt(n) {
  let lo = 0, hi = n;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (mid * mid <= n) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
console.log([0, 1, 15, 16, 17, 1000000, 999999999].map(isqrt).join(","));
function cbrt(x) {
  let lo = Math.min(-1, x), hi = Math.max(1, x);
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (mid * mid * mid < x) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
console.log([27, -8, 2, 0.001, 1e9].map((x) => cbrt(x).toFixed(6)).join(" "));
// search over objects with a key comparator, and insertion keeping order
const events = [];
for (const [t, name] of [[5, "e"], [1, "a"], [3, "c"], [3, "c2"], [9, "z"], [0, "first"]]) {
  const idx = upperBound(events.map((e) => e.t), t);
  events.splice(idx, 0, { t, name });
}
console.log(events.map((e) => `${e.t}${e.name}`).join(" "), lowerBound(events, { t: 3 }, (a, b) => a.t - b.t));
// first bad version style
const firstBad = (n, isBad) => {
  let lo = 1, hi = n, calls = 0;
  while (lo < hi) {
    UPDATE_POINT();
    const mid = lo + Math.floor((hi - lo) / 2);
    calls++;
    if (isBad(mid)) hi = mid;
    else lo = mid + 1;
  }
  return [lo, calls];
};
console.log(JSON.stringify(firstBad(1000000, (v) => v >= 765432)), JSON.stringify(firstBad(1, () => true)));
