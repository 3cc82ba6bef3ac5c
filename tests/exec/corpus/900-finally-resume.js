// Frames rebuilt inside finally blocks entered by return, throw, break and continue
function work(k) { let s = 0; for (let i = 0; i < k; i++) s += i; return s; }
const log = [];
function f(x) {
  for (let r = 0; r < 3; r++) {
    try {
      if (x === 1) return 'ret' + work(3);
      if (x === 2) throw new Error('boom' + work(2));
      if (x === 3 && r === 1) break;
      if (x === 4 && r === 0) continue;
      log.push('body' + x + r);
    } catch (e) {
      log.push('caught ' + e.message);
      if (x === 2) return 'from-catch';
    } finally {
      log.push('fin' + x + r + ':' + work(4));
      UPDATE_POINT();
    }
    log.push('after' + x + r);
  }
  return 'end' + x;
}
function g() { try { return f(5); } finally { work(1); } }
function h() { try { throw new Error('h'); } finally { log.push('h-fin' + work(2)); } }
for (let x = 0; x <= 5; x++) log.push(f(x));
log.push(g());
try { h(); } catch (e) { log.push('h:' + e.message); }
console.log(log.join('\n'));
