#!/usr/bin/env node
/**
 * Soak test of live updates under load: samples/kvstore starts in v1 under `restack run`,
 * redis-benchmark (50 clients, 16 commands pipelined each, SET/GET/INCR/MSET/PING over 50,000
 * random keys) runs again and again, and `restack update <pid>` applies v1 -> v2 -> v1 -> ...
 * (the committed mappings of samples/kvstore/patches: v2-v1 is a rollback that keeps every key
 * and drops TTLs, which v1 does not have) as fast as the updates complete.
 *
 * After every update: INFO reports the version just applied and no dropped connection, and a
 * client that writes a key of its own between updates reads back every key it wrote so far.
 * At the end: every redis-benchmark run exited 0 without an error, every key it wrote has its
 * payload, its INCRs add up, the server shuts down cleanly. Exit 1 with the reason otherwise.
 *
 *   node scripts/kvstore-soak.js [--updates 100]
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  RespClient, applyUpdate, info, keys, mget, prepare, redisBenchmark, redisCli, startServer, stopServer,
} from '../samples/kvstore/live.js';

const argv = process.argv.slice(2);
const at = argv.indexOf('--updates');
const UPDATES = at >= 0 ? Number(argv[at + 1]) : 100;
const BENCH = ['-c', '50', '-P', '16', '-n', '100000', '-r', '50000', '-d', '3', '-t', 'set,get,incr,mset,ping'];

function fail(message) {
  process.stderr.write(`kvstore-soak: ${message}\n`);
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), 'restack-kvstore-soak-'));
const xdg = join(work, 'xdg');
mkdirSync(xdg, { mode: 0o700 });
process.env.XDG_RUNTIME_DIR = xdg;

const main = prepare(work, { patches: ['v1-v2', 'v2-v1'] });
const server = await startServer(main);
const { port, pid } = server;

const once = await redisBenchmark(port, ['-n', '1', '-c', '1', '-d', '3', '-t', 'set']).done;
if (once.code !== 0) fail(`redis-benchmark failed:\n${once.stdout}${once.stderr}`);
const payload = redisCli(port, ['--raw', 'GET', 'key:__rand_int__']).stdout.replace(/\n$/, '');

const runs = [];
let done = false;
const loop = (async () => {
  while (!done || runs.length < 1) {
    const r = await redisBenchmark(port, BENCH).done;
    runs.push(r);
    if (r.code !== 0) fail(`redis-benchmark run ${runs.length} failed:\n${r.stdout}${r.stderr}`);
    if (/error/i.test(r.stdout + r.stderr)) fail(`redis-benchmark run ${runs.length} reported an error:\n${r.stdout}${r.stderr}`);
  }
})();

const client = await RespClient.open(port);
const written = [];
const pauses = [];
const started = Date.now();
for (let i = 1; i <= UPDATES; i++) {
  const name = i % 2 === 1 ? 'v1-v2' : 'v2-v1';
  const version = name.slice(-1);
  const r = await applyUpdate(pid, join(work, name), `${name.slice(3)}#${i}`);
  if (r.code !== 0 || !r.report?.applied) fail(`update ${i} (${name}) failed:\n${r.text}`);
  pauses.push(r.report.timings.pauseMs);
  const stats = info(port);
  if (stats.kvstore_version !== version) fail(`after update ${i} INFO says version ${stats.kvstore_version}, expected ${version}`);
  if (stats.total_connections_dropped !== '0') fail(`after update ${i}: ${stats.total_connections_dropped} connections dropped`);
  const key = `soak:${i}`;
  if ((await client.send('SET', key, `value-${i}`)) !== 'OK') fail(`SET ${key} failed`);
  written.push(key);
  const values = await client.send('MGET', ...written);
  written.forEach((k, j) => {
    if (values[j] !== `value-${k.slice(5)}`) fail(`after update ${i}: ${k} is ${JSON.stringify(values[j])}`);
  });
  if (i % 10 === 0) process.stderr.write(`kvstore-soak: ${i}/${UPDATES} updates, ${runs.length} redis-benchmark runs done\n`);
}
done = true;
await loop;

const benchKeys = keys(port, 0, 'key:*');
const values = mget(port, 0, benchKeys);
const wrong = benchKeys.filter((k, j) => values[j] !== payload);
if (wrong.length) fail(`${wrong.length} keys written by redis-benchmark lost their value, e.g. ${wrong[0]}`);
const counters = keys(port, 0, 'counter:*');
const total = mget(port, 0, counters).reduce((sum, v) => sum + Number(v), 0);
if (total !== 100000 * runs.length) fail(`INCR counters add up to ${total}, expected ${100000 * runs.length}`);
client.close();
const code = await stopServer(server);
if (code !== 0) fail(`the server exited with ${code}:\n${server.output().stderr}`);
if (/connection failed|Error/.test(server.output().stderr)) fail(`the server reported:\n${server.output().stderr}`);
rmSync(work, { recursive: true, force: true });

const sorted = [...pauses].sort((a, b) => a - b);
const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
console.log(`kvstore-soak: ${UPDATES} updates (v1 <-> v2) in ${((Date.now() - started) / 1000).toFixed(1)} s under ${runs.length} redis-benchmark runs ` +
  `(${runs.length * 500000} requests, ${benchKeys.length} keys, INCR total ${total}): no error, no dropped connection, nothing lost; ` +
  `pause median ${q(0.5).toFixed(2)} ms, p90 ${q(0.9).toFixed(2)} ms, max ${sorted.at(-1).toFixed(2)} ms`);
