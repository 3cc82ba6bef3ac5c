// flood fill (recursive and queue-based), maze generation with a seeded PRNG and BFS solving
let seed = 4242;
const rnd = (n) => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return Math.floor((seed / 2147483648) * n);
};

// maze generation by randomized DFS (iterative, explicit stack)
const W = 10, H = 7;
const walls = { h: [], v: [] }; // h[y][x]: wall below cell; v[y][x]: wall right of cell
for (let y = 0; y < H; y++) {
  UPDATE_POINT();
  walls.h.push(new Array(W).fill(true));
  walls.v.push(new Array(W).fill(true));
}
const visited = Array.from({ length: H }, () => new Array(W).fill(false));
const stack = [[0, 0]];
visited[0][0] = true;
while (stack.length) {
  const [x, y] = stack[stack.length - 1];
  const opts = [];
  if (x > 0 && !visited[y][x - 1]) opts.push([-1, 0]);
  if (x < W - 1 && !visited[y][x + 1]) opts.push([1, 0]);
  if (y > 0 && !visited[y - 1][x]) opts.push([0, -1]);
  if (y < H - 1 && !visited[y + 1][x]) opts.push([0, 1]);
  if (!opts.length) {
    stack.pop();
    continue;
  }
  const [dx, dy] = opts[rnd(opts.length)];
  if (dx === 1) walls.v[y][x] = false;
  if (dx === -1) walls.v[y][x - 1] = false;
  if (dy === 1) walls.h[y][x] = false;
  if (dy === -1) walls.h[y - 1][x] = false;
  visited[y + dy][x + dx] = true;
  stack.push([x + dx, y + dy]);
}
function render(path) {
  const onPath = new Set(path.map(([x, y]) => y * W + x));
  const lines = ["+" + "--+".repeat(W)];
  for (let y = 0; y < H; y++) {
    let row = "|", below = "+";
    for (let x = 0; x < W; x++) {
      row += (onPath.has(y * W + x) ? "()" : "  ") + (walls.v[y][x] ? "|" : " ");
      below += (walls.h[y][x] ? "--" : "  ") + "+";
    }
    lines.push(row, below);
  }
  return lines.join("\n");
}
function solve() {
  const prev = new Map();
  const q = [[0, 0]];
  prev.set(0, null);
  while (q.length) {
    const [x, y] = q.shift();
    if (x === W - 1 && y === H - 1) break;
    const moves = [];
    if (x < W - 1 && !walls.v[y][x]) moves.push([x + 1, y]);
    if (x > 0 && !walls.v[y][x - 1]) moves.push([x - 1, y]);
    if (y < H - 1 && !walls.h[y][x]) moves.push([x, y + 1]);
    if (y > 0 && !walls.h[y - 1][x]) moves.push([x, y - 1]);
    for (const [nx, ny] of moves) {
      if (!prev.has(ny * W + nx)) {
        prev.set(ny * W + nx, [x, y]);
        q.push([nx, ny]);
      }
    }
    UPDATE_POINT();
  }
  const path = [];
  for (let p = [W - 1, H - 1]; p; p = prev.get(p[1] * W + p[0])) path.unshift(p);
  return path;
}
const path = solve();
console.log(render(path));
console.log("path length", path.length);

// flood fill on a character image: recursive 4-way and queue-based 8-way
const image = [
  "..........##....",
  ".####.....#.#...",
  ".#..#.....###...",
  ".####...........",
  "......#######...",
  "..##..#.....#...",
  "..##..#######..#",
  "..............##",
].map((r) => r.split(""));
function fillRec(img, x, y, from, to) {
  if (y < 0 || y >= img.length || x < 0 || x >= img[0].length || img[y][x] !== from) return 0;
  img[y][x] = to;
  return 1 + fillRec(img, x + 1, y, from, to) + fillRec(img, x - 1, y, from, to) + fillRec(img, x, y + 1, from, to) + fillRec(img, x, y - 1, from, to);
}
function countRegions(img, ch) {
  UPDATE_POINT();
  const copy = img.map((r) => r.slice());
  const sizes = [];
  for (let y = 0; y < copy.length; y++) for (let x = 0; x < copy[0].length; x++) if (copy[y][x] === ch) sizes.push(fillRec(copy, x, y, ch, "*"));
  return sizes;
}
console.log("regions of #", countRegions(image, "#").join(","), "regions of .", countRegions(image, ".").join(","));
const filled = image.map((r) => r.slice());
console.log("filled", fillRec(filled, 0, 0, ".", "~"));
console.log(filled.map((r) => r.join("")).join("\n"));
