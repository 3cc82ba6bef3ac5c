// tagged templates: tag functions with loops, calls in substitutions, raw strings
function upper(strings, ...values) {
  UPDATE_POINT();
  let out = "";
  for (let i = 0; i < strings.length; i++) {
    out += strings[i];
    if (i < values.length) {
      UPDATE_POINT();
      out += String(values[i]).toUpperCase();
    }
  }
  return out;
}
let calls = 0;
function f(x) { calls++; return "v" + x; }
console.log(upper`hello ${f(1)} and ${f(2)}!`);
console.log(upper`${f(3)}${f(4)}`);
console.log(upper`none`);

function rawTag(strings) {
  return strings.raw.join("|") + " / " + strings.join("|");
}
console.log(rawTag`a\tb${1}c\nd`);

// the strings array is the same object each time a given call site is evaluated
const seen = [];
function identity(strings) { return strings; }
for (let i = 0; i < 3; i++) {
  seen.push(identity`x${i}y`);
}
console.log(seen[0] === seen[1], seen[1] === seen[2], Object.isFrozen(seen[0]));

function sql(strings, ...vals) {
  UPDATE_POINT();
  const params = [];
  const text = strings.reduce((acc, s, i) => {
    if (i === 0) return s;
    params.push(vals[i - 1]);
    return acc + "$" + params.length + s;
  }, "");
  return { text, params };
}
const id = 42;
const name = "o'brien";
const q = sql`SELECT * FROM t WHERE id = ${id} AND name = ${name} LIMIT ${f(9)}`;
console.log(q.text, JSON.stringify(q.params), calls);

// tag that is a method, and a tag returned by a call
const obj = { prefix: ">>", tag(s, ...v) { return this.prefix + s.join("_") + v.length; } };
console.log(obj.tag`a${1}b${2}c`);
function makeTag(sep) { return (s, ...v) => v.map((x, i) => s[i] + x).join(sep) + s[s.length - 1]; }
console.log(makeTag("~")`p${1}q${2}r${3}s`);
