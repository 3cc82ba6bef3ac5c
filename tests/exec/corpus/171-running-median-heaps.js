// two heaps for a running median, k-th largest tracking, and merging k sorted lists with a heap
class Heap {
  constructor(cmp) { this.a = []; this.cmp = cmp; }
  get size() { return this.a.length; }
  peek() { return this.a[0]; }
  push(v) {
    const a = this.a;
    a.push(v);
    for (let i = a.length - 1; i > 0; ) {
      UPDATE_POINT();
      const p = (i - 1) >> 1;
      if (this.cmp(a[i], a[p]) >= 0) break;
      [a[i], a[p]] = [a[p], a[i]];
      i = p;
    }
  }
  pop() {
    const a = this.a;
    const top = a[0];
    const last = a.pop();
    if (a.length) {
      a[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < a.length && this.cmp(a[l], a[m]) < 0) m = l;
        if (r < a.length && this.cmp(a[r], a[m]) < 0) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
}
class RunningMedian {
  constructor() {
    this.low = new Heap((x, y) => y - x); // max-heap
    this.high = new Heap((x, y) => x - y); // min-heap
  }
  add(v) {
    if (!this.low.size || v <= this.low.peek()) this.low.push(v);
    else this.high.push(v);
    if (this.low.size > this.high.size + 1) this.high.push(this.low.pop());
    else if (this.high.size > this.low.size) this.low.push(this.high.pop());
  }
  get median() {
    if (this.low.size > this.high.size) return this.low.peek();
    return (this.low.peek() + this.high.peek()) / 2;
  }
}
const rm = new RunningMedian();
let seed = 1;
const seen = [];
const medians = [];
for (let i = 0; i < 40; i++) {
  seed = (seed * 214013 + 2531011) % 4294967296;
  const v = (seed >>> 16) % 100;
  seen.push(v);
  rm.add(v);
  medians.push(rm.median);
  if (i % 10 === 9) UPDATE_POINT();
}
console.log(seen.join(" "));
console.log(medians.join(" "));
const check = medians.every((m, i) => {
  const s = seen.slice(0, i + 1).sort((a, b) => a - b);
  const n = s.length;
  return m === (n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2);
});
console.log("medians verified", check);

// k-th largest in a stream using a bounded min-heap
function kthLargest(stream, k) {
  const h = new Heap((x, y) => x - y);
  const out = [];
  for (const v of stream) {
    h.push(v);
    if (h.size > k) h.pop();
    out.push(h.size === k ? h.peek() : null);
  }
  return out;
}
console.log(kthLargest(seen.slice(0, 15), 3).map((v) => (v === null ? "-" : v)).join(" "));

// merge k sorted lists
const lists = [[1, 4, 9, 16, 25], [2, 3, 5, 7, 11, 13], [0, 10, 20, 30], [], [6, 6, 6]];
function mergeK(lists) {
  const h = new Heap((x, y) => x[0] - y[0] || x[1] - y[1]);
  lists.forEach((l, i) => l.length && h.push([l[0], i, 0]));
  const out = [];
  while (h.size) {
    UPDATE_POINT();
    const [v, li, idx] = h.pop();
    out.push(v);
    if (idx + 1 < lists[li].length) h.push([lists[li][idx + 1], li, idx + 1]);
  }
  return out;
}
console.log(mergeK(lists).join(","));
// heap sort of strings by length then alphabetically
const words = "kiwi fig banana apple date cherry elderberry grape".split(" ");
const hs = new Heap((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
words.forEach((w) => hs.push(w));
const sortedWords = [];
while (hs.size) sortedWords.push(hs.pop());
console.log(sortedWords.join(" "));
