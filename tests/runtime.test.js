// The runtime's capture decisions: deferral past frames it cannot unwind, deep stacks, and the
// programmatic request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compileTree } from '../dist/cli/compileTree.js';
import { root, runCompiled, runNative } from './helpers/run.js';

const dir = mkdtempSync(join(tmpdir(), 'restack-rt-'));
writeFileSync(join(dir, 'package.json'), '{ "type": "module" }');

async function check(name, source, storm = '1', expected = null) {
  const file = join(dir, name);
  writeFileSync(file, source);
  const out = join(dir, 'out');
  compileTree([file], out, { updatePoints: 'loops' });
  const r = await runCompiled(join(out, name), ['--storm', storm, '--report']);
  assert.equal(r.stdout, expected ?? (await runNative(file)).stdout, r.stderr);
  assert.equal(r.code, 0, r.stderr);
  const m = /restack: (\d+) identity updates .*?, (\d+) deferred, (\d+) frames unwound and rebuilt, deepest stack (\d+)/.exec(r.stderr);
  assert.ok(m, r.stderr);
  return { captures: +m[1], deferred: +m[2], frames: +m[3], depth: +m[4], stdout: r.stdout };
}

test('an update point inside a callback of a native builtin defers until the stack is ours', async () => {
  const s = await check('native-callback.js', [
    'function work(x) { let t = 0; for (let i = 0; i < 5; i++) t += x * i; return t; }',
    'function main() { const out = []; [1, 2, 3].forEach((x) => { out.push(work(x)); }); for (let k = 0; k < 3; k++) out.push(k); return out; }',
    'console.log(main().join(","));',
  ].join('\n'));
  // 15 points in the callbacks: the first defers, and the storm backs off from there.
  assert.ok(s.deferred >= 3 && s.deferred < 15, `deferred ${s.deferred}`);
  assert.ok(s.captures >= 3, `captures ${s.captures}`);
});

test('after a deferral the storm backs off: a loop above a frame restack cannot unwind keeps its speed', async () => {
  const source = [
    'let sum = 0;',
    'function main() { [1].forEach(() => { for (let i = 0; i < 2e6; i++) sum += i % 7; }); }',
    'main();',
    'console.log(sum);',
  ].join('\n');
  const file = join(dir, 'storm-backoff.js');
  writeFileSync(file, source);
  const out = join(dir, 'out');
  compileTree([file], out, { updatePoints: 'loops' });
  let t = performance.now();
  const plain = await runCompiled(join(out, 'storm-backoff.js'));
  const plainMs = performance.now() - t;
  assert.equal(plain.code, 0, plain.stderr);
  t = performance.now();
  const s = await check('storm-backoff.js', source);
  const stormMs = performance.now() - t;
  // Examined at every one of the 2e6 points, the loop took 20 s; backed off, once a millisecond.
  assert.ok(s.deferred >= 1 && s.deferred < 2000, `deferred ${s.deferred}`);
  assert.ok(stormMs < 3 * plainMs + 1000, `--storm 1 took ${Math.round(stormMs)} ms, without it ${Math.round(plainMs)} ms`);
});

test('a getter invoked implicitly is never unwound through', async () => {
  const s = await check('getter.js', [
    'const o = { get total() { let t = 0; for (let i = 0; i < 4; i++) t += i; return t; } };',
    'function main() { let acc = 0; for (let k = 0; k < 3; k++) acc += o.total; return acc; }',
    'console.log(main());',
  ].join('\n'));
  // The getter's first point defers at each of its 3 calls (main's captures in between end the backoff).
  assert.ok(s.deferred >= 3, `deferred ${s.deferred}`);
  assert.equal(s.stdout, '18\n');
});

test('a 10,000-deep recursion is captured and rebuilt whole', async () => {
  const s = await check('deep.js', [
    'function down(n) { if (n === 0) { UPDATE_POINT(); return 0; } return 1 + down(n - 1); }',
    'console.log(down(10000));',
  ].join('\n'), '1', '10000\n');
  assert.equal(s.stdout, '10000\n');
  assert.equal(s.depth, 10001);
  assert.equal(s.captures, 1);
});

test('the storm on a deep recursion with an update point at every level costs linear time, not quadratic', async () => {
  // Captured at each of its 3,000 levels, the stack would be unwound 4.5 million frames in all.
  const s = await check('deep-storm.js', [
    'function down(n) { UPDATE_POINT(); return n === 0 ? 0 : 1 + down(n - 1); }',
    'console.log(down(3000), down(10));',
  ].join('\n'), '1', '3000 10\n');
  // Every level range is still captured: deep stacks too (at least once per 64 levels on the way down).
  assert.ok(s.depth > 3000 - 64, `deepest ${s.depth}`);
  assert.ok(s.captures >= 3000 / 64, `captures ${s.captures}`);
  assert.ok(s.frames < 400_000, `frames unwound ${s.frames}`);
});

test('requestUpdate() applies an identity update at the next update point', async () => {
  const api = pathToFileURL(join(root, 'dist/runtime/index.js')).href;
  const file = join(dir, 'request.js');
  writeFileSync(file, [
    `import { requestUpdate, status } from ${JSON.stringify(api)};`,
    'let applied = null;',
    'function spin(n) { let s = 0; for (let i = 0; i < n; i++) { s += i; if (i === 10) requestUpdate().then((st) => { applied = st.captures; }); } return s; }',
    'console.log(spin(100), status().stats.captures);',
    'await new Promise((r) => setTimeout(r, 10));',
    'console.log("applied", applied);',
  ].join('\n'));
  const out = join(dir, 'out');
  compileTree([file], out, { updatePoints: 'loops' });
  const r = await runCompiled(join(out, 'request.js'));
  assert.equal(r.stdout, '4950 1\napplied 1\n', r.stderr);
});

test('frames rebuilt inside finally and catch blocks continue the way those blocks were entered', async () => {
  const s = await check('finally.js', [
    'function work(k) { let s = 0; for (let i = 0; i < k; i++) s += i; return s; }',
    'const log = [];',
    'function f(x) {',
    '  for (let r = 0; r < 2; r++) {',
    '    try { if (x === 1) return "ret" + work(2); if (x === 2) throw new Error("e" + work(2)); if (x === 3) break; if (x === 4) continue; }',
    '    catch (e) { log.push("caught " + e.message + work(1)); if (r === 1) return "late"; }',
    '    finally { log.push("fin" + x + r + work(3)); }',
    '    log.push("after" + x + r);',
    '  }',
    '  return "end" + x;',
    '}',
    'for (let x = 0; x <= 4; x++) log.push(f(x));',
    'console.log(log.join(" "));',
  ].join('\n'));
  assert.equal(s.deferred, 0);
  assert.ok(s.captures > 20, `captures ${s.captures}`);
});
