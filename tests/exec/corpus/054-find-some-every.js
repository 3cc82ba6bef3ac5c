// find / findIndex / findLast / some / every / includes with callbacks that do work
function digitSum(n) {
  UPDATE_POINT();
  let s = 0;
  while (n > 0) {
    UPDATE_POINT();
    s += n % 10;
    n = Math.floor(n / 10);
  }
  return s;
}
const calls = { find: 0, some: 0, every: 0 };
const nums = Array.from({ length: 60 }, (_, i) => i * i + 3);

const firstBig = nums.find((n) => {
  calls.find++;
  UPDATE_POINT();
  return digitSum(n) > 15;
});
const idx = nums.findIndex((n) => digitSum(n) === 10);
const lastOdd = nums.findLast((n) => n % 2 === 1 && digitSum(n) % 3 === 0);
const lastIdx = nums.findLastIndex((n) => n < 100);
console.log(firstBig, idx, lastOdd, lastIdx, calls.find);

const anyDiv7 = nums.some((n) => { calls.some++; return n % 7 === 0 && digitSum(n) > 5; });
const allPos = nums.every((n) => { calls.every++; return n > 0; });
const allSmall = nums.every((n) => { calls.every++; return n < 500; });
console.log(anyDiv7, allPos, allSmall, JSON.stringify(calls));

// empty arrays
console.log([].some(() => true), [].every(() => false), [].find(() => true), [].findIndex(() => true));

// find in array of objects with nested searches
const library = [
  { title: "Dune", authors: ["Herbert"], tags: ["scifi", "classic"] },
  { title: "Emma", authors: ["Austen"], tags: ["romance", "classic"] },
  { title: "Neuromancer", authors: ["Gibson"], tags: ["scifi", "cyberpunk"] },
  { title: "Good Omens", authors: ["Pratchett", "Gaiman"], tags: ["fantasy", "humor"] },
];
const query = (pred) => library.filter(pred).map((b) => b.title).join("|") || "-";
console.log(query((b) => b.tags.includes("classic")));
console.log(query((b) => b.authors.some((a) => a.startsWith("G"))));
console.log(query((b) => b.tags.every((t) => t.length > 5)));
console.log(library.find((b) => b.authors.length > 1)?.title, library.findIndex((b) => b.title.includes("x")));

// some/every with side effects on a closure and early termination
let checked = [];
const hasDup = (arr) => {
  const seen = new Set();
  return arr.some((x) => {
    checked.push(x);
    if (seen.has(x)) return true;
    seen.add(x);
    return false;
  });
};
console.log(hasDup([1, 2, 3, 2, 5, 6]), checked.join(""));
checked = [];
console.log(hasDup([9, 8, 7]), checked.join(""));

// find with thisArg
const bounds = { lo: 40, hi: 60 };
console.log(nums.find(function (n) { return n > this.lo && n < this.hi; }, bounds));
// includes / indexOf NaN semantics
console.log([NaN].includes(NaN), [NaN].indexOf(NaN), [1, 2, 3].includes(2, 2));
