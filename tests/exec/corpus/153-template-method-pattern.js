// template method pattern: abstract base class with hooks, subclasses overriding steps, super calls in loops
class Report {
  constructor(title, rows) {
    UPDATE_POINT();
    if (new.target === Report) throw new TypeError("Report is abstract");
    this.title = title;
    this.rows = rows;
    this.hookCalls = [];
  }
  render() {
    const out = [];
    out.push(this.header());
    const cols = this.columns();
    out.push(this.formatRow(cols));
    for (const [i, row] of this.rows.entries()) {
      if (!this.include(row, i)) continue;
      out.push(this.formatRow(cols.map((c) => this.cell(row, c))));
      UPDATE_POINT();
    }
    const footer = this.footer();
    if (footer) out.push(footer);
    return out.join("\n");
  }
  header() { this.hookCalls.push("header"); return `== ${this.title} ==`; }
  include() { return true; }
  cell(row, c) { return String(row[c] ?? ""); }
  footer() { return null; }
  columns() { throw new Error("columns() must be implemented"); }
  formatRow(cells) { throw new Error("formatRow() must be implemented"); }
}
class CsvReport extends Report {
  columns() { return Object.keys(this.rows[0] ?? {}); }
  formatRow(cells) { return cells.map((c) => (c.includes(",") ? `"${c}"` : c)).join(","); }
}
class TableReport extends Report {
  columns() { return ["name", "qty", "price"]; }
  formatRow(cells) { return "| " + cells.map((c, i) => (i === 0 ? c.padEnd(8) : c.padStart(6))).join(" | ") + " |"; }
  cell(row, c) { return c === "price" ? Number(row.price).toFixed(2) : super.cell(row, c); }
  footer() {
    let total = 0;
    for (const r of this.rows) if (this.include(r)) total += r.qty * r.price;
    return `total: ${total.toFixed(2)}`;
  }
}
class FilteredTable extends TableReport {
  constructor(title, rows, minQty) {
    super(title, rows);
    this.minQty = minQty;
  }
  header() { return super.header() + ` (qty >= ${this.minQty})`; }
  include(row) { return row.qty >= this.minQty; }
}
const rows = [
  { name: "bolts", qty: 120, price: 0.05 },
  { name: "nuts, hex", qty: 80, price: 0.04 },
  { name: "gear", qty: 3, price: 12.5 },
  { name: "chain", qty: 10, price: 7.25 },
];
for (const r of [new CsvReport("csv", rows), new TableReport("table", rows), new FilteredTable("big orders", rows, 50)]) {
  console.log(r.render());
  console.log("hooks:", r.hookCalls.join(","));
}
try {
  new Report("x", []);
} catch (e) {
  console.log(e.constructor.name, e.message);
}
class Incomplete extends Report {}
try {
  new Incomplete("inc", [{ a: 1 }]).render();
} catch (e) {
  UPDATE_POINT();
  console.log(e.message);
}
