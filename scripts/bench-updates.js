#!/usr/bin/env node
/**
 * What an update costs, measured on bench/updates (versions A and B of one program, moved back and
 * forth by patches made with `restack patch` and checked with `restack check`):
 *
 *  - pause vs stack depth: the program recurses to depth D (1 .. 10,000 compiled frames) and loops
 *    there; each update captures all D frames, maps them, evaluates the other version's module,
 *    carries its state and rebuilds the D frames. Reported: median and max of the pause (update
 *    point reached -> top frame back at its update point), and of its parts;
 *  - memory: heap after forced GCs after the 1st update, after the 100th and after the 1,000th
 *    (versions no longer referenced must be collected). Growth is reported from both baselines:
 *    from the 1st it includes V8 compiling and optimising the code updates run (it stops growing
 *    by itself, see docs/benchmarks.md); from the 100th it is what updates leave behind;
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

function drive(depth, updates, interval, snapshots) {
  const text = run(['--expose-gc', '--stack-size=7800', join(src, 'driver.mjs'), join(root, 'dist/runtime/index.js'),
    join(out, 'A', 'main.js'), ab, ba, String(depth), String(updates), String(interval), ...(snapshots ? [snapshots] : [])], `driver at depth ${depth}`);
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
  const r = drive(1, n, 50, join(out, 'heap'));
  const [afterFirst, afterWarm, end] = r.heap;
  const [, warmKinds, endKinds] = [1, 2, 3].map((i) => heapKinds(join(out, `heap-${i}.heapsnapshot`)));
  results.memory = {
    updates: n, warm: r.warm, heapAfterFirst: afterFirst, heapAfterWarm: afterWarm, heapAfterLast: end,
    growth: end / afterFirst - 1, growthFromWarm: end / afterWarm - 1, bytesPerUpdate: (end - afterWarm) / (n - r.warm),
    // The same interval in heap snapshots: V8's compiled machine code (and its deoptimisation and
    // relocation data) apart from everything else (objects, closures, scripts, bytecode).
    snapshotFromWarm: {
      machineCodeBytes: endKinds.machine - warmKinds.machine,
      otherBytes: endKinds.other - warmKinds.other,
      otherGrowth: endKinds.other / warmKinds.other - 1,
    },
  };
  const mib = (b) => (b / 1048576).toFixed(2);
  process.stderr.write(`bench-updates: heap after update 1: ${mib(afterFirst)} MiB, after ${r.warm}: ${mib(afterWarm)} MiB, after ${n}: ${mib(end)} MiB\n`);
}

/** Self sizes in a heap snapshot: V8's optimised machine code and its tables, and all the rest. */
function heapKinds(file) {
  const snap = JSON.parse(readFileSync(file, 'utf8'));
  rmSync(file);
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const [ti, ni, si] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const machineNames = new Set(['', '(code deopt data)', '(code relocation info)', '(source position table)', '(constant pool)']);
  let machine = 0;
  let other = 0;
  for (let i = 0; i < snap.nodes.length; i += fields.length) {
    const size = snap.nodes[i + si];
    if (types[snap.nodes[i + ti]] === 'code' && machineNames.has(snap.strings[snap.nodes[i + ni]])) machine += size;
    else other += size;
  }
  return { machine, other };
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
  (() => {
    const m = results.memory;
    const mib = (b) => (b / 1048576).toFixed(2);
    return `Memory (heap after forced GCs): after update 1 ${mib(m.heapAfterFirst)} MiB, after update ${m.warm} ${mib(m.heapAfterWarm)} MiB, ` +
      `after update ${m.updates} ${mib(m.heapAfterLast)} MiB. Growth from update ${m.warm} to ${m.updates}: **${(100 * m.growthFromWarm).toFixed(1)}%** ` +
      `(${Math.round(m.bytesPerUpdate)} bytes per update); from update 1: ${(100 * m.growth).toFixed(1)}%, V8's code and type feedback for what updates run included. ` +
      `Heap snapshots over updates ${m.warm} to ${m.updates}: V8 machine code ${(m.snapshotFromWarm.machineCodeBytes / 1024).toFixed(1)} KiB, ` +
      `everything else (objects, closures, scripts, bytecode) ${(m.snapshotFromWarm.otherBytes / 1024).toFixed(1)} KiB, **${(100 * m.snapshotFromWarm.otherGrowth).toFixed(2)}%**.`;
  })(),
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
