// a hand-written event emitter: on/once/off, listeners that emit recursively, error events
class Emitter {
  #listeners = new Map();
  #depth = 0;
  on(ev, fn, opts = {}) {
    if (!this.#listeners.has(ev)) this.#listeners.set(ev, []);
    this.#listeners.get(ev).push({ fn, once: !!opts.once, prio: opts.prio ?? 0 });
    this.#listeners.get(ev).sort((a, b) => b.prio - a.prio);
    return () => this.off(ev, fn);
  }
  once(ev, fn) { return this.on(ev, fn, { once: true }); }
  off(ev, fn) {
    const list = this.#listeners.get(ev);
    if (!list) return false;
    const i = list.findIndex((l) => l.fn === fn);
    if (i >= 0) list.splice(i, 1);
    return i >= 0;
  }
  emit(ev, ...args) {
    const list = this.#listeners.get(ev);
    if (!list || list.length === 0) {
      if (ev === "error") throw args[0];
      return 0;
    }
    this.#depth++;
    let n = 0;
    try {
      for (const l of [...list]) {
        if (l.once) this.off(ev, l.fn);
        UPDATE_POINT();
        l.fn.apply(this, args);
        n++;
      }
    } finally {
      UPDATE_POINT();
      this.#depth--;
    }
    return n;
  }
  get depth() { return this.#depth; }
}

const e = new Emitter();
const log = [];
e.on("data", (x) => log.push("low:" + x), { prio: -1 });
e.on("data", (x) => log.push("high:" + x), { prio: 10 });
e.once("data", (x) => log.push("once:" + x));
const unsub = e.on("data", function (x) { log.push(`mid:${x}@${this.depth}`); });
console.log(e.emit("data", 1), e.emit("data", 2));
unsub();
console.log(e.emit("data", 3), e.emit("nothing"));
console.log(log.join(" "));
log.length = 0;

// recursive emission: countdown events re-emitting themselves
e.on("count", function (n) {
  log.push(`c${n}d${this.depth}`);
  if (n > 0) this.emit("count", n - 1);
});
e.emit("count", 4);
console.log(log.join(" "));

// listener removing another listener during emit (snapshot semantics)
const e2 = new Emitter();
const out = [];
const b = () => out.push("b");
e2.on("x", () => { out.push("a"); e2.off("x", b); });
e2.on("x", b);
e2.emit("x");
e2.emit("x");
console.log(out.join(""));

// error events
try {
  e2.emit("error", new Error("unhandled failure"));
} catch (err) {
  console.log("thrown:", err.message);
}
e2.on("error", (err) => console.log("handled:", err.message));
e2.emit("error", new Error("second failure"));

// a listener that throws: later listeners are skipped but depth is restored
const e3 = new Emitter();
e3.on("go", () => out.push("first"));
e3.on("go", () => { throw new Error("listener broke"); });
e3.on("go", () => out.push("never"));
try {
  e3.emit("go");
} catch (err) {
  UPDATE_POINT();
  console.log(err.message, e3.depth, out.slice(-1)[0]);
}
