// flatMap and flat with callbacks that loop and recurse
function divisors(n) {
  UPDATE_POINT();
  const out = [];
  for (let d = 1; d <= n; d++) {
    if (n % d === 0) out.push(d);
  }
  UPDATE_POINT();
  return out;
}
const nums = [6, 7, 12, 16];
console.log(nums.flatMap((n) => divisors(n)).join(","));
console.log(nums.flatMap((n, i) => (i % 2 ? [] : [[n, divisors(n).length]])).map((p) => p.join(":")).join(" "));

// flatMap to expand grammar rules
const rules = {
  S: [["NP", "VP"]],
  NP: [["the", "N"], ["a", "ADJ", "N"]],
  VP: [["V"], ["V", "NP"]],
  N: [["cat"], ["dog"]],
  ADJ: [["big"]],
  V: [["sees"]],
};
function expand(symbols, depth) {
  UPDATE_POINT();
  if (depth > 6) return [];
  const idx = symbols.findIndex((s) => s in rules);
  if (idx < 0) return [symbols.join(" ")];
  return rules[symbols[idx]].flatMap((rhs) => expand([...symbols.slice(0, idx), ...rhs, ...symbols.slice(idx + 1)], depth + 1));
}
const sentences = expand(["S"], 0);
console.log(sentences.length);
console.log(sentences.slice(0, 8).join("\n"));

// flat with depth, holes removed
const nested = [1, [2, [3, [4, [5, [6]]]]], , [7]];
console.log(JSON.stringify(nested.flat()), JSON.stringify(nested.flat(2)), JSON.stringify(nested.flat(Infinity)));

// flatMap producing pairs for a cartesian product, then grouping
const colors = ["red", "green"];
const sizes = ["S", "M", "L"];
const skus = colors.flatMap((c) => sizes.flatMap((s) => (c === "green" && s === "S" ? [] : [`${c}-${s}`])));
console.log(skus.join(","));

// words -> characters -> frequency using flatMap and reduce
const text = "flat map makes mapping flat";
const freq = text.split(" ").flatMap((w) => [...w]).reduce((m, ch) => m.set(ch, (m.get(ch) || 0) + 1), new Map());
console.log([...freq].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([c, n]) => c + n).join(" "));

// recursive flatMap on a tree
const tree = { v: 1, kids: [{ v: 2, kids: [{ v: 4, kids: [] }] }, { v: 3, kids: [{ v: 5, kids: [] }, { v: 6, kids: [{ v: 7, kids: [] }] }] }] };
const paths = (node, prefix = []) => {
  const here = [...prefix, node.v];
  return node.kids.length === 0 ? [here.join(">")] : node.kids.flatMap((k) => paths(k, here));
};
console.log(paths(tree).join(" "));
