// compound assignment x += f() where f mutates x through a closure
function demo() {
  let x = 1;
  function f() {
    x = 100;
    UPDATE_POINT();
    return 5;
  }
  x += f(); // reads old x (1) first -> 6
  console.log("after +=", x);
  x *= (f(), 2); // old 6 * 2
  console.log("after *=", x);
  x -= f() + x; // 12 - (5 + 100)
  console.log("after -=", x);
  return x;
}
console.log(demo());

function arr() {
  const a = [1, 2, 3];
  let idx = 0;
  const g = () => { a[idx] = 50; idx++; return 1; };
  a[idx] += g();
  a[idx] += g();
  console.log(a.join(","), idx);
}
arr();

function obj() {
  UPDATE_POINT();
  const o = { n: 2, s: "a" };
  const mut = () => { o.n = 1000; o.s = "zzz"; return 3; };
  o.n **= mut();
  o.s += mut();
  console.log(o.n, o.s);
  let v = 7;
  v ||= mut();
  let w = 0;
  w ||= mut();
  let z = null;
  z ??= (() => { v = -1; return 9; })();
  let q = 4;
  q &&= v + 1;
  console.log(v, w, z, q);
}
obj();

function loop() {
  let total = 0;
  const add = (n) => { total = total * 2; return n; };
  for (let i = 0; i < 10; i++) {
    total += add(i);
    if (i % 3 === 0) UPDATE_POINT();
  }
  return total;
}
console.log(loop());
