// Async functions compiled into driven generators: the observable behaviour of native ones.
const log = [];
const tick = () => null;

// Parameters: a throwing default rejects (does not throw), length counts up to the first default.
async function withDefault(a, b = (() => { throw new Error('default threw'); })()) { return a + b; }
async function withLength(a, b, c = 1, ...rest) { return rest.length; }
const arrowLength = async (x, y) => x + y;
console.log(withLength.length, arrowLength.length, withDefault.name, arrowLength.name);
console.log(Object.prototype.toString.call(withDefault), withDefault.constructor.name, withDefault instanceof Object.getPrototypeOf(async () => {}).constructor);
let threw = false;
let p;
try { p = withDefault(1); } catch { threw = true; }
console.log('sync throw', threw, p instanceof Promise);
p.catch((e) => log.push('rejected: ' + e.message));

// arguments and this.
async function args() { await tick(); return [arguments.length, ...arguments].join('/'); }
const obj = {
  factor: 3,
  async times(xs) { const out = []; for (const x of xs) out.push(await (async () => x * this.factor)()); return out; },
};

// Returning a promise and a thenable: the extra ticks of native resolution.
async function returnsPromise() { return Promise.resolve('p'); }
async function returnsThenable() { return { then(r) { r('thenable'); } }; }

// try/catch/finally across awaits, and an await inside finally.
async function guarded(fail) {
  const steps = [];
  try {
    steps.push('try');
    await tick();
    if (fail) throw new Error('inside');
    steps.push('after');
  } catch (e) {
    steps.push('catch ' + e.message);
    await tick();
  } finally {
    steps.push('finally');
    await tick();
    steps.push('finally done');
  }
  return steps.join(',');
}

// Closures over loop variables created across awaits.
async function closures() {
  const fns = [];
  for (let i = 0; i < 4; i++) {
    await tick();
    fns.push(() => i * 10);
  }
  return fns.map((f) => f()).join(',');
}

// Microtask interleaving with plain promise chains.
async function interleave() {
  const order = [];
  const chain = Promise.resolve().then(() => order.push('t1')).then(() => order.push('t2')).then(() => order.push('t3')).then(() => order.push('t4'));
  const a = (async () => { order.push('a0'); await null; order.push('a1'); await returnsPromise(); order.push('a2'); })();
  const b = (async () => { order.push('b0'); await undefined; order.push('b1'); await returnsThenable(); order.push('b2'); })();
  await Promise.all([chain, a, b]);
  return order.join(' ');
}

// Recursion through awaits, and a long loop between them (update points inside async bodies).
async function asyncFib(n) { if (n < 2) return n; return (await asyncFib(n - 1)) + (await asyncFib(n - 2)); }
async function crunch(n) {
  let acc = 0;
  for (let round = 0; round < 3; round++) {
    for (let i = 0; i < n; i++) acc = (acc * 31 + i) % 1000003;
    await tick();
  }
  return acc;
}

// A destructuring default that awaits: not a continuation point.
async function destructured(o = {}) { const { a = await Promise.resolve(5) } = o; return a; }

async function main() {
  console.log(await args(1, 'two', 3), (await obj.times([1, 2, 3])).join(' '));
  console.log(await returnsPromise(), await returnsThenable());
  console.log(await guarded(false), '|', await guarded(true));
  console.log(await closures());
  console.log(await interleave());
  console.log(await asyncFib(12), await crunch(20000));
  console.log(await destructured(), await destructured({ a: 7 }));
  await null;
  console.log(log.join(';'));
}
main().then(() => console.log('done'));
