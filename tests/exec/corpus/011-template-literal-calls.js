// template literals with calls inside substitutions, nested templates, in loops
function pad(s, n) {
  UPDATE_POINT();
  s = String(s);
  while (s.length < n) s = " " + s;
  return s;
}
function money(cents) {
  UPDATE_POINT();
  return `$${Math.floor(cents / 100)}.${pad(cents % 100, 2).replace(" ", "0")}`;
}

const items = [
  { name: "pen", price: 125, qty: 3 },
  { name: "notebook", price: 450, qty: 2 },
  { name: "stapler", price: 1299, qty: 1 },
  { name: "clip", price: 5, qty: 40 },
];
let total = 0;
for (const it of items) {
  console.log(`${pad(it.name, 10)} x${pad(it.qty, 3)} = ${money(it.price * it.qty)} ${it.qty > 10 ? `(bulk ${money(it.price)} each)` : ""}`);
  total += it.price * it.qty;
}
console.log(`TOTAL ${money(total)} for ${items.length} lines, ${items.reduce((a, b) => a + b.qty, 0)} units`);

let n = 0;
const next = () => ++n;
console.log(`${next()}-${next()}-${`${next()}:${next()}`}-${next()}`);

function table(rows, cols) {
  const lines = [];
  for (let r = 1; r <= rows; r++) {
    let line = "";
    for (let c = 1; c <= cols; c++) {
      UPDATE_POINT();
      line += `${pad(r * c, 4)}`;
    }
    lines.push(`${pad(r, 2)}|${line}`);
  }
  return lines.join("\n");
}
console.log(table(6, 6));
console.log(`${[1, 2, 3].map((x) => `<${x * next()}>`).join("")}`);
