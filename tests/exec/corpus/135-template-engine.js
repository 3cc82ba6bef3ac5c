// a tiny template engine: variables with filters, loops, conditionals, compiled to closures
function tokenize(tpl) {
  UPDATE_POINT();
  const re = /\{\{\s*(.+?)\s*\}\}|\{%\s*(.+?)\s*%\}/g;
  const toks = [];
  let last = 0, m;
  while ((m = re.exec(tpl))) {
    if (m.index > last) toks.push({ t: "text", v: tpl.slice(last, m.index) });
    toks.push(m[1] !== undefined ? { t: "var", v: m[1] } : { t: "tag", v: m[2] });
    last = re.lastIndex;
  }
  if (last < tpl.length) toks.push({ t: "text", v: tpl.slice(last) });
  return toks;
}
const filters = {
  upper: (s) => String(s).toUpperCase(),
  lower: (s) => String(s).toLowerCase(),
  len: (x) => x.length,
  money: (n) => "$" + Number(n).toFixed(2),
  join: (a, sep = ", ") => a.join(sep),
  default: (v, d) => (v === undefined || v === null || v === "" ? d : v),
};
function lookup(ctx, path) {
  let v = ctx;
  for (const part of path.split(".")) {
    if (v == null) return undefined;
    v = v[part];
  }
  return v;
}
function compileExpr(src) {
  const [head, ...fs] = src.split("|").map((s) => s.trim());
  const parsed = fs.map((f) => {
    const [name, arg] = f.split(":").map((s) => s.trim());
    if (!filters[name]) throw new Error("unknown filter " + name);
    return [filters[name], arg === undefined ? undefined : JSON.parse(arg)];
  });
  const literal = /^(".*"|-?\d+(\.\d+)?)$/.test(head) ? JSON.parse(head) : undefined;
  return (ctx) => parsed.reduce((v, [f, arg]) => f(v, arg), literal !== undefined ? literal : lookup(ctx, head));
}
function compile(tpl) {
  const toks = tokenize(tpl);
  let pos = 0;
  function block(endTags) {
    const parts = [];
    while (pos < toks.length) {
      const tk = toks[pos];
      if (tk.t === "tag" && endTags.some((e) => tk.v.startsWith(e))) return parts;
      pos++;
      if (tk.t === "text") parts.push(() => tk.v);
      else if (tk.t === "var") parts.push(compileExpr(tk.v));
      else if (tk.v.startsWith("for ")) {
        const [, name, listExpr] = /^for (\w+) in (.+)$/.exec(tk.v);
        const list = compileExpr(listExpr);
        const body = block(["endfor"]);
        pos++;
        parts.push((ctx) => {
          let s = "";
          const items = list(ctx) || [];
          items.forEach((item, i) => {
            UPDATE_POINT();
            const inner = Object.assign(Object.create(ctx), { [name]: item, loop: { index: i + 1, first: i === 0, last: i === items.length - 1 } });
            for (const p of body) s += p(inner);
          });
          return s;
        });
      } else if (tk.v.startsWith("if ")) {
        const neg = tk.v.startsWith("if not ");
        const cond = compileExpr(tk.v.slice(neg ? 7 : 3));
        const yes = block(["else", "endif"]);
        let no = [];
        if (toks[pos].v === "else") {
          pos++;
          no = block(["endif"]);
        }
        pos++;
        parts.push((ctx) => {
          const c = !!cond(ctx) !== neg;
          return (c ? yes : no).map((p) => p(ctx)).join("");
        });
      } else throw new Error("unknown tag " + tk.v);
    }
    return parts;
  }
  const parts = block([]);
  return (ctx) => parts.map((p) => p(ctx)).join("");
}
const tpl = `Order for {{ customer.name | upper }} ({{ customer.email | default: "no email" }})
{% for item in items %}{{ loop.index }}. {{ item.name }} x{{ item.qty }} = {{ item.total | money }}{% if item.gift %} [gift]{% endif %}{% if not loop.last %}
{% endif %}{% endfor %}
Tags: {% if tags | len %}{{ tags | join: " / " }}{% else %}none{% endif %}
{{ "literal" | upper }} {{ 42 }}`;
const render = compile(tpl);
const items = [
  { name: "pen", qty: 3, price: 1.5 },
  { name: "book", qty: 1, price: 12.99, gift: true },
  { name: "lamp", qty: 2, price: 20 },
].map((i) => ({ ...i, total: i.qty * i.price }));
console.log(render({ customer: { name: "Ann", email: "" }, items, tags: ["rush", "fragile"] }));
console.log("---");
console.log(render({ customer: { name: "bob", email: "bob@example.com" }, items: items.slice(0, 1), tags: [] }));
try {
  compile("{{ x | nope }}");
} catch (e) {
  UPDATE_POINT();
  console.log(e.message);
}
