// Sloppy async functions declared in blocks and switch cases are block-scoped: Annex B hoists
// plain function declarations only, so code after the block sees the outer binding (or none).
function step(x) { let s = 0; for (let i = 0; i < 3; i++) s += x; return s; }
var shadowed = 'outer';
if (step(1) === 3) {
  async function shadowed(n) { for (let i = 0; i < n; i++) await step(i); return 'inner'; }
  var fromInside = shadowed;
}
function inFunction(flag) {
  const out = [];
  {
    out.push(typeof later);
    async function later() { await null; return step(2); }
    out.push(typeof later);
  }
  out.push(typeof later);
  try { later; out.push('visible'); } catch (e) { out.push(e.constructor.name); }
  for (let i = 0; i < 2; i++) {
    async function perIteration() { await step(i); return i; }
    out.push(perIteration.name + i);
  }
  return out.join(' ');
}
function inSwitch(v) {
  const out = [];
  lbl: switch (step(v)) {
    case 3: out.push(typeof inCase); break lbl;
    case 6: out.push('six');
    default:
      async function inCase() { for (const x of [1, 2]) await step(x); return 'case'; }
      out.push(Object.getPrototypeOf(inCase) === Object.getPrototypeOf(async function () {}));
  }
  out.push(typeof inCase);
  return out.join(' ');
}
var discriminant = 'outer';
function discriminantScope() {
  switch (typeof discriminant) { default: async function discriminant() { await step(1); } return typeof discriminant; }
}
(async () => {
  console.log(shadowed, typeof fromInside, await fromInside(2));
  console.log(inFunction(true));
  console.log(inSwitch(1), '|', inSwitch(2), '|', inSwitch(5));
  console.log(discriminantScope(), typeof discriminant);
  try { console.log(typeof perIteration); } catch (e) { console.log(e.constructor.name); }
})();
