// Derived constructors rebuilt after super(): what they return (object, undefined, primitive),
// a parent that returns another object, and this in closures made before the capture.
const spin = (n) => { let s = 0; for (let i = 0; i < n; i++) s += i; return s; };
const registry = new Map();
class Entity {
  constructor(id) {
    spin(3);
    if (registry.has(id)) return registry.get(id);
    this.id = id;
    registry.set(id, this);
  }
}
class User extends Entity {
  constructor(id, name) {
    super(id);
    const self = () => this;
    this.name ??= name;
    spin(5);
    if (name === 'bad') return 7;
    if (name === 'sym') return Symbol.iterator;
    if (name === 'swap') return { swapped: self().id };
    this.same = self() === this;
  }
}
function create(list) {
  const out = [];
  for (const [id, name] of list) {
    try {
      const u = new User(id, name);
      out.push(JSON.stringify(u) + (u instanceof User ? ' user' : ' other'));
    } catch (e) {
      out.push(`${e.constructor.name}: ${e.message}`);
    }
  }
  return out;
}
console.log(create([[1, 'ann'], [1, 'again'], [2, 'bad'], [3, 'sym'], [4, 'swap'], [5, 'bob']]).join('\n'));
console.log(registry.size, [...registry.keys()].join());
