// object literals with calls in values, computed keys, spread, methods, getters
let seq = 0;
function id(prefix) { seq++; return prefix + seq; }
function val(v) { UPDATE_POINT(); return v * 2; }

const base = { a: val(1), b: val(2) };
const obj = {
  [id("k")]: val(3),
  ...base,
  [id("k")]: { inner: val(4), [id("deep")]: id("v") },
  b: val(10),
  ...(seq > 3 ? { big: true } : { big: false }),
  ...null,
  ...undefined,
  ...[7, 8],
  m() { return this.a + this.b; },
  get g() { return id("g"); },
};
console.log(JSON.stringify(obj));
console.log(obj.m(), obj.g, obj.g);

function makePoint(x, y) {
  UPDATE_POINT();
  return { x, y, len: Math.hypot(x, y), tag: `${x},${y}` };
}
const pts = [];
for (let i = 0; i < 5; i++) {
  pts.push({ ...makePoint(i, i * 2), idx: i, ...(i % 2 ? { odd: id("o") } : {}) });
}
console.log(JSON.stringify(pts));

// spread order: later keys win, getters on the source are invoked
let getterRuns = 0;
const src = {
  get lazy() { getterRuns++; let s = 0; for (let i = 0; i < 10; i++) s += i; return s; },
  plain: 1,
};
const copy1 = { lazy: 0, ...src, plain: 2 };
const copy2 = { ...copy1, ...src };
console.log(JSON.stringify(copy1), JSON.stringify(copy2), getterRuns);

function merge(...objs) {
  let result = {};
  for (const o of objs) {
    UPDATE_POINT();
    result = { ...result, ...o, count: (result.count || 0) + 1 };
  }
  return result;
}
console.log(JSON.stringify(merge({ a: 1 }, { b: 2 }, { a: 3, c: 4 })));
