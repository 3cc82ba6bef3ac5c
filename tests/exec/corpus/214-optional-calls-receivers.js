// Optional calls whose method comes from a getter, a Proxy or a computed key, with arguments that
// call: the method is read once, before the arguments, the receiver kept, short-circuits skip all.
const events = [];
const note = (what) => { events.push(what); return what; };
const counter = { reads: 0 };
const api = new Proxy({ name: 'api' }, {
  get(target, key, receiver) {
    if (key === 'name') return target.name;
    counter.reads++;
    note(`read ${String(key)}`);
    if (key === 'absent') return null;
    return function (...args) { return `${this.name}.${String(key)}(${args.join(',')})`; };
  },
});
function run(keys) {
  const out = [];
  for (const k of keys) {
    out.push(api[k]?.(note(`arg ${k}`), note('second')));
    out.push(api?.[k]?.(note(`again ${k}`)));
  }
  out.push(api.absent?.(note('never')));
  out.push(api.nested?.call(api, note('via call')));
  return out;
}
console.log(run(['one', 'absent', 'two']));
console.log(events.join('; '), counter.reads);

// An optional call as a statement, in a condition, and chained.
const maybe = { list: [], get push() { note('get push'); return (v) => this.list.push(v); } };
function statements(o) {
  o.push?.(note('p1'));
  if (o.push?.(note('p2')) > 1) note('two items');
  const len = o?.push(note('p3'));
  o.missing?.(note('skipped'));
  return [len, o.list.join()];
}
console.log(statements(maybe), events.slice(-8).join('; '));
