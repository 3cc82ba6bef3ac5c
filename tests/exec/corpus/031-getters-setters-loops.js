// getters and setters that do real work in loops
class Polygon {
  #points = [];
  #cachedPerimeter = null;
  getterRuns = 0;
  set points(list) {
    this.#points = [];
    for (const [x, y] of list) {
      this.#points.push({ x, y });
      UPDATE_POINT();
    }
    this.#cachedPerimeter = null;
  }
  get points() {
    return this.#points.map((p) => `${p.x},${p.y}`).join(" ");
  }
  get perimeter() {
    this.getterRuns++;
    if (this.#cachedPerimeter !== null) return this.#cachedPerimeter;
    let total = 0;
    for (let i = 0; i < this.#points.length; i++) {
      const a = this.#points[i];
      const b = this.#points[(i + 1) % this.#points.length];
      total += Math.abs(a.x - b.x) + Math.abs(a.y - b.y);
    }
    this.#cachedPerimeter = total;
    return total;
  }
  get area() {
    let s = 0;
    const pts = this.#points;
    for (let i = 0; i < pts.length; i++) {
      const j = (i + 1) % pts.length;
      s += pts[i].x * pts[j].y - pts[j].x * pts[i].y;
      if (i % 2) UPDATE_POINT();
    }
    return Math.abs(s) / 2;
  }
}
const p = new Polygon();
p.points = [[0, 0], [4, 0], [4, 3], [0, 3]];
console.log(p.points, p.perimeter, p.area, p.perimeter, p.getterRuns);
p.points = [[0, 0], [10, 0], [10, 10], [5, 15], [0, 10]];
console.log(p.points, p.perimeter, p.area, p.getterRuns);

// object literal accessors with a backing store and validation
const temp = {
  _c: 0,
  log: [],
  get f() { return (this._c * 9) / 5 + 32; },
  set f(v) { this.c = ((v - 32) * 5) / 9; },
  get c() { return this._c; },
  set c(v) {
    if (v < -273.15) { this.log.push("reject " + v); return; }
    this.log.push("set " + v.toFixed(2));
    this._c = v;
  },
};
for (const f of [32, 212, -1000, 98.6]) {
  UPDATE_POINT();
  temp.f = f;
  console.log(f, temp.c.toFixed(2), temp.f.toFixed(2));
}
temp.c += 10;
temp.f -= 18;
console.log(temp.log.join("; "), temp.c.toFixed(2));

// getter used in a loop condition
const queue = {
  items: [5, 3, 8, 1],
  get hasMore() { return this.items.length > 0; },
  get next() { return this.items.shift(); },
};
let acc = 0;
while (queue.hasMore) {
  const n = queue.next;
  acc = acc * 10 + n;
  if (n > 4) queue.items.push(n - 4);
}
console.log(acc);
