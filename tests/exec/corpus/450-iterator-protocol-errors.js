// The TypeErrors of the iteration protocol that the runtime raises itself (yield* delegation,
// closing an iterator after break, for await) read as V8's: "The iterator does not provide a
// 'throw' method." (with its period), "Iterator result 5 is not an object" for what return() gives,
// "number 5 is not a function" for a method that cannot be called. (Found by the fuzzer: a
// generator delegating to an array, then thrown into.) The iterator's return() and throw() are
// compiled methods: under --update-points all an update point at their entry unwinds them while
// the runtime drives the yield*, and their call is rebuilt in place, what they throw or give going
// to the body as natively (was: "a rebuilt activation did not stop at its await or yield").
const spin = (n) => { let s = 0; for (let i = 0; i < n; i++) s += i; return s; };
const mk = (o) => ({ [Symbol.iterator]() { return o; } });
const amk = (o) => ({ [Symbol.asyncIterator]() { return o; } });
const step = { next() { spin(2); return { value: 1, done: false }; } };
const values = [5, 'str', true, null, undefined, {}, Symbol('s'), 10n, -0];
const out = [];
const report = (label, f) => {
  try { f(); out.push(`${label}: no error`); } catch (e) { out.push(`${label}: ${e.name}: ${e.message}`); }
};
function* overArray() { yield* [1, 2]; }
report('array, thrown into', () => { const it = overArray(); it.next(); it.throw(new Error('t')); });
for (const v of values) {
  const t = typeof v;
  report(`result ${t}`, () => { function* g() { yield* mk({ next() { return v; } }); } g().next(); });
  report(`return result ${t}`, () => { function* g() { yield* mk({ ...step, return() { return v; } }); } const it = g(); it.next(); it.return(1); });
  report(`no throw, return result ${t}`, () => { function* g() { yield* mk({ ...step, return() { return v; } }); } const it = g(); it.next(); it.throw(1); });
  report(`for-of break, return ${t}`, () => { for (const x of mk({ ...step, return: v })) { spin(2); break; } });
  report(`for-of break, return result ${t}`, () => { for (const x of mk({ ...step, return() { return v; } })) { spin(2); break; } });
}
console.log(out.join('\n'));
const later = [];
const areport = async (label, f) => {
  try { await f(); later.push(`${label}: no error`); } catch (e) { later.push(`${label}: ${e.name}: ${e.message}`); }
};
for (const v of values) {
  const t = typeof v;
  await areport(`async result ${t}`, async () => { async function* g() { yield* amk({ next() { return v; } }); } await g().next(); });
  await areport(`async return result ${t}`, async () => { async function* g() { yield* amk({ ...step, return() { return v; } }); } const it = g(); await it.next(); await it.return(1); });
  await areport(`for-await break, return ${t}`, async () => { for await (const x of amk({ ...step, return: v })) { spin(2); break; } });
  await areport(`for-await break, return result ${t}`, async () => { for await (const x of amk({ ...step, return() { return v; } })) { spin(2); break; } });
  await areport(`for-await next ${t}`, async () => { for await (const x of amk({ next: v })) { spin(2); break; } });
  await areport(`for-await sync next ${t}`, async () => { for await (const x of mk({ next: v })) { spin(2); break; } });
}
console.log(later.join('\n'));
for (const v of [5, {}]) {
  const caught = (label, make) => {
    function* g() { try { yield* mk(make()); } catch (e) { log.push(`${label} body caught ${e.name}: ${e.message}`); yield 2; } }
    const it = g();
    it.next();
    report(label, () => log.push(JSON.stringify(it.throw(1))));
  };
  const log = [];
  caught(`return gives ${typeof v}`, () => ({ ...step, return() { spin(3); return v; } }));
  caught('return throws', () => ({ ...step, return() { spin(3); throw new RangeError('r' + spin(2)); } }));
  caught('throw throws', () => ({ ...step, throw() { spin(3); throw new RangeError('t' + spin(2)); } }));
  caught('throw returns', () => ({ ...step, throw() { spin(3); return { value: spin(4), done: false }; } }));
  console.log(log.join('\n'));
  await areport(`async, return gives ${typeof v}`, async () => { async function* g() { yield* amk({ ...step, return() { spin(3); return v; } }); } const it = g(); await it.next(); await it.throw(1); });
}
console.log(later.slice(-2).join('\n'), out.slice(-8).join('\n'));
