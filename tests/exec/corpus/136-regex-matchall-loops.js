// regular expressions driven from loops: exec with lastIndex, matchAll, sticky tokenizing, split with captures
const log = `2024-01-05 10:00:01 INFO  user=ann action=login ms=120
2024-01-05 10:00:07 WARN  user=bob action=upload ms=3400 size=10MB
2024-01-05 10:01:12 ERROR user=ann action=upload ms=50 err="disk full"
2024-01-05 10:02:00 INFO  user=cyd action=logout ms=8
2024-01-05 10:03:33 INFO  user=bob action=login ms=95
2024-01-05 10:04:01 ERROR user=bob action=download ms=15000 err="timeout after 15s"`;

const lineRe = /^(\S+) (\S+) (\w+)\s+(.*)$/gm;
const kvRe = /(\w+)=("([^"]*)"|\S+)/g;
const entries = [];
let m;
while ((m = lineRe.exec(log)) !== null) {
  UPDATE_POINT();
  const fields = {};
  for (const kv of m[4].matchAll(kvRe)) fields[kv[1]] = kv[3] !== undefined ? kv[3] : kv[2];
  entries.push({ time: m[2], level: m[3], ...fields });
  UPDATE_POINT();
}
console.log(entries.length, JSON.stringify(entries[2]));
const byUser = {};
for (const e of entries) {
  const u = (byUser[e.user] ||= { n: 0, ms: 0, errors: [] });
  u.n++;
  u.ms += Number(e.ms);
  if (e.level === "ERROR") u.errors.push(e.err);
}
console.log(JSON.stringify(byUser));

// sticky regex tokenizer
function lex(src) {
  const rules = [
    ["ws", /\s+/y],
    ["num", /\d+(?:\.\d+)?/y],
    ["ident", /[A-Za-z_]\w*/y],
    ["str", /"(?:[^"\\]|\\.)*"/y],
    ["op", /==|!=|<=|>=|&&|\|\||[-+*\/=<>!(){};,]/y],
  ];
  const out = [];
  let pos = 0;
  outer: while (pos < src.length) {
    for (const [type, re] of rules) {
      re.lastIndex = pos;
      const mm = re.exec(src);
      if (mm) {
        if (type !== "ws") out.push(`${type}:${mm[0]}`);
        pos = re.lastIndex;
        continue outer;
      }
    }
    throw new SyntaxError(`bad char ${JSON.stringify(src[pos])} at ${pos}`);
  }
  return out;
}
console.log(lex('let x = 3.14 * (y + 2); if (x >= 10 && name != "a \\"q\\"") { go(); }').join(" "));
try {
  lex("a = 1 @ 2");
} catch (e) {
  UPDATE_POINT();
  console.log(e.message);
}

// split with capture groups keeps the separators; replace with lookahead for thousands
console.log(JSON.stringify("a1b22c333d".split(/(\d+)/)));
console.log([1234567.891, 1000, 999, -9876543].map((n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",")).join(" "));

// global regex state carried across calls (lastIndex) is deterministic
const g = /o/g;
const hits = [];
for (const s of ["foo", "foo", "boo", "xyz", "foo"]) hits.push(g.test(s) + "@" + g.lastIndex);
console.log(hits.join(" "));
// backreferences and named groups
const dup = /\b(?<word>\w+)\s+\k<word>\b/gi;
console.log([..."This is is a test test of the the regex Regex".matchAll(dup)].map((x) => `${x.groups.word}@${x.index}`).join(" "));
