// sort stability with many equal keys, multi-pass sorting, sorting by derived keys computed in callbacks
const names = ["ann", "bob", "cyd", "dee", "eve", "fay", "gus", "hal", "ivy", "jon", "kim", "lee", "max", "ned", "oli", "pam", "quinn", "ray", "sue", "tom", "uma", "vic"];
let s = 77;
const people = names.map((name, i) => {
  s = (s * 131 + 7) % 1000;
  return { name, age: 20 + (s % 4) * 5, team: ["red", "blue", "green"][s % 3], idx: i };
});
const byAge = people.slice().sort((a, b) => a.age - b.age);
console.log(byAge.map((p) => `${p.age}:${p.name}`).join(" "));
// within equal ages, original index order must be preserved
const stable = byAge.every((p, i) => i === 0 || byAge[i - 1].age < p.age || byAge[i - 1].idx < p.idx);
console.log("stable", stable);

// multi-pass: sort by name desc, then by team (stable), then by age (stable) == sort by (age, team, name desc)
let multi = people.slice();
for (const cmp of [(a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0), (a, b) => (a.team < b.team ? -1 : a.team > b.team ? 1 : 0), (a, b) => a.age - b.age]) {
  multi = multi.sort(cmp);
  UPDATE_POINT();
}
const direct = people.slice().sort((a, b) => a.age - b.age || (a.team < b.team ? -1 : a.team > b.team ? 1 : 0) || (a.name < b.name ? 1 : -1));
console.log(multi.map((p) => p.name).join(","));
console.log(JSON.stringify(multi.map((p) => p.name)) === JSON.stringify(direct.map((p) => p.name)));

// Schwartzian transform: compute expensive keys once
let keyCalls = 0;
function expensiveKey(p) {
  UPDATE_POINT();
  keyCalls++;
  let h = 0;
  for (const ch of p.name + p.team) h = (h * 31 + ch.charCodeAt(0)) % 97;
  return h;
}
const decorated = people.map((p) => [expensiveKey(p), p]);
decorated.sort((a, b) => a[0] - b[0]);
console.log(decorated.map(([k, p]) => `${k}${p.name}`).slice(0, 10).join(" "), "keyCalls", keyCalls);

// sorting with a comparator that counts calls per element, and localeCompare on ASCII
const cmpCount = {};
const sortedNames = names.slice().reverse().sort((a, b) => {
  cmpCount[a] = (cmpCount[a] || 0) + 1;
  return a.localeCompare(b);
});
console.log(sortedNames.join(","), Object.keys(cmpCount).length > 0);

// group-by then sort groups by size then name
const groups = people.reduce((m, p) => ((m[p.team] ||= []).push(p.name), m), {});
const orderedGroups = Object.entries(groups).sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
console.log(orderedGroups.map(([t, ns]) => `${t}(${ns.length}):${ns.join("")}`).join(" | "));
// sort of an array-like object via Array.prototype.sort.call
const arrayLike = { length: 5, 0: "d", 1: "b", 2: "e", 3: "a", 4: "c" };
Array.prototype.sort.call(arrayLike);
console.log(Array.from(arrayLike).join(""));
