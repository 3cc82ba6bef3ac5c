// closure factories: counters, accumulators, once, debounce-like call counting, private state objects
function counterFactory(step = 1) {
  UPDATE_POINT();
  let value = 0;
  let calls = 0;
  function next() {
    calls++;
    value += step;
    return value;
  }
  function peek() { return value; }
  function stats() { return { value, calls, step }; }
  return { next, peek, stats, reset: () => { value = 0; } };
}
const c2 = counterFactory(2);
const c5 = counterFactory(5);
for (let i = 0; i < 4; i++) {
  c2.next();
  if (i % 2) c5.next();
  UPDATE_POINT();
}
console.log(c2.peek(), c5.peek(), JSON.stringify(c2.stats()), JSON.stringify(c5.stats()));
c2.reset();
console.log(c2.next(), JSON.stringify(c2.stats()));

function once(fn) {
  let done = false, result;
  return function (...args) {
    if (!done) {
      done = true;
      result = fn.apply(this, args);
    }
    return result;
  };
}
let initCount = 0;
const init = once((x) => { initCount++; return "init:" + x; });
console.log(init(1), init(2), init(3), initCount);

function accumulator(start) {
  const history = [start];
  const acc = (n) => {
    history.push(history[history.length - 1] + n);
    return acc;
  };
  acc.value = () => history[history.length - 1];
  acc.history = () => history.join(">");
  return acc;
}
const acc = accumulator(10);
acc(1)(2)(3)(-6);
console.log(acc.value(), acc.history());

// factories creating closures over loop state in the factory itself
function makeMultipliers(n) {
  const out = [];
  for (let i = 1; i <= n; i++) {
    let uses = 0;
    out.push((x) => {
      uses++;
      return `${x}*${i}=${x * i}(#${uses})`;
    });
  }
  return out;
}
const ms = makeMultipliers(4);
console.log(ms.map((m) => m(3)).join(" "), ms[2](5), ms[2](6));

// a counter shared between a generator and regular closures
function sharedSeq() {
  let n = 0;
  function* gen() { while (true) yield ++n; }
  return { it: gen(), bump: () => (n += 100), read: () => n };
}
const s = sharedSeq();
const vals = [s.it.next().value, s.it.next().value];
s.bump();
vals.push(s.it.next().value, s.read());
console.log(vals.join(","));

// rate limiter built from closures with a fake clock
function rateLimiter(limit, windowSize) {
  let clock = 0;
  const stamps = [];
  return {
    tick(dt) { clock += dt; },
    try() {
      while (stamps.length && stamps[0] <= clock - windowSize) stamps.shift();
      if (stamps.length < limit) { stamps.push(clock); return true; }
      return false;
    },
  };
}
const rl = rateLimiter(3, 10);
const pattern = [];
for (let t = 0; t < 20; t++) {
  UPDATE_POINT();
  pattern.push(rl.try() ? "Y" : "n");
  rl.tick(t % 3 === 0 ? 1 : 2);
}
console.log(pattern.join(""));
