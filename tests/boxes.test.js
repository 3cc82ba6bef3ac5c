// A variable shared with closures is saved in a box (an object whose `v` is the variable). When
// only one version shares it (v2 adds a closure that reads it), a frame moving between them must
// box or unbox its value, or the rebuilt frame reads `undefined` through the box.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { workspace } from './helpers/versions.js';

const ws = workspace('restack-boxes-');
const dir = join(ws.work, 'count');
const source = (v) => `function count(limit) {
  let total = 0;
  for (let i = 0; i < limit; i++) {
    total += i % 7;
    if (i === 1000000) console.log('ready');
  }
${v === 'v2' ? '  const report = () => total;\n  return report();\n' : '  return total;\n'}}
setTimeout(() => console.log('result', count(700000000)), 10);
`;
ws.versions(dir, (v) => source(v));

// The sum of i % 7 for i < 700,000,000 (a multiple of 7): 21 per 7 numbers.
const expected = (700000000 / 7) * 21;

test('a loop frame moves to a version whose closure shares its variable: the value is boxed on the way', async () => {
  const there = await ws.runAndUpdate(join(dir, 'c1', 'main.js'), join(dir, 'p'), /ready/);
  assert.equal(there.report?.applied, true, there.stdout + there.stderr);
  assert.ok(JSON.stringify(there.report.frames).includes('main.js#count'), JSON.stringify(there.report.frames));
  assert.match(there.stdout, new RegExp(`result ${expected}\\n`), there.stdout + there.stderr);
});
