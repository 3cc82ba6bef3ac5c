// samples/webcluster under load: the cluster (a primary and two workers, each with its own cache)
// runs compiled under `restack run` while wrk (Debian's, installed by .ci/run) and check.js send
// requests; `restack update <primary>` applies v1 -> v2 (coordinated: every process or none) and
// v2 -> v3 (rolling: one process after the other). Every request is answered with a 2xx, no socket
// errors, every response is exactly its version's, each update's report lists the three processes,
// and a worker started after the updates (the primary replaces one killed) serves v3.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, root } from './helpers/run.js';
import { prepare } from '../samples/webcluster/live.js';
import { checkRequest, checkResponse } from '../samples/webcluster/check.js';
import { get } from 'node:http';

const haveWrk = spawnSync('wrk', ['--version']).error === undefined;
const work = mkdtempSync(join(tmpdir(), 'restack-webcluster-'));
const xdg = join(work, 'xdg');
mkdirSync(xdg, { mode: 0o700 });
const env = { ...process.env, XDG_RUNTIME_DIR: xdg };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Starts wrk for `seconds` with the sample's script; resolves with its output when it ends. */
function load(port, seconds) {
  const wrk = spawn('wrk', ['-t2', '-c16', `-d${seconds}s`, '-s', join(root, 'samples/webcluster/load.lua'), `http://127.0.0.1:${port}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  wrk.stdout.on('data', (d) => { out += d; });
  wrk.stderr.on('data', (d) => { out += d; });
  return new Promise((resolve) => wrk.on('exit', (code) => resolve({ code, out })));
}

/** check.js's requests, sequentially, until `stop()`: every response checked against its version. */
function checker(port) {
  const base = `http://127.0.0.1:${port}`;
  let running = true;
  const seen = { responses: 0, byVersion: {}, failures: [] };
  const done = (async () => {
    for (let i = 0; running; i++) {
      const path = i % 20 === 0 ? '/stats' : i % 20 === 10 ? '/version' : `/item/${(i * 7919) % 1000}`;
      const r = await checkRequest(base, path);
      seen.responses++;
      seen.byVersion[r.version] = (seen.byVersion[r.version] ?? 0) + 1;
      if (!r.ok) seen.failures.push(`${path}: ${r.reason}`);
    }
  })();
  return { seen, stop: async () => { running = false; await done; return seen; } };
}

/**
 * One request on a connection of its own (fetch keeps its connections, and the cluster hands out
 * connections, not requests: a new worker only gets new connections), checked.
 */
function fresh(port, path) {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve(checkResponse({ path, status: res.statusCode, headers: res.headers, body })));
    }).on('error', reject).setTimeout(2000, function () {
      // A connection the primary handed to the worker just killed is never answered.
      this.destroy(new Error('no answer within 2 s'));
    });
  });
}

function update(pid, patch, label, ...args) {
  const u = spawnSync(process.execPath, [cli, 'update', '--json', '--label', label, ...args, String(pid), join(work, patch)], { env, encoding: 'utf8' });
  assert.ok(u.stdout, u.stderr);
  return JSON.parse(u.stdout);
}

test('webcluster: v1 -> v2 (coordinated) -> v3 (rolling) under wrk, every response 2xx and its version\'s', {
  skip: !haveWrk && !process.env.CI && 'wrk is not installed (.ci/run installs it)', timeout: 180_000,
}, async (t) => {
  prepare(work, { env });
  const server = spawn(process.execPath, [cli, 'run', '--announce', join(work, 'v1/main.js'), '--port', '0', '--workers', '2'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let pid = null;
  t.after(() => {
    // `restack run` starts the program in a process of its own: a failed test ends both.
    if (pid) try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
    server.kill('SIGKILL');
  });
  let stdout = '';
  let stderr = '';
  server.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => server.on('exit', (code, signal) => resolve({ code, signal })));
  const port = await new Promise((resolve, reject) => {
    server.stdout.on('data', (d) => {
      stdout += d;
      const m = /listening (\d+)/.exec(stdout);
      if (m) resolve(Number(m[1]));
    });
    server.on('exit', () => reject(new Error(`the cluster exited before listening:\n${stdout}\n${stderr}`)));
  });
  pid = Number(/\(pid (\d+)\)/.exec(stderr)[1]);

  const running = load(port, 8);
  const check = checker(port);
  await sleep(2000);
  const r2 = update(pid, 'v1-v2', 'v2');
  assert.equal(r2.applied, true, JSON.stringify(r2, null, 2));
  assert.equal(r2.processMode, 'coordinated');
  assert.equal(r2.processes.length, 2, 'both workers are processes of the update');
  for (const p of r2.processes) assert.equal(p.applied, true);
  await sleep(2000);
  const r3 = update(pid, 'v2-v3', 'v3', '--processes', 'rolling');
  assert.equal(r3.applied, true, JSON.stringify(r3, null, 2));
  assert.equal(r3.processMode, 'rolling');
  assert.equal(r3.processes.length, 2);
  const { code, out } = await running;
  const seen = await check.stop();

  assert.equal(code, 0, out);
  const summary = /load: (\d+) responses, (\d+) non-2xx, by version: (.*)/.exec(out);
  assert.ok(summary, out);
  assert.equal(Number(summary[2]), 0, `every request answered with a 2xx:\n${out}`);
  assert.doesNotMatch(out, /Socket errors/, 'no connection refused, reset or timed out');
  assert.doesNotMatch(out, /Non-2xx/);
  // Requests in all three versions, v3 last.
  assert.match(summary[3], /^v1 \d+, v2 \d+, v3 \d+$/);
  assert.deepEqual(seen.failures, []);
  assert.ok(seen.byVersion[1] > 0 && seen.byVersion[2] > 0 && seen.byVersion[3] > 0, JSON.stringify(seen));

  // A worker killed now is replaced by one that starts on v3 (its top-level code is v3's).
  const victim = r3.processes[0].pid;
  process.kill(victim, 'SIGKILL');
  let started = null;
  for (let i = 0; i < 200 && !started; i++) {
    const r = await fresh(port, '/version').catch(() => null);
    if (r?.ok && !r3.processes.some((p) => p.pid === r.worker)) started = r;
    else await sleep(25);
  }
  assert.ok(started, 'the primary started a new worker');
  assert.equal(started.version, 3);
  await sleep(200);
  assert.match(stderr, /restart 1: worker \d+ exited \(SIGKILL\)/, 'the primary counts restarts with v3\'s code');

  server.kill('SIGTERM');
  assert.deepEqual(await exited, { code: 0, signal: null });
});
