// What a derived constructor may return (an object, or undefined for `this`; anything else is a
// TypeError), also when its frame was rebuilt by an update after super().
const spin = (n) => { let s = 0; for (let i = 0; i < n; i++) s += i; return s; };
class Base { constructor(tag) { this.tag = tag; } }
const fn = function made() {};
class Derived extends Base {
  constructor(kind) {
    super(kind);
    this.work = spin(4);
    switch (kind) {
      case 'number': return 1;
      case 'string': return 'text';
      case 'symbol': return Symbol('s');
      case 'null': return null;
      case 'false': return false;
      case 'undefined': return undefined;
      case 'bare': return;
      case 'object': return { replaced: true };
      case 'function': return fn;
      case 'array': return [kind];
    }
  }
}
const kinds = ['number', 'string', 'symbol', 'null', 'false', 'undefined', 'bare', 'object', 'function', 'array', 'none'];
function build(kind) {
  try {
    const d = new Derived(kind);
    return `${kind}: ${d === fn ? 'fn' : JSON.stringify(d)} ${d instanceof Derived}`;
  } catch (e) {
    return `${kind}: ${e.constructor.name} ${e.message}`;
  }
}
for (const kind of kinds) console.log(build(kind));

// Two levels, Reflect.construct with another new.target, and a base constructor's primitive.
class Middle extends Derived {
  constructor(kind) { super('object'); spin(3); if (kind === 'prim') return 0; }
}
class Other {}
function more() {
  const out = [];
  for (const k of ['prim', 'none']) {
    try { out.push(JSON.stringify(new Middle(k))); } catch (e) { out.push(e.constructor.name); }
  }
  try { out.push(Reflect.construct(Derived, ['number'], Other)); } catch (e) { out.push(e.constructor.name); }
  const r = Reflect.construct(Derived, ['undefined'], Other);
  out.push(r instanceof Other, r.tag);
  class Plain { constructor() { spin(2); return 42; } }
  out.push(new Plain() instanceof Plain);
  return out.join(' ');
}
console.log(more());
