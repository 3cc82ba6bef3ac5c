// Calls of builtin methods are not continuation points (the default call-point policy): a user
// method that happens to have such a name (here a class's push) and is called as `log.push(k)`
// runs to its end before an update can apply, since its caller is not stopped at a continuation
// point; the same method under another name (append), or compiled with `--call-points all`, is
// captured in the middle of its loop. Either way every result is the native program's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { workspace } from './helpers/versions.js';

const { work, restack, versions, runAndUpdate: runPatched } = workspace('restack-builtin-calls-');

const CALLS = 5;
const program = (method) => (version) => `
class Log {
  constructor() { this.items = []; }
  ${method}(n) {
    let acc = 0;
    for (let i = 0; i < 40000000 * (n === 2 ? 4 : 1); i++) acc = (acc + i * n) % 1000003;
    this.items.push(acc);
    return this.items.length;
  }
}
function main() {
  const log = new Log();
  for (let k = 1; k <= ${CALLS}; k++) {
    process.stdout.write('${version} start ' + k + '\\n');
    const length = log.${method}(k);
    process.stdout.write('${version} done ' + k + ' ' + log.items[length - 1] + '\\n');
  }
}
main();
`;

/** What the native program prints for call k (the loop's result does not depend on the version). */
function expected(k) {
  let acc = 0;
  for (let i = 0; i < 40000000 * (k === 2 ? 4 : 1); i++) acc = (acc + i * k) % 1000003;
  return acc;
}

/**
 * Runs `compiled`/main.js; at "v1 start 2" applies dir/p (call 2 is the long one, so the request
 * arrives while it runs). Resolves with the lines printed and the report.
 */
async function runAndUpdate(dir, compiled) {
  const r = await runPatched(join(compiled, 'main.js'), join(dir, 'p'), /^v1 start 2$/m, 120_000);
  return { ...r, lines: r.stdout.trim().split('\n') };
}

function checkResults(lines) {
  const done = lines.filter((l) => / done /.test(l));
  assert.equal(done.length, CALLS, lines.join('\n'));
  done.forEach((l, i) => assert.equal(Number(l.split(' ')[3]), expected(i + 1), l));
  // One version, then the other: v1 never comes back.
  const switched = lines.findIndex((l) => l.startsWith('v2'));
  assert.ok(switched > 0 && lines.slice(switched).every((l) => l.startsWith('v2')), lines.join('\n'));
}

test('a user method named like a builtin (push) finishes in v1 before the update applies', async () => {
  const dir = join(work, 'push');
  versions(dir, program('push'));
  const { code, lines, stderr, report } = await runAndUpdate(dir, join(dir, 'c1'));
  assert.equal(code, 0, `${lines.join('\n')}\n${stderr}`);
  assert.equal(report.applied, true, JSON.stringify(report));
  checkResults(lines);
  // The call in flight ended in v1; the next one started in v2. No frame of push was moved.
  assert.deepEqual(lines.slice(2, 5), ['v1 start 2', `v1 done 2 ${expected(2)}`, 'v2 start 3'], lines.join('\n'));
  assert.ok(!report.frames.some((f) => f.from.includes('push')), JSON.stringify(report.frames));
  // The request was taken while push(2) ran, and the update waited for it to return (natively
  // the call takes about a second; main reaches its next update point right after it).
  assert.ok(report.timings.requestToPointMs >= 100, JSON.stringify(report.timings));
});

test('the same method named append is captured in its loop and finishes in v2', async () => {
  const dir = join(work, 'append');
  versions(dir, program('append'));
  const { code, lines, stderr, report } = await runAndUpdate(dir, join(dir, 'c1'));
  assert.equal(code, 0, `${lines.join('\n')}\n${stderr}`);
  assert.equal(report.applied, true, JSON.stringify(report));
  checkResults(lines);
  assert.deepEqual(lines.slice(2, 4), ['v1 start 2', `v2 done 2 ${expected(2)}`], lines.join('\n'));
  assert.ok(report.frames.some((f) => f.from.includes('append') && !f.suspended), JSON.stringify(report.frames));
  assert.ok(report.timings.requestToPointMs < 100, JSON.stringify(report.timings));
});

test('compiled with --call-points all, push is a continuation point again and is captured in its loop', async () => {
  const dir = join(work, 'push-all');
  versions(dir, program('push'));
  // Both versions on the 'all' policy: the patch takes it from the compiled tree.
  restack('compile', join(dir, 'v1'), '-o', join(dir, 'all1'), '--quiet', '--call-points', 'all');
  restack('patch', join(dir, 'all1'), join(dir, 'v2'), '-o', join(dir, 'p'), '--force');
  restack('check', join(dir, 'p'));
  const { code, lines, stderr, report } = await runAndUpdate(dir, join(dir, 'all1'));
  assert.equal(code, 0, `${lines.join('\n')}\n${stderr}`);
  assert.equal(report.applied, true, JSON.stringify(report));
  checkResults(lines);
  assert.deepEqual(lines.slice(2, 4), ['v1 start 2', `v2 done 2 ${expected(2)}`], lines.join('\n'));
  assert.ok(report.frames.some((f) => f.from.includes('push') && !f.suspended), JSON.stringify(report.frames));
});
