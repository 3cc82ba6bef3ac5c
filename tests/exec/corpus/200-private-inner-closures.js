// Private names used from closures and nested functions inside methods, classes inside
// functions whose restore code holds the class, class factories evaluated many times
function step(x) { UPDATE_POINT(); return x; }

class Counter {
  #n = 0;
  static #made = 0;
  constructor() { Counter.#made++; }
  bump(k) {
    const self = this;
    function inner(d) {
      self.#n += step(d);
      return self.#n;
    }
    let last = 0;
    for (let i = 0; i < k; i++) last = inner(i);
    return last;
  }
  static made() { return step(Counter.#made); }
}

function factory(tag) {
  class Local {
    #tag = tag;
    #get() { return step(this.#tag); }
    read(other) {
      try { return other.#get(); } catch (e) { return e.constructor.name; }
    }
    own() { return this.#get(); }
  }
  const a = new Local();
  step(0);
  return a;
}

const c = new Counter();
console.log(c.bump(10), c.bump(3), Counter.made());
const x = factory('x');
const y = factory('y');
console.log(x.own(), y.own(), x.read(x), x.read(y));
