// word ladder: BFS over a word graph built with wildcard buckets, all shortest paths reconstruction
const dict = `cold cord card ward warm worm word wore core care cart dart dirt dire fire fore more mare
bare bard hard herd here hire wire wise wide ride rode code coke cake lake like line lime time tile
tale talk walk wall ball bell belt bolt boat coat cost cast case cave gave give live love dove dose
nose note vote bore born barn burn turn tern team teal real read road load lead head heat beat bean`.split(/\s+/);
const buckets = new Map();
for (const w of dict) {
  UPDATE_POINT();
  for (let i = 0; i < w.length; i++) {
    const key = w.slice(0, i) + "_" + w.slice(i + 1);
    if (!buckets.has(key)) buckets.set(key, []);
    buckets.get(key).push(w);
  }
}
function neighbors(w) {
  const out = new Set();
  for (let i = 0; i < w.length; i++) {
    for (const n of buckets.get(w.slice(0, i) + "_" + w.slice(i + 1)) || []) if (n !== w) out.add(n);
  }
  return [...out].sort();
}
function ladders(from, to) {
  if (!dict.includes(from) || !dict.includes(to)) return { dist: -1, paths: [] };
  const dist = new Map([[from, 0]]);
  const parents = new Map([[from, []]]);
  let frontier = [from];
  while (frontier.length && !dist.has(to)) {
    const next = [];
    for (const w of frontier) {
      for (const n of neighbors(w)) {
        if (!dist.has(n)) {
          dist.set(n, dist.get(w) + 1);
          parents.set(n, [w]);
          next.push(n);
        } else if (dist.get(n) === dist.get(w) + 1) parents.get(n).push(w);
      }
    }
    frontier = next;
    UPDATE_POINT();
  }
  if (!dist.has(to)) return { dist: -1, paths: [] };
  const paths = [];
  (function back(w, acc) {
    if (w === from) return void paths.push([from, ...acc].join(">"));
    for (const p of parents.get(w).slice().sort()) back(p, [w, ...acc]);
  })(to, []);
  return { dist: dist.get(to), paths };
}
for (const [a, b] of [["cold", "warm"], ["cake", "lime"], ["bolt", "boat"], ["head", "beat"], ["fire", "lake"], ["cold", "zzzz"], ["nose", "burn"]]) {
  const { dist, paths } = ladders(a, b);
  console.log(`${a}->${b}: ${dist}`, paths.slice(0, 4).join("  "), paths.length > 4 ? `(+${paths.length - 4} more)` : "");
}
// connected components of the word graph
const seen = new Set();
const comps = [];
for (const w of dict) {
  if (seen.has(w)) continue;
  const stack = [w];
  seen.add(w);
  let size = 0;
  while (stack.length) {
    UPDATE_POINT();
    const x = stack.pop();
    size++;
    for (const n of neighbors(x)) if (!seen.has(n)) { seen.add(n); stack.push(n); }
  }
  comps.push(size);
}
console.log("words", dict.length, "components", comps.length, "sizes", comps.sort((a, b) => b - a).join(","));
