// A named function expression's own name is a read-only binding of the function (assigning it
// throws in strict code), also in a frame rebuilt at an update point; a var or parameter of the
// same name is an ordinary binding.
const rebind = function self(n) {
  let log = [];
  for (let i = 0; i < n; i++) {
    try {
      self = null;
      log.push('assigned');
    } catch (e) {
      log.push(e.constructor.name);
    }
  }
  return log.join(',') + ' ' + typeof self;
};
console.log(rebind(3));

const count = function countdown(n) {
  if (n === 0) return 'done';
  for (let i = 0; i < 2; i++) n += 0;
  return countdown(n - 1);
};
console.log(count(5));

const shadowVar = function same(n) {
  var same = n;
  for (let i = 0; i < 3; i++) same += i;
  return same;
};
console.log(shadowVar(10));

const shadowParam = function p(p) {
  for (let i = 0; i < 2; i++) p = p * 2;
  return p;
};
console.log(shadowParam(3));

const gen = function* g(n) {
  for (let i = 0; i < n; i++) {
    try { g = 1; } catch (e) { yield e.constructor.name + i; }
  }
};
console.log([...gen(3)].join(' '));

const af = async function a(n) {
  let out = [];
  for (let i = 0; i < n; i++) {
    await null;
    try { a = 2; out.push('assigned'); } catch (e) { out.push(e.constructor.name); }
  }
  return out.join('/') + ' ' + typeof a;
};
af(2).then((v) => console.log(v));
