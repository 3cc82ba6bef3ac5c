// Vars assigned after the closures reading them were made, in async functions and generators,
// and a var declared in a nested block: the closures and the rebuilt frame share the variable.
function step(x) { UPDATE_POINT(); return x + 1; }

async function session(n) {
  const report = () => `${user.name}:${user.visits}`;
  await null;
  let k = 0;
  for (let i = 0; i < n; i++) k = step(k);
  var user = { name: 'ada', visits: k };
  await null;
  user.visits = step(user.visits);
  return report();
}
session(2).then((r) => console.log(r));

function* lines(n) {
  const current = () => buffer.join('|');
  yield 'start';
  var buffer = [];
  for (let i = 0; i < n; i++) { buffer.push(step(i)); yield current(); }
}
console.log([...lines(3)].join(' ; '));

function blockVar(flag) {
  const read = () => (typeof found === 'undefined' ? 'none' : found);
  let k = 0;
  for (let i = 0; i < 2; i++) k = step(k);
  if (flag) {
    var found = 'found ' + k;
  }
  for (let i = 0; i < 2; i++) k = step(k);
  return read() + ' ' + k;
}
console.log(blockVar(true), blockVar(false));

function destructured() {
  const show = () => `${a}-${b}`;
  let k = 0;
  for (let i = 0; i < 2; i++) k = step(k);
  var { a, b } = { a: k, b: k * 2 };
  return show();
}
console.log(destructured());
