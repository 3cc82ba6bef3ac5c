// a JSONPath-like query evaluator: dotted paths, wildcards, recursive descent, filters with predicates
function parsePath(path) {
  UPDATE_POINT();
  const steps = [];
  const re = /\.\.(\w+|\*)|\.(\w+|\*)|\[(\d+|\*|"[^"]*")\]|\[\?\((.+?)\)\]/g;
  let m, last = 0;
  if (!path.startsWith("$")) throw new SyntaxError("path must start with $");
  re.lastIndex = 1;
  last = 1;
  while ((m = re.exec(path))) {
    if (m.index !== last) throw new SyntaxError("unexpected text at " + last);
    last = re.lastIndex;
    if (m[1]) steps.push({ kind: "descend", name: m[1] });
    else if (m[2]) steps.push({ kind: "child", name: m[2] });
    else if (m[3]) steps.push({ kind: "child", name: m[3].startsWith('"') ? m[3].slice(1, -1) : m[3] });
    else steps.push({ kind: "filter", pred: compilePredicate(m[4]) });
  }
  if (last !== path.length) throw new SyntaxError("unexpected text at " + last);
  return steps;
}
function compilePredicate(src) {
  const m = /^@\.(\w+)\s*(==|!=|<|>|<=|>=)\s*(.+)$/.exec(src.trim());
  if (!m) throw new SyntaxError("bad filter " + src);
  const [, field, op, raw] = m;
  const value = JSON.parse(raw.replace(/'/g, '"'));
  const ops = { "==": (a, b) => a === b, "!=": (a, b) => a !== b, "<": (a, b) => a < b, ">": (a, b) => a > b, "<=": (a, b) => a <= b, ">=": (a, b) => a >= b };
  return (item) => item !== null && typeof item === "object" && field in item && ops[op](item[field], value);
}
function children(node, name) {
  if (node === null || typeof node !== "object") return [];
  if (name === "*") return Array.isArray(node) ? node : Object.values(node);
  return name in node ? [node[name]] : [];
}
function descendants(node, out = []) {
  out.push(node);
  if (node && typeof node === "object") for (const v of Object.values(node)) descendants(v, out);
  return out;
}
function query(data, path) {
  let current = [data];
  for (const step of parsePath(path)) {
    const next = [];
    for (const node of current) {
      if (step.kind === "child") next.push(...children(node, step.name));
      else if (step.kind === "descend") for (const d of descendants(node)) next.push(...children(d, step.name));
      else for (const c of children(node, "*")) if (step.pred(c)) next.push(c);
    }
    current = next;
    UPDATE_POINT();
  }
  return current;
}
const store = {
  store: {
    book: [
      { category: "reference", author: "Rees", title: "Sayings", price: 8.95 },
      { category: "fiction", author: "Waugh", title: "Sword", price: 12.99 },
      { category: "fiction", author: "Melville", title: "Moby Dick", isbn: "0-553", price: 8.99 },
      { category: "fiction", author: "Tolkien", title: "The Lord", isbn: "0-395", price: 22.99 },
    ],
    bicycle: { color: "red", price: 19.95, parts: [{ name: "bell", price: 2 }] },
  },
  owner: { name: "ann", "home town": "Oslo" },
};
const paths = [
  "$.store.book[*].author",
  "$..author",
  "$.store.*",
  "$..price",
  "$.store.book[2].title",
  "$.store.book[?(@.price < 10)].title",
  "$..book[?(@.category == 'fiction')].isbn",
  "$..[?(@.price > 15)]",
  '$.owner["home town"]',
  "$..parts[0].name",
  "$.nothing.here",
  "store.book",
  "$.store.book[?(@.price ~ 3)]",
];
for (const p of paths) {
  try {
    const r = query(store, p);
    console.log(p, "=>", JSON.stringify(r.map((x) => (x && typeof x === "object" ? Object.keys(x).length + "keys" : x))));
  } catch (e) {
    UPDATE_POINT();
    console.log(p, "=>", e.constructor.name, e.message);
  }
}
