// a doubly linked list class: insert/remove/reverse/sort, iterators, and array-like helpers
class Node {
  constructor(value) { this.value = value; this.prev = null; this.next = null; }
}
class LinkedList {
  constructor(iterable = []) {
    UPDATE_POINT();
    this.head = this.tail = null;
    this.length = 0;
    for (const v of iterable) this.push(v);
  }
  push(v) {
    const n = new Node(v);
    if (!this.tail) this.head = this.tail = n;
    else { n.prev = this.tail; this.tail.next = n; this.tail = n; }
    this.length++;
    return this;
  }
  unshift(v) {
    const n = new Node(v);
    if (!this.head) this.head = this.tail = n;
    else { n.next = this.head; this.head.prev = n; this.head = n; }
    this.length++;
    return this;
  }
  #unlink(n) {
    if (n.prev) n.prev.next = n.next; else this.head = n.next;
    if (n.next) n.next.prev = n.prev; else this.tail = n.prev;
    this.length--;
    return n.value;
  }
  pop() { return this.tail ? this.#unlink(this.tail) : undefined; }
  shift() { return this.head ? this.#unlink(this.head) : undefined; }
  removeIf(pred) {
    let removed = 0;
    for (let n = this.head; n; ) {
      const next = n.next;
      if (pred(n.value)) { this.#unlink(n); removed++; }
      n = next;
    }
    return removed;
  }
  reverse() {
    let n = this.head;
    [this.head, this.tail] = [this.tail, this.head];
    while (n) {
      [n.prev, n.next] = [n.next, n.prev];
      n = n.prev;
    }
    return this;
  }
  // merge sort on the nodes (stable)
  sort(cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0)) {
    const merge = (a, b) => {
      const dummy = new Node(null);
      let t = dummy;
      while (a && b) {
        UPDATE_POINT();
        if (cmp(a.value, b.value) <= 0) { t.next = a; a = a.next; } else { t.next = b; b = b.next; }
        t = t.next;
      }
      t.next = a || b;
      return dummy.next;
    };
    const sortNodes = (h) => {
      if (!h || !h.next) return h;
      let slow = h, fast = h.next;
      while (fast && fast.next) { slow = slow.next; fast = fast.next.next; }
      const mid = slow.next;
      slow.next = null;
      UPDATE_POINT();
      return merge(sortNodes(h), sortNodes(mid));
    };
    this.head = sortNodes(this.head);
    let prev = null;
    for (let n = this.head; n; n = n.next) { n.prev = prev; prev = n; }
    this.tail = prev;
    return this;
  }
  *[Symbol.iterator]() { for (let n = this.head; n; n = n.next) yield n.value; }
  *backwards() { for (let n = this.tail; n; n = n.prev) yield n.value; }
  map(f) { const out = new LinkedList(); for (const v of this) out.push(f(v)); return out; }
  toString() { return [...this].join("<->"); }
}
const list = new LinkedList([5, 3, 8]);
list.push(1).unshift(9).push(7);
console.log(String(list), list.length, [...list.backwards()].join(","));
console.log(list.pop(), list.shift(), String(list));
console.log(String(list.reverse()), [...list.backwards()].join(","));
let seed = 3;
const big = new LinkedList();
for (let i = 0; i < 200; i++) { seed = (seed * 97 + 31) % 1009; big.push(seed); }
big.sort();
const arr = [...big];
console.log(big.length, arr.slice(0, 10).join(","), arr.every((v, i) => i === 0 || arr[i - 1] <= v), [...big.backwards()][0]);
console.log(big.removeIf((v) => v % 2 === 0), big.length, String(big.map((v) => v % 10)).slice(0, 40));
// stable sort by key
const people = new LinkedList([["ann", 3], ["bob", 1], ["cyd", 3], ["dee", 2], ["eve", 1]]);
console.log(String(people.sort((a, b) => a[1] - b[1]).map((p) => p[0])));
const empty = new LinkedList();
console.log(empty.pop(), empty.shift(), String(empty.reverse()), empty.sort().length);
