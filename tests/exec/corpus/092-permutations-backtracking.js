// backtracking: permutations, combinations, subset sum, word search in a grid
function permutations(items) {
  UPDATE_POINT();
  const out = [];
  const used = new Array(items.length).fill(false);
  const cur = [];
  function bt() {
    if (cur.length === items.length) {
      out.push(cur.join(""));
      return;
    }
    for (let i = 0; i < items.length; i++) {
      if (used[i] || (i > 0 && items[i] === items[i - 1] && !used[i - 1])) continue; // skip duplicates
      used[i] = true;
      cur.push(items[i]);
      bt();
      cur.pop();
      used[i] = false;
    }
  }
  bt();
  return out;
}
console.log(permutations([..."abc"]).join(" "));
console.log(permutations([..."aabb"]).join(" "));
console.log(permutations([..."abcdef"]).length);

function combinations(n, k) {
  const out = [];
  (function go(start, combo) {
    if (combo.length === k) {
      out.push(combo.join(""));
      return;
    }
    for (let i = start; i <= n - (k - combo.length); i++) go(i + 1, [...combo, i]);
  })(0, []);
  return out;
}
console.log(combinations(5, 3).join(" "), combinations(10, 4).length);

function subsetSums(nums, target) {
  const found = [];
  let nodes = 0;
  nums = nums.slice().sort((a, b) => a - b);
  function go(i, remaining, picked) {
    nodes++;
    if (nodes % 100 === 0) UPDATE_POINT();
    if (remaining === 0) {
      found.push(picked.join("+"));
      return;
    }
    for (let j = i; j < nums.length; j++) {
      if (nums[j] > remaining) break;
      if (j > i && nums[j] === nums[j - 1]) continue;
      picked.push(nums[j]);
      go(j + 1, remaining - nums[j], picked);
      picked.pop();
    }
  }
  go(0, target, []);
  return [found, nodes];
}
const [sols, nodes] = subsetSums([10, 1, 2, 7, 6, 1, 5, 3, 8, 4], 15);
console.log(sols.length, nodes, sols.slice(0, 8).join(" "));

const grid = ["CATS", "ORAT", "DOGE", "ESTR"];
function exists(word) {
  const H = grid.length, W = grid[0].length;
  const seen = new Set();
  function dfs(r, c, i) {
    if (i === word.length) return true;
    if (r < 0 || c < 0 || r >= H || c >= W || seen.has(r * W + c) || grid[r][c] !== word[i]) return false;
    seen.add(r * W + c);
    const ok = dfs(r + 1, c, i + 1) || dfs(r - 1, c, i + 1) || dfs(r, c + 1, i + 1) || dfs(r, c - 1, i + 1);
    seen.delete(r * W + c);
    return ok;
  }
  for (let r = 0; r < H; r++) for (let c = 0; c < W; c++) if (dfs(r, c, 0)) return true;
  return false;
}
console.log(["CAT", "RAT", "DOG", "COD", "DOGE", "CODE", "STAR", "TOGA", "CATS", "RATS", "DOTS"].map((w) => w + ":" + (exists(w) ? "y" : "n")).join(" "));

// generate balanced parentheses
function parens(n) {
  UPDATE_POINT();
  const out = [];
  (function go(s, open, close) {
    if (s.length === 2 * n) return void out.push(s);
    if (open < n) go(s + "(", open + 1, close);
    if (close < open) go(s + ")", open, close + 1);
  })("", 0, 0);
  return out;
}
console.log(parens(3).join(" "), parens(6).length);
