// class static initialization blocks with loops, calls, try/catch and private access
const log = [];
function compute(n) {
  let r = 1;
  for (let i = 2; i <= n; i++) r *= i;
  UPDATE_POINT();
  return r;
}

class Tables {
  static factorials = [];
  static #secret;
  static squares;
  static {
    log.push("block1");
    for (let i = 0; i <= 8; i++) this.factorials.push(compute(i));
  }
  static primes = Tables.#sieve(40);
  static {
    log.push("block2");
    this.squares = new Map();
    let i = 1;
    while (this.squares.size < 6) {
      UPDATE_POINT();
      this.squares.set(i, i * i);
      i++;
    }
    try {
      JSON.parse("{bad");
    } catch (e) {
      this.#secret = "parse failed: " + e.constructor.name;
    } finally {
      UPDATE_POINT();
      log.push("finally in static block");
    }
  }
  static #sieve(n) {
    log.push("sieve");
    const is = new Array(n + 1).fill(true);
    is[0] = is[1] = false;
    for (let p = 2; p * p <= n; p++) if (is[p]) for (let q = p * p; q <= n; q += p) is[q] = false;
    return is.map((b, i) => (b ? i : -1)).filter((x) => x >= 0);
  }
  static reveal() { return this.#secret; }
}
console.log(Tables.factorials.join(","));
console.log(Tables.primes.join(","));
console.log(JSON.stringify([...Tables.squares]));
console.log(Tables.reveal());
console.log(log.join(" > "));

// static blocks in a subclass see parent statics; `this` is the class
class Base {
  static registry = [];
  static { this.registry.push("Base"); }
}
class Derived extends Base {
  static own = [];
  static {
    this.registry.push("Derived");
    this.own.push(super.registry.length);
  }
}
console.log(Base.registry.join(","), Derived.own.join(","), Derived.registry === Base.registry);

// static block that captures a class-private accessor into an outer variable
let readCount;
class Box {
  #n;
  constructor(n) { this.#n = n; }
  static { readCount = (b) => b.#n; }
}
console.log([1, 2, 3].map((n) => readCount(new Box(n * 11))).join(","));
