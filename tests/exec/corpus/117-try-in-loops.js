// try/catch inside loops with continue/break, error counters and per-iteration cleanup
function parseLine(line) {
  UPDATE_POINT();
  const parts = line.split(",");
  if (parts.length !== 3) throw new SyntaxError(`expected 3 fields, got ${parts.length}`);
  const [name, qty, price] = parts;
  const q = Number(qty), p = Number(price);
  if (!Number.isFinite(q) || !Number.isFinite(p)) throw new TypeError(`non-numeric field in "${line}"`);
  if (q < 0) throw new RangeError(`negative quantity for ${name}`);
  return { name: name.trim(), q, p };
}
const input = [
  "apple, 3, 0.5",
  "bad line",
  "pear, two, 1.25",
  "fig, 10, 0.2",
  "# comment",
  "kiwi, -1, 0.9",
  "plum, 4, 0.75",
  "STOP",
  "never, 1, 1",
];
const stats = { ok: 0, errors: {}, cleanups: 0 };
let total = 0;
for (const line of input) {
  if (line.startsWith("#")) continue;
  if (line === "STOP") break;
  try {
    const { name, q, p } = parseLine(line);
    total += q * p;
    stats.ok++;
    console.log("parsed", name, (q * p).toFixed(2));
  } catch (e) {
    stats.errors[e.constructor.name] = (stats.errors[e.constructor.name] || 0) + 1;
    console.log("skip:", e.message);
    UPDATE_POINT();
    continue;
  } finally {
    stats.cleanups++;
  }
  console.log("running total", total.toFixed(2));
}
console.log(JSON.stringify(stats), total.toFixed(2));

// nested loops with try around the inner loop and break out of both via flag
const grid = [
  [1, 2, 3],
  [4, 0, 6],
  [7, 8, 9],
];
let found = null;
const visited = [];
for (let r = 0; r < grid.length && !found; r++) {
  try {
    for (let c = 0; c < grid[r].length; c++) {
      visited.push(`${r}${c}`);
      if (grid[r][c] === 0) throw { r, c };
      if (100 / grid[r][c] < 15) break;
    }
  } catch (pos) {
    found = pos;
  }
}
console.log(JSON.stringify(found), visited.join(" "));

// do-while retry loop with try/catch
let tries = 0;
let value;
do {
  try {
    tries++;
    if (tries < 4) throw new Error("not yet " + tries);
    value = "succeeded after " + tries;
  } catch (e) {
    value = e.message;
  }
} while (value.startsWith("not yet"));
console.log(value);

// try/catch around an iterator that throws midway, loop resumes with a new iterator
function* risky(limit) {
  for (let i = 0; i < limit; i++) {
    if (i === 3) throw new Error("iterator broke at 3");
    yield i;
  }
}
const got = [];
for (let round = 0; round < 2; round++) {
  try {
    for (const v of risky(6)) got.push(round + ":" + v);
  } catch (e) {
    UPDATE_POINT();
    got.push("!" + e.message.slice(-1));
  }
}
console.log(got.join(" "));
