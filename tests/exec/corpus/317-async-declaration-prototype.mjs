// An async function declaration's wrapper has AsyncFunction.prototype wherever it is declared:
// exported, default-exported without a name, in a switch case (entered at any case).
import anonymous, * as self from './317-async-declaration-prototype.mjs';
const AsyncFunction = Object.getPrototypeOf(async function () {});
function step(x) { let s = 0; for (let i = 0; i < 3; i++) s += x; return s; }
export async function exported(n) { for (let i = 0; i < n; i++) await step(i); return n; }
export default async function (n) { await step(n); return -n; }
function inSwitch(v) {
  switch (v) {
    case 0: return [Object.getPrototypeOf(f) === AsyncFunction, f.name, f.length].join(',');
    case 1: v++;
    case 2: return [Object.getPrototypeOf(f) === AsyncFunction, v].join(',');
    default: async function f(a, b) { for (const x of [a, b]) await step(x); return a; }
  }
  return typeof f;
}
console.log(self.exported === exported, Object.getPrototypeOf(exported) === AsyncFunction, exported.name, exported.length);
console.log(Object.getPrototypeOf(anonymous) === AsyncFunction, anonymous.name, anonymous.length);
console.log(inSwitch(0), inSwitch(1), inSwitch(2), inSwitch(3));
console.log(await exported(2), await anonymous(4));
