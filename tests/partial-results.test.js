// A call inside an expression that changed: v1 `const r = i * 3 + slow(i) * 0` became v2
// `const r = i * 5 + slow(i) * 0 + 1000`. The compiler keeps `i * 3`, computed before the call,
// in a temporary live at the call; carried into v2's expression it would give 1081, a value
// neither version computes (v1 gives 81, v2 1135). `restack patch` makes that cp a TODO naming the
// temporary and both versions' code, `restack check` refuses the proposed cp until the temporary
// has a source, and each answer gives a value one of the versions computes: 'refuse' (the update
// waits until the frame has left slow: 81, then 1135), or a stack transformer computing the
// temporary as v2 does (1135 from the frame suspended in slow; `i` is not live at the call, so the
// transformer derives i * 5 from the old temporary's i * 3).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from './helpers/run.js';
import { workspace } from './helpers/versions.js';

const { work, env, restack, versions, patchWith, runAndUpdate } = workspace('restack-partials-');

const program = (version) => `
function slow(i, ms) {
  if (ms) process.stdout.write('in slow\\n');
  const end = Date.now() + ms;
  let n = 0;
  while (Date.now() < end) n++;
  return i;
}
function compute(i, ms) {
  const r = ${version === 'v1' ? 'i * 3 + slow(i, ms) * 0' : 'i * 5 + slow(i, ms) * 0 + 1000'};
  return r;
}
function main() {
  process.stdout.write('first ' + compute(27, 2500) + '\\n');
  // Update points for an update that waited for the frame of compute to leave.
  const end = Date.now() + 2500;
  let n = 0;
  while (Date.now() < end) n++;
  process.stdout.write('second ' + compute(27, 0) + '\\n');
}
main();
`;

const dir = join(work, 'expr');
let todo; // patch.json's record of the cp of slow in compute

test('patch makes the call a TODO naming the temporary and both versions\' code; unchanged cps stay inferred', () => {
  try {
    versions(dir, program);
    assert.fail('check passed on a mapping with a TODO');
  } catch (e) {
    assert.match(String(e.message), /restack check/);
  }
  const patch = JSON.parse(readFileSync(join(dir, 'p/patch.json'), 'utf8'));
  assert.equal(patch.summary.todos, 1);
  const compute = patch.functions.find((f) => f.old === 'main.js#compute');
  const cp = compute.cps.find((c) => c.proposed !== null && !c.confident);
  assert.equal(cp.new, null);
  assert.deepEqual(Object.values(cp.partials.temps).length, 1);
  assert.equal(cp.partials.old, 'i * 3 +');
  assert.equal(cp.partials.new, 'i * 5 +');
  assert.match(cp.reason, /^the code before the call changed/);
  assert.match(cp.reason, /old line 10: const r = i \* 3 \+ slow\(i, ms\) \* 0; new line 10: const r = i \* 5 \+ slow\(i, ms\) \* 0 \+ 1000\)/);
  // The entry of compute has no temporaries: inferred as before.
  assert.ok(compute.cps.filter((c) => c !== cp).every((c) => c.confident));
  // slow, main: unchanged.
  assert.ok(patch.functions.filter((f) => f.old !== 'main.js#compute').every((f) => f.status === 'unchanged'));
  todo = cp;
  const mapping = readFileSync(join(dir, 'p/mapping.ts'), 'utf8');
  assert.match(mapping, /old: i \* 3 \+\n/);
  assert.match(mapping, /new: i \* 5 \+\n/);
});

test('check refuses the proposed cp until the temporary has a source, then accepts it', () => {
  const temp = Object.keys(todo.partials.temps)[0];
  const edited = join(work, 'expr-bare');
  restack('patch', join(dir, 'v1'), join(dir, 'v2'), '-o', edited);
  const file = join(edited, 'mapping.ts');
  writeFileSync(file, readFileSync(file, 'utf8').replace(`${todo.old}: 'TODO'`, `${todo.old}: ${todo.proposed}`));
  const c = spawnSync(process.execPath, [cli, 'check', edited], { env, encoding: 'utf8' });
  assert.equal(c.status, 1, c.stdout);
  assert.match(c.stderr, new RegExp(`the temporary ${temp} would carry a partial result of the old code \\(old \`i \\* 3 \\+\`, new \`i \\* 5 \\+\`\\): give it a value in vars\\.${temp}`));
  // Keeping the old value is a decision a person may write down.
  writeFileSync(file, readFileSync(file, 'utf8').replace(/      cps: \{/, `      vars: { ${temp}: { from: '${todo.partials.temps[temp]}' } },\n      cps: {`));
  restack('check', edited);
});

test("answered 'refuse': the update waits until the frame left, and each call gives its version's value", async () => {
  patchWith(dir, 'refuse', (text) => text.replace(`${todo.old}: 'TODO'`, `${todo.old}: 'refuse'`));
  const r = await runAndUpdate(join(dir, 'c1/main.js'), join(dir, 'refuse'), /in slow/);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.report.applied, true, JSON.stringify(r.report));
  assert.deepEqual(r.stdout.split('\n').filter((l) => /^(first|second)/.test(l)), ['first 81', 'second 1135']);
});

test('answered with a stack transformer computing the temporary as v2 would: the suspended frame gives v2\'s value', async () => {
  const temp = Object.keys(todo.partials.temps)[0];
  patchWith(dir, 'transform', (text) => text
    .replace(`${todo.old}: 'TODO'`, `${todo.old}: ${todo.proposed}`)
    .replace(/      cps: \{/, `      vars: { ${temp}: 'transform' },\n      cps: {`)
    .replace(/\/\/ frame\((old: OldFrame<[^\n]*)\): void \{\n(\s*)\/\/ \},/, (_, sig, ind) => `frame(${sig}): void {\n${ind}  next.locals.${temp} = (old.locals.${todo.partials.temps[temp]} as number) / 3 * 5;\n${ind}},`));
  const r = await runAndUpdate(join(dir, 'c1/main.js'), join(dir, 'transform'), /in slow/);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.report.applied, true, JSON.stringify(r.report));
  assert.deepEqual(r.report.frames.find((f) => f.from.startsWith('main.js#compute')), { from: 'main.js#compute @0', to: 'main.js#compute @0' });
  assert.deepEqual(r.stdout.split('\n').filter((l) => /^(first|second)/.test(l)), ['first 1135', 'second 1135']);
});

test('only what follows the call changed: inferred with no TODO, and the suspended frame gives v2\'s value', async () => {
  const suffix = join(work, 'suffix');
  // v2 adds `+ 1000` after the call: i * 3, held across it, means the same in both versions.
  versions(suffix, (v) => program(v).replace('i * 5 + slow(i, ms) * 0 + 1000', 'i * 3 + slow(i, ms) * 0 + 1000'));
  const patch = JSON.parse(readFileSync(join(suffix, 'p/patch.json'), 'utf8'));
  assert.equal(patch.summary.todos, 0);
  const r = await runAndUpdate(join(suffix, 'c1/main.js'), join(suffix, 'p'), /in slow/);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.report.applied, true, JSON.stringify(r.report));
  assert.deepEqual(r.stdout.split('\n').filter((l) => /^(first|second)/.test(l)), ['first 1081', 'second 1081']);
});
