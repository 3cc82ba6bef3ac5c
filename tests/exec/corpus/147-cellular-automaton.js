// elementary cellular automata (rules 30, 90, 110, 184) with history rendering and density stats
function step(cells, rule) {
  UPDATE_POINT();
  const n = cells.length;
  const next = new Array(n);
  for (let i = 0; i < n; i++) {
    const l = cells[(i - 1 + n) % n], c = cells[i], r = cells[(i + 1) % n];
    next[i] = (rule >> ((l << 2) | (c << 1) | r)) & 1;
  }
  return next;
}
function run(rule, width, gens, init) {
  let cells = init ?? Array.from({ length: width }, (_, i) => (i === width >> 1 ? 1 : 0));
  const rows = [];
  const densities = [];
  for (let g = 0; g < gens; g++) {
    rows.push(cells.map((c) => (c ? "#" : ".")).join(""));
    densities.push(cells.reduce((a, b) => a + b, 0));
    cells = step(cells, rule);
    if (g % 8 === 0) UPDATE_POINT();
  }
  return { rows, densities, final: cells };
}
for (const rule of [30, 90]) {
  const { rows, densities } = run(rule, 41, 16);
  console.log(`rule ${rule}`);
  console.log(rows.join("\n"));
  console.log("densities", densities.join(","));
}
// rule 110 from a single cell at the right edge, longer run: only checksums
const r110 = run(110, 64, 64, Array.from({ length: 64 }, (_, i) => (i === 63 ? 1 : 0)));
let h = 0;
for (const row of r110.rows) for (const ch of row) h = (h * 3 + (ch === "#" ? 1 : 0)) % 1000000007;
console.log("rule 110 hash", h, "final density", r110.final.reduce((a, b) => a + b, 0));
// rule 184 is traffic flow: the number of cars is conserved
let seed = 5;
const cars = Array.from({ length: 50 }, () => ((seed = (seed * 69069 + 1) >>> 0) >>> 16) % 3 === 0 ? 1 : 0);
const traffic = run(184, 50, 12, cars);
console.log(traffic.rows.slice(0, 6).join("\n"));
console.log("cars per generation", traffic.densities.join(","), new Set(traffic.densities).size === 1);
// find rules whose single-cell pattern is symmetric after 20 generations
const symmetric = [];
for (let rule = 0; rule < 256; rule += 3) {
  UPDATE_POINT();
  const { final } = run(rule, 31, 20);
  const s = final.join("");
  if (s === [...s].reverse().join("") && s.includes("1")) symmetric.push(rule);
}
console.log("symmetric rules (every 3rd):", symmetric.join(","));
