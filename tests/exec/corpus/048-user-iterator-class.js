// for-of over user-defined iterators: class with [Symbol.iterator]() and next(), return()
class Range {
  constructor(start, end, step = 1) {
    UPDATE_POINT();
    this.start = start;
    this.end = end;
    this.step = step;
  }
  [Symbol.iterator]() {
    return new RangeIterator(this);
  }
}
const events = [];
class RangeIterator {
  constructor(range) {
    this.range = range;
    this.current = range.start;
    this.produced = 0;
  }
  next() {
    UPDATE_POINT();
    if (this.current >= this.range.end) {
      events.push("done after " + this.produced);
      return { done: true, value: undefined };
    }
    const value = this.current;
    this.current += this.range.step;
    this.produced++;
    return { done: false, value };
  }
  return() {
    events.push("return() at " + this.current);
    return { done: true };
  }
}

let sum = 0;
for (const v of new Range(0, 10)) sum += v;
console.log(sum);
for (const v of new Range(0, 100, 7)) {
  if (v > 30) break;
  sum += v;
}
console.log(sum);
try {
  for (const v of new Range(5, 50, 5)) {
    if (v === 20) throw new Error("stop at 20");
  }
} catch (e) {
  console.log(e.message);
}
function firstOver(limit) {
  for (const v of new Range(1, 1000, 3)) if (v * v > limit) return v;
  return -1;
}
console.log(firstOver(500));
console.log(events.join("; "));

// iterator object that is its own iterable, with state shared between loops
class Fib {
  constructor(max) { this.a = 0; this.b = 1; this.max = max; }
  [Symbol.iterator]() { return this; }
  next() {
    if (this.a > this.max) return { done: true };
    const v = this.a;
    [this.a, this.b] = [this.b, this.a + this.b];
    return { value: v, done: false };
  }
}
const fib = new Fib(1000);
const firstFew = [];
for (const v of fib) {
  UPDATE_POINT();
  firstFew.push(v);
  if (firstFew.length === 5) break; // no return() method: iterator keeps its state
}
const rest = [...fib];
console.log(firstFew.join(","), "|", rest.join(","));

// spread, destructuring, Array.from and Map constructor consume user iterators
const [x, y, ...zs] = new Range(10, 15);
console.log(x, y, zs.join(","), Array.from(new Range(0, 5), (v) => v * v).join(","));
class Pairs {
  constructor(obj) { this.obj = obj; }
  *[Symbol.iterator]() { for (const k of Object.keys(this.obj)) yield [k, this.obj[k]]; }
}
const m = new Map(new Pairs({ one: 1, two: 2 }));
console.log(JSON.stringify([...m]), Math.max(...new Range(3, 9, 2)));

// nested iteration of the same iterable creates independent iterators
const r = new Range(0, 3);
const combos = [];
for (const i of r) for (const j of r) combos.push(`${i}${j}`);
console.log(combos.join(" "));
