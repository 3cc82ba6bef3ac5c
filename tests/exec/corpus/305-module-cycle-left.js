// An ES module cycle: each module's body calls the other's function declarations, which exist
// (as natively) before the module that declares them has run its body. Run as entry either way.
import { right, rightCount, rightGen, rightAsync } from './305-module-cycle-right.js';

function step(x) { UPDATE_POINT(); return x + 1; }

export function left(n) {
  let s = 0;
  for (let i = 0; i < n; i++) s = step(s);
  return 'left' + s;
}
export function* leftGen(n) { for (let i = 0; i < n; i++) yield step(i); }
export async function leftAsync(v) { await null; return 'left async ' + step(v); }
export default function leftDefault() { return left(1) + '!'; }
function helper() { return left(2); }
export { helper as leftHelper };

console.log('left body:', right(2), rightCount(), [...rightGen(3)].join(''));
rightAsync(4).then((v) => console.log('left body then:', v));
