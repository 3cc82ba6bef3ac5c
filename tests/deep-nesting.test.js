// Input that Node runs, nested deeper than Babel's recursion fits in V8's default stack: restack
// compile does it with restack's stack size (a second process when started without it), and at a
// stack too small says so instead of failing with a RangeError.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, run, runCompiled, runNative } from './helpers/run.js';

const dir = mkdtempSync(join(tmpdir(), 'restack-deep-'));
let e = 'x';
for (let i = 0; i < 500; i++) e = `(${e} + 1)`;
const file = join(dir, 'deep.js');
writeFileSync(file, `function f(x) { for (let i = 0; i < 2; i++) x = ${e}; return x; }\nconsole.log(f(1));\n`);

test('500 nested parentheses compile (node bin/restack.js, without the #! line\'s stack size) and run as natively', async () => {
  const c = await run(process.execPath, [cli, 'compile', file, '-o', join(dir, 'out')]);
  assert.equal(c.code, 0, c.stdout + c.stderr);
  const native = await runNative(file);
  const compiled = await runCompiled(join(dir, 'out', 'deep.js'), ['--no-control', '--storm', '1']);
  assert.equal(compiled.stdout, native.stdout);
  assert.equal(native.stdout, '1001\n');
});

test('at a stack too small for the nesting, restack compile says what to do', async () => {
  const c = await run(process.execPath, ['--stack-size=900', cli, 'compile', file, '-o', join(dir, 'small')]);
  assert.equal(c.code, 1);
  assert.match(c.stderr, /deep\.js: nests too deeply for the compiler at this stack size .*node --stack-size=<KB>/);
});
