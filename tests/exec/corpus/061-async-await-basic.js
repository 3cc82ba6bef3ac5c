// async functions awaiting resolved promises; output order is deterministic
const log = [];
function compute(n) {
  UPDATE_POINT();
  let s = 0;
  for (let i = 0; i < n; i++) s += i * i;
  return s;
}
async function step(name, n) {
  log.push("start " + name);
  const v = await Promise.resolve(compute(n));
  log.push("resumed " + name);
  UPDATE_POINT();
  const w = await v; // awaiting a non-promise
  return `${name}=${w}`;
}

async function sequential() {
  const a = await step("a", 10);
  const b = await step("b", 20);
  return [a, b];
}

async function parallel() {
  const ps = [step("p1", 5), step("p2", 6), step("p3", 7)];
  log.push("all started");
  return Promise.all(ps);
}

async function withErrors() {
  const results = [];
  for (const n of [1, 2, 3, 4]) {
    try {
      if (n % 2 === 0) await Promise.reject(new Error("even " + n));
      results.push(await step("e" + n, n));
    } catch (e) {
      results.push("caught " + e.message);
    } finally {
      UPDATE_POINT();
      results.push("f" + n);
    }
  }
  return results;
}

console.log("sync before");
const r1 = await sequential();
console.log(r1.join(" "));
const r2 = await parallel();
console.log(r2.join(" "));
const r3 = await withErrors();
console.log(r3.join(" "));
console.log(log.join("\n"));

// microtask ordering between two async functions
const order = [];
async function tickA() { for (let i = 0; i < 3; i++) { order.push("A" + i); await null; } }
async function tickB() { for (let i = 0; i < 3; i++) { order.push("B" + i); await null; } }
await Promise.all([tickA(), tickB()]);
console.log(order.join(" "));

// async arrow and async method
const obj = {
  factor: 3,
  async scale(xs) {
    const out = [];
    for (const x of xs) out.push(await (async () => x * this.factor)());
    return out;
  },
};
console.log((await obj.scale([1, 2, 3])).join(","));
