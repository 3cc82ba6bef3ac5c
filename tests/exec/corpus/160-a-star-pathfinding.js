// A* pathfinding on a weighted grid with terrain costs, Manhattan heuristic, deterministic tie-breaking
const map = [
  "S....~~~......#.....",
  ".###.~~~.####.#.###.",
  ".#...~~~....#.#...#.",
  ".#.#####.##.#.###.#.",
  ".#.....#..#.#.....#.",
  ".#####.#..#.#####.#.",
  "...^^^.#..#.....#...",
  ".#.^^^.####.###.#.#.",
  ".#.^^^......#...#.#.",
  ".#..........#.#...#G",
];
const COST = { ".": 1, S: 1, G: 1, "~": 5, "^": 3 };
const H = map.length, W = map[0].length;
let start, goal;
map.forEach((row, r) => [...row].forEach((ch, c) => {
  if (ch === "S") start = [r, c];
  if (ch === "G") goal = [r, c];
}));
function astar(heuristicWeight) {
  UPDATE_POINT();
  const key = (r, c) => r * W + c;
  const g = new Map([[key(...start), 0]]);
  const came = new Map();
  const open = [[0, 0, ...start]]; // [f, tie, r, c]
  const closed = new Set();
  let expanded = 0, tie = 0;
  while (open.length) {
    // pick the best by scanning (simple, deterministic)
    let bi = 0;
    for (let i = 1; i < open.length; i++) {
      const a = open[i], b = open[bi];
      if (a[0] < b[0] || (a[0] === b[0] && a[1] < b[1])) bi = i;
    }
    const [, , r, c] = open.splice(bi, 1)[0];
    const k = key(r, c);
    if (closed.has(k)) continue;
    closed.add(k);
    expanded++;
    if (expanded % 20 === 0) UPDATE_POINT();
    if (r === goal[0] && c === goal[1]) break;
    for (const [dr, dc] of [[0, 1], [1, 0], [0, -1], [-1, 0]]) {
      const nr = r + dr, nc = c + dc;
      if (nr < 0 || nc < 0 || nr >= H || nc >= W || map[nr][nc] === "#") continue;
      const ng = g.get(k) + COST[map[nr][nc]];
      const nk = key(nr, nc);
      if (!g.has(nk) || ng < g.get(nk)) {
        g.set(nk, ng);
        came.set(nk, k);
        const h = Math.abs(nr - goal[0]) + Math.abs(nc - goal[1]);
        open.push([ng + heuristicWeight * h, tie++, nr, nc]);
      }
    }
  }
  const path = [];
  for (let k = key(...goal); k !== undefined; k = came.get(k)) path.unshift(k);
  return { cost: g.get(key(...goal)), expanded, path };
}
for (const w of [0, 1, 2]) {
  UPDATE_POINT();
  const { cost, expanded, path } = astar(w);
  console.log(`weight ${w}: cost=${cost} expanded=${expanded} length=${path.length}`);
  if (w === 1) {
    const onPath = new Set(path);
    console.log(map.map((row, r) => [...row].map((ch, c) => (onPath.has(r * W + c) && ch !== "S" && ch !== "G" ? "*" : ch)).join("")).join("\n"));
  }
}
