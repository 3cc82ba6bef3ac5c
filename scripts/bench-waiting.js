#!/usr/bin/env node
/**
 * What a waiting update costs a busy program. A compiled program calls `log.push(k)`, a user
 * method named like Array#push: the call is not a continuation point (docs/decisions/0003), so an
 * update requested while it runs waits for it to return, and the loop inside it keeps reaching its
 * update point meanwhile, where the update is refused. Each round runs the program twice under
 * `restack run`, in alternating order: once undisturbed, once with `restack update` requested as
 * call 2 starts. Reported: the duration of call 2 with the update waiting against without
 * (medians over the rounds), and the request -> update point time of the update.
 *
 *   node scripts/bench-waiting.js [--rounds 5] [--json]
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './bench-common.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const at = argv.indexOf('--rounds');
const ROUNDS = at >= 0 ? Number(argv[at + 1]) : 5;
const cli = join(root, 'bin', 'restack.js');
const out = join(root, '.restack-out', 'bench-waiting');
rmSync(out, { recursive: true, force: true });
const xdg = join(out, 'xdg');
mkdirSync(xdg, { recursive: true, mode: 0o700 });
const env = { ...process.env, XDG_RUNTIME_DIR: xdg };

const program = (version) => `
class Log {
  constructor() { this.items = []; }
  push(n) {
    let acc = 0;
    for (let i = 0; i < 120000000; i++) acc = (acc + i * n) % 1000003;
    this.items.push(acc);
    return this.items.length;
  }
}
function main() {
  const log = new Log();
  for (let k = 1; k <= 3; k++) {
    process.stdout.write('${version} start ' + k + '\\n');
    const t0 = performance.now();
    log.push(k);
    process.stdout.write('${version} call ' + k + ' ' + (performance.now() - t0).toFixed(1) + '\\n');
  }
}
main();
`;

function restack(args) {
  const r = spawnSync(process.execPath, [cli, ...args], { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`restack ${args.join(' ')}:\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

for (const v of ['v1', 'v2']) {
  mkdirSync(join(out, v), { recursive: true });
  writeFileSync(join(out, v, 'package.json'), '{"type":"module"}');
  writeFileSync(join(out, v, 'main.js'), program(v));
}
restack(['compile', join(out, 'v1'), '-o', join(out, 'c1'), '--quiet']);
restack(['patch', join(out, 'v1'), join(out, 'v2'), '-o', join(out, 'p')]);
restack(['check', join(out, 'p')]);

/** One run; with `update`, requests it as call 2 starts. Resolves with call 2's ms and the report. */
function runOnce(update) {
  const child = spawn(process.execPath, [cli, 'run', '--announce', join(out, 'c1', 'main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let report = null;
  child.stderr.on('data', (d) => { stderr += d; });
  child.stdout.on('data', (d) => {
    stdout += d;
    if (update && report === null && /^v1 start 2$/m.test(stdout)) {
      report = false;
      const pid = /\(pid (\d+)\)/.exec(stderr)[1];
      const u = spawnSync(process.execPath, [cli, 'update', '--json', '--label', 'v2', pid, join(out, 'p')], { env, encoding: 'utf8' });
      report = u.status === 0 ? JSON.parse(u.stdout) : { applied: false, error: u.stdout + u.stderr };
    }
  });
  return new Promise((resolve, reject) => child.on('exit', (code) => {
    const m = /^v[12] call 2 ([\d.]+)$/m.exec(stdout);
    if (code !== 0 || !m || (update && !report?.applied)) reject(new Error(`bench-waiting: the run failed:\n${stdout}${stderr}${JSON.stringify(report)}`));
    else resolve({ ms: Number(m[1]), report });
  }));
}

const plain = [];
const waiting = [];
const toPoint = [];
for (let round = 0; round < ROUNDS; round++) {
  for (const update of round % 2 === 0 ? [false, true] : [true, false]) {
    const r = await runOnce(update);
    (update ? waiting : plain).push(r.ms);
    if (update) toPoint.push(r.report.timings.requestToPointMs);
  }
  process.stderr.write(`bench-waiting: round ${round + 1}/${ROUNDS}\n`);
}
const result = {
  rounds: ROUNDS,
  plainMs: median(plain),
  waitingMs: median(waiting),
  ratio: median(waiting.map((w, i) => w / plain[i])),
  requestToPointMs: median(toPoint),
};
process.stdout.write(`call 2 undisturbed ${result.plainMs.toFixed(1)} ms, with an update waiting for it ${result.waitingMs.toFixed(1)} ms: ` +
  `${result.ratio.toFixed(3)}x (medians of ${ROUNDS} interleaved rounds); request -> update point ${result.requestToPointMs.toFixed(1)} ms\n`);
if (argv.includes('--json')) {
  mkdirSync(join(root, 'bench'), { recursive: true });
  writeFileSync(join(root, 'bench', 'waiting-results.json'), JSON.stringify(result, null, 2) + '\n');
}
