// The callee (and its receiver) is read before the arguments run; callability is checked after
const log = [];
function note(s) { log.push(s); UPDATE_POINT(); return s; }

function reassignedCallee() {
  let f = function (v) { return 'first:' + v; };
  const r = f((f = function () { return 'second'; }, note('arg')));
  return r + ' then ' + f();
}

function getterMethod() {
  const o = {
    get m() { note('get m'); return (v) => 'm(' + v + ')'; },
  };
  return o.m(note('argument'));
}

function receiverChanged() {
  let o = { name: 'a', who() { return this.name; } };
  const r = o.who(o = { name: 'b', who() { return 'wrong'; } }, note('x'));
  return r + '/' + o.name;
}

function undefinedBase() {
  const o = {};
  try {
    o.missing.call(note('should not run'));
  } catch (e) {
    return e.constructor.name;
  }
  return 'no error';
}

function notCallable() {
  const o = { m: 42 };
  try {
    o.m(note('runs first'));
  } catch (e) {
    return e.constructor.name + ': ' + e.message;
  }
  return 'no error';
}

function newOrder() {
  let C = function () { this.tag = 'original'; };
  const x = new C((C = null, note('ctor arg')));
  let D = {};
  let err = '';
  try { new D((D = Array, note('d arg'))); } catch (e) { err = e.constructor.name; }
  return x.tag + ' ' + err + ' ' + (D === Array);
}

function argsOrder() {
  let x = 1;
  function show(a, b) { return a + ',' + b; }
  return show(x, (x = 2, note('second'))) + ' ' + show(x, x++ + note(''));
}

function privateSelf() {
  class Box {
    #v;
    constructor(v) { this.#v = v; }
    twice(g) { return this.#v + g(this.#v) + note('!'); }
  }
  return new Box('p').twice((v) => note(v + v));
}

console.log(reassignedCallee());
console.log(getterMethod());
console.log(receiverChanged());
console.log(undefinedBase());
console.log(notCallable());
console.log(newOrder());
console.log(argsOrder());
console.log(privateSelf());
console.log(log.join(' | '));
