// optional chaining and optional calls in plugin pipelines where hooks may be missing
const calls = [];
function arg(label, v) { calls.push(label); return v; }
const plugins = [
  { name: "a", hooks: { before: (x) => x + 1, after: (x) => x * 2 } },
  { name: "b", hooks: { before: null, after: (x) => x - 3 } },
  { name: "c" },
  { name: "d", hooks: { before: (x) => x * 10 } },
  null,
  { name: "e", hooks: { before(x) { UPDATE_POINT(); return x + (this.bonus ?? 0); }, bonus: 7 } },
];
function run(value) {
  for (const p of plugins) {
    value = p?.hooks?.before?.(value) ?? value;
  }
  for (let i = plugins.length - 1; i >= 0; i--) {
    UPDATE_POINT();
    const next = plugins[i]?.hooks?.after?.(arg("after" + i, value));
    if (next !== undefined) value = next;
  }
  return value;
}
console.log(run(1), run(5), calls.join(","));
calls.length = 0;

// short-circuiting skips evaluation of the whole rest of the chain, including arguments
const maybe = [null, undefined, { f: null }, { f: (v) => v + "!" }, { f: Object.assign((v) => v + "?", { g: () => "deep" }) }];
for (const m of maybe) {
  console.log(String(m?.f?.(arg("arg", "x"))), String(m?.f?.g?.()), typeof m?.["f"], calls.length);
}

// optional chaining on array elements and Map lookups in a loop
const registry = new Map([["svc", { endpoints: [{ path: "/a", handler: (q) => `A(${q})` }, { path: "/b" }] }]]);
for (const [svc, idx] of [["svc", 0], ["svc", 1], ["svc", 5], ["none", 0]]) {
  const ep = registry.get(svc)?.endpoints?.[idx];
  console.log(svc, idx, ep?.path ?? "-", ep?.handler?.(idx) ?? "no handler");
}

// optional call preserves `this` for method calls
const counter = {
  n: 0,
  inc() { this.n++; return this.n; },
};
const holder = { counter };
console.log(holder.counter?.inc(), holder.counter?.inc?.(), holder?.counter.inc(), holder.missing?.inc(), counter.n);

// optional chaining with delete and in assignments' right side
const cfg = { a: { b: { c: 1 } } };
console.log(delete cfg?.a?.b?.c, delete cfg?.x?.y, JSON.stringify(cfg));
// a recursive walker using optional chaining to probe shapes
function depth(node) {
  UPDATE_POINT();
  return node?.children?.length ? 1 + Math.max(...node.children.map(depth)) : node ? 1 : 0;
}
console.log(depth(null), depth({}), depth({ children: [{}, { children: [{ children: [] }, {}] }] }));
// optional calls on results of calls, with side effects counted
let made = 0;
const factory = () => (made++ % 2 ? null : { go: () => "went" });
const results = [];
for (let i = 0; i < 4; i++) results.push(factory()?.go() ?? "skipped");
console.log(results.join(","), made);
