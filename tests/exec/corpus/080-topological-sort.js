// topological sorting: Kahn's algorithm and DFS-based, build-order resolution with cycles
const deps = {
  app: ["ui", "api", "config"],
  ui: ["components", "styles", "config"],
  api: ["db", "auth", "config"],
  auth: ["crypto", "config"],
  db: ["config", "pool"],
  components: ["styles"],
  styles: [],
  config: [],
  crypto: [],
  pool: ["config"],
};

function kahn(graph) {
  UPDATE_POINT();
  const indeg = {};
  for (const k of Object.keys(graph)) indeg[k] ??= 0;
  for (const [k, ds] of Object.entries(graph)) {
    for (const d of ds) indeg[d] ??= 0;
    indeg[k] += ds.length;
  }
  const users = {};
  for (const [k, ds] of Object.entries(graph)) for (const d of ds) (users[d] ||= []).push(k);
  const ready = Object.keys(indeg).filter((k) => indeg[k] === 0).sort();
  const order = [];
  while (ready.length) {
    const k = ready.shift();
    order.push(k);
    UPDATE_POINT();
    for (const u of (users[k] || []).slice().sort()) {
      if (--indeg[u] === 0) {
        ready.push(u);
        ready.sort();
      }
    }
  }
  if (order.length !== Object.keys(indeg).length) {
    const stuck = Object.keys(indeg).filter((k) => indeg[k] > 0).sort();
    throw new Error("cycle among: " + stuck.join(","));
  }
  return order;
}
console.log(kahn(deps).join(" "));

function dfsOrder(graph) {
  const state = {};
  const order = [];
  const visit = (k, trail) => {
    if (state[k] === "done") return;
    if (state[k] === "active") throw new Error("cycle: " + [...trail, k].join(" -> "));
    state[k] = "active";
    for (const d of graph[k] || []) visit(d, [...trail, k]);
    state[k] = "done";
    order.push(k);
  };
  for (const k of Object.keys(graph).sort()) visit(k, []);
  return order;
}
console.log(dfsOrder(deps).join(" "));

// check validity: every dependency appears before its dependent
function validOrder(order, graph) {
  const pos = new Map(order.map((k, i) => [k, i]));
  return Object.entries(graph).every(([k, ds]) => ds.every((d) => pos.get(d) < pos.get(k)));
}
console.log(validOrder(kahn(deps), deps), validOrder(dfsOrder(deps), deps), validOrder(["app", "config"], { app: ["config"] }));

const cyclic = { ...deps, config: ["app"] };
for (const fn of [kahn, dfsOrder]) {
  try {
    fn(cyclic);
  } catch (e) {
    console.log(e.message);
  }
}

// levels (parallel build stages)
function levels(graph) {
  UPDATE_POINT();
  const memo = {};
  const level = (k) => (memo[k] ??= (graph[k] || []).reduce((m, d) => Math.max(m, level(d) + 1), 0));
  const byLevel = [];
  for (const k of Object.keys(graph).sort()) (byLevel[level(k)] ||= []).push(k);
  return byLevel.map((ks, i) => `L${i}: ${ks.join(",")}`);
}
console.log(levels(deps).join("\n"));
