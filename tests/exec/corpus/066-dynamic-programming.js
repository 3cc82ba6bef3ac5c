// dynamic programming: LCS with reconstruction, edit distance, knapsack, coin change, LIS
function lcs(a, b) {
  UPDATE_POINT();
  const dp = Array.from({ length: a.length + 1 }, () => new Array(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      dp[i][j] = a[i - 1] === b[j - 1] ? dp[i - 1][j - 1] + 1 : Math.max(dp[i - 1][j], dp[i][j - 1]);
    }
    if (i % 5 === 0) UPDATE_POINT();
  }
  let i = a.length, j = b.length;
  const out = [];
  while (i > 0 && j > 0) {
    if (a[i - 1] === b[j - 1]) { out.push(a[i - 1]); i--; j--; }
    else if (dp[i - 1][j] >= dp[i][j - 1]) i--;
    else j--;
  }
  return out.reverse().join("");
}
console.log(lcs("AGGTABQWERTY", "GXTXAYBWRT"), lcs("dynamicprogramming", "memoizationtables"));

function editDistance(a, b) {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}
const pairs = [["kitten", "sitting"], ["flaw", "lawn"], ["intention", "execution"], ["", "abc"], ["same", "same"]];
console.log(pairs.map(([a, b]) => `${a}->${b}=${editDistance(a, b)}`).join(" "));

function knapsack(items, cap) {
  const dp = new Array(cap + 1).fill(0);
  const take = items.map(() => new Array(cap + 1).fill(false));
  items.forEach(({ w, v }, idx) => {
    for (let c = cap; c >= w; c--) {
      if (dp[c - w] + v > dp[c]) {
        dp[c] = dp[c - w] + v;
        take[idx][c] = true;
      }
    }
  });
  const chosen = [];
  let c = cap;
  for (let idx = items.length - 1; idx >= 0; idx--) {
    if (take[idx][c]) { chosen.push(items[idx].name); c -= items[idx].w; }
  }
  return [dp[cap], chosen.reverse()];
}
const items = [
  { name: "map", w: 9, v: 150 }, { name: "compass", w: 13, v: 35 }, { name: "water", w: 153, v: 200 },
  { name: "sandwich", w: 50, v: 160 }, { name: "glucose", w: 15, v: 60 }, { name: "tin", w: 68, v: 45 },
  { name: "banana", w: 27, v: 60 }, { name: "apple", w: 39, v: 40 }, { name: "cheese", w: 23, v: 30 },
  { name: "beer", w: 52, v: 10 }, { name: "suntan", w: 11, v: 70 }, { name: "camera", w: 32, v: 30 },
];
const [best, chosen] = knapsack(items, 250);
console.log(best, chosen.join(","));

function coinWays(coins, amount) {
  const ways = new Array(amount + 1).fill(0);
  ways[0] = 1;
  for (const c of coins) for (let a = c; a <= amount; a++) ways[a] += ways[a - c];
  return ways[amount];
}
function minCoins(coins, amount) {
  const dp = new Array(amount + 1).fill(Infinity);
  dp[0] = 0;
  for (let a = 1; a <= amount; a++) for (const c of coins) if (c <= a && dp[a - c] + 1 < dp[a]) dp[a] = dp[a - c] + 1;
  return dp[amount] === Infinity ? -1 : dp[amount];
}
console.log(coinWays([1, 2, 5, 10, 25, 50], 100), minCoins([1, 5, 6, 9], 11), minCoins([4, 7], 5), minCoins([3, 7, 405, 436], 8839));

function lis(arr) {
  const tails = [];
  const tailIdx = [];
  const parent = new Array(arr.length).fill(-1);
  arr.forEach((x, i) => {
    let lo = 0, hi = tails.length;
    while (lo < hi) {
      UPDATE_POINT();
      const mid = (lo + hi) >> 1;
      if (tails[mid] < x) lo = mid + 1; else hi = mid;
    }
    tails[lo] = x;
    tailIdx[lo] = i;
    parent[i] = lo > 0 ? tailIdx[lo - 1] : -1;
  });
  const seq = [];
  for (let k = tailIdx[tails.length - 1]; k !== -1; k = parent[k]) seq.unshift(arr[k]);
  return seq;
}
console.log(lis([10, 9, 2, 5, 3, 7, 101, 18, 4, 8, 6, 12, 13]).join(","));
