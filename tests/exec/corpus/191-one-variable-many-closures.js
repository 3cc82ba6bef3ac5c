// one variable captured by an arrow, a function, a getter/setter, a class method and a generator, mutated by all
function makeCell(initial) {
  UPDATE_POINT();
  let value = initial;
  const history = [];
  const record = (who) => history.push(`${who}=${value}`);
  const arrowInc = (n = 1) => {
    value += n;
    record("arrow");
    return value;
  };
  function fnDouble() {
    value *= 2;
    record("fn");
    return value;
  }
  const accessor = {
    get value() { return value; },
    set value(v) {
      value = v;
      record("setter");
    },
  };
  class Ops {
    negate() {
      value = -value;
      record("method");
      return value;
    }
    static square() {
      value = value * value;
      record("static");
      return value;
    }
  }
  function* stepper() {
    while (true) {
      const delta = yield value;
      value += delta ?? 0;
      record("gen");
    }
  }
  return { arrowInc, fnDouble, accessor, ops: new Ops(), Ops, gen: stepper(), history, read: () => value };
}
const c = makeCell(1);
c.gen.next(); // start the generator
const trace = [];
for (let round = 0; round < 3; round++) {
  trace.push(c.arrowInc(round));
  trace.push(c.fnDouble());
  c.accessor.value = c.accessor.value - 1;
  trace.push(c.ops.negate());
  trace.push(c.gen.next(5).value);
  if (round === 1) trace.push(c.Ops.square());
  UPDATE_POINT();
}
console.log(trace.join(","), c.read());
console.log(c.history.join(" "));

// two independent cells do not share state
const c2 = makeCell(100);
c2.arrowInc(1);
console.log(c.read(), c2.read(), c2.history.join(" "));

// closures in a loop sharing one outer accumulator and each having a private counter
function bank() {
  let pool = 0;
  const accounts = [];
  for (let i = 0; i < 4; i++) {
    let own = 0;
    accounts.push({
      deposit(n) {
        own += n;
        pool += n;
        return this;
      },
      get summary() { return `#${i}:${own}/${pool}`; },
    });
  }
  return { accounts, pool: () => pool };
}
const b = bank();
b.accounts[0].deposit(5).deposit(5);
b.accounts[2].deposit(7);
b.accounts[3].deposit(1);
console.log(b.accounts.map((a) => a.summary).join(" "), b.pool());

// a closure replaced during iteration: callers see the newest version through a shared binding
let impl = (x) => x + 1;
const call = (x) => impl(x);
const seen = [];
for (let i = 0; i < 6; i++) {
  UPDATE_POINT();
  seen.push(call(i));
  if (i === 2) impl = (x) => x * 100;
  if (i === 4) {
    const old = impl;
    impl = (x) => old(x) + 0.5;
  }
}
console.log(seen.join(","));
