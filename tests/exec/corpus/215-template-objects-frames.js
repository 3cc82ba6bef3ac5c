// Strings objects of tagged templates in generators, async functions, closures and methods stay
// the same per site, whether the frame evaluating them was rebuilt or not.
const seen = new Map();
function tag(strings, ...values) {
  if (!seen.has(strings)) seen.set(strings, seen.size);
  return `#${seen.get(strings)}(${values.join(',')})`;
}
function* lines(n) { for (let i = 0; i < n; i++) yield tag`line ${i}`; }
async function fetchAll(n) {
  const out = [];
  for (let i = 0; i < n; i++) { await null; out.push(tag`fetched ${i} of ${n}`); }
  return out;
}
const makeGreeter = (greeting) => (name) => tag`${greeting}, ${name}!`;
class View {
  constructor(title) { this.title = title; }
  render(items) { return items.map((it) => tag`<li>${it}</li>`).join('') + tag`<h1>${this.title}</h1>`; }
  static css() { return tag`.view { color: red }`; }
}
function main() {
  const out = [];
  for (let round = 0; round < 3; round++) {
    out.push([...lines(2)].join(' '));
    const hi = makeGreeter('hi');
    out.push(hi('a') + hi('b'));
    out.push(new View('t' + round).render(['x', 'y']) + View.css());
  }
  return out;
}
console.log(main().join('\n'));
fetchAll(3).then((r) => fetchAll(2).then((s) => console.log(r.concat(s).join(' '), seen.size)));
