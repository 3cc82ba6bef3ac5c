// samples/kvstore updated live under real clients, end to end. The server starts in v1 under
// `restack run`; redis-benchmark (50 clients, 16 commands pipelined per client, SET/GET/INCR/MSET/
// PING over 50,000 random keys) runs again and again while `restack update <pid>` applies v2, v3
// and v4 (bundles from `restack patch`, the committed mapping files of samples/kvstore/patches).
// Then redis-cli checks what every client wrote: no error and no dropped connection, every key
// with its value (and INCR's counters add up to the number of INCRs sent), TTLs set in v2 still
// running, and a client that opened a MULTI in v3 runs its queue in v4.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  RespClient, applyUpdate, info, keys, mget, prepare, redisBenchmark, redisCli, sample, startServer, stopServer,
} from '../samples/kvstore/live.js';

const work = mkdtempSync(join(tmpdir(), 'restack-kvstore-'));
const xdg = join(work, 'xdg');
mkdirSync(xdg, { mode: 0o700 });
process.env.XDG_RUNTIME_DIR = xdg;

const haveRedisTools = spawnSync('redis-benchmark', ['--version']).status === 0 && spawnSync('redis-cli', ['--version']).status === 0;
const BENCH = ['-c', '50', '-P', '16', '-n', '100000', '-r', '50000', '-d', '3', '-t', 'set,get,incr,mset,ping'];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Streams EXPIRE c / INCR c / TTL c triples on one connection, 2,000 per write and up to three
 * writes in flight, until stop() resolves, then two writes more. Resolves with the TTL and INCR
 * replies in order.
 */
async function streamTriples(client, key, stop) {
  let stopped = false;
  stop.then(() => { stopped = true; });
  const inFlight = [];
  const results = [];
  let after = 0;
  while (after < 2) {
    if (stopped) after++;
    const batch = [];
    for (let i = 0; i < 2000; i++) batch.push(['EXPIRE', key, '1000'], ['INCR', key], ['TTL', key]);
    inFlight.push(client.pipeline(batch));
    if (inFlight.length >= 3) results.push(await inFlight.shift());
  }
  results.push(...(await Promise.all(inFlight)));
  const incr = [];
  const ttl = [];
  for (const replies of results) {
    for (let i = 0; i < replies.length; i += 3) {
      // The first EXPIRE finds no key yet; every later one finds the counter.
      assert.equal(replies[i], incr.length === 0 ? 0 : 1, `EXPIRE replied ${replies[i]}`);
      incr.push(replies[i + 1]);
      ttl.push(replies[i + 2]);
    }
  }
  return { incr, ttl };
}

