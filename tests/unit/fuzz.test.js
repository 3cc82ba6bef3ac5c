// The differential fuzzer's parts (scripts/fuzz/): the generator's programs are valid, small,
// deterministic and end natively; the reducer shrinks a program to what keeps a planted
// difference; the oracle reads outcomes and names differences.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { generate } from '../../scripts/fuzz/generate.js';
import { parseProgram, reduce } from '../../scripts/fuzz/reduce.js';
import { clue, differences, outcome } from '../../scripts/fuzz/oracle.js';

test('generated programs parse, stay under 200 lines, and end natively (20 seeds)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'restack-fuzz-unit-'));
  try {
    for (let seed = 1; seed <= 20; seed++) {
      const { source, ext } = generate(seed);
      assert.equal(generate(seed).source, source, `seed ${seed}: the same seed gives the same program`);
      assert.ok(source.split('\n').length < 200, `seed ${seed}: ${source.split('\n').length} lines`);
      parseProgram(source, ext === '.mjs' ? 'module' : 'script');
      const file = join(dir, `p${seed}${ext}`);
      writeFileSync(file, source);
      const r = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 10_000 });
      // A program ends normally, or with the uncaught "end" error some programs throw on purpose.
      const ok = r.status === 0 || (r.status === 1 && /^\w*Error: end /m.test(r.stderr));
      assert.ok(ok, `seed ${seed}: exit ${r.status} ${r.signal ?? ''}\n${r.stderr.slice(0, 1000)}`);
      assert.ok(r.stdout.length > 0, `seed ${seed}: prints something`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('generated programs cover the constructs restack transforms', () => {
  const all = Array.from({ length: 60 }, (_, i) => generate(i + 1).source).join('\n');
  for (const construct of ['function*', 'async function', 'async function*', 'for await', 'yield*', 'await', 'class ', 'extends',
    'super.', 'static {', 'get ', 'set ', 'new Proxy', 'switch (', 'finally', 'continue', 'break', '?.(', '...', 'arguments[0]',
    'with (', 'eval(', '`', 'do {', 'while (', ' in {', ' of [', '.throw(', '.return(', 'b = a * 2']) {
    assert.ok(all.includes(construct), `no program of 60 has ${construct}`);
  }
});

test('the reducer keeps what a planted difference needs and drops the rest', async () => {
  const lines = [];
  for (let i = 0; i < 12; i++) lines.push(`function f${i}(a) { let s = ${i}; for (let k = 0; k < 3; k++) s += a * k; return s; }`);
  lines.push('const planted = (x) => x;', 'let kept = 40;', 'if (kept > 1) { kept += 2; console.log(f3(1)); }');
  for (let i = 0; i < 8; i++) lines.push(`console.log("noise", f${i}(${i}), [${i}, ${i + 1}].join("-"));`);
  lines.push('console.log(planted(kept));');
  const source = lines.join('\n') + '\n';
  // The "difference": the program prints 42 (kept must keep its update), checked by running it
  // (in a context of its own, as a script).
  let calls = 0;
  const holds = async (code) => {
    calls++;
    const printed = [];
    try {
      runInNewContext(code, { console: { log: (...a) => printed.push(a.join(' ')) } });
    } catch {
      return false;
    }
    return printed.includes('42');
  };
  assert.ok(await holds(source));
  const { code, tries } = await reduce(source, holds, { sourceType: 'script' });
  assert.ok(await holds(code), 'the reduced program still shows the difference');
  assert.equal(tries + 2, calls);
  const statements = parseProgram(code, 'script').program.body.length;
  assert.ok(statements <= 3, `reduced to ${statements} statements:\n${code}`);
  assert.ok(code.length < source.length / 5, `reduced to ${code.length} characters of ${source.length}:\n${code}`);
  assert.doesNotMatch(code, /noise|f0|f7/);
});

test('the oracle reads the uncaught error line and names each way a run differs', () => {
  const native = outcome({ code: 1, signal: null, stdout: 'a\n', stderr: '/x/p.mjs:3\nthrow new TypeError("end 4");\n^\n\nTypeError: end 4\n    at p.mjs:3:7\n' });
  assert.equal(native.error, 'TypeError: end 4');
  assert.deepEqual(differences(native, native), []);
  const other = outcome({ code: 1, signal: null, stdout: 'a\nTypeError: o.m is not a function\n', stderr: 'restack: note\nRangeError: end 4\n' });
  assert.deepEqual(differences(native, other), ['stdout', 'error', 'restack-stderr']);
  assert.equal(clue(native, other), 'TypeError: o.m is not a function');
  assert.deepEqual(differences(native, { compileError: 'boom' }), ['compile']);
  assert.deepEqual(differences(native, outcome({ code: null, signal: 'SIGKILL', stdout: '', stderr: '', timedOut: true })), ['timeout']);
});
