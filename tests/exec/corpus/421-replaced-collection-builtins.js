// A program that replaces Map's and Set's methods and iterators, Object.keys, Object.create,
// Reflect.apply and Math.max/min/floor with compiled functions holding loops (update points): a
// storm's capture and rebuild (which look modules and lines up in maps, and back off with Math)
// must neither call them nor be thrown off by what they return.
const calls = { get: 0, has: 0, set: 0, add: 0, keys: 0, max: 0, create: 0, apply: 0 };
const saved = [];
function replace(obj, key, counter) {
  const orig = obj[key];
  saved.push([obj, key, orig]);
  obj[key] = function (...args) {
    for (let i = 0; i < 2; i++) if (i === 1) calls[counter]++;
    return new.target ? Reflect.construct(orig, args) : origApply(orig, this, args);
  };
}
const origApply = Reflect.apply;
replace(Map.prototype, 'get', 'get');
replace(Map.prototype, 'has', 'has');
replace(Map.prototype, 'set', 'set');
replace(Set.prototype, 'has', 'has');
replace(Set.prototype, 'add', 'add');
replace(Object, 'keys', 'keys');
replace(Object, 'create', 'create');
replace(Math, 'max', 'max');
replace(Math, 'min', 'max');
replace(Math, 'floor', 'max');
replace(Reflect, 'apply', 'apply');
const origSetIter = Set.prototype[Symbol.iterator];
Set.prototype[Symbol.iterator] = function* () { const it = origApply(origSetIter, this, []); for (let r = it.next(); !r.done; r = it.next()) yield r.value; };

function tally(words) {
  const m = new Map();
  for (let i = 0; i < words.length; i++) m.set(words[i], (m.get(words[i]) ?? 0) + 1);
  const seen = new Set();
  for (let i = 0; i < words.length; i++) if (!seen.has(words[i])) seen.add(words[i]);
  let s = '';
  for (const w of seen) s += w + '=' + m.get(w) + ' ';
  return s.trim();
}
function recurse(n) {
  if (n === 0) return Object.keys({ a: 1, b: 2 }).length;
  return recurse(n - 1) + Math.max(n % 3, 1);
}
async function slow(n) {
  let t = 0;
  for (let i = 0; i < n; i++) { await null; t += Math.floor(i / 2); }
  return t;
}
const out = [tally('a b a c b a'.split(' ')), recurse(25), Object.create(null) === null];
slow(6).then((t) => {
  for (let i = saved.length - 1; i >= 0; i--) saved[i][0][saved[i][1]] = saved[i][2];
  Set.prototype[Symbol.iterator] = origSetIter;
  console.log(out.join(' | '), t, JSON.stringify(calls));
});
