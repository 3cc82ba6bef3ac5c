// a tiny backtracking regex engine supporting literals, ., *, +, ?, character classes, anchors, groups with |
function parse(pattern) {
  UPDATE_POINT();
  let i = 0;
  function alternation() {
    const branches = [sequence()];
    while (pattern[i] === "|") {
      i++;
      branches.push(sequence());
    }
    return branches.length === 1 ? branches[0] : { type: "alt", branches };
  }
  function sequence() {
    const items = [];
    while (i < pattern.length && pattern[i] !== "|" && pattern[i] !== ")") {
      let atom = parseAtom();
      while ("*+?".includes(pattern[i]) && i < pattern.length) {
        const q = pattern[i++];
        atom = { type: "repeat", atom, min: q === "+" ? 1 : 0, max: q === "?" ? 1 : Infinity };
      }
      items.push(atom);
    }
    return { type: "seq", items };
  }
  function parseAtom() {
    const c = pattern[i++];
    if (c === "(") {
      const inner = alternation();
      if (pattern[i++] !== ")") throw new SyntaxError("missing )");
      return inner;
    }
    if (c === "[") {
      let negate = false;
      if (pattern[i] === "^") { negate = true; i++; }
      const ranges = [];
      while (pattern[i] !== "]") {
        if (i >= pattern.length) throw new SyntaxError("missing ]");
        const lo = pattern[i++];
        if (pattern[i] === "-" && pattern[i + 1] !== "]") { i++; ranges.push([lo, pattern[i++]]); }
        else ranges.push([lo, lo]);
      }
      i++;
      return { type: "class", ranges, negate };
    }
    if (c === ".") return { type: "any" };
    if (c === "^") return { type: "start" };
    if (c === "$") return { type: "end" };
    if (c === "\\") return { type: "char", c: pattern[i++] };
    return { type: "char", c };
  }
  const ast = alternation();
  if (i < pattern.length) throw new SyntaxError("unexpected " + pattern[i]);
  return ast;
}
let steps = 0;
// continuation-passing matcher: m(node, str, pos, k) calls k(newPos) for each way to match
function m(node, s, pos, k) {
  steps++;
  if (steps % 2000 === 0) UPDATE_POINT();
  switch (node.type) {
    case "char": return pos < s.length && s[pos] === node.c && k(pos + 1);
    case "any": return pos < s.length && k(pos + 1);
    case "start": return pos === 0 && k(pos);
    case "end": return pos === s.length && k(pos);
    case "class": {
      if (pos >= s.length) return false;
      const ch = s[pos];
      const inside = node.ranges.some(([lo, hi]) => ch >= lo && ch <= hi);
      return inside !== node.negate && k(pos + 1);
    }
    case "seq": {
      const go = (idx, p) => (idx === node.items.length ? k(p) : m(node.items[idx], s, p, (np) => go(idx + 1, np)));
      return go(0, pos);
    }
    case "alt": return node.branches.some((br) => m(br, s, pos, k));
    case "repeat": {
      const rep = (count, p) => {
        if (count < node.max && m(node.atom, s, p, (np) => np !== p && rep(count + 1, np))) return true; // greedy
        return count >= node.min && k(p);
      };
      return rep(0, pos);
    }
  }
  throw new Error("bad node " + node.type);
}
function search(pattern, s) {
  const ast = parse(pattern);
  for (let start = 0; start <= s.length; start++) {
    let end = -1;
    if (m(ast, s, start, (p) => ((end = p), true))) return [start, s.slice(start, end)];
  }
  return null;
}
const cases = [
  ["ab*c", "xxabbbcyy"],
  ["^ab*c$", "abbbc"],
  ["^ab*c$", "abbbcd"],
  ["colou?r", "my favourite color"],
  ["(cat|dog)s?", "hotdogs and cats"],
  ["[0-9]+(\\.[0-9]+)?", "price: 12.50 eur"],
  ["[^aeiou ]+", "aei xyz ou"],
  ["(a|ab)(c|bcd)(d*)", "abcd"],
  ["a.c", "abc adc a\nc"],
  ["(x+x+)+y", "xxxxxxxxxxxxy"],
  ["(x+x+)+y", "xxxxxxxxxx"],
  ["h(e|a)llo+$", "say hallooo"],
];
for (const [p, s] of cases) {
  steps = 0;
  const r = search(p, s);
  const native = new RegExp(p).exec(s);
  const agree = r === null ? native === null : native !== null && native.index === r[0] && native[0] === r[1];
  console.log(p.padEnd(20), JSON.stringify(s).padEnd(24), JSON.stringify(r), agree ? "agree" : "DIFFER", steps > 0);
}
for (const bad of ["(ab", "[a-z", "a)"]) {
  try {
    parse(bad);
  } catch (e) {
    UPDATE_POINT();
    console.log(bad, e.constructor.name, e.message);
  }
}
