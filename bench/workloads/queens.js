// Recursive search: N-queens by backtracking, and all permutations via recursive Heap's algorithm
// with a visitor closure (counting derangements and zigzag permutations).
export const meta = { name: 'queens', kind: 'kernel', description: 'recursive backtracking (N-queens) and recursive permutation generation' };

function countQueens(n) {
  const cols = new Array(n).fill(false);
  const diag = new Array(2 * n - 1).fill(false); // row + col
  const anti = new Array(2 * n - 1).fill(false); // row - col + n - 1

  function place(row) {
    if (row === n) return 1;
    let found = 0;
    for (let col = 0; col < n; col++) {
      const d = row + col;
      const a = row - col + n - 1;
      if (cols[col] || diag[d] || anti[a]) continue;
      cols[col] = diag[d] = anti[a] = true;
      found += place(row + 1);
      cols[col] = diag[d] = anti[a] = false;
    }
    return found;
  }

  return place(0);
}

// Heap's algorithm: calls visit with every permutation of items (the same array, permuted in place).
function permutations(items, visit) {
  const a = [...items];
  const swap = (i, j) => {
    [a[i], a[j]] = [a[j], a[i]];
  };
  function generate(k) {
    if (k <= 1) {
      visit(a);
      return;
    }
    for (let i = 0; i < k - 1; i++) {
      generate(k - 1);
      swap(k % 2 === 0 ? i : 0, k - 1);
    }
    generate(k - 1);
  }
  generate(a.length);
}

function isZigzag(p) {
  for (let i = 1; i < p.length; i++) {
    const up = p[i] > p[i - 1];
    if (up !== (i % 2 === 1)) return false;
  }
  return true;
}

function permutationStats(m) {
  const items = Array.from({ length: m }, (_, i) => i);
  const stats = { total: 0, derangements: 0, zigzags: 0, hash: 0 };
  permutations(items, (p) => {
    stats.total++;
    if (p.every((v, i) => v !== i)) stats.derangements++;
    if (isZigzag(p)) stats.zigzags++;
    // Order-dependent hash: checks the generation order as well as the set.
    stats.hash = (stats.hash * 31 + p[0] * m + p[m - 1]) % 1000000007;
  });
  return stats;
}

export function setup(size) {
  return size === 'smoke' ? { boards: [6, 7, 8], perm: 6 } : { boards: [9, 10, 11, 12], perm: 10 };
}

export function run({ boards, perm }) {
  const solutions = boards.map((n) => `${n}:${countQueens(n)}`).join(',');
  const { total, derangements, zigzags, hash } = permutationStats(perm);
  return `${solutions} perms ${total}/${derangements}/${zigzags}/${hash}`;
}
