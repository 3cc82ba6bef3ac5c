// async functions with loops, for-await over async generators, Promise.allSettled
function delayless(v) {
  return new Promise((resolve) => resolve(v));
}
async function fetchPage(n) {
  await delayless(null);
  const items = [];
  for (let i = 0; i < 3; i++) items.push(n * 10 + i);
  return { n, items, next: n < 4 ? n + 1 : null };
}

async function crawl() {
  let page = 1;
  const all = [];
  while (page !== null) {
    const res = await fetchPage(page);
    UPDATE_POINT();
    all.push(...res.items);
    page = res.next;
  }
  return all;
}
console.log((await crawl()).join(","));

async function* pages() {
  UPDATE_POINT();
  for (let p = 1; p <= 3; p++) {
    const res = await fetchPage(p);
    for (const item of res.items) yield item;
  }
}
let total = 0;
for await (const item of pages()) {
  total += item;
  if (item === 31) break;
}
console.log("total", total);

// for-await over an array of promises
const promises = [1, 2, 3].map((x) => delayless(x * 7));
const got = [];
for await (const v of promises) got.push(v);
console.log(got.join(","));

// allSettled / race / any with already settled promises
const settled = await Promise.allSettled([delayless(1), Promise.reject(new Error("nope")), delayless(3)]);
console.log(settled.map((s) => (s.status === "fulfilled" ? s.value : s.reason.message)).join(","));
console.log(await Promise.race([delayless("first"), delayless("second")]));
console.log(await Promise.any([Promise.reject(new Error("x")), delayless("any-ok")]));

// async reduce: sequential accumulation with awaits inside callbacks
const sum = await [1, 2, 3, 4, 5].reduce(async (accP, x) => {
  const acc = await accP;
  UPDATE_POINT();
  return acc + x * x;
}, Promise.resolve(0));
console.log("sum of squares", sum);

// async recursion
async function asyncFib(n) {
  if (n < 2) return n;
  const a = await asyncFib(n - 1);
  const b = await asyncFib(n - 2);
  return a + b;
}
console.log(await asyncFib(15));

// thenable objects are awaited
const thenable = { then(res) { res(42); } };
console.log(await thenable);
