// Programs that give Array.prototype a read-only index and Object.prototype an indexed accessor, and iterators whose
// results are not objects: compiled for-in, for-of and update storms must not be affected
let setterCalls = 0;
Object.defineProperty(Object.prototype, '0', {
  get() { return 'inherited'; },
  set(v) { setterCalls++; },
  configurable: true,
});
Object.defineProperty(Array.prototype, '1', { value: 'ro', writable: false, configurable: true });
const print = (...parts) => process.stdout.write(parts.join(' ') + '\n');

function keysOf(o) {
  let out = '';
  for (const k in o) {
    UPDATE_POINT();
    out += k + '=' + String(o[k]).slice(0, 10) + ',';
  }
  return out;
}

function depth(n) {
  if (n === 0) { UPDATE_POINT(); return 0; }
  return 1 + depth(n - 1);
}

function badIterator(result) {
  const it = { [Symbol.iterator]() { return { next() { return result; } }; } };
  try {
    for (const v of it) { UPDATE_POINT(); return 'got ' + v; }
    return 'empty';
  } catch (e) {
    return e.constructor.name;
  }
}

print(keysOf({ a: 1, b: 2 }));
print(depth(50));
print(badIterator(1), badIterator('str'), badIterator(null), badIterator(undefined), badIterator(true), badIterator({ done: true }));
print('setter calls', setterCalls);
delete Object.prototype[0];
delete Array.prototype[1];
