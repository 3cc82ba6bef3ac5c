// complex numbers and an ASCII Mandelbrot/Julia renderer with per-row checksums
class Complex {
  constructor(re, im) { this.re = re; this.im = im; }
  add(o) { return new Complex(this.re + o.re, this.im + o.im); }
  mul(o) { return new Complex(this.re * o.re - this.im * o.im, this.re * o.im + this.im * o.re); }
  abs2() { return this.re * this.re + this.im * this.im; }
}
function escapeTime(c, z, maxIter) {
  UPDATE_POINT();
  let i = 0;
  while (i < maxIter && z.abs2() <= 4) {
    z = z.mul(z).add(c);
    i++;
  }
  return i;
}
const palette = " .:-=+*#%@";
function render(w, h, fn) {
  const rows = [];
  let total = 0;
  for (let y = 0; y < h; y++) {
    let row = "";
    for (let x = 0; x < w; x++) {
      const it = fn(x, y);
      total += it;
      row += palette[Math.min(palette.length - 1, Math.floor((it / 40) * (palette.length - 1)))];
    }
    rows.push(row);
    if (y % 4 === 0) UPDATE_POINT();
  }
  return { rows, total };
}
const W = 60, H = 24;
const mandel = render(W, H, (x, y) => escapeTime(new Complex(-2.2 + (3 * x) / W, -1.2 + (2.4 * y) / H), new Complex(0, 0), 40));
console.log(mandel.rows.join("\n"));
console.log("mandelbrot total", mandel.total);
const julia = render(40, 16, (x, y) => escapeTime(new Complex(-0.8, 0.156), new Complex(-1.6 + (3.2 * x) / 40, -1 + (2 * y) / 16), 40));
console.log(julia.rows.join("\n"));
console.log("julia total", julia.total);
// roots of unity via repeated multiplication
const n = 6;
const w = new Complex(Math.cos((2 * Math.PI) / n), Math.sin((2 * Math.PI) / n));
let z = new Complex(1, 0);
const pts = [];
for (let k = 0; k < n; k++) {
  UPDATE_POINT();
  pts.push(`(${z.re.toFixed(3)},${z.im.toFixed(3)})`);
  z = z.mul(w);
}
console.log(pts.join(" "), z.re.toFixed(6), Math.abs(z.im) < 1e-9);
