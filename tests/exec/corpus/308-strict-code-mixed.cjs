// Strict and sloppy code side by side in one script: class bodies are strict, a function's own
// directive makes it (and what it contains) strict, the rest stays sloppy, rebuilt or not.
function step(x) { UPDATE_POINT(); return x + 1; }

class Box {
  probe() { let k = 0; for (let i = 0; i < 2; i++) k = step(k); return (function () { return this; })() === undefined ? 'class strict ' + k : 'class sloppy ' + k; }
}
console.log(new Box().probe());

function sloppyOuter() {
  function strictInner() {
    'use strict';
    let k = 0;
    for (let i = 0; i < 2; i++) k = step(k);
    try { Object.defineProperty({}, 'x', { value: 1 }).x = k; return 'no throw'; } catch (e) { return e.constructor.name + k; }
  }
  function sloppyInner() {
    let k = 0;
    for (let i = 0; i < 2; i++) k = step(k);
    const o = Object.defineProperty({}, 'x', { value: 1 });
    o.x = k;
    return 'silently ignored ' + o.x + k;
  }
  return strictInner() + ' / ' + sloppyInner();
}
console.log(sloppyOuter());

const strictArrow = (function () {
  'use strict';
  return (a) => { let k = 0; for (let i = 0; i < 2; i++) k = step(k); try { delete Object.prototype; return 'deleted'; } catch (e) { return e.constructor.name + a + k; } };
})();
console.log(strictArrow(7));

function* strictGen() {
  'use strict';
  for (let i = 0; i < 2; i++) yield step(i) + ':' + (function () { return typeof this; })();
}
console.log([...strictGen()].join(' '));
