// Generators stepped by hand through every path of the protocol, with loops (update points) in
// their bodies, in finally blocks run by return(), and in the iterators a yield* delegates to:
// the storm captures them running, suspended, delegating and closing.
const log = [];

function* counter(limit, step = 1) {
  let total = 0;
  try {
    for (let i = 0; i < limit; i += step) {
      let spin = 0;
      for (let k = 0; k < 50; k++) spin += k;
      total += i + spin;
      const back = yield total;
      if (back === 'skip') i += step;
      if (back === 'boom') throw new Error('boom at ' + i);
    }
  } catch (e) {
    log.push('caught ' + e.message);
    yield 'recovered';
  } finally {
    let cleanup = 0;
    for (let k = 0; k < 20; k++) cleanup += k;
    log.push('finally ' + cleanup + ' ' + total);
  }
  return 'done ' + total;
}

const c1 = counter(10, 2);
log.push(JSON.stringify([c1.next(), c1.next('skip'), c1.next(), c1.next()]));
const c2 = counter(10);
log.push(JSON.stringify([c2.next(), c2.next('boom'), c2.next()]));
const c3 = counter(10);
log.push(JSON.stringify([c3.next(), c3.return(42), c3.next()]));
const c4 = counter(10);
c4.next();
try {
  c4.throw(new Error('from outside'));
} catch (e) {
  log.push('thrown ' + e.message);
}
log.push(JSON.stringify(c4.next()));
const c5 = counter(3);
log.push(JSON.stringify(c5.return('early')), JSON.stringify(c5.next()));

// A hand-written iterator with loops in next/throw/return, delegated to.
class Source {
  constructor(n) { this.n = n; this.i = 0; this.calls = []; }
  [Symbol.iterator]() { return this; }
  next(v) {
    let w = 0;
    for (let k = 0; k < 10; k++) w += k;
    this.calls.push('next:' + v);
    return this.i < this.n ? { value: this.i++ * w, done: false } : { value: 'src-done', done: true };
  }
  throw(e) {
    this.calls.push('throw:' + e);
    return { value: 'handled ' + e, done: false };
  }
  return(v) {
    for (let k = 0; k < 5; k++) this.calls.push('ret' + k);
    return { value: 'closed ' + v, done: true };
  }
}

function* relay(src) {
  try {
    const r = yield* src;
    log.push('relay got ' + r);
    return r;
  } finally {
    log.push('relay finally');
  }
}

const s1 = new Source(3);
const r1 = relay(s1);
log.push(JSON.stringify([r1.next('a'), r1.next('b'), r1.throw('x'), r1.next('c'), r1.next('d'), r1.next('e')]));
log.push(s1.calls.join(' '));
const s2 = new Source(5);
const r2 = relay(s2);
log.push(JSON.stringify([r2.next(), r2.return('bye'), r2.next()]));
log.push(s2.calls.join(' '));

// An iterator without throw: yield* closes it and throws a TypeError into the body.
const noThrow = { i: 0, [Symbol.iterator]() { return this; }, next() { return { value: this.i++, done: false }; }, return() { log.push('noThrow closed'); return {}; } };
function* guarded() {
  try {
    yield* noThrow;
  } catch (e) {
    yield e.constructor.name;
  }
}
const g1 = guarded();
log.push(JSON.stringify([g1.next(), g1.next(), g1.throw('t'), g1.next()]));

// Recursion through yield*, with foreign consumers (spread, Array.from, destructuring).
function* tree(node, depth) {
  for (let k = 0; k < depth; k++) UPDATE_POINT();
  yield node.name + '@' + depth;
  for (const child of node.children ?? []) yield* tree(child, depth + 1);
  return depth;
}
const t = { name: 'root', children: [{ name: 'a', children: [{ name: 'a1' }, { name: 'a2' }] }, { name: 'b' }] };
log.push([...tree(t, 0)].join(','));
log.push(Array.from(tree(t, 1), (s) => s.toUpperCase()).join(','));
const [first, , third, ...rest] = tree(t, 0);
log.push(first, third, rest.length);

// Methods, this, arguments, defaults evaluated at the call.
const bag = {
  items: ['x', 'y', 'z'],
  *each(prefix = this.items.length + ':') {
    for (let i = 0; i < arguments.length + this.items.length; i++) {
      if (i < this.items.length) yield prefix + this.items[i];
    }
  },
};
log.push([...bag.each()].join(' '), [...bag.each('>', 'extra')].join(' '));
let evaluated = 0;
function* lazy(a = ++evaluated) { yield a; }
const l1 = lazy();
log.push('evaluated at call ' + evaluated);
log.push(JSON.stringify(l1.next()));
function* badDefault(a = missing.value) { yield a; }
try {
  badDefault();
} catch (e) {
  log.push('default threw at call: ' + e.constructor.name);
}
class Range {
  constructor(a, b) { this.a = a; this.b = b; }
  *[Symbol.iterator]() { for (let i = this.a; i < this.b; i++) yield i; }
  static *pairs(r) { for (const x of r) for (const y of r) if (x < y) yield [x, y]; }
}
log.push(JSON.stringify([...Range.pairs(new Range(1, 4))]));
log.push(typeof counter.prototype, Object.getPrototypeOf(c1) === counter.prototype, counter.length, lazy.length, counter.name);
log.push(Object.prototype.toString.call(c1), Object.getPrototypeOf(counter)[Symbol.toStringTag]);
try {
  new counter(1);
} catch (e) {
  log.push('new: ' + e.constructor.name);
}
const running = (function* self() { try { running.next(); } catch (e) { yield e.constructor.name; } })();
log.push(JSON.stringify(running.next()));
console.log(log.join('\n'));
