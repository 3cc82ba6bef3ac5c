#!/usr/bin/env node
/**
 * What an update costs, measured on bench/updates (versions A and B of one program, moved back and
 * forth by patches made with `restack patch` and checked with `restack check`):
 *
 *  - pause vs stack depth: the program recurses to depth D (1 .. 10,000 compiled frames) and loops
 *    there; each update captures all D frames, maps them, evaluates the other version's module,
 *    carries its state and rebuilds the D frames. Reported: median and max of the pause (update
 *    point reached -> top frame back at its update point), and of its parts;
 *  - pause vs suspended async activations (bench/updates/sessions, versions A and B): N sessions
 *    (10 .. 100,000), each an async function waiting at an await on a promise that stays pending
 *    (an idle client connection); each update, between events, captures the N activations, maps
 *    them and commits. Reported: the first update's pause (the update path never ran before, and
 *    every activation is captured from its generator), median and max of the others' and of their
 *    parts. The driver checks that every update moved all N and that every session then answers
 *    in the running version with its locals;
 *  - memory: heap after forced GCs after the 1st update, after the 100th and after the 1,000th
 *    (versions no longer referenced must be collected). Growth is reported from both baselines:
 *    from the 1st it includes V8 compiling and optimising the code updates run (it stops growing
 *    by itself, see docs/benchmarks.md); from the 100th it is what updates leave behind;
 *  - request -> update point from outside the process, through `restack update <pid>`, in a
 *    CPU-bound loop that never yields and in an idle program (waiting on a timer).
 *
 *   node scripts/bench-updates.js [--json] [--docs] [--quick]
 *
 * --quick: fewer updates, and async activations up to 10,000.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, writeDocsSection } from './bench-common.js';

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
/**
 * The patches A -> B and B -> A of a program with versions dir/A and dir/B (checked), and A
 * compiled: into out/<prefix>AB, <prefix>BA and <prefix>A.
 */
function prepare(dir, prefix, what) {
  const forth = join(out, `${prefix}AB`);
  const back = join(out, `${prefix}BA`);
  run([cli, 'patch', join(dir, 'A'), join(dir, 'B'), '-o', forth], `restack patch ${what}A B`);
  run([cli, 'patch', join(dir, 'B'), join(dir, 'A'), '-o', back], `restack patch ${what}B A`);
  run([cli, 'check', forth], `restack check ${what}AB`);
  run([cli, 'check', back], `restack check ${what}BA`);
  run([cli, 'compile', join(dir, 'A'), '-o', join(out, `${prefix}A`), '--quiet'], `restack compile ${what}A`);
  return [forth, back];
}
const [ab, ba] = prepare(src, '', '');
const [sab, sba] = prepare(join(src, 'sessions'), 'sessions-', 'sessions ');


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

const results = { pause: [], asyncPause: [], memory: null, request: null };
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

// Suspended async activations: the driver fails (exit 1) unless every update moved all of them and
// every session answers afterwards in the running version with its locals.
for (const sessions of quick ? [10, 100, 1000, 10000] : [10, 100, 1000, 10000, 100000]) {
  const updates = quick ? 6 : sessions >= 100000 ? 11 : 21;
  const r = JSON.parse(run(['--expose-gc', '--max-old-space-size=4096', join(src, 'sessions-driver.mjs'), join(root, 'dist/runtime/index.js'),
    join(out, 'sessions-A', 'main.js'), sab, sba, String(sessions), String(updates)], `sessions driver with ${sessions} activations`));
  if (r.timings.length !== updates) {
    process.stderr.write(`bench-updates: ${r.timings.length} of ${updates} updates happened with ${sessions} activations\n`);
    process.exit(1);
  }
  const [first, ...t] = r.timings; // the first also runs the update path for the first time
  const pick = (k) => t.map((x) => x[k]);
  results.asyncPause.push({
    sessions, updates: t.length,
    first: { pauseMs: first.pauseMs, captureMs: first.captureMs, mapMs: first.mapMs, rebuildMs: first.rebuildMs },
    pauseMs: median(pick('pauseMs')), pauseMaxMs: Math.max(...pick('pauseMs')),
    captureMs: median(pick('captureMs')), mapMs: median(pick('mapMs')), rebuildMs: median(pick('rebuildMs')), loadMs: median(pick('loadMs')),
  });
  const a = results.asyncPause.at(-1);
  process.stderr.write(`bench-updates: ${sessions} suspended activations: pause median ${a.pauseMs.toFixed(3)} ms (first update ${a.first.pauseMs.toFixed(3)} ms)\n`);
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
      // A busy program takes the request at an update point, compiles the bundle there and runs on
      // (prepareMs); an idle one compiles it in the pause.
      prepareMedian: median(timings.map((t) => t.prepareMs ?? 0)),
    };
  };
  results.request = { busy: summary(await requestTimes(busy, count)), idle: summary(await requestTimes(idle, count)) };
} catch (e) {
  process.stderr.write(`bench-updates: request times not measured: ${e.message}\n`);
}

