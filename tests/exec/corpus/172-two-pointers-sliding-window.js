// two-pointer and sliding-window algorithms over arrays and strings
function longestUniqueSubstring(s) {
  UPDATE_POINT();
  const last = new Map();
  let start = 0, best = [0, 0];
  for (let i = 0; i < s.length; i++) {
    if (last.has(s[i]) && last.get(s[i]) >= start) start = last.get(s[i]) + 1;
    last.set(s[i], i);
    if (i + 1 - start > best[1] - best[0]) best = [start, i + 1];
  }
  return s.slice(best[0], best[1]);
}
console.log(["abcabcbb", "bbbbb", "pwwkew", "", "dvdf", "restackframes"].map((s) => JSON.stringify(longestUniqueSubstring(s))).join(" "));

function minWindow(s, t) {
  const need = new Map();
  for (const ch of t) need.set(ch, (need.get(ch) || 0) + 1);
  let missing = t.length, left = 0, best = null;
  for (let right = 0; right < s.length; right++) {
    const c = s[right];
    if (need.has(c)) {
      if (need.get(c) > 0) missing--;
      need.set(c, need.get(c) - 1);
    }
    while (missing === 0) {
      if (!best || right - left + 1 < best[1] - best[0]) best = [left, right + 1];
      const lc = s[left++];
      if (need.has(lc)) {
        need.set(lc, need.get(lc) + 1);
        if (need.get(lc) > 0) missing++;
      }
    }
    if (right % 8 === 0) UPDATE_POINT();
  }
  return best ? s.slice(...best) : "";
}
console.log(minWindow("ADOBECODEBANC", "ABC"), minWindow("a", "aa") || "(none)", minWindow("thisisateststring", "tist"));

function threeSum(nums) {
  const a = nums.slice().sort((x, y) => x - y);
  const out = [];
  for (let i = 0; i < a.length - 2; i++) {
    if (i > 0 && a[i] === a[i - 1]) continue;
    let lo = i + 1, hi = a.length - 1;
    while (lo < hi) {
      const s = a[i] + a[lo] + a[hi];
      if (s === 0) {
        out.push([a[i], a[lo], a[hi]].join(""));
        while (lo < hi && a[lo] === a[lo + 1]) lo++;
        while (lo < hi && a[hi] === a[hi - 1]) hi--;
        lo++;
        hi--;
      } else if (s < 0) lo++;
      else hi--;
    }
  }
  return out;
}
console.log(threeSum([-1, 0, 1, 2, -1, -4, -2, -3, 3, 0, 4]).join(" "));

function maxArea(h) {
  let lo = 0, hi = h.length - 1, best = 0, steps = 0;
  while (lo < hi) {
    steps++;
    best = Math.max(best, Math.min(h[lo], h[hi]) * (hi - lo));
    if (h[lo] < h[hi]) lo++;
    else hi--;
  }
  return [best, steps];
}
console.log(JSON.stringify(maxArea([1, 8, 6, 2, 5, 4, 8, 3, 7])), JSON.stringify(maxArea([4, 3, 2, 1, 4])));

function maxSumWindow(a, k) {
  let sum = 0, best = -Infinity, at = 0;
  for (let i = 0; i < a.length; i++) {
    sum += a[i];
    if (i >= k) sum -= a[i - k];
    if (i >= k - 1 && sum > best) {
      best = sum;
      at = i - k + 1;
    }
  }
  return [best, at];
}
const series = Array.from({ length: 30 }, (_, i) => ((i * 37) % 19) - 9);
console.log(series.join(" "));
console.log([1, 3, 5, 10].map((k) => `k${k}:${maxSumWindow(series, k).join("@")}`).join(" "));

// remove duplicates in place from a sorted array, and partition around a pivot (Dutch flag)
function dedupe(a) {
  let w = 0;
  for (let r = 0; r < a.length; r++) if (r === 0 || a[r] !== a[w - 1]) a[w++] = a[r];
  a.length = w;
  return a;
}
function dutchFlag(a, pivot) {
  let lo = 0, mid = 0, hi = a.length - 1;
  while (mid <= hi) {
    UPDATE_POINT();
    if (a[mid] < pivot) [a[lo++], a[mid++]] = [a[mid], a[lo]];
    else if (a[mid] > pivot) [a[mid], a[hi--]] = [a[hi], a[mid]];
    else mid++;
  }
  return a;
}
console.log(dedupe([1, 1, 2, 3, 3, 3, 4, 5, 5, 9]).join(","), dutchFlag([2, 0, 2, 1, 1, 0, 2, 1, 0], 1).join(""));
