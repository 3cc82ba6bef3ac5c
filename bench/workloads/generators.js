// Generator-heavy code: lazy pipelines of small generators (map, filter, take, chunk) over a
// range, a tree walked by recursive yield*, and a tokenizer generator consumed by a parser. Every
// value crosses one or more generator resumptions: the worst case for a driven generator body.
export const meta = { name: 'generators', kind: 'kernel', description: 'lazy generator pipelines, recursive yield*, a tokenizer generator' };

function* range(n) {
  for (let i = 0; i < n; i++) yield i;
}

function* map(it, f) {
  for (const x of it) yield f(x);
}

function* filter(it, p) {
  for (const x of it) if (p(x)) yield x;
}

function* take(it, n) {
  if (n <= 0) return;
  for (const x of it) {
    yield x;
    if (--n === 0) return;
  }
}

function* chunks(it, size) {
  let chunk = [];
  for (const x of it) {
    chunk.push(x);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length) yield chunk;
}

function* walk(node, depth) {
  yield node.value * depth;
  if (node.left) yield* walk(node.left, depth + 1);
  if (node.right) yield* walk(node.right, depth + 1);
}

function build(depth, seed) {
  if (depth === 0) return null;
  return { value: seed % 97, left: build(depth - 1, seed * 3 + 1), right: build(depth - 1, seed * 5 + 2) };
}

function* tokens(text) {
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 32) {
      i++;
    } else if (c >= 48 && c <= 57) {
      let v = 0;
      while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) v = v * 10 + text.charCodeAt(i++) - 48;
      yield { kind: 'num', v };
    } else {
      yield { kind: 'op', v: text[i++] };
    }
  }
}

/** Sums `a op b op c ...` left to right. */
function evaluate(text) {
  const it = tokens(text);
  let acc = it.next().value.v;
  for (;;) {
    const op = it.next();
    if (op.done) return acc;
    const rhs = it.next().value.v;
    acc = op.value.v === '+' ? acc + rhs : op.value.v === '-' ? acc - rhs : (acc * rhs) % 1000003;
  }
}

export function setup(size) {
  const n = size === 'smoke' ? 5000 : 300000;
  const exprs = [];
  for (let i = 0; i < (size === 'smoke' ? 50 : 3000); i++) {
    let s = String(i % 89);
    for (let k = 0; k < 20; k++) s += ` ${'+-*'[(i + k) % 3]} ${(i * 31 + k * 7) % 1000}`;
    exprs.push(s);
  }
  return { n, tree: build(size === 'smoke' ? 10 : 15, 7), exprs };
}

export function run({ n, tree, exprs }) {
  let digest = 0;
  const squares = map(filter(range(n), (x) => x % 3 !== 0), (x) => (x * x) % 10007);
  for (const chunk of chunks(take(squares, n / 2), 64)) {
    for (const v of chunk) digest = (digest * 31 + v) >>> 0;
  }
  for (const v of walk(tree, 1)) digest = (digest * 31 + v) >>> 0;
  for (const e of exprs) digest = (digest * 31 + evaluate(e)) >>> 0;
  return digest;
}
