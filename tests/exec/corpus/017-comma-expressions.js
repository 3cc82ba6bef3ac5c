// comma expressions with calls, in for headers, returns, and conditions
const trail = [];
function t(x) { trail.push(x); UPDATE_POINT(); return x; }

let v = (t(1), t(2), t(3));
console.log(v, trail.join(""));

function f(n) {
  UPDATE_POINT();
  return (t("a" + n), n * 2), t("b" + n), n + 1;
}
console.log(f(5), trail.join(","));

let total = 0;
for (let i = 0, j = 10; i < j; i++, j--, total += t(i * j) % 7) {
  // empty body, all work in the header
}
console.log(total);

let k = 0;
while ((k++, t(k) < 5)) {}
console.log(k);

const arr = [10, 20, 30];
let idx = 0;
const picked = arr[(t("idx"), idx++, idx)];
console.log(picked, idx);

function weird(a) {
  UPDATE_POINT();
  let b;
  if ((b = a * 2, b > 10)) return (t("big"), b);
  return (t("small"), -b);
}
console.log(weird(3), weird(8));
const fns = [() => "first", () => "second"];
console.log((0, fns[1])(), (fns.length, fns[0])());
console.log(trail.length);
