"use strict";
// CommonJS: ordering of process.nextTick, promise microtasks, queueMicrotask and setImmediate callbacks
// Everything starts inside a macrotask so the order does not depend on how the entry module was
// loaded (a CommonJS main loaded through the ESM loader runs inside a microtask).
setImmediate(main);
function main() {
  UPDATE_POINT();
  const order = [];
  function work(tag, n) {
    let s = 0;
    for (let i = 0; i < n; i++) s += i;
    UPDATE_POINT();
    order.push(`${tag}(${s})`);
  }
  setImmediate(() => {
    work("immediate1", 3);
    process.nextTick(() => order.push("tick-in-immediate"));
    Promise.resolve().then(() => order.push("promise-in-immediate"));
  });
  setImmediate(() => work("immediate2", 4));
  Promise.resolve().then(() => {
    work("promise1", 5);
    process.nextTick(() => order.push("tick-from-promise"));
    Promise.resolve().then(() => order.push("promise-from-promise"));
  });
  queueMicrotask(() => work("microtask", 6));
  process.nextTick(() => {
    work("tick1", 7);
    process.nextTick(() => order.push("tick-from-tick"));
    Promise.resolve().then(() => order.push("promise-from-tick"));
  });
  process.nextTick(() => work("tick2", 8));
  work("sync", 9);

  // recursive nextTick chain and an async function interleaving
  let depth = 0;
  function tickChain() {
    order.push("chain" + depth);
    if (++depth < 3) process.nextTick(tickChain);
  }
  process.nextTick(tickChain);
  (async () => {
    order.push("async-start");
    await null;
    order.push("async-after-await1");
    await new Promise((r) => setImmediate(r));
    order.push("async-after-immediate");
  })();

  setImmediate(() => {
    setImmediate(() => {
      console.log(order.join("\n"));
    });
  });

  // closures capturing state across queued callbacks
  const results = [];
  for (let i = 0; i < 3; i++) {
    UPDATE_POINT();
    let local = i * 10;
    process.nextTick(() => results.push(`t${i}:${local++}`));
    Promise.resolve().then(() => results.push(`p${i}:${local++}`));
    setImmediate(() => {
      results.push(`i${i}:${local}`);
      if (i === 2) console.log(results.join(" "));
    });
  }
}
