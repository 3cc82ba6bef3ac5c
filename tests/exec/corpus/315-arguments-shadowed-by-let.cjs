// A body that declares its own `arguments` (let or const) while its parameter defaults read
// the arguments object: at the entry update point that binding is in its TDZ, and the save must
// not read it.
function step(x) { let s = 0; for (let i = 0; i < 3; i++) s += x; return s; }
let seen;
function viaLet(a = seen = arguments) {
  let arguments = step(a.length);
  for (let i = 0; i < 2; i++) arguments += step(i);
  return [typeof seen, seen.length, arguments];
}
function viaConst(a, b = () => arguments.length) {
  const arguments = 'own';
  return [step(1), b(), arguments];
}
function viaBlock(n = arguments.length) {
  const out = [n];
  { let arguments = step(n); out.push(arguments); }
  let arguments = { twice: (v) => step(v) * 2 };
  return out.concat(arguments.twice(n));
}
const arrowInside = function (x = (() => arguments[1])()) {
  let arguments = [x];
  for (const v of [1, 2]) arguments.push(step(v));
  return arguments.join(',');
};
console.log(viaLet().join(' '), viaLet(undefined, 9).join(' '));
console.log(viaConst(1).join(' '), viaConst(1, undefined, 3).join(' '));
console.log(viaBlock().join(' '), viaBlock(undefined, 1, 2).join(' '));
console.log(arrowInside(undefined, 'second'));
