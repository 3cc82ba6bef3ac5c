// Optional calls read their method once, before the arguments, and keep the receiver.
const log = [];
const arg = (v) => { log.push(`arg ${v}`); return v; };
const obj = {
  base: 100,
  get add() { log.push('get add'); return function (a, b) { return this.base + a + b; }; },
  get none() { log.push('get none'); return undefined; },
  get num() { log.push('get num'); return 5; },
  nested: { get fn() { log.push('get nested.fn'); return (x) => x * 2; } },
};
function calls(o) {
  const out = [];
  out.push(o.add?.(arg(1), arg(2)));
  out.push(o.none?.(arg(3), arg(4)));
  out.push(o?.add(arg(5), 6));
  out.push(o?.nested.fn(arg(7)));
  out.push(o.nested?.fn?.(arg(8)));
  out.push(o['add']?.(...[arg(9), 10]));
  try { o?.num(arg(11)); } catch (e) { out.push(e.constructor.name); }
  try { o.num?.(arg(12)); } catch (e) { out.push(e.constructor.name); }
  out.push(o.missing?.deep(arg(13)));
  return out;
}
console.log(calls(obj));
console.log(log.join('; '));

// A class method through super, optionally.
class A { greet(n) { return `hi ${n} ${this.tag}`; } }
class B extends A {
  constructor() { super(); this.tag = 'b'; }
  greet(n) { return super.greet?.(arg(n)) + '!'; }
}
console.log(new B().greet('x'), log.length);
