// a[i++] = f(), obj[key()] = value(), order of evaluation of assignment targets
const order = [];
function f(v) { order.push("f" + v); UPDATE_POINT(); return v * v; }
function key(k) { order.push("key" + k); return k; }

const a = [];
let i = 0;
while (i < 6) {
  UPDATE_POINT();
  a[i++] = f(i);
}
console.log(a.join(","), i);

const obj = {};
for (let n = 0; n < 4; n++) {
  obj[key("p" + n)] = f(n);
}
console.log(JSON.stringify(obj));
console.log(order.join(" "));

// index evaluated before rhs even if rhs changes index
let j = 0;
const b = [0, 0, 0, 0];
function incJ() { j++; return 100 + j; }
b[j] = incJ();
b[j] = incJ();
b[j++] = incJ();
console.log(b.join(","), j);

// nested member targets
const grid = [[0, 0], [0, 0]];
let r = 0, c = 0;
function next() { const v = r * 2 + c; c++; if (c > 1) { c = 0; r++; } return v + 1; }
while (r < 2) {
  grid[r][c] = next();
}
console.log(JSON.stringify(grid));

// prefix/postfix on members with calls in index
const counts = { x: 0, y: 0 };
function pick(n) { return n % 2 ? "x" : "y"; }
for (let n = 0; n < 7; n++) {
  UPDATE_POINT();
  counts[pick(n)]++;
  ++counts[pick(n + 1)];
}
console.log(JSON.stringify(counts));
