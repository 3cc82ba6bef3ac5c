// A global script: its declarations are the realm's globals.
var log = [];
let depth = 0;
function walk(n) {
  depth++;
  var sum = 0;
  for (var i = 0; i < n; i++) sum += i < 2 ? i : walk(i - 1);
  depth--;
  return sum;
}
function* ids(prefix) { for (let i = 0; i < 3; i++) yield prefix + i; }
class Counter {
  constructor() { this.n = 0; }
  add(k) { for (let i = 0; i < k; i++) this.n += i; return this; }
}
log.push(['one', this === globalThis, typeof globalThis.walk, 'depth' in globalThis]);
