// a tiny push-based observable library: operators built from closures, subscription teardown, error/complete
class Observable {
  constructor(subscribe) { this._subscribe = subscribe; }
  subscribe(observer) {
    const o = typeof observer === "function" ? { next: observer } : observer;
    let closed = false;
    const safe = {
      next: (v) => { if (!closed && o.next) o.next(v); },
      error: (e) => { if (!closed) { closed = true; if (o.error) o.error(e); } },
      complete: () => { if (!closed) { closed = true; if (o.complete) o.complete(); } },
      get closed() { return closed || !!o.closed; }, // downstream completion stops the producer
    };
    const teardown = this._subscribe(safe);
    return { unsubscribe() { closed = true; if (teardown) teardown(); } };
  }
  pipe(...ops) { return ops.reduce((src, op) => op(src), this); }
  static of(...vals) {
    return new Observable((obs) => {
      for (const v of vals) {
        UPDATE_POINT();
        if (obs.closed) return;
        obs.next(v);
      }
      obs.complete();
    });
  }
  static range(a, n) { return new Observable((obs) => { for (let i = a; i < a + n && !obs.closed; i++) obs.next(i); obs.complete(); }); }
}
// an observer that forwards error/complete/closed to the downstream observer
const through = (obs, next) => ({ next, error: (e) => obs.error(e), complete: () => obs.complete(), get closed() { return obs.closed; } });
const map = (f) => (src) => new Observable((obs) => src.subscribe(through(obs, (v) => obs.next(f(v)))).unsubscribe);
const filter = (p) => (src) => new Observable((obs) => src.subscribe(through(obs, (v) => p(v) && obs.next(v))).unsubscribe);
const take = (n) => (src) => new Observable((obs) => {
  let count = 0;
  return src.subscribe(through(obs, (v) => {
    if (count++ < n) obs.next(v);
    if (count >= n) obs.complete();
  })).unsubscribe;
});
const scan = (f, seed) => (src) => new Observable((obs) => {
  let acc = seed;
  return src.subscribe(through(obs, (v) => { acc = f(acc, v); UPDATE_POINT(); obs.next(acc); })).unsubscribe;
});
const tap = (f) => map((v) => (f(v), v));
const pairwise = () => (src) => new Observable((obs) => {
  let prev, has = false;
  return src.subscribe(through(obs, (v) => { if (has) obs.next([prev, v]); prev = v; has = true; })).unsubscribe;
});

const log = [];
const sink = (name) => ({ next: (v) => log.push(`${name}:${JSON.stringify(v)}`), error: (e) => log.push(`${name}!${e.message}`), complete: () => log.push(`${name}|`) });
Observable.range(1, 10).pipe(filter((x) => x % 2), map((x) => x * x), scan((a, b) => a + b, 0)).subscribe(sink("odd-sq-sum"));
console.log(log.join(" "));
log.length = 0;
let produced = 0;
Observable.range(0, 1000000).pipe(tap(() => produced++), map((x) => x * 3), filter((x) => x % 2 === 0), take(5)).subscribe(sink("take"));
console.log(log.join(" "), "produced", produced);
log.length = 0;
Observable.of("a", "b", "c", "d").pipe(pairwise(), map(([p, c]) => p + c)).subscribe(sink("pairs"));
const failing = new Observable((obs) => { obs.next(1); obs.next(2); obs.error(new Error("stream broke")); obs.next(3); });
failing.pipe(map((x) => x * 10)).subscribe(sink("fail"));
console.log(log.join(" "));
log.length = 0;
// a manual subject with several subscribers and unsubscription
class Subject extends Observable {
  constructor() {
    UPDATE_POINT();
    const observers = new Set();
    super((obs) => { observers.add(obs); return () => observers.delete(obs); });
    this.emit = (v) => { for (const o of [...observers]) o.next(v); };
    this.count = () => observers.size;
  }
}
const subj = new Subject();
const s1 = subj.pipe(map((x) => x + 1)).subscribe(sink("s1"));
subj.pipe(filter((x) => x > 1)).subscribe(sink("s2"));
subj.emit(1);
subj.emit(2);
s1.unsubscribe();
subj.emit(3);
console.log(log.join(" "), "observers", subj.count());
