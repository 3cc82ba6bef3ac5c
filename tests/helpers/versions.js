// Two versions of a small program and the patch between them, for tests that update a program
// running under `restack run` from another process (`restack update <pid>`).
import { spawn, spawnSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from './run.js';

/**
 * A work directory with its own control-socket directory. Returns { work, env, restack,
 * versions, patchWith, runAndUpdate }: restack(...args) runs the CLI and asserts it succeeded;
 * versions(dir, source) writes dir/v1 and dir/v2 (source(version) gives main.js's text, or an
 * object of file names and texts), compiles v1 into dir/c1 and writes the checked patch v1 -> v2
 * into dir/p (and v2 -> v1 into dir/back with { back: true }; with { names: [...] } more versions,
 * each patched to the next into dir/<from>-<to>).
 */
export function workspace(prefix) {
  const work = mkdtempSync(join(tmpdir(), prefix));
  const xdg = join(work, 'xdg');
  mkdirSync(xdg, { mode: 0o700 });
  const env = { ...process.env, XDG_RUNTIME_DIR: xdg };
  const restack = (...args) => {
    const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env });
    assert.equal(r.status, 0, `restack ${args.join(' ')}:\n${r.stdout}${r.stderr}`);
    return r.stdout;
  };
  /**
   * The programs of these tests print or post from top-level code that differs between versions
   * (`console.log('main v2')`): each such statement new in a version is skipped, as a person would
   * decide for a message that already went out.
   */
  const skipNewStatements = (out) => {
    const file = join(out, 'mapping.ts');
    const text = readFileSync(file, 'utf8');
    const start = text.indexOf('\n  topLevel: {\n');
    if (start < 0) return;
    const end = text.indexOf('\n  after: {\n', start);
    writeFileSync(file, text.slice(0, start) + text.slice(start, end).replace(/: 'TODO',$/gm, ": 'skip',") + text.slice(end));
  };
  const versions = (dir, source, { back = false, names = ['v1', 'v2'] } = {}) => {
    for (const v of names) {
      mkdirSync(join(dir, v), { recursive: true });
      writeFileSync(join(dir, v, 'package.json'), '{"type":"module"}');
      const files = source(v);
      for (const [name, text] of Object.entries(typeof files === 'string' ? { 'main.js': files } : files)) writeFileSync(join(dir, v, name), text);
    }
    restack('compile', join(dir, names[0]), '-o', join(dir, 'c1'), '--quiet');
    // v1 -> v2 into dir/p; with more versions, each to the next into dir/<from>-<to>.
    for (let i = 1; i < names.length; i++) {
      const out = join(dir, names.length === 2 ? 'p' : `${names[i - 1]}-${names[i]}`);
      restack('patch', join(dir, names[i - 1]), join(dir, names[i]), '-o', out);
      skipNewStatements(out);
      restack('check', out);
    }
    if (back) {
      restack('patch', join(dir, 'v2'), join(dir, 'v1'), '-o', join(dir, 'back'));
      skipNewStatements(join(dir, 'back'));
      restack('check', join(dir, 'back'));
    }
  };
  /** The patch v1 -> v2 into dir/name, its mapping.ts changed by edit(text), checked. */
  const patchWith = (dir, name, edit) => {
    restack('patch', join(dir, 'v1'), join(dir, 'v2'), '-o', join(dir, name));
    skipNewStatements(join(dir, name));
    const file = join(dir, name, 'mapping.ts');
    writeFileSync(file, edit(readFileSync(file, 'utf8')));
    restack('check', join(dir, name));
  };
  /**
   * Runs `main` under `restack run`; when its stdout first matches `ready`, applies the patch in
   * `patchDir` (labelled v2) and keeps the report. Resolves at exit with { code, stdout, stderr,
   * report }; a program that stalls is killed after `timeoutMs` and fails the test with its output.
   */
  const runAndUpdate = (main, patchDir, ready, timeoutMs = 60_000) => {
    const child = spawn(process.execPath, [cli, 'run', '--announce', main], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let report = null;
    child.stderr.on('data', (d) => { stderr += d; });
    child.stdout.on('data', (d) => {
      stdout += d;
      if (report === null && ready.test(stdout)) {
        report = false;
        const pid = /\(pid (\d+)\)/.exec(stderr)[1];
        const u = spawnSync(process.execPath, [cli, 'update', '--json', '--label', 'v2', pid, patchDir], { env, encoding: 'utf8' });
        assert.equal(u.status, 0, u.stdout + u.stderr);
        report = JSON.parse(u.stdout);
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    return new Promise((resolve) => child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, report });
    }));
  };
  return { work, env, restack, versions, patchWith, runAndUpdate };
}
