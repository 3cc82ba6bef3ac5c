// The decision record of a coordinated update (runtime/decisionRecord.ts) is claimed once: the
// first claim's outcome is what every later claim and read returns, also when processes race.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { claimRecord, forgetRecords, readRecord, recordPath } from '../../dist/runtime/decisionRecord.js';

function dir(t) {
  const d = mkdtempSync(join(tmpdir(), 'restack-record-'));
  t.after(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

test('the first claim decides; later claims and reads return it, and leave no file of their own', (t) => {
  const d = dir(t);
  const record = recordPath(join(d, '123.sock'), 1);
  assert.equal(record, join(d, '123.1.decision'));
  assert.equal(readRecord(record), null);
  assert.equal(claimRecord(record, 'abort'), 'abort');
  assert.equal(claimRecord(record, 'commit'), 'abort', 'a root claiming COMMIT after a participant claimed ABORT aborts');
  assert.equal(readRecord(record), 'abort');
  assert.deepEqual(readdirSync(d), ['123.1.decision']);
});

test('processes racing to claim all end with the same outcome', async (t) => {
  const d = dir(t);
  const record = join(d, '9.1.decision');
  const module = new URL('../../dist/runtime/decisionRecord.js', import.meta.url).href;
  const racers = ['commit', 'abort', 'abort', 'commit'].map((outcome) => new Promise((resolve) => {
    const p = spawn(process.execPath, ['--input-type=module', '-e',
      `const { claimRecord } = await import(${JSON.stringify(module)}); process.stdout.write(claimRecord(${JSON.stringify(record)}, ${JSON.stringify(outcome)}));`], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (c) => { out += c; });
    p.on('exit', () => resolve(out));
  }));
  const seen = await Promise.all(racers);
  assert.equal(new Set(seen).size, 1, `every claim returns one outcome: ${seen}`);
  assert.equal(readRecord(record), seen[0]);
});

test('a root forgets its old rounds\' records, not others\'', (t) => {
  const d = dir(t);
  for (const name of ['5.1.decision', '5.2.decision', '5.3.decision', '6.1.decision']) claimRecord(join(d, name), 'commit');
  forgetRecords(join(d, '5.sock'), 3);
  assert.deepEqual(readdirSync(d).sort(), ['5.3.decision', '6.1.decision']);
});
