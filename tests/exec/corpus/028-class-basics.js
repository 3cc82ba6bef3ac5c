// classes: constructors that loop and call, methods, toString, chaining
class Matrix {
  constructor(rows, cols, fill) {
    UPDATE_POINT();
    this.rows = rows;
    this.cols = cols;
    this.data = [];
    for (let r = 0; r < rows; r++) {
      UPDATE_POINT();
      const row = [];
      for (let c = 0; c < cols; c++) row.push(typeof fill === "function" ? fill(r, c) : fill);
      this.data.push(row);
      UPDATE_POINT();
    }
  }
  get(r, c) { return this.data[r][c]; }
  set(r, c, v) { this.data[r][c] = v; return this; }
  map(fn) { return new Matrix(this.rows, this.cols, (r, c) => fn(this.get(r, c), r, c)); }
  transpose() { return new Matrix(this.cols, this.rows, (r, c) => this.get(c, r)); }
  sum() {
    let s = 0;
    for (const row of this.data) for (const v of row) s += v;
    return s;
  }
  toString() { return this.data.map((r) => r.join(" ")).join("\n"); }
}
const m = new Matrix(3, 4, (r, c) => r * 4 + c);
console.log(String(m));
console.log(String(m.transpose()));
console.log(m.map((v, r, c) => v * (r + c)).sum());
console.log(m.set(0, 0, 100).set(2, 3, -5).sum());

class Stack {
  #items = [];
  push(...xs) { for (const x of xs) this.#items.push(x); return this; }
  pop() { return this.#items.pop(); }
  peek() { return this.#items[this.#items.length - 1]; }
  get size() { return this.#items.length; }
  *[Symbol.iterator]() { for (let i = this.#items.length - 1; i >= 0; i--) yield this.#items[i]; }
}
const s = new Stack().push(1, 2, 3).push(4);
console.log(s.size, s.pop(), s.peek(), [...s].join(","));

// class expressions and computed method names
const methodName = "dyn" + "amic";
const K = class Named {
  [methodName](x) { return x * 3; }
  ["static" + 1]() { return "s1"; }
  self() { return Named === K; }
};
const k = new K();
console.log(k.dynamic(7), k.static1(), k.self(), typeof K);
