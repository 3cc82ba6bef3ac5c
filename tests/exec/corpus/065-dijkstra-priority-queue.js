// Dijkstra's algorithm with a hand-written binary heap priority queue
class MinHeap {
  constructor(less) {
    UPDATE_POINT();
    this.items = [];
    this.less = less;
    this.pushes = 0;
  }
  get size() { return this.items.length; }
  push(x) {
    this.pushes++;
    const a = this.items;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(a[i], a[p])) break;
      [a[i], a[p]] = [a[p], a[i]];
      i = p;
    }
  }
  pop() {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l], a[m])) m = l;
        if (r < a.length && this.less(a[r], a[m])) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
}

// grid graph with weights from a deterministic generator
const W = 12, H = 9;
const cost = [];
let seed = 2024;
for (let y = 0; y < H; y++) {
  const row = [];
  for (let x = 0; x < W; x++) {
    seed = (seed * 16807) % 2147483647;
    row.push(1 + (seed % 9));
  }
  cost.push(row);
}

function dijkstra(sx, sy) {
  const dist = cost.map((r) => r.map(() => Infinity));
  const prev = cost.map((r) => r.map(() => null));
  const pq = new MinHeap((a, b) => a[0] < b[0] || (a[0] === b[0] && a[1] * 100 + a[2] < b[1] * 100 + b[2]));
  dist[sy][sx] = 0;
  pq.push([0, sx, sy]);
  let pops = 0;
  while (pq.size) {
    const [d, x, y] = pq.pop();
    pops++;
    if (pops % 20 === 0) UPDATE_POINT();
    if (d > dist[y][x]) continue;
    for (const [dx, dy] of [[1, 0], [-1, 0], [0, 1], [0, -1]]) {
      const nx = x + dx, ny = y + dy;
      if (nx < 0 || ny < 0 || nx >= W || ny >= H) continue;
      const nd = d + cost[ny][nx];
      if (nd < dist[ny][nx]) {
        dist[ny][nx] = nd;
        prev[ny][nx] = [x, y];
        pq.push([nd, nx, ny]);
      }
    }
  }
  return { dist, prev, pops, pushes: pq.pushes };
}

const { dist, prev, pops, pushes } = dijkstra(0, 0);
for (const row of dist) console.log(row.map((d) => String(d).padStart(3)).join(""));
console.log("pops", pops, "pushes", pushes);
let p = [W - 1, H - 1];
const route = [];
while (p) {
  UPDATE_POINT();
  route.unshift(p.join(":"));
  p = prev[p[1]][p[0]];
}
console.log(route.length, route.join(" "));

// heap as a general priority queue: k smallest strings by length then alpha
const words = "the quick brown fox jumps over a lazy dog while seven wizards quietly hex bad jumbo fog".split(" ");
const h = new MinHeap((a, b) => a.length < b.length || (a.length === b.length && a < b));
words.forEach((w) => h.push(w));
const firstK = [];
for (let i = 0; i < 8; i++) firstK.push(h.pop());
console.log(firstK.join(","), h.size);
