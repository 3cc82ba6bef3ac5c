// `npm start`: compiles a sample, runs it natively, compiled, and under update storms (an
// identity update, capturing and rebuilding the whole stack, at every nth update point), and
// shows that every run prints the same and what the storms did.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkRun } from '../samples/fft/check.js';
import { median } from './bench-common.js';
import { prepare, runLive } from '../samples/fft/live.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = `${root}bin/restack.js`;
const out = `${root}.restack-out/primes`;

/** Runs `node <args>`, or restack's CLI as installed (its own file, whose #! line gives Node its flags). */
function run(label, args) {
  const [cmd, rest] = args[0] === cli ? [cli, args.slice(1)] : [process.execPath, args];
  const t0 = performance.now();
  const r = spawnSync(cmd, rest, { cwd: root, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) {
    process.stderr.write(r.stdout + r.stderr);
    throw new Error(`${label} failed`);
  }
  console.log(`${label.padEnd(34)} ${ms.toFixed(0).padStart(6)} ms   ${r.stdout.trim()}`);
  if (r.stderr.trim()) console.log(`${' '.repeat(43)} ${r.stderr.trim()}`);
  return r.stdout;
}

console.log('restack demo: samples/primes (a segmented prime sieve), compiled and updated while it runs\n');
const c = spawnSync(process.execPath, [cli, 'compile', 'samples/primes', '-o', out], { cwd: root, encoding: 'utf8' });
process.stdout.write(c.stdout + c.stderr);
if (c.status !== 0) process.exit(1);
console.log();
// The times below are whole-process times: they include what starting takes, measured here on an
// empty program started the same two ways (npm run bench:startup measures it interleaved).
const empty = `${out}/.empty`;
mkdirSync(empty, { recursive: true });
writeFileSync(`${empty}/empty.js`, "console.log('started');\n");
const ce = spawnSync(process.execPath, [cli, 'compile', empty, '-o', `${empty}-out`, '--quiet'], { cwd: root, encoding: 'utf8' });
if (ce.status !== 0) throw new Error(ce.stdout + ce.stderr);
const startup = (cmd, args) => {
  const times = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    spawnSync(cmd, args, { cwd: root });
    times.push(performance.now() - t0);
  }
  return median(times);
};
const nativeStart = startup(process.execPath, [`${empty}/empty.js`]);
const restackStart = startup(cli, ['run', `${empty}-out/empty.js`]);
console.log(`start-up alone (an empty program, median of 5): node ${nativeStart.toFixed(0)} ms, restack run ${restackStart.toFixed(0)} ms\n`);
const outputs = [
  run('native', ['samples/primes/sieve.js', '2000000']),
  run('compiled', [cli, 'run', `${out}/sieve.js`, '2000000']),
  run('compiled, --storm 1000', [cli, 'run', '--storm', '1000', '--report', `${out}/sieve.js`, '2000000']),
  run('compiled, --storm 7', [cli, 'run', '--storm', '7', '--report', `${out}/sieve.js`, '2000000']),
];
const small = [
  run('native (small)', ['samples/primes/sieve.js', '30000']),
  run('compiled, --storm 1 (small)', [cli, 'run', '--storm', '1', '--report', `${out}/sieve.js`, '30000']),
];
const same = outputs.every((o) => o === outputs[0]) && small[0] === small[1];
console.log(`\n${same ? 'identical output in every run' : 'OUTPUTS DIFFER'}: each identity update captured the running stack`);
console.log('(the loop, its caller and locals), unwound it and rebuilt it from the saved frame records.');
if (!same) process.exit(1);

// Part 2: new versions, live. samples/fft runs a long CPU-bound spectral analysis; three patches
// arrive through `restack update <pid>` while it computes: v2 fixes the window formula inside the
// hot loop, v3 changes a frame local's layout (split re/im arrays -> one interleaved buffer, by a
// stack transformer, even in the middle of an FFT), v4 renames a function and splits another. The
// bundles come from `restack patch`; the mapping files are the committed, hand-completed ones in
// samples/fft/patches. samples/fft/check.js then recomputes every block natively.
console.log('\nrestack demo, part 2: samples/fft (a spectral analysis) updated v1 -> v2 -> v3 -> v4 while it computes\n');
const work = `${root}.restack-out/fft`;
for (const out of prepare(work)) process.stdout.write(out.replaceAll(root, ''));
const args = ['--blocks', '400', '--passes', '24'];
console.log(`\n$ restack run ${work.slice(root.length)}/v1/main.js ${args.join(' ')}   (9,600 blocks of 4,096 samples)`);
const t0 = performance.now();
const job = await runLive(work, {
  args,
  schedule: [4, 10, 16],
  onStart: (pid) => console.log(`running as pid ${pid}`),
  onReport: (name, text) => {
    console.log(`\n$ restack update --label ${name.split('-')[1]} <pid> ${work.slice(root.length)}/${name}    (at ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    process.stdout.write(text);
  },
});
if (job.code !== 0 || job.reports.some((r) => r.code !== 0)) {
  process.stderr.write(job.stderr);
  console.log('\nTHE LIVE RUN FAILED');
  process.exit(1);
}
console.log(`\nthe job finished in ${((performance.now() - t0) / 1000).toFixed(1)} s; checking its ${JSON.parse(job.stdout).records.length} block records against native runs of each version...`);
let checked;
try {
  checked = checkRun(job.stdout, { expectVersions: [1, 2, 3, 4], startVersion: 1 });
} catch (e) {
  console.log(`CHECK FAILED: ${e.message}`);
  process.exit(1);
}
const per = Object.entries(checked.blocksPerVersion).map(([v, n]) => `v${v}: ${n}`).join(', ');
console.log(`every block has the digest its version computes (${per})`);
const m = checked.mixed;
const cut = m.j === 4096 ? 'its window loop had finished under v1'
  : m.j === 0 ? 'its window loop had not started, all v2'
  : `windowed by v1 up to sample ${m.j} and by v2 after`;
console.log(`the block v1 -> v2 landed in (pass ${m.pass}, block ${m.block}): ${cut}`);
console.log(`average spectrum ${checked.spectrumDigest}, peaks at bins ${checked.peaks.join(', ')}: the average of exactly those blocks`);
