// A getter or a Proxy `get` trap that loops while a call reads its callee: the update unwinds the
// accessor, and the call it was reading for is made with the method it returns.
const spin = (n) => { let s = 0; for (let i = 0; i < n; i++) s += i; return s; };
const log = [];

const obj = {
  base: 10,
  get m() { const s = spin(4); return function (x) { log.push('m called'); return this.base + x + s; }; },
};
function viaGetter(x) { return obj.m(x) + obj['m'](x + 1); }
console.log('getter', viaGetter(1));

// A class accessor, reached on an instance and through super.
class Base {
  get greet() { let w = ''; for (const c of 'hey') w += c; return (name) => `${w} ${name}`; }
}
class Derived extends Base {
  hello(name) { return super.greet(name) + '!'; }
}
console.log(new Derived().greet('a'), new Derived().hello('b'));

// A Proxy whose trap loops: the receiver of the call is the proxy.
const proxy = new Proxy({ tag: 'T' }, {
  get(target, key, receiver) {
    const n = spin(3);
    if (key === 'tag') return target.tag;
    return function (...args) { return `${String(key)}(${args.join(',')}) ${n} ${this === receiver} ${this.tag}`; };
  },
});
function viaProxy() { return [proxy.first(1, 2), proxy.second(...[3, 4])]; }
console.log(viaProxy());

// new with a getter for the constructor, and a tag read by a getter.
const factory = {
  get Point() { spin(5); return class Point { constructor(x, y) { this.sum = x + y; } }; },
  get tag() { spin(2); return (strings, ...vals) => strings.raw.join('|') + vals.join('+'); },
};
function make() { const p = new factory.Point(2, 3); return [p.constructor.name, p.sum, factory.tag`a${1}b${2}c`]; }
console.log(make());

// A getter whose method itself loops, and a getter that returns something not callable.
const chain = {
  get run() { spin(3); return (k) => spin(k); },
  get broken() { spin(3); return 42; },
};
function useChain() {
  const r = chain.run(6);
  try { chain.broken(1); } catch (e) { return [r, e.constructor.name]; }
}
console.log(useChain(), log.length);
