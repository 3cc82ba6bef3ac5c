// manual use of the iterator protocol: next/return/throw, closing on break, destructuring, spread
const events = [];
function makeIter(name, n) {
  UPDATE_POINT();
  let i = 0;
  return {
    [Symbol.iterator]() {
      events.push(name + ":iter");
      return this;
    },
    next(arg) {
      events.push(`${name}:next(${arg === undefined ? "" : arg})`);
      UPDATE_POINT();
      return i < n ? { value: name + i++, done: false } : { value: "end", done: true };
    },
    return(v) {
      events.push(name + ":return");
      return { value: v, done: true };
    },
  };
}

for (const v of makeIter("A", 3)) events.push("body " + v);
console.log(events.join(" "));
events.length = 0;

for (const v of makeIter("B", 5)) {
  if (v === "B1") break;
}
console.log(events.join(" "));
events.length = 0;

// destructuring closes the iterator when not exhausted
const [first, second] = makeIter("C", 10);
console.log(first, second, events.join(" "));
events.length = 0;

// destructuring with rest exhausts it (no return call)
const [head, ...rest] = makeIter("D", 3);
console.log(head, rest.join(","), events.join(" "));
events.length = 0;

// exception in the loop body calls return()
try {
  for (const v of makeIter("E", 5)) {
    if (v === "E2") throw new Error("body failed at " + v);
  }
} catch (e) {
  console.log(e.message, events.join(" "));
}
events.length = 0;

// driving an iterator by hand with a while loop
const it = makeIter("F", 4)[Symbol.iterator]();
let step;
const got = [];
while (!(step = it.next(got.length)).done) got.push(step.value);
console.log(got.join(","), step.value, events.join(" "));
events.length = 0;

// Array.from, Promise.all-like consumers, Map/Set constructors using the protocol
const set = new Set(makeIter("G", 3));
console.log([...set].join(","), events.join(" "));
events.length = 0;

// zip of several iterators with manual closing of the longer ones
function zip(...iterables) {
  const its = iterables.map((x) => x[Symbol.iterator]());
  const out = [];
  for (;;) {
    UPDATE_POINT();
    const steps = its.map((i) => i.next());
    if (steps.some((s) => s.done)) {
      its.forEach((i, k) => { if (!steps[k].done && i.return) i.return(); });
      return out;
    }
    out.push(steps.map((s) => s.value).join(""));
  }
}
console.log(zip(makeIter("X", 2), makeIter("Y", 4), "abc").join(" "));
console.log(events.join(" "));
