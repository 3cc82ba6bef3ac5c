#!/usr/bin/env node
/**
 * What an update costs, measured on bench/updates (versions A and B of one program, moved back and
 * forth by patches made with `restack patch` and checked with `restack check`):
 *
 *  - pause vs stack depth: the program recurses to depth D (1 .. 10,000 compiled frames) and loops
 *    there; each update captures all D frames, maps them, evaluates the other version's module,
 *    carries its state and rebuilds the D frames. Reported: median and max of the pause (update
 *    point reached -> top frame back at its update point), and of its parts;
 *  - memory: heap after a forced GC after the 1st update and after the 1,000th (versions no longer
 *    referenced must be collected);
 *  - request -> update point from outside the process, through `restack update <pid>`, in a
 *    CPU-bound loop that never yields and in an idle program (waiting on a timer).
 *
 *   node scripts/bench-updates.js [--json] [--docs] [--quick]
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const out = join(root, '.restack-out', 'bench-updates');
const cli = join(root, 'bin', 'restack.js');
const src = join(root, 'bench', 'updates');

function run(args, what) {
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) {
    process.stderr.write(`bench-updates: ${what} failed\n${r.stdout}${r.stderr}`);
    process.exit(1);
  }
  return r.stdout;
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const ab = join(out, 'AB');
const ba = join(out, 'BA');
run([cli, 'patch', join(src, 'A'), join(src, 'B'), '-o', ab], 'restack patch A B');
run([cli, 'patch', join(src, 'B'), join(src, 'A'), '-o', ba], 'restack patch B A');
run([cli, 'check', ab], 'restack check AB');
run([cli, 'check', ba], 'restack check BA');
run([cli, 'compile', join(src, 'A'), '-o', join(out, 'A'), '--quiet'], 'restack compile A');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};

function drive(depth, updates, interval) {
  const text = run(['--expose-gc', '--stack-size=7800', join(src, 'driver.mjs'), join(root, 'dist/runtime/index.js'),
    join(out, 'A', 'main.js'), ab, ba, String(depth), String(updates), String(interval)], `driver at depth ${depth}`);
  const r = JSON.parse(text);
  if (r.failed) {
    process.stderr.write(`bench-updates: an update was rolled back: ${r.failed}\n`);
    process.exit(1);
  }
  if (r.timings.length !== updates) {
    process.stderr.write(`bench-updates: ${r.timings.length} of ${updates} updates happened at depth ${depth}\n`);
    process.exit(1);
  }
  return r;
}

const results = { pause: [], memory: null, request: null };
for (const depth of [1, 10, 100, 1000, 10000]) {
  const n = quick ? 10 : depth >= 10000 ? 21 : 51;
  const r = drive(depth, n, 200);
  const t = r.timings.slice(1); // the first update also warms the code up
  const pick = (k) => t.map((x) => x[k]);
  results.pause.push({
    depth, updates: t.length,
    pauseMs: median(pick('pauseMs')), pauseMaxMs: Math.max(...pick('pauseMs')),
    captureMs: median(pick('captureMs')), mapMs: median(pick('mapMs')), rebuildMs: median(pick('rebuildMs')), loadMs: median(pick('loadMs')),
  });
  process.stderr.write(`bench-updates: depth ${depth}: pause median ${results.pause.at(-1).pauseMs.toFixed(3)} ms\n`);
}

{
  const n = quick ? 50 : 1000;
  const r = drive(1, n, 50);
  const [afterFirst, end] = r.heap;
  results.memory = { updates: n, heapAfterFirst: afterFirst, heapAfterLast: end, growth: end / afterFirst - 1 };
  process.stderr.write(`bench-updates: heap after update 1: ${(afterFirst / 1048576).toFixed(2)} MiB, after ${n}: ${(end / 1048576).toFixed(2)} MiB\n`);
}

// Requests from outside the process, through the control channel.
async function requestTimes(programSource, count) {
  const dir = join(out, `prog-${Math.random().toString(36).slice(2)}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }');
  writeFileSync(join(dir, 'main.js'), programSource);
  const times = [];
  const child = spawn(process.execPath, [cli, 'run', '--announce', join(dir, 'main.js')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => { err += d; });
  // `restack run` runs the program in a child with a larger stack: its pid is in the line it prints.
  const pid = await new Promise((resolve, reject) => {
    const t = setInterval(() => { const m = /control socket .* \(pid (\d+)\)/.exec(err); if (m) { clearInterval(t); resolve(m[1]); } }, 20);
    child.on('exit', () => { clearInterval(t); reject(new Error(`the program exited: ${err}`)); });
  });
  await new Promise((r) => setTimeout(r, 300));
  for (let i = 0; i < count; i++) {
    const r = spawnSync(process.execPath, [cli, 'update', pid, i % 2 === 0 ? ab : ba, '--json'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`restack update failed: ${r.stdout}${r.stderr}`);
    times.push(JSON.parse(r.stdout).timings);
  }
  process.kill(Number(pid));
  child.kill();
  return times;
}

const compiledMain = JSON.stringify(join(out, 'A', 'main.js'));
const busy = `globalThis.__tick = () => {};\nconst { main } = await import(${compiledMain});\nmain(1, 4e9);\n`;
const idle = `globalThis.__tick = () => {};\nawait import(${compiledMain});\nsetTimeout(() => {}, 600000);\n`;
try {
  const count = quick ? 5 : 21;
  // Each program is a small uncompiled driver around the compiled A, whose loop is the busy one.
  const summary = (timings) => {
    const toPoint = timings.map((t) => t.requestToPointMs);
    return {
      median: median(toPoint), max: Math.max(...toPoint), n: toPoint.length,
      readMedian: median(timings.map((t) => t.readElsewhereMs ?? 0)),
      pauseMedian: median(timings.map((t) => t.pauseMs)),
    };
  };
  results.request = { busy: summary(await requestTimes(busy, count)), idle: summary(await requestTimes(idle, count)) };
} catch (e) {
  process.stderr.write(`bench-updates: request times not measured: ${e.message}\n`);
}

const f = (n) => (n >= 10 ? n.toFixed(1) : n.toFixed(3));
const lines = [
  '| stack depth | updates | pause median (ms) | pause max (ms) | capture | map + evaluate | rebuild | load (before the pause) |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...results.pause.map((p) => `| ${p.depth} | ${p.updates} | ${f(p.pauseMs)} | ${f(p.pauseMaxMs)} | ${f(p.captureMs)} | ${f(p.mapMs)} | ${f(p.rebuildMs)} | ${f(p.loadMs)} |`),
  '',
  `Memory: heap after a forced GC after the first update ${(results.memory.heapAfterFirst / 1048576).toFixed(2)} MiB, ` +
  `after update ${results.memory.updates} ${(results.memory.heapAfterLast / 1048576).toFixed(2)} MiB: ` +
  `**${(100 * results.memory.growth).toFixed(1)}%** growth.`,
];
if (results.request) {
  const { busy: b, idle: i } = results.request;
  lines.push('', `Request (\`restack update <pid>\`, from another process) to update point: CPU-bound loop median **${f(b.median)} ms** (max ${f(b.max)}, ${b.n} requests); ` +
    `idle program median **${f(i.median)} ms** (max ${f(i.max)}). Measured from when the control channel's worker thread hands the request over, ` +
    `after it read the bundle and made V8 code caches for it while the program ran on (median ${f(b.readMedian)} ms busy, ${f(i.readMedian)} ms idle). ` +
    `The pause of these updates, the patch's compile at the update point included: median ${f(b.pauseMedian)} ms busy, ${f(i.pauseMedian)} ms idle.`);
}
const table = lines.join('\n');
process.stdout.write(table + '\n');
if (argv.includes('--json')) writeFileSync(join(root, 'bench', 'updates-results.json'), JSON.stringify(results, null, 2) + '\n');
if (argv.includes('--docs')) {
  const docs = join(root, 'docs', 'benchmarks.md');
  const begin = '<!-- updates:begin -->';
  const end = '<!-- updates:end -->';
  let text = readFileSync(docs, 'utf8');
  const section = `${begin}\n${table}\n\nMeasured by \`node scripts/bench-updates.js --json --docs\` (${new Date().toISOString().slice(0, 10)}, Node ${process.version}).\n${end}`;
  const a = text.indexOf(begin);
  const b = text.indexOf(end);
  text = a >= 0 && b > a ? text.slice(0, a) + section + text.slice(b + end.length) : `${text.trimEnd()}\n\n## Updates: pause, request latency, memory\n\n${section}\n`;
  writeFileSync(docs, text);
}
