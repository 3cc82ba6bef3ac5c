// union-find with path compression and union by rank; Kruskal's MST; percolation
class DSU {
  constructor(n) {
    UPDATE_POINT();
    this.parent = Array.from({ length: n }, (_, i) => i);
    this.rank = new Array(n).fill(0);
    this.sets = n;
    this.finds = 0;
  }
  find(x) {
    this.finds++;
    if (this.parent[x] !== x) this.parent[x] = this.find(this.parent[x]);
    return this.parent[x];
  }
  union(a, b) {
    let ra = this.find(a), rb = this.find(b);
    if (ra === rb) return false;
    if (this.rank[ra] < this.rank[rb]) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    if (this.rank[ra] === this.rank[rb]) this.rank[ra]++;
    this.sets--;
    return true;
  }
}

// Kruskal on a deterministic weighted graph
const n = 30;
const edges = [];
let s = 777;
for (let i = 0; i < n; i++) {
  for (let j = i + 1; j < n; j++) {
    s = (s * 16807) % 2147483647;
    if (s % 5 === 0) edges.push([1 + (s % 97), i, j]);
  }
}
edges.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
const dsu = new DSU(n);
const mst = [];
let weight = 0;
for (const [w, a, b] of edges) {
  if (dsu.union(a, b)) {
    mst.push(`${a}-${b}`);
    weight += w;
    if (mst.length % 5 === 0) UPDATE_POINT();
  }
}
console.log("edges", edges.length, "mst edges", mst.length, "weight", weight, "components", dsu.sets);
console.log(mst.slice(0, 12).join(" "));

// percolation on a grid: open random cells until top connects to bottom
function percolate(size, seed) {
  const N = size * size;
  const d = new DSU(N + 2);
  const top = N, bottom = N + 1;
  const open = new Array(N).fill(false);
  let opened = 0;
  let x = seed;
  let draws = 0;
  while (d.find(top) !== d.find(bottom) && draws < 100000) {
    draws++;
    x = (x * 1103515245 + 12345) % 2147483648;
    const cell = Math.floor((x / 2147483648) * N);
    if (open[cell]) continue;
    open[cell] = true;
    opened++;
    const r = Math.floor(cell / size), c = cell % size;
    if (r === 0) d.union(cell, top);
    if (r === size - 1) d.union(cell, bottom);
    for (const [dr, dc] of [[1, 0], [-1, 0], [0, 1], [0, -1]]) {
      UPDATE_POINT();
      const nr = r + dr, nc = c + dc;
      if (nr >= 0 && nr < size && nc >= 0 && nc < size && open[nr * size + nc]) d.union(cell, nr * size + nc);
    }
  }
  return opened / N;
}
const results = [];
for (let t = 1; t <= 6; t++) results.push(percolate(20, t * 101).toFixed(3));
console.log("percolation thresholds", results.join(" "));

// equivalence classes of strings under "same letters" relation
const words = ["listen", "silent", "enlist", "google", "gogole", "cat", "act", "tac", "dog"];
const d2 = new DSU(words.length);
const key = (w) => [...w].sort().join("");
words.forEach((w, i) => words.forEach((v, j) => { if (i < j && key(w) === key(v)) d2.union(i, j); }));
const groups = {};
words.forEach((w, i) => (groups[d2.find(i)] ||= []).push(w));
console.log(Object.values(groups).map((g) => g.join("/")).join(" | "), d2.sets);
