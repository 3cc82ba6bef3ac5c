// What the end-to-end tests of the HTTP samples share: a work directory with its own control-socket
// directory, the service started under `restack run --announce` (its port from its "listening
// <port>" line, its pid from restack's announcement), wrk driving it, and `restack update`.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from './run.js';

export const haveWrk = spawnSync('wrk', ['--version']).error === undefined;
/** Skip reason for a test that needs wrk: only outside CI, where .ci/run installs it. */
export const wrkSkip = !haveWrk && !process.env.CI && 'wrk is not installed (.ci/run installs it)';
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A fresh work directory and an environment whose XDG_RUNTIME_DIR (control sockets) is its own. */
export function serviceWork(prefix) {
  const work = mkdtempSync(join(tmpdir(), prefix));
  const xdg = join(work, 'xdg');
  mkdirSync(xdg, { mode: 0o700 });
  return { work, env: { ...process.env, XDG_RUNTIME_DIR: xdg } };
}

/**
 * Starts `file` with args under `restack run --announce`; resolves { port, pid, exited, output }
 * once it printed "listening <port>". The program (and restack's wrapper) is killed when the test
 * ends (t.after).
 */
export async function startService(t, file, args, env, what = 'the service') {
  const server = spawn(process.execPath, [cli, 'run', '--announce', file, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let pid = null;
  t.after(() => {
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
    server.on('exit', () => reject(new Error(`${what} exited before listening:\n${stdout}\n${stderr}`)));
  });
  pid = Number(/\(pid (\d+)\)/.exec(stderr)[1]);
  return { port, pid, exited, output: () => ({ stdout, stderr }) };
}

/** wrk against the port for `seconds` with a lua script; resolves { code, out }. */
export function wrkLoad(port, seconds, script, { threads = 2, connections = 8 } = {}) {
  const wrk = spawn('wrk', [`-t${threads}`, `-c${connections}`, `-d${seconds}s`, '-s', script, `http://127.0.0.1:${port}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  wrk.stdout.on('data', (d) => { out += d; });
  wrk.stderr.on('data', (d) => { out += d; });
  return new Promise((resolve) => wrk.on('exit', (code) => resolve({ code, out })));
}

/** `restack update --json` of pid with the bundle; { status, report (null if not JSON), output }. */
export function updateService(pid, bundle, env, label) {
  const u = spawnSync(process.execPath, [cli, 'update', '--json', '--label', label, String(pid), bundle], { env, encoding: 'utf8' });
  let report = null;
  try { report = JSON.parse(u.stdout); } catch { /* the message is in the output */ }
  return { status: u.status, report, output: u.stdout + u.stderr };
}
