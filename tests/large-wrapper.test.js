// A bundle whose code sits in one wrapper function (the typescript package's lib/typescript.js is
// 9 MB inside one arrow): a restore function copies its body with every nested function, once per
// level of nesting, so compiling such a file ran out of memory. A function holding more than
// RESTORE_NESTED_LIMIT of nested functions is compiled unchanged, with a note; its nested
// functions stay capturable, and the program runs as natively under a storm.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, run, runCompiled, runNative } from './helpers/run.js';

const dir = mkdtempSync(join(tmpdir(), 'restack-wrapper-'));
const parts = [];
// 24 modules of about 50 KB each (a long string constant, as bundled data or templates), each a
// function with a loop and a call, all inside one wrapper: about 1.2 MB of nested functions.
for (let i = 0; i < 24; i++) {
  parts.push(`  function module${i}(n) {
    const text = ${JSON.stringify(`m${i} `.repeat(14500))};
    let sum = 0;
    for (let k = 0; k < n; k++) sum += text.charCodeAt(k % text.length) + helper(k);
    return sum;
  }`);
}
const source = `'use strict';
const results = ((exports) => {
  function helper(k) { return k % 7; }
${parts.join('\n')}
  const out = [];
  for (let i = 0; i < 24; i++) out.push([${Array.from({ length: 24 }, (_, i) => `module${i}`).join(', ')}][i](200 + i));
  return out;
})({});
console.log(results.join(','));
`;
const file = join(dir, 'bundle.js');
writeFileSync(file, source);

test('a wrapper holding more than 1 MB of nested functions compiles unchanged, its nested functions capturable, and runs as natively under a storm', async () => {
  assert.ok(source.length > 1.1 * 1048576, `the fixture is ${source.length} bytes`);
  const c = await run(process.execPath, [cli, 'compile', file, '-o', join(dir, 'out'), '--no-cache']);
  assert.equal(c.code, 0, c.stdout + c.stderr);
  assert.match(c.stdout + c.stderr, /its nested functions are 1\.\d MB of source, more than a rebuilt frame's copy may hold \(1 MB\): an update waits while it runs/);
  const meta = JSON.parse(readFileSync(join(dir, 'out', 'bundle.js.restack.json'), 'utf8'));
  const fns = meta.functions;
  const wrapper = fns.filter((f) => !f.capturable);
  assert.equal(wrapper.length, 1, JSON.stringify(wrapper.map((f) => f.name)));
  assert.equal(fns.filter((f) => f.capturable && /^module\d+$/.test(f.name.split('/').pop())).length, 24);
  // Without the limit the wrapper's restore copy would hold every module again.
  const size = statSync(join(dir, 'out', 'bundle.js')).size;
  assert.ok(size < 4 * source.length, `compiled size ${size} for ${source.length} bytes of source`);
  const native = await runNative(file);
  const compiled = await runCompiled(join(dir, 'out', 'bundle.js'), ['--no-control', '--storm', '1']);
  assert.equal(compiled.stdout, native.stdout);
  assert.equal(native.stdout.split(',').length, 24);
});
