// for loops inside functions that call other functions on every iteration
function square(x) {
  return x * x;
}

function addMod(a, b, m) {
  return (a + b) % m;
}

function sumSquares(n) {
  let total = 0;
  for (let i = 1; i <= n; i++) {
    total = addMod(total, square(i), 1000003);
    if (i % 25 === 0) {
      UPDATE_POINT();
      console.log("i=" + i + " total=" + total);
    }
  }
  return total;
}

function nested(n) {
  UPDATE_POINT();
  let acc = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      acc += square(i - j) ^ j;
      if ((i * j) % 37 === 1) UPDATE_POINT();
    }
  }
  return acc;
}

function countDown(n) {
  const out = [];
  for (var k = n; k > 0; k -= 3) {
    out.push(square(k) - k);
  }
  return out;
}

console.log(sumSquares(100));
console.log(nested(40));
console.log(countDown(20).join(","));
let grand = 0;
for (let r = 0; r < 5; r++) {
  grand += sumSquares(r * 10) % 97;
}
console.log("grand", grand);
