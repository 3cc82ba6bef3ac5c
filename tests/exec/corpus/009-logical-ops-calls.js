// && || ?? with calls on the right, short-circuit semantics
const calls = [];
function t(name, v) { calls.push(name); UPDATE_POINT(); return v; }

console.log(t("a", 0) && t("b", 1));
console.log(t("c", 2) && t("d", 3));
console.log(t("e", 0) || t("f", "x"));
console.log(t("g", "y") || t("h", "z"));
console.log(t("i", null) ?? t("j", 7));
console.log(t("k", 0) ?? t("l", 8));
console.log(t("m", undefined) ?? t("n", null) ?? t("o", "last"));
console.log((t("p", 1) && t("q", 0)) || (t("r", false) ?? t("s", 1)));
console.log(calls.join(""));

function find(list, pred) {
  UPDATE_POINT();
  let hits = 0;
  for (const item of list) {
    const ok = (item && item.active && pred(item)) || (item?.force ?? false);
    if (ok) hits++;
  }
  return hits;
}
let predCalls = 0;
const pred = (x) => { predCalls++; return x.v > 2; };
console.log(find([null, { active: true, v: 3 }, { active: false, force: true }, { active: true, v: 1 }, {}, { active: 1, v: 5 }], pred), predCalls);

function defaults(opts) {
  UPDATE_POINT();
  const name = opts.name || computeName(opts);
  const level = opts.level ?? computeLevel();
  const tag = opts.tag && opts.tag.toUpperCase();
  return name + "/" + level + "/" + tag;
}
let nameCalls = 0, levelCalls = 0;
function computeName(o) { nameCalls++; return "anon" + Object.keys(o).length; }
function computeLevel() { levelCalls++; return 1; }
console.log(defaults({}));
console.log(defaults({ name: "bob", level: 0, tag: "x" }));
console.log(defaults({ name: "", level: null, tag: "" }));
console.log(nameCalls, levelCalls);
