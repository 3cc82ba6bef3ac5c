// binary search tree: insert, delete, search, traversals, height, rank queries, iterators
class BST {
  constructor() { this.root = null; this.size = 0; }
  insert(key) {
    const node = { key, left: null, right: null, count: 1 };
    if (!this.root) { this.root = node; this.size++; return true; }
    let cur = this.root;
    const path = [];
    for (;;) {
      UPDATE_POINT();
      path.push(cur);
      if (key === cur.key) return false;
      const dir = key < cur.key ? "left" : "right";
      if (!cur[dir]) {
        cur[dir] = node;
        for (const p of path) p.count++;
        this.size++;
        return true;
      }
      cur = cur[dir];
    }
  }
  has(key) {
    let cur = this.root;
    while (cur) {
      if (key === cur.key) return true;
      cur = key < cur.key ? cur.left : cur.right;
    }
    return false;
  }
  delete(key) {
    const del = (node, key) => {
      if (!node) return [null, false];
      let removed;
      if (key < node.key) [node.left, removed] = del(node.left, key);
      else if (key > node.key) [node.right, removed] = del(node.right, key);
      else {
        removed = true;
        if (!node.left) return [node.right, true];
        if (!node.right) return [node.left, true];
        let succ = node.right;
        while (succ.left) succ = succ.left;
        node.key = succ.key;
        [node.right] = del(node.right, succ.key);
      }
      node.count = 1 + (node.left?.count ?? 0) + (node.right?.count ?? 0);
      return [node, removed];
    };
    let removed;
    [this.root, removed] = del(this.root, key);
    if (removed) this.size--;
    return removed;
  }
  height(node = this.root) {
    if (!node) return 0;
    return 1 + Math.max(this.height(node.left), this.height(node.right));
  }
  rank(key) {
    let r = 0, cur = this.root;
    while (cur) {
      if (key <= cur.key) cur = cur.left;
      else { r += 1 + (cur.left?.count ?? 0); cur = cur.right; }
    }
    return r;
  }
  kth(k) {
    let cur = this.root;
    while (cur) {
      const l = cur.left?.count ?? 0;
      if (k < l) cur = cur.left;
      else if (k === l) return cur.key;
      else { k -= l + 1; cur = cur.right; }
    }
    return undefined;
  }
  *inorder(node = this.root) {
    if (!node) return;
    yield* this.inorder(node.left);
    UPDATE_POINT();
    yield node.key;
    yield* this.inorder(node.right);
  }
  preorder() {
    const out = [];
    const visit = (n) => { if (n) { out.push(n.key); visit(n.left); visit(n.right); } };
    visit(this.root);
    return out;
  }
}
const t = new BST();
let seed = 5;
const inserted = [];
for (let i = 0; i < 40; i++) {
  UPDATE_POINT();
  seed = (seed * 37 + 11) % 101;
  if (t.insert(seed)) inserted.push(seed);
}
console.log("size", t.size, "height", t.height());
console.log([...t.inorder()].join(","));
console.log(t.preorder().slice(0, 15).join(","));
console.log([0, 10, 50, 100].map((k) => `${k}:${t.has(k)}:${t.rank(k)}`).join(" "));
console.log([0, 5, 10, t.size - 1, t.size].map((k) => t.kth(k)).join(","));
for (const k of inserted.slice(0, 15)) t.delete(k);
console.log("after deletes", t.size, t.height(), [...t.inorder()].join(","), t.delete(-1));
