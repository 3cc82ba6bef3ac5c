// Generators updated in place. A compiled generator's body is a continuation point at each yield:
// generator objects the program keeps (suspended at a yield, delegating with yield*, or not
// started yet) move to the new version and go on there with their locals when the program next
// calls them; a generator running a long loop is captured inside its body, through the next()
// call of the compiled loop consuming it, and both frames are rebuilt in the new version.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { workspace } from './helpers/versions.js';

const { work, versions, runAndUpdate: runPatched } = workspace('restack-generators-');

/** Runs dir/c1/main.js; when stdout first matches `ready`, applies dir/p. */
const runAndUpdate = (dir, ready) => runPatched(join(dir, 'c1', 'main.js'), join(dir, 'p'), ready);

// Sessions are generators kept in a Map, fed by a timer: each waits at its yield between inputs.
const sessions = (version) => `
function* session(name) {
  let count = 0;
  let total = 0;
  for (;;) {
    const n = yield name + ' ready';
    if (n === null) return name + ' bye after ' + count;
    count++;
    total += n;
    process.stdout.write('${version} ' + name + ' count=' + count + ' total=' + total${version === 'v2' ? " + ' avg=' + total / count" : ''} + '\\n');
  }
}
function* inner(k) {
  for (let i = 0; i < k; i++) yield 'inner' + i;
  return 'inner done';
}
function* outer() {
  const r = yield* inner(6);
  yield '${version} after ' + r;
}
const clients = new Map();
for (const name of ['a', 'b', 'c']) {
  const g = session(name);
  g.next();
  clients.set(name, g);
}
const delegating = outer();
const late = session('late');
let tick = 0;
// The timer's text is the same in both versions: a changed initialiser would run again.
const timer = setInterval(() => onTick(), 120);
function onTick() {
  tick++;
  for (const g of clients.values()) g.next(tick);
  const d = delegating.next();
  if (!d.done) process.stdout.write('${version} outer ' + d.value + '\\n');
  if (tick === 8) {
    clearInterval(timer);
    late.next();
    late.next(100);
    for (const g of [...clients.values(), late]) process.stdout.write(g.next(null).value + '\\n');
  }
}
`;

test('suspended generators kept in data structures move to the new version with their locals', async () => {
  const dir = join(work, 'sessions');
  versions(dir, sessions);
  const { code, stdout, stderr, report } = await runAndUpdate(dir, /v1 c count=2 /);
  assert.equal(code, 0, `${stdout}\n${stderr}`);
  assert.equal(report.applied, true, JSON.stringify(report));
  const froms = report.frames.filter((f) => f.suspended).map((f) => f.from);
  assert.ok(froms.filter((f) => f.startsWith('main.js#session')).length >= 3, froms.join('\n'));
  assert.ok(froms.some((f) => f.startsWith('main.js#outer')), froms.join('\n'));
  assert.ok(froms.some((f) => f.startsWith('main.js#inner')), froms.join('\n'));
  const lines = stdout.trim().split('\n');
  // Every session counts every tick once, in one version then the other, its total intact.
  for (const name of ['a', 'b', 'c']) {
    const mine = lines.filter((l) => l.split(' ')[1] === name);
    assert.equal(mine.length, 8, mine.join('\n'));
    mine.forEach((l, i) => {
      const total = ((i + 1) * (i + 2)) / 2;
      assert.match(l, new RegExp(`^v[12] ${name} count=${i + 1} total=${total}( avg=${total / (i + 1)})?$`));
      assert.equal(l.startsWith('v2'), l.includes('avg='), l);
    });
    const switched = mine.findIndex((l) => l.startsWith('v2'));
    assert.ok(switched >= 2 && mine.slice(switched).every((l) => l.startsWith('v2')), mine.join('\n'));
    assert.ok(lines.includes(`${name} bye after 8`), stdout);
  }
  // The delegation went on through the update; the delegating body resumed in v2.
  const outerLines = lines.filter((l) => l.includes(' outer '));
  assert.deepEqual(outerLines.map((l) => l.split(' ').slice(2).join(' ')),
    ['inner0', 'inner1', 'inner2', 'inner3', 'inner4', 'inner5', 'v2 after inner done']);
  // A generator made before the update and started after it runs the new version.
  assert.ok(lines.includes('v2 late count=1 total=100 avg=100'), stdout);
  assert.ok(lines.includes('late bye after 1'), stdout);
});

