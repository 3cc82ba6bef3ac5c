// The line-table scan (contract/lines.ts): which lines of generated code hold continuation-point
// calls, where frames park, where generator wrappers stand. The runtime checks a stack against it
// before unwinding anything, so a line it misses defers every update through that call.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compile } from '../../dist/compiler/index.js';
import { Flag, M, R, scanCallLines, scanLines } from '../../dist/contract/index.js';

const S = R.state;
const H = R.module;

test('a call line is the line before its unwinding check, keyed by the cp id the check saves', () => {
  const code = [
    'function f(x) {',
    '  let __rst0 = g(x);',
    `  if (${S}[${Flag.unwinding}] !== 0) return ${H}.${M.save}(3, [x]);`,
    '  h();',
    `  if (${S}[${Flag.unwinding}] !== 0) return ${R.returnFlag} = true, ${H}.${M.save}(4, [], this);`,
    '  new K();',
    `  if (${S}[${Flag.unwinding}] !== 0) return ${H}.${M.saveConstructor}(5, []);`,
    '  k();',
    `  if (${S}[${Flag.unwinding}] !== 0) return ${H}.${M.saveRestored}(6, [x], ${R.self});`,
    '}',
  ].join('\n');
  const table = scanLines(code);
  assert.deepEqual([...table.calls], [[2, 3], [4, 4], [6, 5], [8, 6]]);
  assert.deepEqual([...table.parks], [3, 5, 7, 9]);
  assert.deepEqual([...table.wrappers], []);
  assert.deepEqual(scanCallLines(code), table.calls);
});

test('update points and function entries are park lines, not call lines', () => {
  const pending = `${S}[${Flag.pending}] !== 0`;
  const stale = `${H}.${M.superseded} !== 0`;
  const code = [
    `if (${pending} && ${H}.${M.up}(1)) return ${H}.${M.save}(1, []);`,
    `if ((${pending} || ${stale}) && ${H}.${M.up}(2, 1)) return ${H}.${M.save}(2, []);`,
    `if (${stale} && ${H}.${M.up}(3, 1)) return ${H}.${M.save}(3, []);`,
    `  if (!${R.restoring} && ${pending} && ${H}.${M.up}(4)) return ${H}.${M.saveRestored}(4, []);`,
    `return yield* ${R.activation};`,
  ].join('\n');
  const table = scanLines(code);
  assert.deepEqual([...table.calls], []);
  assert.deepEqual([...table.parks], [1, 2, 3, 4]);
  assert.deepEqual([...table.wrappers], [5]);
});

test('lines that only look like checks are not in the table', () => {
  const code = [
    `if (${S}[${Flag.unwinding}] !== 0) return ${H}.${M.save}(1, []);`, // first line: no call above it
    'g();',
    `if (${S}[${Flag.pending}] !== 0) return ${H}.${M.save}(2, []);`, // the pending flag does not unwind
    'g();',
    `if (${S}[${Flag.unwinding}] !== 0) return other.s(3, []);`,
    'g();',
    `// if (${S}[${Flag.unwinding}] !== 0) return ${H}.${M.save}(4, []);`,
    `return yield* ${R.asyncActivation};`, // an async generator's wrapper is not a wrapper line
  ].join('\n');
  const table = scanLines(code);
  assert.deepEqual([...table.calls], []);
  assert.deepEqual([...table.parks], [1]);
  assert.deepEqual([...table.wrappers], []);
});

test('on compiled code, every call and yield is found at its line, as the metadata and __rsLines say', () => {
  const source = [
    'function sum(xs) {',
    '  let total = 0;',
    '  for (const x of xs) total += weight(x) * scale(x, total);',
    '  return total;',
    '}',
    'function* pairs(n) { for (let i = 0; i < n; i++) yield [i, sum([i])]; }',
    'export { sum, pairs };',
  ].join('\n');
  const { code, metadata } = compile(source, { filename: 'sum.js', sourceType: 'module' });
  const table = scanLines(code);
  const lines = code.split('\n');
  const cps = new Map(metadata.functions.flatMap((f) => f.cps.map((c) => [c.id, c])));
  // Each call (and yield) is printed in the function and again in its restore function.
  const suspending = [...cps.values()].filter((c) => c.kind === 'call' || c.kind === 'yield');
  assert.ok(suspending.length >= 4);
  assert.deepEqual(new Set(table.calls.values()), new Set(suspending.map((c) => c.id)));
  for (const [line, id] of table.calls) {
    // A statement of its own that calls or yields (in a restore function, or re-issues the call).
    assert.match(lines[line - 1], /^\s*(?!if \(|return )[^;]*(\)|yield \w+);$/, `line ${line} (cp ${id} ${cps.get(id).callee})`);
  }
  for (const c of suspending) assert.equal(table.calls.get(metadata.callLines[c.id]), c.id);
  assert.ok(table.wrappers.size === 1 && lines[[...table.wrappers][0] - 1].includes(`yield* ${R.activation}`));
  // The table the runtime reads first, appended on the last line.
  const appended = new RegExp(`^function ${R.lines}\\(\\) \\{ return (.*); \\}$`).exec(lines[lines.length - 1]);
  assert.deepEqual(JSON.parse(appended[1]), [[...table.calls.keys()], [...table.calls.values()], [...table.parks], [...table.wrappers]]);
});
