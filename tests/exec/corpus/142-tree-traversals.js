// tree traversals: recursive pre/in/post order, iterative with explicit stacks, level order, Morris traversal
function buildFromLevel(values) {
  UPDATE_POINT();
  if (!values.length || values[0] === null) return null;
  const root = { v: values[0], l: null, r: null };
  const q = [root];
  let i = 1;
  while (q.length && i < values.length) {
    const n = q.shift();
    if (i < values.length && values[i] !== null) q.push((n.l = { v: values[i], l: null, r: null }));
    i++;
    if (i < values.length && values[i] !== null) q.push((n.r = { v: values[i], l: null, r: null }));
    i++;
  }
  return root;
}
const tree = buildFromLevel([8, 4, 12, 2, 6, 10, 14, 1, 3, 5, 7, null, 11, 13, null, null, null, null, 3.5]);

const rec = { pre: [], in: [], post: [] };
(function walk(n) {
  if (!n) return;
  rec.pre.push(n.v);
  walk(n.l);
  rec.in.push(n.v);
  if (n.v === 3.5) UPDATE_POINT();
  walk(n.r);
  rec.post.push(n.v);
})(tree);
console.log("pre ", rec.pre.join(" "));
console.log("in  ", rec.in.join(" "));
console.log("post", rec.post.join(" "));

function iterPre(root) {
  const out = [], st = root ? [root] : [];
  while (st.length) {
    const n = st.pop();
    out.push(n.v);
    if (n.r) st.push(n.r);
    if (n.l) st.push(n.l);
  }
  return out;
}
function iterIn(root) {
  const out = [], st = [];
  let cur = root;
  while (cur || st.length) {
    while (cur) { st.push(cur); cur = cur.l; }
    cur = st.pop();
    out.push(cur.v);
    cur = cur.r;
  }
  return out;
}
function iterPost(root) {
  const out = [], st = [];
  let last = null, cur = root;
  while (cur || st.length) {
    if (cur) { st.push(cur); cur = cur.l; continue; }
    const peek = st[st.length - 1];
    if (peek.r && last !== peek.r) cur = peek.r;
    else {
      out.push(peek.v);
      last = st.pop();
    }
  }
  return out;
}
function morrisIn(root) {
  const out = [];
  let cur = root;
  while (cur) {
    if (!cur.l) { out.push(cur.v); cur = cur.r; continue; }
    let pred = cur.l;
    while (pred.r && pred.r !== cur) pred = pred.r;
    if (!pred.r) { pred.r = cur; cur = cur.l; }
    else { pred.r = null; out.push(cur.v); cur = cur.r; }
  }
  return out;
}
const same = (a, b) => a.join() === b.join();
console.log(same(iterPre(tree), rec.pre), same(iterIn(tree), rec.in), same(iterPost(tree), rec.post), same(morrisIn(tree), rec.in), same(iterIn(tree), rec.in));

function levels(root) {
  const out = [];
  let frontier = root ? [root] : [];
  while (frontier.length) {
    out.push(frontier.map((n) => n.v).join(","));
    frontier = frontier.flatMap((n) => [n.l, n.r].filter(Boolean));
  }
  return out;
}
console.log(levels(tree).join(" | "));
function height(n) { return n ? 1 + Math.max(height(n.l), height(n.r)) : 0; }
function paths(n, acc = [], out = []) {
  if (!n) return out;
  acc.push(n.v);
  if (!n.l && !n.r) out.push(acc.join("/"));
  paths(n.l, acc, out);
  paths(n.r, acc, out);
  acc.pop();
  return out;
}
function mirror(n) { return n && { v: n.v, l: mirror(n.r), r: mirror(n.l) }; }
console.log(height(tree), paths(tree).join(" "), iterIn(mirror(tree)).join(" "));
// lowest common ancestor in a BST
function lca(n, a, b) {
  while (n) {
    UPDATE_POINT();
    if (a < n.v && b < n.v) n = n.l;
    else if (a > n.v && b > n.v) n = n.r;
    else return n.v;
  }
  return null;
}
console.log([[1, 3], [5, 7], [3, 7], [11, 14], [13, 14], [1, 14]].map(([a, b]) => lca(tree, a, b)).join(","));
