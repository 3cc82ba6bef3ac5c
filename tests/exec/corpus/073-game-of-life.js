// Conway's game of life on a torus; glider, blinker, random soup; periodic checksums
function makeGrid(w, h) {
  UPDATE_POINT();
  return Array.from({ length: h }, () => new Array(w).fill(0));
}
function place(grid, pattern, ox, oy) {
  pattern.forEach((row, y) => [...row].forEach((c, x) => { if (c === "#") grid[oy + y][ox + x] = 1; }));
}
function neighbors(grid, x, y) {
  const h = grid.length, w = grid[0].length;
  let n = 0;
  for (let dy = -1; dy <= 1; dy++) {
    for (let dx = -1; dx <= 1; dx++) {
      if (dx || dy) n += grid[(y + dy + h) % h][(x + dx + w) % w];
    }
  }
  return n;
}
function step(grid) {
  const next = grid.map((row) => row.slice());
  for (let y = 0; y < grid.length; y++) {
    for (let x = 0; x < grid[0].length; x++) {
      const n = neighbors(grid, x, y);
      next[y][x] = n === 3 || (n === 2 && grid[y][x]) ? 1 : 0;
    }
    UPDATE_POINT();
  }
  return next;
}
function population(grid) { return grid.reduce((s, row) => s + row.reduce((a, b) => a + b, 0), 0); }
function hash(grid) {
  let h = 17;
  grid.forEach((row, y) => row.forEach((c, x) => { if (c) h = (h * 31 + y * 64 + x) % 1000003; }));
  return h;
}
function render(grid) { return grid.map((r) => r.map((c) => (c ? "#" : ".")).join("")).join("\n"); }

let g = makeGrid(12, 10);
place(g, [".#.", "..#", "###"], 1, 1); // glider
place(g, ["###"], 7, 7); // blinker
console.log(render(g));
for (let gen = 1; gen <= 24; gen++) {
  g = step(g);
  if (gen % 4 === 0) console.log("gen", gen, "pop", population(g), "hash", hash(g));
}
console.log(render(g));

// random soup with a seeded PRNG until it repeats or 40 generations
let seed = 31337;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
let soup = makeGrid(10, 10).map((row) => row.map(() => (rnd() < 0.35 ? 1 : 0)));
const seen = new Map();
for (let gen = 0; gen < 40; gen++) {
  UPDATE_POINT();
  const h = hash(soup);
  if (seen.has(h)) {
    console.log("cycle detected at gen", gen, "period", gen - seen.get(h));
    break;
  }
  seen.set(h, gen);
  soup = step(soup);
  if (gen % 10 === 9) console.log("soup gen", gen + 1, population(soup));
}
