// a recursive pretty printer for nested data with width-aware layout (fits on one line or breaks)
function flat(v, seen) {
  UPDATE_POINT();
  if (v === null) return "null";
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (typeof v === "undefined") return "undefined";
  if (typeof v === "bigint") return v + "n";
  if (typeof v === "symbol") return v.description ? `Symbol(${v.description})` : "Symbol()";
  if (typeof v === "function") return "[function]";
  if (seen.has(v)) return "[circular]";
  seen.add(v);
  let out;
  if (Array.isArray(v)) out = "[" + v.map((x) => flat(x, seen)).join(", ") + "]";
  else if (v instanceof Map) out = "Map{" + [...v].map(([k, x]) => flat(k, seen) + " => " + flat(x, seen)).join(", ") + "}";
  else if (v instanceof Set) out = "Set{" + [...v].map((x) => flat(x, seen)).join(", ") + "}";
  else out = "{" + Object.keys(v).map((k) => `${/^\w+$/.test(k) ? k : JSON.stringify(k)}: ${flat(v[k], seen)}`).join(", ") + "}";
  seen.delete(v);
  return out;
}
function pretty(v, width = 40, indent = 0, seen = new Set()) {
  UPDATE_POINT();
  const one = flat(v, new Set(seen));
  if (one.length + indent <= width || v === null || typeof v !== "object" || seen.has(v)) return one;
  seen.add(v);
  const pad = " ".repeat(indent + 2);
  let entries, open, close;
  if (Array.isArray(v)) {
    [open, close] = ["[", "]"];
    entries = v.map((x) => pretty(x, width, indent + 2, seen));
  } else if (v instanceof Map) {
    [open, close] = ["Map{", "}"];
    entries = [...v].map(([k, x]) => flat(k, new Set()) + " => " + pretty(x, width, indent + 2, seen));
  } else if (v instanceof Set) {
    [open, close] = ["Set{", "}"];
    entries = [...v].map((x) => pretty(x, width, indent + 2, seen));
  } else {
    [open, close] = ["{", "}"];
    entries = Object.keys(v).map((k) => {
      UPDATE_POINT();
      return `${/^\w+$/.test(k) ? k : JSON.stringify(k)}: ${pretty(v[k], width, indent + 2 + k.length + 2, seen)}`;
    });
  }
  seen.delete(v);
  return `${open}\n${entries.map((e) => pad + e).join(",\n")}\n${" ".repeat(indent)}${close}`;
}
const data = {
  name: "restack",
  version: [0, 1, 0],
  flags: { capture: true, rebuild: true, "dry-run": false },
  stats: new Map([["frames", 1234], ["updates", 56]]),
  tags: new Set(["vm", "stack", "js"]),
  matrix: [[1, 2, 3], [4, 5, 6], [7, 8, 9]],
  nested: { a: { b: { c: { d: { e: "deep value that is fairly long" } } } } },
  misc: [null, undefined, 10n, Symbol("sym"), () => 1, "str"],
};
data.self = data;
console.log(pretty(data, 40));
console.log("---");
console.log(pretty(data.matrix, 10));
console.log(pretty([1, 2, 3], 80), pretty("just a string"), pretty({}), pretty([]));
