// Allocation and method calls: small Vec objects added in a loop.
class Vec { constructor(x, y) { this.x = x; this.y = y; } add(o) { return new Vec(this.x + o.x, this.y + o.y); } len() { return Math.hypot(this.x, this.y); } }
function run(n) { let acc = new Vec(0, 0); let s = 0; for (let i = 0; i < n; i++) { acc = acc.add(new Vec(i % 7, i % 3)); s += acc.len() % 10; } return s; }
console.log(run(3e6).toFixed(3));
