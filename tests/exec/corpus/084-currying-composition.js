// currying, partial application, function composition, point-free pipelines
function curry(fn, arity = 3) {
  UPDATE_POINT();
  const collect = (args) => (...more) => {
    const all = [...args, ...more];
    return all.length >= arity ? fn(...all) : collect(all);
  };
  return collect([]);
}
const add3 = curry((a, b, c) => a + b + c);
console.log(add3(1)(2)(3), add3(1, 2)(3), add3(1)(2, 3), add3(1, 2, 3));
const add10 = add3(4)(6);
console.log([1, 2, 3].map((x) => add10(x)).join(","));

const compose = (...fns) => (x) => fns.reduceRight((v, f) => f(v), x);
const pipe = (...fns) => (x) => {
  let v = x;
  for (const f of fns) {
    v = f(v);
    UPDATE_POINT();
  }
  return v;
};
const inc = (x) => x + 1;
const dbl = (x) => x * 2;
const sq = (x) => x * x;
console.log(compose(inc, dbl, sq)(3), pipe(inc, dbl, sq)(3), compose()(7), pipe(pipe(inc, inc), compose(dbl, dbl))(1));

// curried helpers for array processing
const map = curry((f, xs) => xs.map(f), 2);
const filter = curry((p, xs) => xs.filter(p), 2);
const reduce = curry((f, init, xs) => xs.reduce(f, init), 3);
const prop = curry((k, o) => o[k], 2);
const sumOf = reduce((a, b) => a + b, 0);

const people = [
  { name: "ann", age: 31, city: "oslo" },
  { name: "bob", age: 17, city: "rome" },
  { name: "cyd", age: 45, city: "oslo" },
  { name: "dee", age: 22, city: "lima" },
];
const adultAges = pipe(filter((p) => p.age >= 18), map(prop("age")), sumOf);
console.log(adultAges(people));
const namesIn = (city) => pipe(filter((p) => p.city === city), map(prop("name")), (xs) => xs.join("+"));
console.log(namesIn("oslo")(people), namesIn("rome")(people), namesIn("none")(people) || "(none)");

// partial application with placeholders
const _ = Symbol("placeholder");
function partial(fn, ...preset) {
  UPDATE_POINT();
  return (...later) => {
    let k = 0;
    const args = preset.map((a) => (a === _ ? later[k++] : a));
    return fn(...args, ...later.slice(k));
  };
}
const fmt = (a, b, c, d) => `${a}-${b}-${c}-${d}`;
console.log(partial(fmt, "A", _, "C")("b", "d"), partial(fmt, _, _, _, "D")(1, 2, 3), partial(Math.max, 5, _)(9, 12));

// a composition of many small closures built in a loop
const steps = [];
for (let i = 1; i <= 10; i++) steps.push(i % 3 === 0 ? (x) => x - i : (x) => (x * i) % 1009);
console.log(pipe(...steps)(7), compose(...steps)(7));
// trampolined recursion through closures
const trampoline = (f) => (...args) => {
  let r = f(...args);
  while (typeof r === "function") r = r();
  return r;
};
const sumTo = trampoline(function go(n, acc = 0) { return n === 0 ? acc : () => go(n - 1, acc + n); });
console.log(sumTo(50000));
