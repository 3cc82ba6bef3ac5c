// Allocation and GC pressure: build and walk many complete binary trees of several depths while a
// long-lived tree stays reachable. Recursive construction and traversal.
export const meta = { name: 'binarytrees', kind: 'kernel', description: 'binary-trees: recursive allocation of short-lived trees plus a long-lived one' };

class TreeNode {
  constructor(left, right) {
    this.left = left;
    this.right = right;
  }

  static build(depth) {
    return depth === 0 ? new TreeNode(null, null) : new TreeNode(TreeNode.build(depth - 1), TreeNode.build(depth - 1));
  }

  // Number of nodes in the tree.
  check() {
    return this.left === null ? 1 : 1 + this.left.check() + this.right.check();
  }
}

const MIN_DEPTH = 4;

export function setup(size) {
  return { maxDepth: size === 'smoke' ? 10 : 17 };
}

export function run({ maxDepth }) {
  const results = [];
  const stretch = TreeNode.build(maxDepth + 1).check();
  results.push(`stretch ${stretch}`);

  const longLived = TreeNode.build(maxDepth);
  for (let depth = MIN_DEPTH; depth <= maxDepth; depth += 2) {
    const iterations = 1 << (maxDepth - depth + MIN_DEPTH);
    let total = 0;
    for (let i = 0; i < iterations; i++) total += TreeNode.build(depth).check();
    results.push(`${iterations}@${depth}:${total}`);
  }
  results.push(`long ${longLived.check()}`);
  return results.join(' ');
}