// A long computation in a generator, consumed by a compiled for-of: the update is taken inside the
// generator's running body (it yields rarely), so the stack is captured across the next() call.
const primes = (version) => `
function* primes() {
  let n = 1;
  let found = 0;
  for (;;) {
    n++;
    let prime = true;
    for (let d = 2; d * d <= n; d++) {
      if (n % d === 0) { prime = false; break; }
    }
    if (prime && ++found % 2000 === 0) yield [found, n];
  }
}
function label(found, p) { return '${version} ' + found + ' ' + p; }
function enough(found) {
  ${version === 'v2' ? 'globalThis.since ??= found; return found - globalThis.since >= 40000;' : 'return false;'}
}
function main() {
  let lines = 0;
  for (const [found, p] of primes()) {
    process.stdout.write(label(found, p) + '\\n');
    lines++;
    if (enough(found)) break;
  }
  process.stdout.write('lines ' + lines + '\\n');
}
main();
`;

test('a generator running a long loop is captured in its body and rebuilt with its consumer', async () => {
  const dir = join(work, 'primes');
  versions(dir, primes);
  const { code, stdout, stderr, report } = await runAndUpdate(dir, /^v1 4000 /m);
  assert.equal(code, 0, `${stdout}\n${stderr}`);
  assert.equal(report.applied, true, JSON.stringify(report));
  const running = report.frames.filter((f) => !f.suspended).map((f) => f.from);
  assert.ok(running.some((f) => f.startsWith('main.js#primes')), JSON.stringify(report.frames));
  assert.ok(running.some((f) => f.startsWith('main.js#main')), JSON.stringify(report.frames));
  const lines = stdout.trim().split('\n');
  const rows = lines.slice(0, -1).map((l) => l.split(' '));
  // Every 2000th prime, in order, none skipped or repeated, v1 then v2.
  const max = Number(rows.at(-1)[2]);
  const sieve = new Uint8Array(max + 1);
  const nth = [];
  for (let i = 2; i <= max; i++) {
    if (sieve[i]) continue;
    nth.push(i);
    for (let j = i * i; j <= max; j += i) sieve[j] = 1;
  }
  rows.forEach(([, found, p], i) => {
    assert.equal(Number(found), (i + 1) * 2000);
    assert.equal(Number(p), nth[(i + 1) * 2000 - 1]);
  });
  const switched = rows.findIndex((r) => r[0] === 'v2');
  assert.ok(switched >= 2 && rows.slice(switched).every((r) => r[0] === 'v2'), lines.join('\n'));
  assert.equal(lines.at(-1), `lines ${rows.length}`);
});

// An async generator reading a stream, consumed by a for await: both wait (the generator in its
// own for await, the consumer at its next()) when the update comes; both resume in the new
// version, the generator's count carried.
const lines = (version) => `
import { PassThrough } from 'node:stream';
async function* numbered(stream) {
  let n = 0;
  for await (const chunk of stream) {
    n++;
    yield '${version}#' + n + ':' + chunk;
  }
  return n;
}
async function consume(stream) {
  let seen = 0;
  for await (const line of numbered(stream)) {
    seen++;
    process.stdout.write(line + '\\n');
  }
  return seen;
}
const stream = new PassThrough();
let i = 0;
const timer = setInterval(() => onTick(), 120);
function onTick() {
  if (i === 7) {
    clearInterval(timer);
    stream.end();
    return;
  }
  stream.write('chunk' + i++);
}
consume(stream).then((seen) => process.stdout.write('end ' + seen + '\\n'));
`;

test('an async generator waiting in its own for await moves with its consumer', async () => {
  const dir = join(work, 'lines');
  versions(dir, lines);
  const { code, stdout, stderr, report } = await runAndUpdate(dir, /v1#2:chunk1/);
  assert.equal(code, 0, `${stdout}\n${stderr}`);
  assert.equal(report.applied, true, JSON.stringify(report));
  const froms = report.frames.filter((f) => f.suspended).map((f) => f.from);
  assert.ok(froms.some((f) => f.startsWith('main.js#numbered')), froms.join('\n'));
  assert.ok(froms.some((f) => f.startsWith('main.js#consume')), froms.join('\n'));
  const out = stdout.trim().split('\n');
  assert.equal(out.at(-1), 'end 7');
  const rows = out.slice(0, -1).map((l) => /^(v[12])#(\d+):chunk(\d+)$/.exec(l));
  assert.ok(rows.every(Boolean), stdout);
  rows.forEach((m, k) => {
    assert.equal(Number(m[2]), k + 1);
    assert.equal(Number(m[3]), k);
  });
  const switched = rows.findIndex((m) => m[1] === 'v2');
  assert.ok(switched >= 2 && rows.slice(switched).every((m) => m[1] === 'v2'), stdout);
});
