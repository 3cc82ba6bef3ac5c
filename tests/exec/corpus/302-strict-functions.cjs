// Strictness survives a rebuild: a function with its own 'use strict' (or inside one) in a sloppy
// script keeps strict semantics (this, assignments to undeclared names, arguments) after an update.
function step(x) { UPDATE_POINT(); return x + 1; }

function strictThis() {
  'use strict';
  let n = 0;
  for (let i = 0; i < 3; i++) n = step(n);
  return (function () { return this; })() === undefined ? 'strict' + n : 'sloppy' + n;
}
console.log(strictThis());

function strictAssign() {
  'use strict';
  let n = 0;
  for (let i = 0; i < 2; i++) n = step(n);
  try { undeclaredVariable = n; return 'no error'; } catch (e) { return e.constructor.name + n; }
}
console.log(strictAssign(), typeof undeclaredVariable);

function outer() {
  'use strict';
  return function inner(a) {
    let n = 0;
    for (let i = 0; i < 2; i++) n = step(n);
    a = 'changed';
    return arguments[0] + n;
  };
}
console.log(outer()('kept'));

function sloppyStays() {
  let n = 0;
  for (let i = 0; i < 2; i++) n = step(n);
  return typeof (function () { return this; })() + n;
}
console.log(sloppyStays());

function frozen() {
  'use strict';
  const o = Object.freeze({ x: 1 });
  let n = 0;
  for (let i = 0; i < 2; i++) n = step(n);
  try { o.x = n; return 'wrote'; } catch (e) { return e.constructor.name; }
}
console.log(frozen());
