// graph search: BFS shortest paths, iterative and recursive DFS, connected components, cycle detection
function makeGraph(n, edges) {
  UPDATE_POINT();
  const adj = Array.from({ length: n }, () => []);
  for (const [a, b] of edges) {
    adj[a].push(b);
    adj[b].push(a);
  }
  for (const list of adj) list.sort((x, y) => x - y);
  return adj;
}
const edges = [];
let s = 99;
for (let i = 0; i < 60; i++) {
  s = (s * 48271) % 2147483647;
  const a = s % 40;
  s = (s * 48271) % 2147483647;
  const b = s % 40;
  if (a !== b) edges.push([a, b]);
}
const adj = makeGraph(40, edges);

function bfs(start) {
  const dist = new Array(adj.length).fill(-1);
  const prev = new Array(adj.length).fill(-1);
  const queue = [start];
  dist[start] = 0;
  let head = 0;
  while (head < queue.length) {
    const u = queue[head++];
    for (const v of adj[u]) {
      if (dist[v] === -1) {
        dist[v] = dist[u] + 1;
        prev[v] = u;
        queue.push(v);
      }
    }
    if (head % 8 === 0) UPDATE_POINT();
  }
  return { dist, prev };
}
function path(prev, t) {
  const p = [];
  for (let v = t; v !== -1; v = prev[v]) p.unshift(v);
  return p;
}
const { dist, prev } = bfs(0);
console.log(dist.join(","));
for (const t of [5, 17, 33, 39]) console.log(`0->${t}:`, dist[t] === -1 ? "unreachable" : path(prev, t).join("-"));

function dfsRecursive(u, seen, order) {
  seen[u] = true;
  order.push(u);
  for (const v of adj[u]) {
    if (!seen[v]) dfsRecursive(v, seen, order);
  }
  return order;
}
function dfsIterative(start) {
  const seen = new Array(adj.length).fill(false);
  const order = [];
  const stack = [start];
  while (stack.length) {
    const u = stack.pop();
    if (seen[u]) continue;
    seen[u] = true;
    order.push(u);
    for (let i = adj[u].length - 1; i >= 0; i--) if (!seen[adj[u][i]]) stack.push(adj[u][i]);
  }
  return order;
}
const rec = dfsRecursive(0, [], []);
const it = dfsIterative(0);
console.log(rec.join(","));
console.log(it.join(","), rec.join() === it.join());

function components() {
  const comp = new Array(adj.length).fill(-1);
  let c = 0;
  for (let v = 0; v < adj.length; v++) {
    if (comp[v] !== -1) continue;
    const stack = [v];
    comp[v] = c;
    while (stack.length) {
      const u = stack.pop();
      for (const w of adj[u]) if (comp[w] === -1) { comp[w] = c; stack.push(w); }
    }
    c++;
  }
  return comp;
}
const comp = components();
const sizes = {};
comp.forEach((c) => (sizes[c] = (sizes[c] || 0) + 1));
console.log("components", Object.keys(sizes).length, JSON.stringify(sizes));

// directed cycle detection with colors
function hasCycle(n, dEdges) {
  const g = Array.from({ length: n }, () => []);
  for (const [a, b] of dEdges) g[a].push(b);
  const color = new Array(n).fill(0);
  let cycleAt = -1;
  function visit(u) {
    color[u] = 1;
    for (const v of g[u]) {
      UPDATE_POINT();
      if (color[v] === 1) { cycleAt = v; return true; }
      if (color[v] === 0 && visit(v)) return true;
    }
    color[u] = 2;
    return false;
  }
  for (let u = 0; u < n; u++) if (color[u] === 0 && visit(u)) return cycleAt;
  return -1;
}
console.log(hasCycle(5, [[0, 1], [1, 2], [2, 3], [3, 4]]), hasCycle(5, [[0, 1], [1, 2], [2, 3], [3, 1], [3, 4]]));
