// The control channel's bounds (runtime/controlConnections.ts) and the bundle reader's
// (contract/bundleFiles.ts): an oversize request line, too many requests in flight on one
// connection, many idle connections and a connection that sends only part of a line never leave
// the channel unable to answer status; a bundle over the size or time limits is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspace } from './helpers/versions.js';
import { liveProgram } from './helpers/live.js';
import { BundleReader } from '../dist/contract/bundleFiles.js';
import { IDLE_MS, MAX_CLIENTS, MAX_IN_FLIGHT, MAX_LINE } from '../dist/runtime/controlConnections.js';

const ws = workspace('restack-limits-');
const dir = join(ws.work, 'app');
ws.versions(dir, (v) => `import { createInterface } from 'node:readline';
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line === 'stop') process.exit(0);
  console.log('${v} ' + line);
});
console.log('ready');
`);

/** A raw connection to the control socket: the reply lines it got, and whether it was closed. */
function client(path) {
  const socket = connect(path);
  const c = { socket, lines: [], closed: false, closedAt: 0 };
  let buffer = '';
  socket.setEncoding('utf8');
  socket.on('data', (d) => {
    buffer += d;
    for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
      c.lines.push(JSON.parse(buffer.slice(0, i)));
      buffer = buffer.slice(i + 1);
    }
  });
  socket.on('error', () => {});
  c.ready = new Promise((resolve) => socket.on('connect', resolve));
  c.done = new Promise((resolve) => socket.on('close', () => {
    c.closed = true;
    c.closedAt = Date.now();
    resolve();
  }));
  return c;
}

const until = async (cond, ms, what) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

// A program holding a connection that sent part of a line and nothing more, from the start: the
// last test sees it closed after IDLE_MS while the other tests run.
const idleProgram = liveProgram(join(dir, 'c1', 'main.js'), [], ws.env);
let lingering;
let lingeringSince;

test('a connection that sends part of a line and then nothing is closed after the idle time', { timeout: IDLE_MS + 30_000 }, async () => {
  await idleProgram.until(/^ready$/m);
  await idleProgram.listening();
  lingering = client(idleProgram.socketPath());
  await lingering.ready;
  lingering.socket.write('{"id": 1, "type": "sta');
  lingeringSince = Date.now();
  // Checked at the end of the file (the other tests run meanwhile).
});

test('an oversize request line is refused and its connection closed; status still answers', async () => {
  const t = liveProgram(join(dir, 'c1', 'main.js'), [], ws.env);
  await t.until(/^ready$/m);
  await t.listening();
  const c = client(t.socketPath());
  await c.ready;
  c.socket.write('x'.repeat(MAX_LINE + 4096));
  await c.done;
  assert.match(c.lines[0]?.error ?? '', new RegExp(`a line longer than ${MAX_LINE} bytes`));
  assert.equal(t.status().version, 'initial');

  // Requests beyond MAX_IN_FLIGHT on one connection are refused, the others answered.
  const p = client(t.socketPath());
  await p.ready;
  const n = MAX_IN_FLIGHT + 12;
  p.socket.write(Array.from({ length: n }, (_, i) => JSON.stringify({ id: i, type: 'status' })).join('\n') + '\n');
  await until(() => p.lines.length === n, 10_000, `${n} replies`);
  const refused = p.lines.filter((l) => !l.ok);
  assert.equal(refused.length, n - MAX_IN_FLIGHT);
  for (const r of refused) assert.match(r.error, new RegExp(`too many requests in flight on this connection \\(at most ${MAX_IN_FLIGHT}\\)`));
  assert.deepEqual(p.lines.filter((l) => l.ok).map((l) => l.id).sort((a, b) => a - b), Array.from({ length: MAX_IN_FLIGHT }, (_, i) => i));
  // Once answered, the connection takes requests again.
  p.socket.write(JSON.stringify({ id: 'again', type: 'status' }) + '\n');
  await until(() => p.lines.some((l) => l.id === 'again'), 10_000, 'the reply to a later request');
  assert.equal(p.lines.find((l) => l.id === 'again').ok, true);
  p.socket.end();
  assert.equal(await t.stop(), 0);
});

test('many idle connections do not lock out a status request: the longest idle are closed', async () => {
  const t = liveProgram(join(dir, 'c1', 'main.js'), [], ws.env);
  await t.until(/^ready$/m);
  await t.listening();
  const idle = [];
  for (let i = 0; i < 3 * MAX_CLIENTS; i++) {
    const c = client(t.socketPath());
    await c.ready;
    // Half of them send the beginning of a request and stop.
    if (i % 2) c.socket.write('{"id": 7, "ty');
    idle.push(c);
  }
  const status = t.status();
  assert.equal(status.version, 'initial');
  await until(() => idle.filter((c) => c.closed).length >= 2 * MAX_CLIENTS, 5000, 'the idle connections closed');
  for (const c of idle.filter((x) => x.closed)) assert.match(c.lines[0]?.error ?? '', /connections are open and this one was the longest idle/);
  // The newest stayed open: they were not the idlest.
  assert.equal(idle.at(-1).closed, false);
  for (const c of idle) c.socket.destroy();
  // And the program still takes an update.
  const r = t.update(join(dir, 'p'));
  assert.equal(r.applied, true, r.reason);
  const from = t.stdout.length;
  t.send('hello');
  await t.until(/^v2 hello$/m, from);
  assert.equal(await t.stop(), 0);
});

test('a bundle over the size or time limits is refused, naming the file', () => {
  const b = join(ws.work, 'limits');
  mkdirSync(join(b, 'new'), { recursive: true });
  writeFileSync(join(b, 'patch.json'), 'x'.repeat(100));
  writeFileSync(join(b, 'new', 'a.js'), 'y'.repeat(60));
  assert.throws(() => new BundleReader(b, { fileBytes: 99, totalBytes: 1000, ms: 10_000 }).read('patch.json'),
    /limits\/patch\.json is 100 bytes, more than the 99 bytes a bundle's file may hold/);
  const total = new BundleReader(b, { fileBytes: 1000, totalBytes: 150, ms: 10_000 });
  assert.equal(total.read('patch.json').length, 100);
  assert.throws(() => total.read('new/a.js'), /the bundle's files hold more than the 150 bytes a bundle may hold \(at new\/a\.js\)/);
  assert.throws(() => new BundleReader(b, { fileBytes: 1000, totalBytes: 1000, ms: -1 }).read('patch.json'),
    /reading the bundle took more than -1 ms .*so it was refused/);
  assert.throws(() => new BundleReader(b).read('../outside'), /'\.\.\/outside' is not a path inside the bundle/);
  // Only the file system's time counts: work between two reads (a busy machine) does not.
  const slow = new BundleReader(b, { fileBytes: 1000, totalBytes: 1000, ms: 200 });
  slow.read('patch.json');
  for (const until = performance.now() + 400; performance.now() < until;);
  assert.equal(slow.read('new/a.js').length, 60);
});

test('(the lingering connection of the first test is closed once idle)', { timeout: IDLE_MS + 30_000 }, async () => {
  await until(() => lingering.closed, IDLE_MS + 10_000, 'the lingering connection closed');
  const after = lingering.closedAt - lingeringSince;
  assert.ok(after >= IDLE_MS - 500, `closed after ${after} ms, before the idle time`);
  assert.match(lingering.lines[0]?.error ?? '', new RegExp(`no complete request for ${IDLE_MS / 1000} s`));
  assert.equal(idleProgram.status().version, 'initial');
  assert.equal(await idleProgram.stop(), 0);
});
