// parser combinators built from closures: sequence, choice, many, map, lazy recursion; parse a config language
const ok = (value, rest) => ({ ok: true, value, rest });
const fail = (expected, rest) => ({ ok: false, expected, rest });
const str = (s) => (input) => (input.startsWith(s) ? ok(s, input.slice(s.length)) : fail(JSON.stringify(s), input));
const regex = (re, name) => (input) => {
  const m = re.exec(input);
  return m && m.index === 0 ? ok(m[0], input.slice(m[0].length)) : fail(name, input);
};
const seq = (...ps) => (input) => {
  const values = [];
  let rest = input;
  for (const p of ps) {
    UPDATE_POINT();
    const r = p(rest);
    if (!r.ok) return r;
    values.push(r.value);
    rest = r.rest;
  }
  return ok(values, rest);
};
const alt = (...ps) => (input) => {
  const expected = [];
  for (const p of ps) {
    const r = p(input);
    if (r.ok) return r;
    expected.push(r.expected);
  }
  return fail(expected.join(" or "), input);
};
const many = (p) => (input) => {
  const values = [];
  let rest = input;
  for (;;) {
    const r = p(rest);
    if (!r.ok || r.rest === rest) return ok(values, rest);
    values.push(r.value);
    rest = r.rest;
    UPDATE_POINT();
  }
};
const map = (p, f) => (input) => {
  const r = p(input);
  return r.ok ? ok(f(r.value), r.rest) : r;
};
const lazy = (thunk) => (input) => thunk()(input);
const optional = (p, dflt = null) => alt(p, (input) => ok(dflt, input));
const sepBy = (p, sep) => map(optional(seq(p, many(map(seq(sep, p), ([, v]) => v))), null), (r) => (r ? [r[0], ...r[1]] : []));

const ws = regex(/[ \t\n]*/, "whitespace");
const token = (p) => map(seq(ws, p, ws), ([, v]) => v);
const number = token(map(regex(/-?\d+(\.\d+)?/, "number"), Number));
const string = token(map(regex(/"[^"]*"/, "string"), (s) => s.slice(1, -1)));
const bool = token(map(alt(str("true"), str("false")), (s) => s === "true"));
const ident = token(regex(/[a-zA-Z_][\w-]*/, "identifier"));
const value = lazy(() => alt(number, string, bool, list, block));
const list = map(seq(token(str("[")), sepBy(value, token(str(","))), token(str("]"))), ([, items]) => items);
const entry = map(seq(ident, token(str("=")), value, optional(token(str(";")))), ([k, , v]) => [k, v]);
const block = map(seq(token(str("{")), many(entry), token(str("}"))), ([, es]) => Object.fromEntries(es));
const config = map(seq(many(entry), ws), ([es]) => Object.fromEntries(es));

const source = `
name = "restack";
version = [0, 1, 2]
debug = false
server = {
  host = "localhost"; port = 8080
  tls = { enabled = true; ciphers = ["a", "b"] }
}
limits = [ { max = 10 }, { max = -2.5 } ]
`;
const r = config(source);
console.log(r.ok, JSON.stringify(r.value), JSON.stringify(r.rest));
for (const bad of ["x = ", "x = [1, 2", "x = {a = 1", "= 3"]) {
  UPDATE_POINT();
  const res = seq(config, regex(/$/, "end of input"))(bad);
  console.log(JSON.stringify(bad), res.ok ? "parsed?" : "expected " + res.expected + " at " + JSON.stringify(res.rest.slice(0, 10)));
}
// arithmetic with precedence via chainl
const chainl = (p, op) => map(seq(p, many(seq(op, p))), ([first, rest]) => rest.reduce((acc, [o, v]) => o(acc, v), first));
const addop = token(map(alt(str("+"), str("-")), (o) => (o === "+" ? (a, b) => a + b : (a, b) => a - b)));
const mulop = token(map(alt(str("*"), str("/")), (o) => (o === "*" ? (a, b) => a * b : (a, b) => a / b)));
const expr = lazy(() => chainl(term, addop));
const term = lazy(() => chainl(factor, mulop));
const factor = alt(number, map(seq(token(str("(")), expr, token(str(")"))), ([, v]) => v));
for (const e of ["1 + 2 * 3", "(1 + 2) * 3", "10 / 4 - 1", "2 * (3 + 4) * 5 - 6 / 3"]) console.log(e, "=", expr(e).value);
