// arrow functions using the `arguments` object of the enclosing function
function sumAll() {
  UPDATE_POINT();
  const total = () => {
    let s = 0;
    for (let i = 0; i < arguments.length; i++) {
      s += arguments[i];
      UPDATE_POINT();
    }
    return s;
  };
  return total();
}
console.log(sumAll(1, 2, 3, 4), sumAll(), sumAll(10));

function describeArgs(a, b) {
  const describe = () => `${arguments.length} args, first=${arguments[0]}, last=${arguments[arguments.length - 1]}`;
  const list = [1, 2].map(() => Array.prototype.slice.call(arguments, 1).join("|"));
  return describe() + " / " + list.join(";");
}
console.log(describeArgs("x", "y", "z", "w"));
console.log(describeArgs(1));

function memoizeArgs() {
  const saved = () => arguments;
  return saved;
}
const getArgs = memoizeArgs(5, 6, 7);
console.log(getArgs().length, getArgs()[2], Array.from(getArgs()).join(","));

function outer() {
  return function inner() {
    const arrow = () => arguments[0];
    return arrow("ignored");
  };
}
console.log(outer("outer-arg")("inner-arg"));

// arguments used across a loop with calls in the middle
function weave() {
  const pick = (i) => arguments[i % arguments.length];
  const out = [];
  for (let i = 0; i < 7; i++) {
    UPDATE_POINT();
    out.push(pick(i) + pick(i + 1));
  }
  return out.join(",");
}
console.log(weave("a", "b", "c"));

class Logger {
  log() {
    const fmt = () => [...arguments].map((x) => typeof x).join(",");
    return fmt();
  }
}
console.log(new Logger().log(1, "s", null, undefined, {}, []));
