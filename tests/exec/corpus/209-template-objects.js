// A tagged template's strings object is the same object at the same site on every evaluation,
// also in frames rebuilt by updates: caches keyed by it (lit-html, graphql-tag) keep hitting.
const cache = new Map();
let compiled = 0;
function html(strings, ...values) {
  let entry = cache.get(strings);
  if (!entry) { compiled++; entry = { parts: strings.length, raw: strings.raw.join('|') }; cache.set(strings, entry); }
  return `${entry.parts}:${values.join(',')}`;
}

function render(items) {
  const rows = [];
  for (const item of items) rows.push(html`<li>${item}</li>`);
  return html`<ul>${rows.join('')}</ul>` + html`<footer/>`;
}
for (let n = 0; n < 4; n++) render(['a', 'b', 'c']);
console.log(render(['x']), 'compiled', compiled, 'cached', cache.size);

// Identity seen by the tag itself, the frozen object and its raw strings, an invalid escape.
const seen = [];
const keep = (s) => { seen.push(s); return s; };
function sites() {
  for (let i = 0; i < 3; i++) { keep`one${i}two`; keep`\unicode and \u{41}`; }
}
sites();
console.log(seen[0] === seen[2], seen[2] === seen[4], seen[0] === seen[1], Object.isFrozen(seen[0]), Object.isFrozen(seen[0].raw));
console.log(seen[1][0], JSON.stringify(seen[1].raw), seen[0].length, Object.keys(seen[0]).join());

// A tag read by a getter before its substitutions, called with its receiver.
const order = [];
const lib = {
  prefix: '>',
  get tag() { order.push('tag'); return function (s, a, b) { return this.prefix + s.join('_') + a + b; }; },
};
const sub = (v) => { order.push('sub ' + v); return v; };
function ordered() { return lib.tag`[${sub(1)}|${sub(2)}]`; }
console.log(ordered(), order.join(', '));

// Nested tagged templates and a tag in an async function.
const id = (s, ...v) => s.raw.map((r, i) => r + (i < v.length ? v[i] : '')).join('');
function nested(k) { return id`out(${id`in(${k})`})`; }
console.log(nested(1), nested(2));
async function later(k) { await null; return keep`async ${k}`; }
Promise.all([later(1), later(2)]).then(([a, b]) => console.log('async same', a === b, seen.length));
