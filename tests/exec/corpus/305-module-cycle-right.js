// The other half of 305-module-cycle-left.js: its body runs first when left is the entry.
import leftDefault, { left, leftGen, leftAsync, leftHelper } from './305-module-cycle-left.js';

function step(x) { UPDATE_POINT(); return x + 1; }
var calls;

export function right(n) {
  let s = 0;
  for (let i = 0; i < n; i++) s = step(s);
  return 'right' + s;
}
export function rightCount() { calls = step(calls ?? 0); return calls; }
export function* rightGen(n) { for (let i = 0; i < n; i++) yield step(i); }
export async function rightAsync(v) { await null; return 'right async ' + step(v); }

console.log('right body:', left(3), leftDefault(), leftHelper(), [...leftGen(2)].join(''));
leftAsync(1).then((v) => console.log('right body then:', v));
