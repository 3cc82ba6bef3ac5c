// A compiled program under `restack run --announce`, driven by a test: its output watched, lines
// sent to its stdin, `restack update` and `restack status` on it.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { cli } from './run.js';

/**
 * Starts `file` with args under `restack run` (with runArgs: options of `restack run`, such as
 * --trust); it is killed after a minute if still running.
 */
export function liveProgram(file, args, env, { runArgs = [] } = {}) {
  const child = spawn(process.execPath, [cli, 'run', '--announce', ...runArgs, file, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters = [];
  child.stdout.on('data', (d) => {
    stdout += d;
    for (const w of [...waiters]) if (w.re.test(stdout.slice(w.from))) { waiters.splice(waiters.indexOf(w), 1); w.resolve(); }
  });
  child.stderr.on('data', (d) => { stderr += d; });
  // A test may kill the program: lines sent to it afterwards go nowhere.
  child.stdin.on('error', () => {});
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  // `restack run` runs the program in a child of its own (with a larger stack): a program left
  // running by a failed test would keep this process's pipes open, so that one is killed too.
  const kill = setTimeout(() => {
    try {
      process.kill(Number(program.pid()), 'SIGKILL');
    } catch {
      // Not announced yet, or already gone.
    }
    child.kill();
  }, 60_000);
  const updateArgs = (patchDir, args) => [cli, 'update', '--json', '--label', 'v2', ...args, program.pid(), patchDir];
  const program = {
    get stdout() { return stdout; },
    get stderr() { return stderr; },
    /** Resolves when the output from `from` on (default: from now on) matches re. */
    until(re, from = stdout.length) {
      if (re.test(stdout.slice(from))) return Promise.resolve();
      return new Promise((resolve, reject) => {
        waiters.push({ re, from, resolve });
        setTimeout(() => reject(new Error(`timed out waiting for ${re}:\n${stdout}\n${stderr}`)), 20_000).unref();
      });
    },
    /** The program's pid, as `restack run --announce` printed it. */
    pid() { return /\(pid (\d+)\)/.exec(stderr)[1]; },
    /** Its control socket's path, as printed there too. */
    socketPath() { return /control socket (.*) \(pid \d+\)/.exec(stderr)[1]; },
    /** Resolves once the socket takes connections (it is announced before its thread listens). */
    listening() { return whenListening(program.socketPath()); },
    /** `restack update --json --label v2 ...args <pid> patchDir`: the report. */
    update(patchDir, ...args) {
      const u = spawnSync(process.execPath, updateArgs(patchDir, args), { env, encoding: 'utf8' });
      assert.ok(u.stdout, u.stderr);
      return JSON.parse(u.stdout);
    },
    /** The same in the background: resolves with the report. */
    updateLater(patchDir, ...args) {
      const u = spawn(process.execPath, updateArgs(patchDir, args), { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let text = '';
      u.stdout.on('data', (d) => { text += d; });
      u.stderr.on('data', (d) => { text += d; });
      return new Promise((resolve, reject) => u.on('exit', () => {
        try {
          resolve(JSON.parse(text));
        } catch {
          reject(new Error(`restack update did not print a report:\n${text}`));
        }
      }));
    },
    status() {
      const s = spawnSync(process.execPath, [cli, 'status', '--json', program.pid()], { env, encoding: 'utf8' });
      assert.equal(s.status, 0, s.stderr);
      return JSON.parse(s.stdout);
    },
    send(line) { child.stdin.write(line + '\n'); },
    /** Sends 'stop', closes stdin and resolves with the exit code. */
    async stop() {
      program.send('stop');
      child.stdin.end();
      const code = await exited;
      clearTimeout(kill);
      return code;
    },
  };
  return program;
}

/**
 * Resolves once a connection to the control socket at path succeeds: `restack run` starts the
 * program and announces the socket before the control thread listens. (`restack update` and
 * `restack status` wait for it themselves; a test's own raw connections need this.)
 */
export async function whenListening(path, ms = 10_000) {
  const end = Date.now() + ms;
  for (;;) {
    const ok = await new Promise((resolve) => {
      const c = connect(path);
      c.on('connect', () => { c.destroy(); resolve(true); });
      c.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > end) throw new Error(`nobody listens on ${path} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
