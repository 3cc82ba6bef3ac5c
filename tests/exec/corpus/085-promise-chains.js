// promise chains with then/catch/finally, mixing async functions; deterministic microtask order
const log = [];
function work(n) {
  UPDATE_POINT();
  let s = 0;
  for (let i = 0; i < n; i++) s += i % 7;
  return s;
}
const p = Promise.resolve(10)
  .then((v) => {
    log.push("then1 " + v);
    return v * 2;
  })
  .then((v) => {
    log.push("then2 " + v);
    UPDATE_POINT();
    return new Promise((res) => res(work(v)));
  })
  .then((v) => {
    log.push("then3 " + v);
    throw new Error("broken at " + v);
  })
  .then(() => log.push("skipped"))
  .catch((e) => {
    log.push("catch " + e.message);
    return "recovered";
  })
  .finally(() => log.push("finally"))
  .then((v) => log.push("after finally " + v));

// interleaving with a second chain
const q = Promise.resolve("q")
  .then((v) => log.push("q1"))
  .then(() => log.push("q2"))
  .then(() => log.push("q3"));

await Promise.all([p, q]);
console.log(log.join("\n"));
log.length = 0;

// promise-returning functions chained in a loop
function delayed(v) {
  return Promise.resolve().then(() => v);
}
let chain = Promise.resolve(0);
for (let i = 1; i <= 5; i++) {
  chain = chain.then((acc) => delayed(acc + i * i)).then((acc) => {
    log.push(`step${i}=${acc}`);
    return acc;
  });
}
console.log(await chain, log.join(" "));

// new Promise executor running synchronously, resolve called twice
const order = [];
const pr = new Promise((resolve, reject) => {
  order.push("executor");
  resolve("first");
  resolve("second");
  reject(new Error("ignored"));
});
order.push("after constructor");
pr.then((v) => order.push("resolved " + v));
await pr;
await null;
console.log(order.join(", "));

// async function returning a chain, errors inside then callbacks
async function pipeline(x) {
  return delayed(x)
    .then((v) => v + 1)
    .then((v) => {
      if (v > 5) throw new RangeError("too big: " + v);
      return v * 10;
    });
}
for (const x of [1, 4, 9]) {
  try {
    console.log(x, await pipeline(x));
  } catch (e) {
    UPDATE_POINT();
    console.log(x, e.constructor.name, e.message);
  }
}
