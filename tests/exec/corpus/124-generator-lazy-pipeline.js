// lazy evaluation pipelines with generators: chaining, windowing, zipping, grouping; counting pulls
let pulls = 0;
function* source(n) {
  UPDATE_POINT();
  for (let i = 0; i < n; i++) {
    pulls++;
    yield i;
  }
}
const lazy = {
  *map(it, f) { for (const x of it) yield f(x); },
  *filter(it, p) { for (const x of it) if (p(x)) yield x; },
  *take(it, n) { if (n <= 0) return; for (const x of it) { yield x; if (--n <= 0) return; } },
  *takeWhile(it, p) { for (const x of it) { if (!p(x)) return; yield x; } },
  *window(it, size) {
    const buf = [];
    for (const x of it) {
      buf.push(x);
      if (buf.length > size) buf.shift();
      if (buf.length === size) yield buf.slice();
    }
  },
  *zip(...its) {
    const iters = its.map((i) => i[Symbol.iterator]());
    for (;;) {
      const steps = iters.map((i) => i.next());
      if (steps.some((s) => s.done)) return;
      yield steps.map((s) => s.value);
    }
  },
  *chunk(it, n) {
    let cur = [];
    for (const x of it) {
      cur.push(x);
      if (cur.length === n) { yield cur; cur = []; }
    }
    if (cur.length) yield cur;
  },
  *groupRuns(it, keyFn) {
    let key, group = null;
    for (const x of it) {
      const kk = keyFn(x);
      if (group && kk === key) group.push(x);
      else {
        if (group) yield [key, group];
        key = kk;
        group = [x];
      }
      UPDATE_POINT();
    }
    if (group) yield [key, group];
  },
};

const first = [...lazy.take(lazy.filter(lazy.map(source(1000000), (x) => x * x), (x) => x % 3 === 1), 5)];
console.log(first.join(","), "pulls", pulls);
pulls = 0;
const windows = [...lazy.take(lazy.window(source(100), 3), 4)].map((w) => w.join(""));
console.log(windows.join(" "), "pulls", pulls);
pulls = 0;
const zipped = [...lazy.zip(source(10), "abcd", lazy.map(source(10), (x) => x * 100))];
console.log(JSON.stringify(zipped), "pulls", pulls);
const chunks = [...lazy.chunk(source(10), 4)];
console.log(JSON.stringify(chunks));
const words = "apple avocado banana blueberry cherry apricot cranberry".split(" ");
console.log([...lazy.groupRuns(words, (w) => w[0])].map(([k, g]) => `${k}:${g.length}`).join(" "));
pulls = 0;
const tw = [...lazy.takeWhile(source(1000), (x) => x * x < 50)];
console.log(tw.join(","), "pulls", pulls);

// primes via an incremental sieve generator (infinite), taken lazily
function* primes() {
  const composites = new Map();
  for (let n = 2; ; n++) {
    const factors = composites.get(n);
    if (!factors) {
      yield n;
      composites.set(n * n, [n]);
    } else {
      for (const p of factors) {
        UPDATE_POINT();
        const next = n + p;
        if (!composites.has(next)) composites.set(next, []);
        composites.get(next).push(p);
      }
      composites.delete(n);
    }
  }
}
console.log([...lazy.take(primes(), 25)].join(","));
console.log([...lazy.take(lazy.filter(primes(), (p) => p % 10 === 9), 10)].join(","));
