// for await in a compiled async function: the loop is lowered into awaits of the iterator's next()
// (continuation points), so an activation waiting for the next value of a stream is moved by an
// update in place and reads the rest of the stream in the new version, nothing lost or read twice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { cli } from './helpers/run.js';
import { workspace } from './helpers/versions.js';

const { work, env, versions, runAndUpdate } = workspace('restack-for-await-');

/** The program; `tagged` is how tag() writes a line (an expression of version and line). */
const program = (version, tagged = `'${version}:' + line`) => `
import { PassThrough } from 'node:stream';
function tag(line) { return ${tagged}; }
async function consume(stream) {
  let n = 0;
  for await (const chunk of stream) {
    n++;
    process.stdout.write(tag(String(chunk)) + '\\n');
  }
  return n;
}
const stream = new PassThrough();
let i = 0;
const timer = setInterval(() => {
  if (i === 6) { clearInterval(timer); stream.end(); return; }
  stream.write('chunk' + i++);
}, 150);
consume(stream).then((n) => process.stdout.write('total ' + n + '\\n'));
`;

test('a for await waiting on a stream moves to the new version and reads the rest there', async () => {
  versions(work, program);
  const child = spawn(process.execPath, [cli, 'run', '--announce', join(work, 'c1', 'main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  let report = null;
  child.stdout.on('data', (d) => {
    stdout += d;
    if (report === null && stdout.includes('chunk1')) {
      report = false;
      const pid = /\(pid (\d+)\)/.exec(stderr)[1];
      const u = spawnSync(process.execPath, [cli, 'update', '--json', '--label', 'v2', pid, join(work, 'p')], { env, encoding: 'utf8' });
      assert.equal(u.status, 0, u.stdout + u.stderr);
      report = JSON.parse(u.stdout);
    }
  });
  const code = await new Promise((resolve) => child.on('exit', resolve));
  assert.equal(code, 0, stderr);
  assert.equal(report.applied, true);
  assert.ok(report.frames.some((f) => f.suspended && f.from.startsWith('main.js#consume')), JSON.stringify(report.frames));
  const lines = stdout.trim().split('\n');
  assert.equal(lines.at(-1), 'total 6');
  const chunks = lines.slice(0, -1);
  assert.deepEqual(chunks.map((l) => l.split(':')[1]), ['chunk0', 'chunk1', 'chunk2', 'chunk3', 'chunk4', 'chunk5']);
  const tags = chunks.map((l) => l.split(':')[0]);
  const first2 = tags.indexOf('v2');
  assert.ok(first2 >= 2 && tags.slice(first2).every((v) => v === 'v2') && tags.slice(0, first2).every((v) => v === 'v1'), tags.join(' '));
});

// The compiler numbers temporaries across a module: v2's tag() holds one more, so consume(),
// unchanged, holds its iterator record and its loop's done flag in __rst1 and __rst2 in v2, in
// __rst0 and __rst1 in v1. A frame of consume moves each by the temporary it renames, not by the
// old temporary that has its new name (which put the done flag where the iterator record goes).
test('a for await of an unchanged function whose temporaries a change before it renumbered reads the rest in the new version', async () => {
  const dir = join(work, 'renumbered');
  versions(dir, (v) => program(v, v === 'v1' ? `'v1:' + line` : `'v2:' + String(line)`));
  const { code, stdout, stderr, report } = await runAndUpdate(join(dir, 'c1', 'main.js'), join(dir, 'p'), /chunk1/);
  assert.equal(code, 0, stderr);
  assert.equal(report.applied, true, report.reason);
  assert.ok(report.frames.some((f) => f.suspended && f.from.startsWith('main.js#consume')), JSON.stringify(report.frames));
  const lines = stdout.trim().split('\n');
  assert.equal(lines.at(-1), 'total 6', stdout + stderr);
  assert.deepEqual(lines.slice(0, -1).map((l) => l.split(':')[1]), ['chunk0', 'chunk1', 'chunk2', 'chunk3', 'chunk4', 'chunk5']);
  assert.equal(lines.at(-2), 'v2:chunk5');
});
