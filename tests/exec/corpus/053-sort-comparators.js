// Array.prototype.sort with comparators that call functions and loop; multi-key sorts
function keyOf(s) {
  UPDATE_POINT();
  let h = 0;
  for (const ch of s) h = (h * 17 + ch.charCodeAt(0)) % 1000;
  return h;
}
let compares = 0;
const words = ["pear", "apple", "fig", "banana", "kiwi", "cherry", "date", "grape", "lime", "mango", "nut", "olive"];
const byKey = [...words].sort((a, b) => {
  compares++;
  if (compares % 10 === 0) UPDATE_POINT();
  return keyOf(a) - keyOf(b);
});
console.log(byKey.map((w) => w + ":" + keyOf(w)).join(" "));
console.log("compares>0", compares > 0);

// stable multi-key sort of records
const people = [
  { name: "ann", dept: "eng", age: 30 },
  { name: "bob", dept: "ops", age: 25 },
  { name: "cat", dept: "eng", age: 25 },
  { name: "dan", dept: "ops", age: 30 },
  { name: "eve", dept: "eng", age: 30 },
  { name: "fay", dept: "hr", age: 41 },
  { name: "gus", dept: "hr", age: 25 },
];
function by(...keys) {
  return (a, b) => {
    for (const k of keys) {
      const desc = k.startsWith("-");
      const f = desc ? k.slice(1) : k;
      if (a[f] < b[f]) return desc ? 1 : -1;
      if (a[f] > b[f]) return desc ? -1 : 1;
    }
    return 0;
  };
}
console.log(people.slice().sort(by("dept", "-age")).map((p) => p.name).join(","));
console.log(people.slice().sort(by("age")).map((p) => p.name).join(","));

// default sort is lexicographic; numeric comparator; sort with undefined and holes
console.log([10, 9, 1, 100, 25].sort().join(","), [10, 9, 1, 100, 25].sort((a, b) => a - b).join(","));
const withUndef = [3, undefined, 1, , 2];
withUndef.sort((a, b) => b - a);
console.log(JSON.stringify(withUndef), withUndef.length, 4 in withUndef);

// sorting objects by computed score with memoization in a closure
function makeScorer() {
  const cache = new Map();
  let misses = 0;
  const score = (s) => {
    if (!cache.has(s)) {
      misses++;
      let v = 0;
      for (let i = 0; i < s.length; i++) v += (i + 1) * (s.charCodeAt(i) - 96);
      cache.set(s, v);
    }
    return cache.get(s);
  };
  return { score, misses: () => misses };
}
const sc = makeScorer();
const sorted = words.slice().sort((a, b) => sc.score(b) - sc.score(a) || (a < b ? -1 : 1));
console.log(sorted.join(","), sc.misses());

// sorting then binary searching with the same comparator
const nums = [];
let x = 7;
for (let i = 0; i < 40; i++) { x = (x * 73 + 19) % 997; nums.push(x); }
nums.sort((a, b) => a - b);
function bsearch(arr, v) {
  let lo = 0, hi = arr.length - 1;
  while (lo <= hi) {
    UPDATE_POINT();
    const mid = (lo + hi) >> 1;
    if (arr[mid] === v) return mid;
    if (arr[mid] < v) lo = mid + 1; else hi = mid - 1;
  }
  return -(lo + 1);
}
console.log(nums.slice(0, 10).join(","), [nums[5], nums[30], 500, 0].map((v) => bsearch(nums, v)).join(","));
// toSorted-like copy
const orig = [3, 1, 2];
const copy = [...orig].sort();
console.log(orig.join(""), copy.join(""));
