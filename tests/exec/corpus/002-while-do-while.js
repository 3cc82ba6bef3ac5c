// while and do-while loops with calls in the condition and body
let reads = 0;
function makeSource(values) {
  let pos = 0;
  return {
    hasNext() {
      reads++;
      return pos < values.length;
    },
    next() {
      return values[pos++];
    },
  };
}

function collatzSteps(n) {
  let steps = 0;
  while (n !== 1) {
    n = n % 2 === 0 ? half(n) : triple(n);
    steps++;
    if (steps % 50 === 0) UPDATE_POINT();
  }
  return steps;
}
function half(n) { return n / 2; }
function triple(n) { return 3 * n + 1; }

function drain(src) {
  let sum = 0;
  while (src.hasNext()) {
    const v = src.next();
    sum += collatzSteps(v);
    UPDATE_POINT();
  }
  return sum;
}

function digits(n) {
  const ds = [];
  do {
    UPDATE_POINT();
    ds.unshift(n % 10);
    n = Math.floor(n / 10);
  } while (n > 0);
  return ds;
}

function digitalRoot(n) {
  let count = 0;
  do {
    n = digits(n).reduce((a, b) => a + b, 0);
    count++;
  } while (n >= 10);
  return [n, count];
}

console.log(drain(makeSource([7, 27, 97, 871, 6171])));
console.log("reads", reads);
for (const n of [0, 9, 10, 99999, 123456789, 987654321987]) {
  console.log(n, JSON.stringify(digitalRoot(n)));
}
let x = 0;
do {
  x++;
  if (x === 3) continue;
  console.log("do iteration", x, collatzSteps(x + 10));
} while (x < 6);
