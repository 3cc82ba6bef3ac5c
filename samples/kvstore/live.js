// Runs the kvstore live: compiles v1, prepares the patch bundles from the committed mapping files
// (`restack patch --keep-mapping`, then `restack check`), starts the server under `restack run`,
// and applies patches through `restack update <pid>`. Also a small RESP client for checks that
// need one connection held across updates (a MULTI left open). Used by tests/kvstore.test.js,
// scripts/kvstore-soak.js and the benchmarks.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'bin/restack.js');
export const sample = join(root, 'samples/kvstore');

/** The committed patches: name -> [from, to]. */
export const PATCHES = { 'v1-v2': ['v1', 'v2'], 'v2-v3': ['v2', 'v3'], 'v3-v4': ['v3', 'v4'], 'v2-v1': ['v2', 'v1'] };

/** Runs the restack CLI to completion; throws with its output when it fails. */
export function restack(args) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`restack ${args.join(' ')} failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

/** Compiles `version` into work/<version> and writes the bundles of `patches` into work/<patch>. */
export function prepare(work, { version = 'v1', patches = ['v1-v2', 'v2-v3', 'v3-v4'] } = {}) {
  restack(['compile', join(sample, version), '-o', join(work, version), '--quiet']);
  for (const name of patches) {
    const [from, to] = PATCHES[name];
    const dir = join(work, name);
    mkdirSync(dir, { recursive: true });
    copyFileSync(join(sample, 'patches', name, 'mapping.ts'), join(dir, 'mapping.ts'));
    restack(['patch', join(sample, from), join(sample, to), '-o', dir, '--keep-mapping']);
    restack(['check', dir]);
  }
  return join(work, version, 'main.js');
}

/**
 * Starts a server: `restack run` of a compiled main.js (compiled: true) or plain node (a native
 * build). Resolves with { child, pid, port, output() } once it listens.
 */
export function startServer(main, { compiled = true, port = 0, nodeArgs = [], cpus = null } = {}) {
  const args = compiled
    ? [...nodeArgs, cli, 'run', '--announce', main, '--port', String(port)]
    : [...nodeArgs, main, '--port', String(port)];
  // cpus: a taskset CPU list the server (all its threads) is confined to.
  const child = cpus === null
    ? spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn('taskset', ['-c', cpus, process.execPath, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => { stdout += d; });
  child.stderr.on('data', (d) => { stderr += d; });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${stdout}${stderr}`)), 20000);
    // The pid restack update needs is the program's, which `restack run` announces on stderr.
    const check = () => {
      const m = /listening on [^:]+:(\d+)/.exec(stdout);
      const p = compiled ? /control socket .* \(pid (\d+)\)/.exec(stderr) : [null, child.pid];
      if (!m || !p) return;
      clearTimeout(timer);
      child.stdout.off('data', check);
      child.stderr.off('data', check);
      resolve({ child, pid: Number(p[1]), port: Number(m[1]), output: () => ({ stdout, stderr }) });
    };
    child.stdout.on('data', check);
    child.stderr.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before listening:\n${stdout}${stderr}`));
    });
  });
}

/** Stops a server started by startServer and resolves with its exit code. */
export function stopServer(server) {
  return new Promise((resolve) => {
    if (server.child.exitCode !== null) return resolve(server.child.exitCode);
    server.child.once('exit', (code) => resolve(code));
    server.child.kill('SIGTERM');
  });
}

/** `restack update --json <pid> <dir>`: resolves with { code, report, text }. */
export function applyUpdate(pid, dir, label) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, 'update', '--json', '--label', label, String(pid), dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (d) => { text += d; });
    child.stderr.on('data', (d) => { text += d; });
    child.on('exit', (code) => {
      let report = null;
      try {
        report = JSON.parse(text);
      } catch {
        // Not JSON: an error message, kept in text.
      }
      resolve({ code, report, text });
    });
  });
}

/** Runs redis-cli with args against port; resolves with { code, stdout, stderr }. */
export function redisCli(port, args, input) {
  const r = spawnSync('redis-cli', ['-p', String(port), ...args], { encoding: 'latin1', input, maxBuffer: 256 << 20 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Values of many keys through redis-cli MGET, in chunks. */
export function mget(port, db, keys) {
  const values = [];
  for (let i = 0; i < keys.length; i += 2000) {
    const chunk = keys.slice(i, i + 2000);
    const r = redisCli(port, ['-n', String(db), '--no-raw', 'MGET', ...chunk]);
    if (r.code !== 0) throw new Error(`redis-cli failed: ${r.stderr}`);
    const lines = r.stdout.trim().split('\n');
    if (lines.length !== chunk.length) throw new Error(`MGET of ${chunk.length} keys gave ${lines.length} lines: ${r.stdout.slice(0, 300)}`);
    for (const line of lines) values.push(line.replace(/^ *\d+\) /, '').replace(/^"(.*)"$/, '$1'));
  }
  return values;
}

export function keys(port, db, pattern) {
  const r = redisCli(port, ['-n', String(db), 'KEYS', pattern]);
  if (r.code !== 0) throw new Error(`redis-cli failed: ${r.stderr}`);
  return r.stdout.split('\n').filter((k) => k !== '');
}

export function info(port) {
  const r = redisCli(port, ['INFO', 'everything']);
  if (r.code !== 0) throw new Error(`redis-cli failed: ${r.stderr}`);
  return Object.fromEntries(r.stdout.split(/\r?\n/).filter((l) => l.includes(':')).map((l) => l.split(':')));
}

/**
 * A RESP client on one connection: send(...args) resolves with the reply (strings, numbers, null,
 * arrays; an error reply is an Error object, not a rejection). Replies come in order, so any
 * number of sends may be in flight (pipelining).
 */
export class RespClient {
  static open(port) {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => resolve(new RespClient(socket)));
      socket.once('error', reject);
    });
  }

  constructor(socket) {
    this.socket = socket;
    this.buf = Buffer.alloc(0);
    this.waiting = [];
    this.closed = false;
    socket.on('data', (chunk) => {
      this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
      this.drain();
    });
    socket.on('close', () => {
      this.closed = true;
      for (const w of this.waiting.splice(0)) w.reject(new Error('connection closed'));
    });
    socket.on('error', () => {});
  }

  send(...args) {
    let out = `*${args.length}\r\n`;
    for (const a of args) {
      const s = String(a);
      out += `$${Buffer.byteLength(s, 'latin1')}\r\n${s}\r\n`;
    }
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.socket.write(out, 'latin1');
    });
  }

  /** Sends many commands in one write; resolves with all their replies. */
  pipeline(commands) {
    let out = '';
    const replies = [];
    for (const args of commands) {
      out += `*${args.length}\r\n`;
      for (const a of args) {
        const s = String(a);
        out += `$${Buffer.byteLength(s, 'latin1')}\r\n${s}\r\n`;
      }
      replies.push(new Promise((resolve, reject) => this.waiting.push({ resolve, reject })));
    }
    this.socket.write(out, 'latin1');
    return Promise.all(replies);
  }

  drain() {
    while (this.waiting.length) {
      const r = parseReply(this.buf, 0);
      if (r === null) return;
      this.buf = this.buf.subarray(r.end);
      this.waiting.shift().resolve(r.value);
    }
  }

  close() {
    this.socket.end();
  }
}

function parseReply(buf, pos) {
  if (pos >= buf.length) return null;
  const nl = buf.indexOf('\r\n', pos);
  if (nl < 0) return null;
  const type = String.fromCharCode(buf[pos]);
  const line = buf.toString('latin1', pos + 1, nl);
  const next = nl + 2;
  switch (type) {
    case '+': return { value: line, end: next };
    case '-': return { value: new Error(line), end: next };
    case ':': return { value: Number(line), end: next };
    case '$': {
      const len = Number(line);
      if (len < 0) return { value: null, end: next };
      if (next + len + 2 > buf.length) return null;
      return { value: buf.toString('latin1', next, next + len), end: next + len + 2 };
    }
    case '*': {
      const count = Number(line);
      if (count < 0) return { value: null, end: next };
      const items = [];
      let at = next;
      for (let i = 0; i < count; i++) {
        const item = parseReply(buf, at);
        if (item === null) return null;
        items.push(item.value);
        at = item.end;
      }
      return { value: items, end: at };
    }
    default: throw new Error(`unexpected reply type '${type}'`);
  }
}

/**
 * Runs redis-benchmark; resolves with { code, stdout, stderr, rows } where rows are its --csv
 * lines ({ test, rps, avg, p50, p95, p99, max }).
 */
export function redisBenchmark(port, args, { cpus = null } = {}) {
  const command = ['redis-benchmark', '-p', String(port), '--csv', ...args];
  const child = cpus === null
    ? spawn(command[0], command.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn('taskset', ['-c', cpus, ...command], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => { stdout += d; });
  child.stderr.on('data', (d) => { stderr += d; });
  const done = new Promise((resolve) => {
    child.on('exit', (code) => {
      const rows = [];
      for (const line of stdout.split('\n')) {
        const cells = line.split('","').map((c) => c.replace(/^"|"$/g, ''));
        if (cells.length < 8 || cells[0] === 'test') continue;
        const [test, rps, avg, , p50, p95, p99, max] = cells;
        rows.push({ test, rps: Number(rps), avg: Number(avg), p50: Number(p50), p95: Number(p95), p99: Number(p99), max: Number(max) });
      }
      resolve({ code, stdout, stderr, rows });
    });
  });
  return { child, done };
}
