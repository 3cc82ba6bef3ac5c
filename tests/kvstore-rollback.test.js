// samples/kvstore: an update whose transformers damage the old state and then fail leaves the
// running v1 exactly as it was, as its clients see it (decision 0004). The committed v1 -> v2
// mapping with three more lines: the store's transformer converts every key's value in place,
// the server's empties every client's MULTI queue, stats' changes its counters, and the last of
// them to run throws. Before the journal, GET answered a malformed bulk string afterwards, INCR
// failed on an integer and a client's EXEC ran an empty queue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RespClient, applyUpdate, prepare, restack, sample, startServer, stopServer } from '../samples/kvstore/live.js';

const work = mkdtempSync(join(tmpdir(), 'restack-kvstore-rollback-'));
const xdg = join(work, 'xdg');
mkdirSync(xdg, { mode: 0o700 });
process.env.XDG_RUNTIME_DIR = xdg;

/** The committed v1 -> v2 bundle with each state transformer's body prefixed by `damage[module]`. */
function damagedBundle(name, damage) {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  let text = readFileSync(join(sample, 'patches', 'v1-v2', 'mapping.ts'), 'utf8');
  // Three transformers run; the last one throws, after all three did their damage.
  text = text.replace('export default {', 'let left = 3;\nfunction done(): void {\n  if (--left === 0) throw new Error(\'failed after damaging the state\');\n}\n\nexport default {');
  text = text.replace(/ {4}\/\/ 'server\.ts'\(old: ([^\n]*)\n {4}\/\/ \},\n/, "    'server.ts'(old: $1\n    },\n");
  for (const [module, body] of Object.entries(damage)) {
    const at = text.indexOf(`    '${module}'(old`);
    assert.ok(at >= 0, `no ${module} transformer in the mapping`);
    const open = text.indexOf('{\n', at) + 2;
    text = `${text.slice(0, open)}${body}\n      done();\n${text.slice(open)}`;
  }
  writeFileSync(join(dir, 'mapping.ts'), text);
  restack(['patch', join(sample, 'v1'), join(sample, 'v2'), '-o', dir, '--keep-mapping']);
  restack(['check', dir]);
  return dir;
}

test('kvstore: transformers that damage the state and fail leave v1 serving every key, counter and queued MULTI as before', { timeout: 120_000 }, async (t) => {
  const main = prepare(work, { patches: ['v1-v2'] });
  const damaged = damagedBundle('damaged', {
    'store.ts': '      for (const db of (old.dbs as Array<Map<string, unknown>>)) for (const [k, v] of db) db.set(k, { value: v, expiresAt: 0 });',
    'server.ts': '      for (const c of (old.clients as Map<number, any>).values()) if (c.session.queue) c.session.queue.length = 0;',
    'stats.ts': '      Object.assign(old.stats as object, { commandsProcessed: -1, expiredKeys: 0 });',
  });
  const server = await startServer(main);
  t.after(() => stopServer(server));
  const a = await RespClient.open(server.port);
  const b = await RespClient.open(server.port);
  t.after(() => { a.close?.(); b.close?.(); });
  assert.equal(await a.send('SET', 'k1', 'hello'), 'OK');
  assert.equal(await a.send('SET', 'n', '5'), 'OK');
  assert.equal(await b.send('MULTI'), 'OK');
  assert.equal(await b.send('SET', 'q', 'queued'), 'QUEUED');
  assert.equal(await b.send('INCR', 'n'), 'QUEUED');

  const failed = await applyUpdate(server.pid, damaged, 'v2');
  assert.equal(failed.code, 1, failed.text);
  assert.equal(failed.report.applied, false);
  assert.match(failed.report.reason, /state transformer of \S+ threw: failed after damaging the state/);
  assert.ok(failed.report.undone.objects >= 3, JSON.stringify(failed.report.undone));

  // As v1 had them: strings, an integer counter, the MULTI queue, the counters.
  assert.equal(await a.send('GET', 'k1'), 'hello');
  assert.equal(await a.send('INCR', 'n'), 6);
  assert.deepEqual(await b.send('EXEC'), ['OK', 7]);
  assert.equal(await a.send('GET', 'q'), 'queued');
  const stats = await a.send('INFO');
  const processed = Number(/total_commands_processed:(\d+)/.exec(stats)?.[1]);
  assert.ok(processed >= 9, stats);

  // The committed bundle then applies, from the intact state.
  const applied = await applyUpdate(server.pid, join(work, 'v1-v2'), 'v2');
  assert.equal(applied.code, 0, applied.text);
  assert.equal(await a.send('GET', 'k1'), 'hello');
  assert.equal(await a.send('INCR', 'n'), 8);
  assert.equal(await b.send('GET', 'q'), 'queued');
});

test('kvstore: restack update --dry-run reports the update and changes nothing; the update then applies', { timeout: 120_000 }, async (t) => {
  const main = join(work, 'v1', 'main.js');
  const server = await startServer(main);
  t.after(() => stopServer(server));
  const a = await RespClient.open(server.port);
  t.after(() => a.close?.());
  for (let i = 0; i < 1000; i++) await a.send('SET', `key:${i}`, `v${i}`);
  const cli = join(sample, '..', '..', 'bin', 'restack.js');
  const dry = spawnSync(process.execPath, [cli, 'update', '--dry-run', String(server.pid), join(work, 'v1-v2')], { encoding: 'utf8' });
  assert.equal(dry.status, 0, dry.stdout + dry.stderr);
  assert.match(dry.stdout, /dry run of update initial -> v1-v2 \(pid \d+\): it would apply; nothing was changed, still running initial/);
  assert.match(dry.stdout, /state store\.ts: carried DATABASES; initialised expiryCursors; transformed dbs/);
  const status = JSON.parse(spawnSync(process.execPath, [cli, 'status', '--json', String(server.pid)], { encoding: 'utf8' }).stdout);
  assert.equal(status.version, 'initial');
  assert.equal(await a.send('GET', 'key:999'), 'v999');
  const applied = await applyUpdate(server.pid, join(work, 'v1-v2'), 'v2');
  assert.equal(applied.code, 0, applied.text);
  assert.equal(await a.send('GET', 'key:999'), 'v999');
});
