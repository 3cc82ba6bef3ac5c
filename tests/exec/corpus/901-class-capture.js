// Class members capturable: private names, super calls, base and derived constructors, an anonymous class
class Base {
  #count = 0;
  constructor(n) { this.n = n; for (let i = 0; i < n; i++) { this.#count += i; } }
  get count() { let c = 0; for (let i = 0; i < 2; i++) c += this.#count; return c; }
  #bump(k) { for (let i = 0; i < k; i++) this.#count++; return this.#count; }
  bump(k) { const r = this.#bump(k); return r; }
  describe() { return `Base(${this.n})`; }
  static make(n) { let b; for (let i = 0; i < 1; i++) b = new this(n); return b; }
}
class Derived extends Base {
  constructor(n, m) { super(n); this.m = m; for (let i = 0; i < m; i++) this.n += i; }
  describe() { let s = ''; for (let i = 0; i < 2; i++) s += super.describe() + '/'; return s + `Derived(${this.m})`; }
  static make(n) { const b = super.make(n); return b; }
}
class WithField extends Base {
  extra = 5;
  constructor(n) { super(n); for (let i = 0; i < 3; i++) this.extra += i; }
}
const Anon = class extends Derived { describe() { const d = super.describe(); return 'anon:' + d; } };
function main() {
  const d = new Derived(3, 4);
  console.log(d.describe(), d.bump(3), d.count, Derived.make(2).describe(), new WithField(2).extra, Anon.name);
  console.log(new Anon(1, 2).describe());
}
main();
