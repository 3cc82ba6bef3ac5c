// The control channel: `restack run` listens on a Unix socket in an owner-only directory;
// `restack update <pid>` reaches a program in a CPU-bound loop that never yields, and an idle one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './helpers/run.js';

const cli = join(root, 'bin/restack.js');
const fixtures = join(root, 'samples/counter');
const work = mkdtempSync(join(tmpdir(), 'restack-control-'));
const runtimeDir = join(work, 'xdg');
mkdirSync(runtimeDir, { mode: 0o700 });
const env = { ...process.env, XDG_RUNTIME_DIR: runtimeDir };

function restack(args, extraEnv = {}) {
  return spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...env, ...extraEnv } });
}

const p12 = join(work, 'p12');
assert.equal(restack(['patch', join(fixtures, 'v1'), join(fixtures, 'v2'), '-o', p12]).status, 0);
assert.equal(restack(['check', p12]).status, 0);
const compiled = join(work, 'b1');
execFileSync(process.execPath, [cli, 'compile', join(fixtures, 'v1'), '-o', compiled, '--quiet']);

/** Starts `restack run`; resolves with the child, its pid and socket once it listens. */
function start(args, extraEnv = {}) {
  const child = spawn(process.execPath, [cli, 'run', '--announce', ...args], { env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => { stdout += d; });
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
  const ready = new Promise((resolve, reject) => {
    const t = setInterval(() => {
      const m = /restack: control socket (\S+) \(pid (\d+)\)/.exec(stderr);
      if (m) { clearInterval(t); resolve({ socket: m[1], pid: m[2] }); }
    }, 10);
    exited.then((r) => { clearInterval(t); reject(new Error(`exited before listening: ${r.stderr}`)); });
  });
  return { child, ready, exited };
}

test('an update reaches a CPU-bound loop that never yields, within a bound, and the result follows v1 then v2', async () => {
  const n = 400_000_000;
  const prog = start([join(compiled, 'main.js'), String(n)]);
  const { pid, socket } = await prog.ready;
  assert.equal(statSync(socket).mode & 0o777, 0o600);
  assert.equal(statSync(join(runtimeDir, `restack-${process.getuid()}`)).mode & 0o777, 0o700);
  await new Promise((r) => setTimeout(r, 200));
  const status = restack(['status', pid, '--json']);
  assert.equal(status.status, 0, status.stderr);
  assert.equal(JSON.parse(status.stdout).version, 'initial');
  const u = restack(['update', pid, p12, '--json']);
  assert.equal(u.status, 0, u.stdout + u.stderr);
  const report = JSON.parse(u.stdout);
  assert.equal(report.applied, true, report.reason);
  assert.deepEqual(report.frames.map((f) => f.from), ['main.js#run @1']);
  // The figure itself is measured by `node scripts/bench-updates.js`; this only bounds it.
  assert.ok(report.timings.requestToPointMs < 250, `request -> update point ${report.timings.requestToPointMs} ms`);
  const r = await prog.exited;
  assert.equal(r.code, 0, r.stderr);
  const result = JSON.parse(r.stdout);
  assert.equal(result.processed, n);
  assert.equal(result.label, 'v2');
  assert.ok(!existsSync(socket), 'the socket is removed at exit');
});

test('an idle program is updated between events, answers status, and still exits by itself', async () => {
  const dir = join(work, 'idle');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'idle.mjs'), `await import(${JSON.stringify(join(compiled, 'main.js'))});\nsetTimeout(() => console.log('timer done'), 1500);\n`);
  const prog = start([join(dir, 'idle.mjs'), '100']);
  const { pid } = await prog.ready;
  const u = restack(['update', pid, p12]);
  assert.equal(u.status, 0, u.stdout + u.stderr);
  assert.match(u.stdout, /updated initial -> p12/);
  assert.match(u.stdout, /frames: none/);
  const s = restack(['status', pid]);
  assert.match(s.stdout, /runs version p12 \(1 update applied\)/);
  // Applying the same patch again: its base is not the running version any more.
  const again = restack(['update', pid, p12]);
  assert.equal(again.status, 1);
  assert.match(again.stdout, /ROLLED BACK.*\n\s+reason: the patch is for another version of main\.js/);
  const r = await prog.exited;
  assert.equal(r.code, 0);
  assert.match(r.stdout, /timer done/);
});

test('a malformed request gets an error reply and the program keeps running', async () => {
  const dir = join(work, 'idle2');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'idle.mjs'), `await import(${JSON.stringify(join(compiled, 'main.js'))});\nsetTimeout(() => console.log('still here'), 800);\n`);
  const prog = start([join(dir, 'idle.mjs'), '100']);
  const { socket } = await prog.ready;
  const ask = (line) => new Promise((resolve, reject) => {
    const c = connect(socket);
    let buf = '';
    c.on('connect', () => c.write(line + '\n'));
    c.on('data', (d) => { buf += d; if (buf.includes('\n')) { c.end(); resolve(JSON.parse(buf)); } });
    c.on('error', reject);
  });
  assert.deepEqual(await ask('{not json'), { id: null, ok: false, error: 'malformed request: not JSON' });
  assert.match((await ask('{"id":7,"type":"reboot"}')).error, /unknown request type "reboot"/);
  assert.match((await ask('{"id":8,"type":"update"}')).error, /needs patchDir/);
  const bad = await ask(`{"id":9,"type":"update","patchDir":${JSON.stringify(work)}}`);
  assert.equal(bad.ok, true);
  assert.equal(bad.result.applied, false);
  assert.match(bad.result.reason, /not a patch directory/);
  const r = await prog.exited;
  assert.match(r.stdout, /still here/);
});

test('the socket directory must be private; unknown pids fail with exit code 2', () => {
  const open = join(work, 'open');
  mkdirSync(join(open, `restack-${process.getuid()}`), { recursive: true });
  chmodSync(join(open, `restack-${process.getuid()}`), 0o755);
  const r = restack(['run', join(compiled, 'main.js'), '10'], { XDG_RUNTIME_DIR: open });
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /can be entered by other users \(mode 755\): refusing to put the control socket there/);
  const u = restack(['update', '999999', p12]);
  assert.equal(u.status, 2);
  assert.match(u.stderr, /restack: no process 999999/);
  const s = restack(['status', join(work, 'nowhere.sock')]);
  assert.equal(s.status, 2);
  assert.match(s.stderr, /cannot reach .*nowhere\.sock: no such socket/);
  assert.ok(readFileSync(join(fixtures, 'v1/main.js'), 'utf8').length > 0);
});
