// lazy getters that compute once and replace themselves with data properties
let computations = 0;
function expensive(n) {
  UPDATE_POINT();
  computations++;
  let s = 0;
  for (let i = 1; i <= n; i++) {
    s += (i * i) % 7;
    if (i % 500 === 0) UPDATE_POINT();
  }
  return s;
}
const config = {
  size: 2000,
  get table() {
    const value = expensive(this.size);
    Object.defineProperty(this, "table", { value, writable: false, enumerable: true });
    return value;
  },
};
console.log(config.table, config.table, config.table, computations);
console.log(JSON.stringify(Object.getOwnPropertyDescriptor(config, "table")));

// lazy getter on a class prototype that defines an own property on first access
class Document {
  constructor(text) { this.text = text; }
  get words() {
    const w = this.text.split(/\s+/).filter(Boolean);
    computations++;
    Object.defineProperty(this, "words", { value: w });
    return w;
  }
  get wordCount() { return this.words.length; }
  get longest() { return this.words.reduce((a, b) => (b.length > a.length ? b : a), ""); }
}
computations = 0;
const docs = ["the quick brown fox", "lorem ipsum dolor sit amet consectetur", "a"].map((t) => new Document(t));
for (const d of docs) console.log(d.wordCount, d.longest, d.words.length);
console.log("computations", computations, Object.prototype.hasOwnProperty.call(docs[0], "words"), Object.prototype.hasOwnProperty.call(Document.prototype, "words"));

// memoized getter chain: each level lazily built from the previous
const pipeline = {
  get raw() { return lazy(this, "raw", () => Array.from({ length: 30 }, (_, i) => (i * 37) % 23)); },
  get sorted() { return lazy(this, "sorted", () => [...this.raw].sort((a, b) => a - b)); },
  get unique() { return lazy(this, "unique", () => this.sorted.filter((v, i, a) => i === 0 || a[i - 1] !== v)); },
  get stats() { return lazy(this, "stats", () => ({ n: this.unique.length, min: this.unique[0], max: this.unique.at(-1) })); },
};
const built = [];
function lazy(obj, key, fn) {
  built.push(key);
  const v = fn();
  Object.defineProperty(obj, key, { value: v, enumerable: true });
  return v;
}
console.log(JSON.stringify(pipeline.stats), built.join(">"));
console.log(pipeline.unique.join(","), built.length);
// a lazy getter that throws the first time leaves the getter in place for a retry
let attempts = 0;
const flaky = {
  get value() {
    attempts++;
    if (attempts < 3) throw new Error("not ready " + attempts);
    Object.defineProperty(this, "value", { value: "ready after " + attempts });
    return this.value;
  },
};
for (let i = 0; i < 4; i++) {
  try {
    console.log(flaky.value);
  } catch (e) {
    UPDATE_POINT();
    console.log(e.message);
  }
}
