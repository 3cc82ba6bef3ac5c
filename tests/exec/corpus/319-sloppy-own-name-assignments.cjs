// A sloppy named function expression assigning its own name (=, compound, update, logical,
// destructuring, for-of, from a closure): every assignment is ignored, also in a rebuilt frame.
function step(x) { let s = 0; for (let i = 0; i < 2; i++) s += x; return s; }
const f = function self(n) {
  const r = [];
  for (let i = 0; i < n; i++) r.push(step(i));
  self = 5;
  r.push(typeof self);
  (() => { self = 6; })();
  r.push(typeof self);
  self += 1; r.push(typeof self);
  r.push(self++ , typeof self);
  [self] = [7]; r.push(typeof self);
  for (self of [8]) r.push(typeof self);
  r.push((self ||= 9) === f, (self &&= 10));
  return r.join(',');
};
console.log(f(3));
