// per-iteration let bindings in classic for loops captured by closures
function work(x) {
  let s = x;
  for (let k = 0; k < 20; k++) s = (s * 7 + k) % 1009;
  UPDATE_POINT();
  return s;
}

const fns = [];
for (let i = 0; i < 5; i++) {
  UPDATE_POINT();
  fns.push(() => i * 100 + work(i));
}
console.log(fns.map((f) => f()).join(","));

// closures that mutate the per-iteration binding; the increment copies the value forward
const getters = [];
const setters = [];
for (let i = 0; i < 8; i++) {
  getters.push(() => i);
  setters.push((v) => { i = v; });
  if (i === 2) setters[2](5); // jumps the loop forward: next iteration starts at 6
}
console.log(getters.length, getters.map((g) => g()).join(","));
setters[0](42);
console.log(getters.map((g) => g()).join(","));

// var vs let
const varFns = [];
for (var j = 0; j < 4; j++) varFns.push(() => j);
console.log(varFns.map((f) => f()).join(","));

// closure in the loop test/update expressions
const tests = [];
for (let i = 0; (tests.push(() => i), i < 3); i++) {
  work(i);
}
console.log(tests.map((t) => t()).join(","));

// nested loops, each closure sees its own pair
const grid = [];
for (let r = 0; r < 3; r++) {
  for (let c = 0; c < 3; c++) {
    const tag = `${r}${c}`;
    grid.push(() => tag + ":" + work(r * 3 + c) % 10);
  }
}
console.log(grid.map((g) => g()).join(" "));

// closures created before a call that might capture, called after
function later() {
  const pending = [];
  for (let i = 0; i < 4; i++) {
    UPDATE_POINT();
    let acc = i;
    pending.push(() => (acc += 10));
    work(i);
    pending[i]();
  }
  return pending.map((p) => p()).join(",");
}
console.log(later());
