// memoization with closures: generic memoize, recursive memoized functions, cache keys, WeakMap caches
function memoize(fn, keyFn = (...args) => args.join("|")) {
  UPDATE_POINT();
  const cache = new Map();
  let hits = 0;
  const m = function (...args) {
    const key = keyFn(...args);
    if (cache.has(key)) {
      hits++;
      return cache.get(key);
    }
    const v = fn.apply(this, args);
    cache.set(key, v);
    return v;
  };
  m.info = () => `size=${cache.size} hits=${hits}`;
  return m;
}

// memoized recursion: grid paths with obstacles
const blocked = new Set(["1,1", "2,3", "4,2", "5,5", "3,6"]);
const paths = memoize((r, c) => {
  if (r < 0 || c < 0 || blocked.has(`${r},${c}`)) return 0;
  if (r === 0 && c === 0) return 1;
  return paths(r - 1, c) + paths(r, c - 1);
});
console.log(paths(7, 7), paths.info());
console.log(paths(12, 12), paths.info());

// partition numbers p(n, k)
const partitions = memoize((n, k) => {
  if (n === 0) return 1;
  if (n < 0 || k === 0) return 0;
  return partitions(n - k, k) + partitions(n, k - 1);
});
const ps = [];
for (let n = 1; n <= 30; n += 3) {
  ps.push(partitions(n, n));
  UPDATE_POINT();
}
console.log(ps.join(","), partitions.info());

// memoize a method using `this`
const calc = {
  rate: 3,
  slow(x) {
    let s = 0;
    for (let i = 0; i < x * 100; i++) s += (i % this.rate);
    return s;
  },
};
calc.fast = memoize(calc.slow, (x) => String(x));
console.log(calc.fast(5), calc.fast(5), calc.fast(7), calc.fast.info());

// WeakMap cache keyed by object identity
const derivedCache = new WeakMap();
let computeCount = 0;
function stats(arr) {
  if (derivedCache.has(arr)) return derivedCache.get(arr);
  computeCount++;
  let min = Infinity, max = -Infinity, sum = 0;
  for (const v of arr) {
    UPDATE_POINT();
    min = Math.min(min, v);
    max = Math.max(max, v);
    sum += v;
  }
  const r = { min, max, mean: sum / arr.length };
  derivedCache.set(arr, r);
  return r;
}
const data1 = [4, 8, 15, 16, 23, 42];
const data2 = [4, 8, 15, 16, 23, 42];
console.log(JSON.stringify(stats(data1)), JSON.stringify(stats(data1)), JSON.stringify(stats(data2)), computeCount);

// memoized edit-distance with string slicing keys
const dist = memoize((a, b) => {
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  if (a[0] === b[0]) return dist(a.slice(1), b.slice(1));
  return 1 + Math.min(dist(a.slice(1), b), dist(a, b.slice(1)), dist(a.slice(1), b.slice(1)));
});
console.log(dist("saturday", "sunday"), dist("rosettacode", "raisethysword"), dist.info());
