// Array.prototype.map with callbacks that loop and call other functions
function isPrime(n) {
  if (n < 2) return false;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
  return true;
}
function primeFactors(n) {
  const out = [];
  let d = 2;
  while (n > 1) {
    UPDATE_POINT();
    while (n % d === 0) {
      out.push(d);
      n /= d;
    }
    d++;
    if (d % 5 === 0) UPDATE_POINT();
  }
  return out;
}

const nums = [12, 97, 360, 1001, 2 ** 10, 9973, 123456];
const factored = nums.map((n, i, arr) => {
  const f = primeFactors(n);
  UPDATE_POINT();
  return `${i}/${arr.length}:${n}=${f.join("*") || "1"}${isPrime(n) ? " (prime)" : ""}`;
});
console.log(factored.join("\n"));

// nested map calls, map over map result, map with thisArg
const table = [1, 2, 3, 4].map((r) => [1, 2, 3, 4].map((c) => (isPrime(r * c + 1) ? r * c : 0)));
console.log(JSON.stringify(table));
const scaler = { k: 3 };
console.log([1, 2, 3].map(function (x) { return x * this.k; }, scaler).join(","));

// map on sparse arrays skips holes, callback sees index
const sparse = [1, , 3, , 5];
let calls = 0;
const mapped = sparse.map((x, i) => { calls++; return x * 10 + i; });
console.log(JSON.stringify(mapped), calls, 1 in mapped);

// map whose callback modifies the array (length fixed at start)
const grow = [1, 2, 3];
const res = grow.map((x, i, a) => {
  if (i === 0) a.push(99);
  if (i === 1) a[2] = 30;
  return x * 2;
});
console.log(res.join(","), grow.join(","));

// map of strings through code points and a closure counter
let seen = 0;
const words = ["alpha", "beta", "gamma", "delta"];
const encoded = words.map((w) => Array.from(w, (ch) => { seen++; return ch.charCodeAt(0) - 96; }).reduce((a, b) => a * 31 + b, 7) % 10007);
console.log(encoded.join(","), seen);

// Array.from with map function and typed array map
console.log(Array.from({ length: 8 }, (_, i) => primeFactors(i + 2).length).join(""));
console.log(Array.from(new Int16Array([3, -4, 5]).map((x) => x * x * x)).join(","));
