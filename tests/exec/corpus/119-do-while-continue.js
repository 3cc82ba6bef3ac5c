// do-while loops with continue (which jumps to the condition), nested do-whiles, calls in conditions
let condChecks = 0;
function check(v, limit) {
  UPDATE_POINT();
  condChecks++;
  return v < limit;
}
function skipMultiples(limit) {
  const out = [];
  let i = 0;
  do {
    i++;
    if (i % 3 === 0) continue; // still evaluates the condition
    out.push(i);
    UPDATE_POINT();
  } while (check(i, limit));
  return out;
}
console.log(skipMultiples(10).join(","), condChecks);

// newton's method with do-while until convergence
function sqrtNewton(x) {
  let guess = x / 2 || 1;
  let prev;
  let iters = 0;
  do {
    prev = guess;
    guess = (guess + x / guess) / 2;
    iters++;
  } while (Math.abs(guess - prev) > 1e-12 && iters < 100);
  return [guess, iters];
}
for (const x of [2, 9, 1e6, 0.25]) {
  const [g, n] = sqrtNewton(x);
  console.log(x, g.toFixed(10), n);
}

// nested do-while building a multiplication pattern, with labelled continue
const rows = [];
let r = 0;
outer: do {
  r++;
  let c = 0;
  let row = "";
  do {
    c++;
    if (r * c > 30) continue outer; // abandons the row
    row += String(r * c).padStart(3);
  } while (c < r);
  rows.push(row);
} while (r < 8);
console.log(rows.join("\n"));

// do-while reading from a queue that a callee refills
const queue = [1];
const processed = [];
function processItem(n) {
  processed.push(n);
  if (n < 20) {
    queue.push(n * 2);
    if (n % 4 === 0) queue.push(n + 1);
  }
}
do {
  processItem(queue.shift());
} while (queue.length > 0);
console.log(processed.join(","));

// a do-while that runs exactly once even if the condition is false initially
let runs = 0;
do {
  UPDATE_POINT();
  runs++;
} while (false);
console.log(runs);
