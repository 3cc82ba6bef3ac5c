// per-iteration const/let bindings in for-in and for-of loops captured by closures
function heavy(s) {
  let h = 0;
  for (const ch of String(s)) h = (h * 33 + ch.charCodeAt(0)) >>> 0;
  UPDATE_POINT();
  return h % 997;
}

const obj = { alpha: 1, beta: 2, gamma: 3, delta: 4 };
const byKey = [];
for (const k in obj) {
  UPDATE_POINT();
  byKey.push(() => k + "=" + obj[k] + "/" + heavy(k));
}
console.log(byKey.map((f) => f()).join(" "));

const items = ["x", "yy", "zzz"];
const byItem = [];
for (let it of items) {
  byItem.push({
    get: () => it,
    grow: () => { it += it[0]; return it; },
  });
  heavy(it);
}
byItem[1].grow();
byItem[1].grow();
console.log(byItem.map((o) => o.get()).join(","), items.join(","));

// destructuring in for-of heads, each binding per-iteration
const pairs = [[1, "one"], [2, "two"], [3, "three"]];
const closures = [];
for (const [num, word] of pairs) {
  const mark = heavy(word);
  closures.push(() => `${num}:${word}:${mark}`);
}
console.log(closures.map((c) => c()).join(" "));

// Map entries
const m = new Map([["a", 10], ["b", 20]]);
const acts = [];
for (const [k, v] of m) {
  UPDATE_POINT();
  acts.push((d) => { m.set(k, v + d); return k; });
}
acts.forEach((a, i) => a(i * 5));
console.log(JSON.stringify([...m]));

// var in for-in shares one binding
const shared = [];
for (var vk in obj) shared.push(() => vk);
console.log(shared.map((f) => f()).join(","));

// generators as the iterable, closures see per-iteration values
function* countUp(n) { for (let i = 1; i <= n; i++) yield i * i; }
const sq = [];
for (const v of countUp(5)) sq.push(() => v + heavy(v));
console.log(sq.map((f) => f()).join(","));
