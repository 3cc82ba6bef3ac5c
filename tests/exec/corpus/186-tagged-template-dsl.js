// tagged templates as small DSLs: HTML escaping, SQL-ish builders, regex builders, String.raw, nested tags
function escapeHtml(v) {
  UPDATE_POINT();
  return String(v).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}
class Safe {
  constructor(s) { this.s = s; }
  toString() { return this.s; }
}
function html(strings, ...values) {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    UPDATE_POINT();
    if (v instanceof Safe) out += v.s;
    else if (Array.isArray(v)) out += v.map((x) => (x instanceof Safe ? x.s : escapeHtml(x))).join("");
    else out += escapeHtml(v);
    out += strings[i + 1];
  }
  return new Safe(out);
}
const items = ["<b>bold</b>", "Tom & Jerry", `"quoted"`];
const list = html`<ul>${items.map((it, i) => html`<li data-i="${i}">${it}</li>`)}</ul>`;
console.log(String(list));
const user = { name: "<script>alert(1)</script>", admin: false };
console.log(String(html`<p class="${user.admin ? "admin" : "user"}">Hello, ${user.name}!</p>`));

// a tag building a regular expression where interpolations are escaped literally
function re(strings, ...values) {
  const esc = (s) => String(s).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  let src = "";
  strings.raw.forEach((s, i) => {
    src += s + (i < values.length ? esc(values[i]) : "");
  });
  return new RegExp(src, "g");
}
const price = "$9.99";
const r = re`(\d+)x ${price}`;
console.log(r.source, "3x $9.99 and 12x $9.99 but not 4x $9X99".match(r).join(" | "));

// String.raw and custom raw processing
console.log(String.raw`C:\new\table${1 + 1}\x`, String.raw({ raw: ["a", "b", "c"] }, 1, 2, 3));

// a tag that evaluates an expression template with a counter and caches per call site
const cache = new Map();
let evaluations = 0;
function memoTag(strings, ...values) {
  const key = strings; // identical for the same call site
  if (!cache.has(key)) cache.set(key, 0);
  cache.set(key, cache.get(key) + 1);
  evaluations++;
  return strings.reduce((acc, s, i) => acc + s + (i < values.length ? `[${values[i]}]` : ""), "");
}
const outs = [];
for (let i = 0; i < 3; i++) {
  outs.push(memoTag`a${i}b`);
  outs.push(memoTag`c${i * i}d${-i}e`);
}
console.log(outs.join(" "), cache.size, [...cache.values()].join(","), evaluations);

// tags returning functions (templates compiled once, rendered many times)
function template(strings, ...keys) {
  UPDATE_POINT();
  return (data) => strings.reduce((acc, s, i) => acc + s + (i < keys.length ? (typeof keys[i] === "function" ? keys[i](data) : data[keys[i]]) : ""), "");
}
const line = template`${"name"} owes ${(d) => (d.cents / 100).toFixed(2)} (${"status"})`;
for (const d of [{ name: "ann", cents: 1234, status: "late" }, { name: "bob", cents: 5, status: "ok" }]) console.log(line(d));
// member-expression and call-expression tags, with `this`
const fmt = {
  prefix: "#",
  tag(strings, ...v) { return this.prefix + strings.join("_") + v.join("+"); },
  make(p) { return (s, ...v) => p + s.join("") + v.length; },
};
console.log(fmt.tag`x${1}y${2}z`, fmt.make(">")`a${1}b${2}c${3}`, fmt["tag"]`only`);
