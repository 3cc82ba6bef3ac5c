// ES module functions and classes show their text: exports, default exports, private methods,
// static blocks, and functions whose text holds strings that look like restack's comments.
function step(x) { UPDATE_POINT(); return x + 1; }

export function exported(a) { let s = a; for (let i = 0; i < 2; i++) s = step(s); return s; }
export default class Default {
  #secret() { return step(1); }
  static #hidden() { return 'h'; }
  static { this.ready = step(0); }
  reveal() { return this.#secret.toString(); }
  static hidden() { return this.#hidden.toString(); }
}
export const tricky = () => '/*@rs 0 0 1*/';
export const tricky2 = function () { return '}*/'; /* }) */ };
const trailing = (a) => (a, /* last */ step(a));

const Anonymous = [class { static { this.made = step(1); } }][0];
console.log(exported.toString());
console.log(Default.toString());
console.log(Anonymous.toString(), JSON.stringify(Anonymous.name), Anonymous.made);
console.log(new Default().reveal(), Default.hidden());
console.log(tricky.toString(), tricky(), tricky2.toString(), trailing.toString());
for (let i = 0; i < 3; i++) console.log(step(i), exported(i), Default.ready, new Default().reveal().length);
