// a hand-written recursive serializer/deserializer (JSON-like) with pretty printing, checked against JSON
function serialize(v, indent = "", step = "  ") {
  UPDATE_POINT();
  if (v === null) return "null";
  switch (typeof v) {
    case "number": return Number.isFinite(v) ? String(v) : "null";
    case "boolean": return v ? "true" : "false";
    case "string": return quote(v);
    case "object": {
      const inner = indent + step;
      if (Array.isArray(v)) {
        if (!v.length) return "[]";
        const parts = [];
        for (const x of v) parts.push(inner + serialize(x === undefined ? null : x, inner, step));
        return "[\n" + parts.join(",\n") + "\n" + indent + "]";
      }
      const keys = Object.keys(v).filter((k) => v[k] !== undefined && typeof v[k] !== "function");
      if (!keys.length) return "{}";
      UPDATE_POINT();
      return "{\n" + keys.map((k) => `${inner}${quote(k)}: ${serialize(v[k], inner, step)}`).join(",\n") + "\n" + indent + "}";
    }
    default: return "null";
  }
}
function quote(s) {
  let out = '"';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (c < 0x20) out += "\\u" + c.toString(16).padStart(4, "0");
    else out += ch;
  }
  return out + '"';
}
function parse(text) {
  let i = 0;
  const ws = () => { while (" \n\t\r".includes(text[i]) && i < text.length) i++; };
  function value() {
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      const o = {};
      ws();
      if (text[i] === "}") { i++; return o; }
      for (;;) {
        ws();
        const k = str();
        ws();
        if (text[i++] !== ":") throw new SyntaxError("expected : at " + (i - 1));
        o[k] = value();
        ws();
        if (text[i] === ",") { i++; continue; }
        if (text[i++] === "}") return o;
        throw new SyntaxError("expected , or } at " + (i - 1));
      }
    }
    if (c === "[") {
      i++;
      const a = [];
      ws();
      if (text[i] === "]") { i++; return a; }
      for (;;) {
        a.push(value());
        ws();
        if (text[i] === ",") { i++; continue; }
        if (text[i++] === "]") return a;
        throw new SyntaxError("expected , or ] at " + (i - 1));
      }
    }
    if (c === '"') return str();
    for (const [lit, val] of [["true", true], ["false", false], ["null", null]]) {
      if (text.startsWith(lit, i)) { i += lit.length; return val; }
    }
    const m = /^-?\d+(\.\d+)?([eE][-+]?\d+)?/.exec(text.slice(i));
    if (!m) throw new SyntaxError("unexpected " + JSON.stringify(c) + " at " + i);
    i += m[0].length;
    return Number(m[0]);
  }
  function str() {
    if (text[i] !== '"') throw new SyntaxError("expected string at " + i);
    i++;
    let s = "";
    while (text[i] !== '"') {
      if (i >= text.length) throw new SyntaxError("unterminated string");
      if (text[i] === "\\") {
        const e = text[++i];
        if (e === "n") s += "\n";
        else if (e === "t") s += "\t";
        else if (e === "u") { s += String.fromCharCode(parseInt(text.slice(i + 1, i + 5), 16)); i += 4; }
        else s += e;
        i++;
      } else s += text[i++];
    }
    i++;
    return s;
  }
  const v = value();
  ws();
  if (i !== text.length) throw new SyntaxError("trailing data at " + i);
  return v;
}
const sample = {
  name: "restack \"test\"",
  version: 3,
  ratio: -0.125,
  big: 1.5e21,
  flags: [true, false, null, undefined],
  nested: { empty: {}, list: [], deep: [[1, [2, [3]]], { a: "tab\there", b: "line\nbreak", c: "\u0001" }] },
  skip: undefined,
  fn() {},
};
const text = serialize(sample);
console.log(text);
console.log(JSON.stringify(parse(text)) === JSON.stringify(sample), JSON.stringify(JSON.parse(text)) === JSON.stringify(parse(text)));
for (const bad of ['{"a" 1}', "[1,2", '"open', "tru", "{}x"]) {
  try {
    parse(bad);
  } catch (e) {
    UPDATE_POINT();
    console.log(JSON.stringify(bad), e.constructor.name, e.message);
  }
}
