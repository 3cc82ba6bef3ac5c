// JSON.parse with revivers that loop, call functions and transform values
const text = JSON.stringify({
  users: [
    { name: "ann", born: "1990-04-12", scores: [3, 9, 4], meta: { tag: "x" } },
    { name: "bob", born: "1985-11-30", scores: [7, 7], meta: null },
    { name: "cy", born: "2001-01-01", scores: [], meta: { tag: "y", extra: [1, 2] } },
  ],
  total: 3,
  secret: "hidden",
});

const visits = [];
function parseDate(s) {
  UPDATE_POINT();
  const [y, m, d] = s.split("-").map(Number);
  let days = 0;
  for (let yy = 1970; yy < y; yy++) days += yy % 4 === 0 && (yy % 100 !== 0 || yy % 400 === 0) ? 366 : 365;
  const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  for (let mm = 1; mm < m; mm++) days += monthDays[mm - 1] + (mm === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 1 : 0);
  return days + d - 1;
}

const parsed = JSON.parse(text, function (key, value) {
  visits.push(key === "" ? "<root>" : key);
  UPDATE_POINT();
  if (key === "secret") return undefined; // removes the property
  if (key === "born") return parseDate(value);
  if (key === "scores") {
    let sum = 0;
    for (const s of value) sum += s;
    return { sum, avg: value.length ? sum / value.length : 0 };
  }
  if (typeof value === "string") return value.toUpperCase();
  if (Array.isArray(value) && key === "extra") return value.map((x) => x * 100);
  return value;
});
console.log(JSON.stringify(parsed));
console.log(visits.join(","));

// reviver sees `this` as the holder object; later siblings are not yet revived
const holderLog = [];
JSON.parse('{"a":1,"b":{"c":2,"d":3},"e":[4,5]}', function (k, v) {
  holderLog.push(`${k}:${Array.isArray(this) ? "array" : typeof this}:${Object.keys(this).length}`);
  return v;
});
console.log(holderLog.join(" "));

// reviver that builds class instances from tagged objects
class Point {
  constructor(x, y) { this.x = x; this.y = y; }
  len() { return Math.hypot(this.x, this.y); }
}
const shapes = JSON.parse('[{"$t":"P","x":3,"y":4},{"$t":"P","x":6,"y":8},{"other":true}]', (k, v) =>
  v && v.$t === "P" ? new Point(v.x, v.y) : v,
);
console.log(shapes.map((s) => (s instanceof Point ? s.len() : "raw")).join(","));

// errors thrown in a reviver propagate
try {
  JSON.parse('{"ok":1,"bad":2}', (k, v) => {
    if (k === "bad") throw new Error("reviver rejected " + k);
    return v;
  });
} catch (e) {
  UPDATE_POINT();
  console.log(e.message);
}
