// for loops with complex heads: multiple declarations, calls in init/test/update, empty parts, destructuring
let log = [];
function t(label, v) { log.push(label); return v; }

for (let i = t("init", 0), j = t("init2", 10); t("test", i < j); i += t("upd", 2), j--) {
  UPDATE_POINT();
  log.push(`body${i},${j}`);
}
console.log(log.join(" "));
log = [];

// empty parts
let k = 0;
for (;;) {
  if (++k > 5) break;
}
let m = 0;
for (; m < 3; ) m++;
console.log(k, m);

// destructuring in for head
const pairs = [];
for (let [a, b] = [0, 1]; a < 100; [a, b] = [b, a + b]) pairs.push(a);
console.log(pairs.join(","));

// loop over a linked structure with the update calling a method
const list = { v: 1, next: { v: 2, next: { v: 3, next: { v: 4, next: null } } } };
let sum = 0;
for (let node = list; node; node = node.next) {
  sum += node.v;
  UPDATE_POINT();
}
console.log(sum);

// test expression with side effects consuming an iterator by hand
function* words() { yield* ["alpha", "beta", "gamma"]; }
const out = [];
for (let it = words(), step = it.next(); !step.done; step = it.next()) out.push(step.value.toUpperCase());
console.log(out.join(" "));

// var in for-head leaks out; let does not
for (var leaked = 0; leaked < 3; leaked++) {}
console.log(leaked, typeof notLeaked);
for (let notLeaked = 0; notLeaked < 1; notLeaked++) {}

// modifying the loop variable inside the body and via closures
const stepped = [];
for (let i = 0; i < 20; i++) {
  const skip = () => { i += 3; };
  stepped.push(i);
  if (i % 2 === 0) skip();
}
console.log(stepped.join(","));

// loops whose bounds come from function calls evaluated every iteration
let boundCalls = 0;
const data = [5, 6, 7, 8, 9];
function len() { boundCalls++; return data.length; }
let s2 = 0;
for (let i = 0; i < len(); i++) {
  s2 += data[i];
  if (i === 1) data.pop(); // shrink while iterating
}
console.log(s2, boundCalls, data.length);

// comma operator in update, and nested for with shared counters
let total = 0;
for (let i = 0, j = 0; i < 4; i++, j += i) {
  UPDATE_POINT();
  for (let q = j; q < j + 2; q++) total += q * i;
}
console.log(total);