const f = (n) => (n >= 10 ? n.toFixed(1) : n.toFixed(3));
const at10k = results.asyncPause.find((a) => a.sessions === 10000);
const lines = [
  '| stack depth | updates | pause median (ms) | pause max (ms) | capture | map + evaluate | rebuild | load (before the pause) |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...results.pause.map((p) => `| ${p.depth} | ${p.updates} | ${f(p.pauseMs)} | ${f(p.pauseMaxMs)} | ${f(p.captureMs)} | ${f(p.mapMs)} | ${f(p.rebuildMs)} | ${f(p.loadMs)} |`),
  '',
  'Capture includes the stack check (reading the D frames\' call sites) that decides whether the stack can be captured there.',
  '',
  'Suspended async activations (goal: pause <= 10 ms at 10,000). `bench/updates/sessions` starts N sessions, each an async ' +
    'function waiting at an `await` on a promise of its own that stays pending (an idle client connection) with a few live locals, ' +
    'and applies updates A -> B -> A ... between events (B changes the sessions\' code: what they write in their replies). Each update ' +
    'captures the N activations, maps them and commits; an activation\'s generator is rebuilt in the new version from its record ' +
    'when its await settles (its restore function runs then, outside the pause), and one still waiting at the next update is moved ' +
    'again without running any code. ' +
    '"First update" is the process\'s first: the update path has not run before and every activation is captured from its ' +
    'generator; the other columns are over the updates after it, each after a forced GC (and 50 ms for its background work). Three sessions answer after each ' +
    'update, and every session after the last, each in the running version with its locals, or the bench fails.' +
    (at10k ? ` At 10,000: median **${f(at10k.pauseMs)} ms**, first update ${f(at10k.first.pauseMs)} ms.` : ''),
  '',
  '| suspended activations | updates | first update pause (ms) | pause median (ms) | pause max (ms) | capture | map + evaluate | rebuild |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...results.asyncPause.map((a) => `| ${a.sessions} | ${a.updates} | ${f(a.first.pauseMs)} | ${f(a.pauseMs)} | ${f(a.pauseMaxMs)} | ${f(a.captureMs)} | ${f(a.mapMs)} | ${f(a.rebuildMs)} |`),
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
    `The busy program stops at that update point to compile the bundle from the caches (median ${f(b.prepareMedian)} ms), runs on, and the update happens at its next update point: ` +
    `the pause of these updates, median ${f(b.pauseMedian)} ms busy; the idle program compiles the bundle in the pause, median ${f(i.pauseMedian)} ms idle.`);
}
const table = lines.join('\n');
process.stdout.write(table + '\n');
if (argv.includes('--json')) writeFileSync(join(root, 'bench', 'updates-results.json'), JSON.stringify(results, null, 2) + '\n');
if (argv.includes('--docs')) {
  writeDocsSection(join(root, 'docs', 'benchmarks.md'), 'updates', 'Updates: pause, request latency, memory',
    `${table}\n\nMeasured by \`node scripts/bench-updates.js --json --docs\` (${new Date().toISOString().slice(0, 10)}, Node ${process.version}).`);
}
