// text layout: greedy wrapping, full justification, centered text, minimum-raggedness DP wrapping
const text = "Restack saves every live stack frame at an update point and later rebuilds the frames exactly, so the program continues as if nothing happened. Loops, closures, exceptions and generators must all survive the round trip without changing the output at all.";
const words = text.split(/\s+/);

function greedy(words, width) {
  UPDATE_POINT();
  const lines = [];
  let line = [];
  let len = 0;
  for (const w of words) {
    if (line.length && len + 1 + w.length > width) {
      lines.push(line);
      line = [];
      len = 0;
    }
    len += (line.length ? 1 : 0) + w.length;
    line.push(w);
  }
  if (line.length) lines.push(line);
  return lines;
}
function justify(lines, width) {
  return lines.map((ws, idx) => {
    if (idx === lines.length - 1 || ws.length === 1) return ws.join(" ").padEnd(width);
    const letters = ws.reduce((a, w) => a + w.length, 0);
    const gaps = ws.length - 1;
    const spaces = width - letters;
    let out = "";
    ws.forEach((w, i) => {
      out += w;
      if (i < gaps) out += " ".repeat(Math.floor(spaces / gaps) + (i < spaces % gaps ? 1 : 0));
    });
    return out;
  });
}
for (const width of [30, 45]) {
  const lines = greedy(words, width);
  console.log(justify(lines, width).map((l) => "|" + l + "|").join("\n"));
}
const center = (s, w) => {
  const pad = w - s.length;
  return " ".repeat(Math.floor(pad / 2)) + s + " ".repeat(Math.ceil(pad / 2));
};
console.log(greedy(words.slice(0, 12), 24).map((l) => "[" + center(l.join(" "), 24) + "]").join("\n"));

// minimum raggedness: minimize the sum of squared trailing spaces (except the last line)
function optimal(words, width) {
  const n = words.length;
  const cost = new Array(n + 1).fill(Infinity);
  const next = new Array(n + 1).fill(n);
  cost[n] = 0;
  for (let i = n - 1; i >= 0; i--) {
    let len = -1;
    for (let j = i; j < n; j++) {
      UPDATE_POINT();
      len += words[j].length + 1;
      if (len > width) break;
      const c = (j === n - 1 ? 0 : (width - len) ** 2) + cost[j + 1];
      if (c < cost[i]) {
        cost[i] = c;
        next[i] = j + 1;
      }
    }
    if (i % 10 === 0) UPDATE_POINT();
  }
  const lines = [];
  for (let i = 0; i < n; i = next[i]) lines.push(words.slice(i, next[i]));
  return [lines, cost[0]];
}
const [opt, optCost] = optimal(words, 30);
const greedyCost = greedy(words, 30).slice(0, -1).reduce((s, l) => s + (30 - l.join(" ").length) ** 2, 0);
console.log("greedy cost", greedyCost, "optimal cost", optCost);
console.log(opt.map((l) => "|" + l.join(" ").padEnd(30) + "|").join("\n"));
