// LRU cache with a doubly linked list + Map, used to memoize an expensive function
class LRU {
  constructor(capacity) {
    UPDATE_POINT();
    this.capacity = capacity;
    this.map = new Map();
    this.head = { key: null, prev: null, next: null };
    this.tail = { key: null, prev: this.head, next: null };
    this.head.next = this.tail;
    this.hits = 0;
    this.misses = 0;
    this.evictions = [];
  }
  #unlink(node) {
    node.prev.next = node.next;
    node.next.prev = node.prev;
  }
  #pushFront(node) {
    node.next = this.head.next;
    node.prev = this.head;
    this.head.next.prev = node;
    this.head.next = node;
  }
  get(key) {
    const node = this.map.get(key);
    if (!node) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.#unlink(node);
    this.#pushFront(node);
    return node.value;
  }
  set(key, value) {
    let node = this.map.get(key);
    if (node) {
      node.value = value;
      this.#unlink(node);
    } else {
      node = { key, value, prev: null, next: null };
      this.map.set(key, node);
      if (this.map.size > this.capacity) {
        const lru = this.tail.prev;
        this.#unlink(lru);
        this.map.delete(lru.key);
        this.evictions.push(lru.key);
        UPDATE_POINT();
      }
    }
    this.#pushFront(node);
  }
  keys() {
    const out = [];
    for (let n = this.head.next; n !== this.tail; n = n.next) out.push(n.key);
    return out;
  }
}

const cache = new LRU(3);
cache.set("a", 1);
cache.set("b", 2);
cache.set("c", 3);
cache.get("a");
cache.set("d", 4);
cache.get("b");
cache.set("e", 5);
cache.set("a", 10);
console.log(cache.keys().join(","), cache.evictions.join(","), cache.hits, cache.misses);

function memoize(fn, cap) {
  const lru = new LRU(cap);
  const wrapped = (n) => {
    const hit = lru.get(n);
    if (hit !== undefined) return hit;
    const v = fn(n);
    lru.set(n, v);
    return v;
  };
  wrapped.stats = () => `${lru.hits}/${lru.misses}/${lru.evictions.length}`;
  return wrapped;
}
let raw = 0;
function collatzLen(n) {
  raw++;
  let len = 1;
  while (n !== 1) {
    n = n % 2 ? 3 * n + 1 : n / 2;
    len++;
  }
  return len;
}
const cached = memoize(collatzLen, 16);
let seed = 17;
let total = 0;
for (let i = 0; i < 400; i++) {
  UPDATE_POINT();
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  const n = 1 + ((seed >>> 8) % 40);
  total += cached(n);
  if (i % 100 === 99) console.log(i, total, cached.stats(), raw);
}