test('kvstore: v1 -> v2 -> v3 -> v4 under redis-benchmark, checked with redis-cli', { skip: !haveRedisTools && !process.env.CI && 'redis-tools is not installed (.ci/run installs it)', timeout: 240000 }, async (t) => {
  const main = prepare(work);
  const server = await startServer(main);
  const { port, pid } = server;
  t.after(() => stopServer(server));

  // A client in db 3 writes keys in every version; one in db 5 opens a MULTI in v3 and runs it in v4.
  const tracker = await RespClient.open(port);
  assert.equal(await tracker.send('SELECT', 3), 'OK');
  const expected = new Map(); // key -> { value, ttl: seconds or -1 }
  const write = async (version, n, ttl) => {
    for (let i = 0; i < n; i++) {
      const key = `tracked:${version}:${i}`;
      const value = `${version}-${i}-\u00e9\u0001`;
      const reply = ttl > 0 ? await tracker.send('SET', key, value, 'EX', ttl) : await tracker.send('SET', key, value);
      assert.equal(reply, 'OK');
      expected.set(key, { value, ttl });
    }
  };
  await write('v1', 200, -1);
  // What redis-benchmark's SET writes (-d 3): one SET without -r writes it under key:__rand_int__.
  const once = await redisBenchmark(port, ['-n', '1', '-c', '1', '-d', '3', '-t', 'set']).done;
  assert.equal(once.code, 0, once.stdout + once.stderr);
  const payload = redisCli(port, ['--raw', 'GET', 'key:__rand_int__']).stdout.replace(/\n$/, '');
  assert.equal(payload.length, 3);

  // redis-benchmark, run after run, until the updates are done and one more run has completed.
  const runs = [];
  let updatesDone = false;
  const loop = (async () => {
    while (!updatesDone || runs.length < 2 || !runs.at(-1).afterUpdates) {
      const startedAfter = updatesDone;
      const r = await redisBenchmark(port, BENCH).done;
      runs.push({ ...r, afterUpdates: startedAfter });
      if (r.code !== 0) break;
    }
  })();
  await sleep(400);

  const reports = [];
  const update = async (name, label) => {
    const r = await applyUpdate(pid, join(work, name), label);
    assert.equal(r.code, 0, `${name}: ${r.text}`);
    assert.equal(r.report.applied, true, r.text);
    reports.push({ name, report: r.report });
    return r.report;
  };

  await update('v1-v2', 'v2');
  assert.equal(info(port).kvstore_version, '2');
  await write('v2', 200, 1000);
  // v2's bug: INCR forgets the key's expiry. A stream of EXPIRE/INCR/TTL runs through the v2 -> v3
  // update: TTL is -1 after each INCR while v2 runs, then 1000 once v3 does, switching once, at
  // a command boundary, with every INCR counted exactly once.
  const streamer = await RespClient.open(port);
  let v3Applied;
  const v3Done = new Promise((r) => { v3Applied = r; });
  const streaming = streamTriples(streamer, 'midflight', v3Done);
  await sleep(150);
  await update('v2-v3', 'v3');
  v3Applied();
  const { incr, ttl } = await streaming;
  incr.forEach((n, i) => assert.equal(n, i + 1, `INCR reply ${i}`));
  const firstFixed = ttl.findIndex((x) => x !== -1);
  assert.ok(firstFixed > 0, `no INCR ran in v2 (${firstFixed})`);
  assert.ok(ttl.slice(firstFixed).every((x) => x === 1000), 'TTL went back to -1 after the switch');
  t.diagnostic(`EXPIRE/INCR/TTL stream: ${firstFixed} triples answered by v2, ${ttl.length - firstFixed} by v3`);
  await write('v3', 200, 2000);

  const multi = await RespClient.open(port);
  assert.equal(await multi.send('SELECT', 5), 'OK');
  assert.equal(await multi.send('MULTI'), 'OK');
  assert.equal(await multi.send('SET', 'tx:a', 'queued-in-v3'), 'QUEUED');
  assert.equal(await multi.send('INCR', 'tx:n'), 'QUEUED');
  await update('v3-v4', 'v4');
  updatesDone = true;
  assert.equal(info(port).kvstore_version, '4');
  const list = redisCli(port, ['CLIENT', 'LIST']).stdout;
  assert.match(list, /db=5 multi=2/, list);
  assert.match(list, /db=3 multi=-1/, list);
  assert.deepEqual(await multi.send('EXEC'), ['OK', 1]);
  assert.equal(redisCli(port, ['-n', '5', 'GET', 'tx:a']).stdout.trim(), 'queued-in-v3');
  // v4's new commands under load, and its new MULTI rule (a command it cannot queue aborts EXEC).
  const lists = await redisBenchmark(port, ['-c', '50', '-P', '16', '-n', '20000', '-t', 'lpush,rpush,lpop,rpop,lrange_100']).done;
  assert.equal(lists.code, 0, lists.stdout + lists.stderr);
  assert.equal(await multi.send('MULTI'), 'OK');
  assert.ok((await multi.send('NOSUCH')) instanceof Error);
  assert.match(String(await multi.send('EXEC')), /EXECABORT/);
  await write('v4', 200, 3000);

  await loop;
  for (const r of runs) assert.equal(r.code, 0, `redis-benchmark failed:\n${r.stdout}${r.stderr}`);
  for (const r of runs) assert.doesNotMatch(r.stdout + r.stderr, /error/i);
  t.diagnostic(`redis-benchmark runs: ${runs.length}; ` + runs.map((r) => r.rows.map((x) => `${x.test} ${Math.round(x.rps)}`).join(', ')).join(' | '));
  // Every update moves the connections open at that moment: this test's own (at least the
  // tracker and the streamer or the MULTI client), and redis-benchmark's 50 unless it is between
  // two runs.
  const counts = reports.map(({ name, report }) => {
    const suspended = report.frames.filter((f) => f.suspended).length;
    t.diagnostic(`${name}: pause ${report.timings.pauseMs.toFixed(2)} ms, ${report.frames.length} frames (${suspended} suspended activations)`);
    assert.ok(suspended >= 2, `${name}: only ${suspended} suspended connections were moved`);
    return suspended;
  });
  assert.ok(Math.max(...counts) >= 50, `no update found redis-benchmark's 50 connections: ${counts}`);

  // Nothing lost: redis-benchmark's SET and MSET write its payload under key:<n>; its INCRs add up.
  const stats = info(port);
  assert.equal(stats.total_connections_dropped, '0');
  const benchKeys = keys(port, 0, 'key:*');
  assert.ok(benchKeys.length > 40000, `${benchKeys.length} keys`);
  const benchValues = mget(port, 0, benchKeys);
  const wrong = benchKeys.filter((k, i) => benchValues[i] !== payload);
  assert.deepEqual(wrong.slice(0, 5).map((k) => [k, benchValues[benchKeys.indexOf(k)]]), [], `${wrong.length} keys written by redis-benchmark lost their value ${JSON.stringify(payload)}`);
  const counters = keys(port, 0, 'counter:*');
  const total = mget(port, 0, counters).reduce((sum, v) => sum + Number(v), 0);
  assert.equal(total, 100000 * runs.length, 'INCRs lost or counted twice');
  assert.equal(redisCli(port, ['GET', 'midflight']).stdout.trim(), String(incr.length));

  // The tracked keys, read by redis-cli (one session, commands on its stdin): values byte for byte,
  // TTLs still counting down.
  const tracked = [...expected.keys()];
  const read = redisCli(port, ['-n', '3', '--raw'], tracked.map((k) => `GET ${k}\nTTL ${k}\n`).join(''));
  assert.equal(read.code, 0, read.stderr);
  const lines = read.stdout.split('\n');
  tracked.forEach((key, i) => {
    const { value, ttl: set } = expected.get(key);
    assert.equal(lines[2 * i], value, key);
    const left = Number(lines[2 * i + 1]);
    if (set < 0) assert.equal(left, -1, key);
    else assert.ok(left > set - 60 && left <= set, `${key}: TTL ${left}, set to ${set}`);
  });

  tracker.close();
  streamer.close();
  multi.close();
  assert.equal(await stopServer(server), 0);
  assert.doesNotMatch(server.output().stderr, /connection failed|Error/, server.output().stderr);
});

test('kvstore: every version type-checks (tsc --strict)', () => {
  const tsc = join(process.cwd(), 'node_modules/typescript/bin/tsc');
  for (const v of ['v1', 'v2', 'v3', 'v4']) {
    const dir = join(sample, v);
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => join(dir, f));
    const r = spawnSync(process.execPath, [tsc, '--strict', '--noEmit', '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--target', 'ES2022', '--types', 'node', '--skipLibCheck', ...files], { encoding: 'utf8' });
    assert.equal(r.status, 0, `${v}:\n${r.stdout}${r.stderr}`);
  }
});
