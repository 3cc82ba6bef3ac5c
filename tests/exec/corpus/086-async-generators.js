// async generators: for await, yield* of async iterables, return/throw, pipelines
async function* numbers(n) {
  for (let i = 1; i <= n; i++) {
    await null;
    UPDATE_POINT();
    yield i;
  }
}
async function* mapAsync(src, fn) {
  UPDATE_POINT();
  for await (const v of src) yield await fn(v);
}
async function* filterAsync(src, pred) {
  for await (const v of src) if (await pred(v)) yield v;
}
async function* take(src, k) {
  if (k <= 0) return;
  let i = 0;
  for await (const v of src) {
    yield v;
    if (++i >= k) return;
  }
}
const isOdd = async (x) => x % 2 === 1;
const squareLater = (x) => Promise.resolve(x * x);
const out = [];
for await (const v of take(mapAsync(filterAsync(numbers(100), isOdd), squareLater), 6)) out.push(v);
console.log(out.join(","));

// yield* delegation to async and sync iterables
async function* combined() {
  yield* numbers(3);
  yield* ["a", "b"];
  const r = yield* (async function* () { yield "inner"; return "inner-ret"; })();
  yield r;
}
const all = [];
for await (const v of combined()) all.push(v);
console.log(all.join(" "));

// manual next() calls with values and return()
const log = [];
async function* conversation() {
  try {
    const name = yield "name?";
    log.push("got name " + name);
    const age = yield `hello ${name}, age?`;
    log.push("got age " + age);
    yield `${name} is ${age}`;
  } finally {
    log.push("conversation closed");
  }
}
const c = conversation();
console.log((await c.next()).value);
console.log((await c.next("ann")).value);
console.log((await c.next(33)).value);
console.log(JSON.stringify(await c.return("bye")), JSON.stringify(await c.next()));
console.log(log.join("; "));

// errors thrown inside an async generator propagate to for await
async function* faulty() {
  yield 1;
  await null;
  throw new Error("generator failed");
}
try {
  for await (const v of faulty()) log.push("faulty " + v);
} catch (e) {
  UPDATE_POINT();
  console.log(e.message, log[log.length - 1]);
}

// Symbol.asyncIterator on a class
class Ticker {
  constructor(n) { this.n = n; }
  [Symbol.asyncIterator]() {
    let i = 0;
    const n = this.n;
    return {
      next: async () => (i < n ? { value: `tick${i++}`, done: false } : { value: undefined, done: true }),
      return: async () => { log.push("ticker return"); return { done: true }; },
    };
  }
}
const ticks = [];
for await (const t of new Ticker(5)) {
  ticks.push(t);
  if (ticks.length === 3) break;
}
console.log(ticks.join(","), log[log.length - 1]);
