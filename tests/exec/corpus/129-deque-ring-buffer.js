// ring buffer deque with growth, sliding window maximum, and a bounded log buffer
class Deque {
  constructor(cap = 4) {
    UPDATE_POINT();
    this.buf = new Array(cap);
    this.head = 0;
    this.size = 0;
    this.grows = 0;
  }
  #grow() {
    const nb = new Array(this.buf.length * 2);
    for (let i = 0; i < this.size; i++) nb[i] = this.buf[(this.head + i) % this.buf.length];
    this.buf = nb;
    this.head = 0;
    this.grows++;
  }
  pushBack(v) {
    if (this.size === this.buf.length) this.#grow();
    this.buf[(this.head + this.size) % this.buf.length] = v;
    this.size++;
  }
  pushFront(v) {
    if (this.size === this.buf.length) this.#grow();
    this.head = (this.head - 1 + this.buf.length) % this.buf.length;
    this.buf[this.head] = v;
    this.size++;
  }
  popFront() {
    if (!this.size) throw new RangeError("deque empty");
    const v = this.buf[this.head];
    this.buf[this.head] = undefined;
    this.head = (this.head + 1) % this.buf.length;
    this.size--;
    return v;
  }
  popBack() {
    if (!this.size) throw new RangeError("deque empty");
    const i = (this.head + this.size - 1) % this.buf.length;
    const v = this.buf[i];
    this.buf[i] = undefined;
    this.size--;
    return v;
  }
  front() { return this.buf[this.head]; }
  back() { return this.buf[(this.head + this.size - 1) % this.buf.length]; }
  toArray() { return Array.from({ length: this.size }, (_, i) => this.buf[(this.head + i) % this.buf.length]); }
}
const d = new Deque(2);
for (let i = 1; i <= 5; i++) {
  if (i % 2) d.pushBack(i); else d.pushFront(-i);
}
console.log(d.toArray().join(","), d.size, d.grows);
console.log(d.popFront(), d.popBack(), d.toArray().join(","));
try {
  const e = new Deque();
  e.popBack();
} catch (err) {
  console.log(err.constructor.name, err.message);
}

// sliding window maximum using the deque of indices
function windowMax(arr, k) {
  const dq = new Deque();
  const out = [];
  for (let i = 0; i < arr.length; i++) {
    while (dq.size && arr[dq.back()] <= arr[i]) dq.popBack();
    dq.pushBack(i);
    if (dq.front() <= i - k) dq.popFront();
    if (i >= k - 1) out.push(arr[dq.front()]);
    if (i % 16 === 0) UPDATE_POINT();
  }
  return out;
}
let s = 11;
const data = Array.from({ length: 40 }, () => (s = (s * 73 + 41) % 100));
console.log(data.join(" "));
console.log(windowMax(data, 5).join(" "));

// 0-1 BFS on a small grid using pushFront for zero-cost edges
const grid = ["S.#....", ".##.##.", "...#...", "##...#E"];
function zeroOneBfs() {
  const H = grid.length, W = grid[0].length;
  const dist = grid.map((r) => [...r].map(() => Infinity));
  const dq = new Deque();
  dist[0][0] = 0;
  dq.pushBack([0, 0]);
  while (dq.size) {
    const [r, c] = dq.popFront();
    for (const [dr, dc] of [[0, 1], [1, 0], [0, -1], [-1, 0]]) {
      UPDATE_POINT();
      const nr = r + dr, nc = c + dc;
      if (nr < 0 || nc < 0 || nr >= H || nc >= W) continue;
      const w = grid[nr][nc] === "#" ? 1 : 0; // breaking a wall costs 1
      if (dist[r][c] + w < dist[nr][nc]) {
        dist[nr][nc] = dist[r][c] + w;
        if (w) dq.pushBack([nr, nc]); else dq.pushFront([nr, nc]);
      }
    }
  }
  return dist;
}
const dist = zeroOneBfs();
console.log(dist.map((r) => r.join("")).join(" / "), "walls to break:", dist[3][6]);
