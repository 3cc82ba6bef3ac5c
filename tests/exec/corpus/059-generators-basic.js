// generators: yield in loops, arguments to next(), return values, infinite sequences
function* counter(start, step) {
  UPDATE_POINT();
  let i = start;
  while (true) {
    const reset = yield i;
    if (reset !== undefined) i = reset;
    else i += step;
  }
}
const c = counter(10, 5);
console.log(c.next().value, c.next().value, c.next(100).value, c.next().value);

function* take(n, it) {
  let k = 0;
  for (const v of it) {
    if (k++ >= n) return k;
    yield v;
  }
}
function* naturals() {
  for (let n = 1; ; n++) yield n;
}
function* filter(pred, it) {
  for (const v of it) if (pred(v)) yield v;
}
function* map(fn, it) {
  UPDATE_POINT();
  for (const v of it) yield fn(v);
}
const isPrime = (n) => {
  if (n < 2) return false;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
  return true;
};
console.log([...take(15, filter(isPrime, naturals()))].join(","));
console.log([...take(6, map((x) => x * x, filter((x) => x % 3 === 0, naturals())))].join(","));

// return value is visible through next() but not via for-of
const t = take(2, naturals());
console.log(JSON.stringify([t.next(), t.next(), t.next(), t.next()]));

// generator with try/finally and early return via return()
const log = [];
function* resource(name) {
  log.push("open " + name);
  try {
    for (let i = 0; i < 5; i++) yield `${name}${i}`;
  } finally {
    log.push("close " + name);
  }
}
const r = resource("r");
console.log(r.next().value, r.next().value, JSON.stringify(r.return("early")), JSON.stringify(r.next()));
for (const v of resource("s")) if (v === "s2") break;
console.log(log.join(", "));

// generators as methods and with state held across yields (fibonacci, tree walk)
class Tree {
  constructor(v, ...kids) { this.v = v; this.kids = kids; }
  *walk(depth = 0) {
    yield `${"-".repeat(depth)}${this.v}`;
    for (const k of this.kids) yield* k.walk(depth + 1);
  }
}
const tree = new Tree("root", new Tree("a", new Tree("a1"), new Tree("a2")), new Tree("b", new Tree("b1", new Tree("b1x"))));
console.log([...tree.walk()].join(" "));

// generator throw() caught inside
function* resilient() {
  let errors = 0;
  while (true) {
    try {
      yield errors;
    } catch (e) {
      UPDATE_POINT();
      errors++;
      log.push("gen caught " + e.message);
    }
  }
}
const g = resilient();
g.next();
console.log(g.throw(new Error("e1")).value, g.throw(new Error("e2")).value, g.next().value);
console.log(log.slice(-2).join(" | "));
