// valueOf / toString / Symbol.toPrimitive invoked implicitly by operators and coercions
const log = [];
class Money {
  constructor(cents) { this.cents = cents; }
  valueOf() {
    log.push("valueOf " + this.cents);
    UPDATE_POINT();
    return this.cents;
  }
  toString() {
    log.push("toString " + this.cents);
    let s = String(Math.abs(this.cents) % 100);
    while (s.length < 2) s = "0" + s;
    return (this.cents < 0 ? "-" : "") + "$" + Math.floor(Math.abs(this.cents) / 100) + "." + s;
  }
}
const a = new Money(1250);
const b = new Money(399);
console.log(a + b, a - b, a * 2, a > b, a < b);
console.log(`${a} and ${b}`, String(b), "" + a);
console.log([a, b].join(" | "));
console.log(log.join("; "));
log.length = 0;

const wallet = [new Money(100), new Money(-250), new Money(7), new Money(1999)];
let total = 0;
for (const m of wallet) total += m;
console.log(total, log.length);
wallet.sort((x, y) => x - y);
console.log(wallet.map(String).join(" "));
console.log(Math.max(...wallet), Math.min.apply(null, wallet));

// Symbol.toPrimitive with hints
class Temperature {
  constructor(c) { this.c = c; }
  [Symbol.toPrimitive](hint) {
    log.push("hint:" + hint);
    if (hint === "number") return this.c;
    if (hint === "string") return this.c + "C";
    return "T(" + this.c + ")";
  }
}
log.length = 0;
const t = new Temperature(21);
console.log(+t, `${t}`, t + "", t * 2, t == "T(21)", [t] + "");
console.log(log.join(","));

// objects used as property keys call toString
const counter = { n: 0, toString() { this.n++; return "key" + (this.n % 2); } };
const o = {};
for (let i = 0; i < 5; i++) o[counter] = i;
console.log(JSON.stringify(o), counter.n);

// valueOf that loops and calls other functions, used in comparisons while sorting
class Weighted {
  constructor(parts) { this.parts = parts; }
  valueOf() {
    let w = 0;
    for (const p of this.parts) w += p.length * (p.charCodeAt(0) % 5);
    return w;
  }
}
const items = [["abc", "de"], ["x"], ["hello", "world"], ["zz", "yy", "q"]].map((p) => new Weighted(p));
items.sort((x, y) => x - y);
console.log(items.map((w) => w.parts.join("+") + "=" + +w).join("  "));
console.log(items[0] < items[1], items[2] >= items[3], items[1] == +items[1]);
