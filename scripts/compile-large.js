// Compiles one large file the way `restack compile` does, and sets its time, peak memory and
// output size against Babel's parse + generate of the same file. Each side runs in a process of
// its own, so each peak RSS is its own. restack's side also prints the time and heap after each
// pass, as the pass ends.
//
//   node scripts/compile-large.js <file.js> [--heap <MB>] [--timeout <s>]
//
// --heap gives the restack process that much old space (default: V8's own limit); --timeout ends it
// (default 600 s) and reports how far it got. Examples: node_modules/typescript/lib/typescript.js,
// node_modules/mqtt/dist/mqtt.js (docs/benchmarks.md, compile speed).
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};

/** This process's peak resident set so far, in MB. */
const peak = () => process.resourceUsage().maxRSS / 1024;

if (args[0] === '--child') {
  // One side's run, in its own process: prints JSON lines (one per pass for restack, then the result).
  const [, side, file] = args;
  const source = readFileSync(file, 'utf8');
  const sourceType = /^\s*(import|export)\s/m.test(source) ? 'module' : 'script';
  const t0 = performance.now();
  let size;
  if (side === 'babel') {
    const require = createRequire(resolve(root, 'package.json'));
    const ast = require('@babel/parser').parse(source, { sourceType, errorRecovery: false });
    size = require('@babel/generator').default(ast, { sourceMaps: true, sourceFileName: basename(file), comments: true }, source).code.length;
  } else {
    const { compile } = await import(resolve(root, 'dist/compiler/pipeline.js'));
    const onLap = (name, ms) => process.stdout.write(JSON.stringify({ lap: name, ms, heapMB: process.memoryUsage().heapUsed / 1048576, peakMB: peak() }) + '\n');
    size = compile(source, { filename: basename(file), sourceType, updatePoints: 'loops', onLap }).code.length;
  }
  process.stdout.write(JSON.stringify({ ms: performance.now() - t0, size, peakMB: peak() }) + '\n');
  process.exit(0);
}

const file = resolve(args[0] ?? '');
if (!args[0] || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
  process.stderr.write('usage: node scripts/compile-large.js <file.js> [--heap <MB>] [--timeout <s>]\n');
  process.exit(2);
}
const heap = option('--heap', 0);
const timeout = option('--timeout', 600);
const inputSize = statSync(file).size;

/** Runs one side in a process of its own; the child reports its passes, its result and its peak RSS. */
function side(name) {
  const nodeArgs = ['--stack-size=4000', ...(heap && name === 'restack' ? [`--max-old-space-size=${heap}`] : [])];
  const r = spawnSync(process.execPath, [...nodeArgs, fileURLToPath(import.meta.url), '--child', name, file], {
    encoding: 'utf8', timeout: timeout * 1000, maxBuffer: 64 * 1024 * 1024, killSignal: 'SIGKILL',
  });
  const lines = (r.stdout ?? '').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const result = lines.find((l) => l.size !== undefined);
  return { laps: lines.filter((l) => l.lap), result, status: r.status, signal: r.signal, stderr: r.stderr ?? '', error: r.error };
}

const babel = side('babel');
const babelPeak = babel.result?.peakMB ?? 0;
if (!babel.result) {
  process.stderr.write(`Babel failed on ${file}:\n${babel.stderr}\n`);
  process.exit(1);
}
const mb = (n) => (n / 1048576).toFixed(1);
process.stdout.write(`${basename(file)}: ${mb(inputSize)} MB\n`);
process.stdout.write(`Babel parse + generate: ${(babel.result.ms / 1000).toFixed(1)} s, peak RSS ${babelPeak.toFixed(0)} MB, output ${mb(babel.result.size)} MB\n`);
const restack = side('restack');
// A run that did not finish reports its peak as of its last pass: a lower bound.
const restackPeak = restack.result?.peakMB ?? Math.max(0, ...restack.laps.map((l) => l.peakMB));
for (const l of restack.laps) process.stdout.write(`  pass ${l.lap.padEnd(14)} ${(l.ms / 1000).toFixed(1).padStart(7)} s   heap ${l.heapMB.toFixed(0).padStart(6)} MB\n`);
if (restack.result) {
  process.stdout.write(`restack compile: ${(restack.result.ms / 1000).toFixed(1)} s (${(restack.result.ms / babel.result.ms).toFixed(1)}x Babel's), ` +
    `peak RSS ${restackPeak.toFixed(0)} MB (${(restackPeak / babelPeak).toFixed(1)}x Babel's), output ${mb(restack.result.size)} MB (${(restack.result.size / inputSize).toFixed(1)}x the input)\n`);
} else {
  const last = restack.laps[restack.laps.length - 1];
  const why = restack.signal === 'SIGKILL' ? `stopped at the ${timeout} s timeout` :
    /heap out of memory/.test(restack.stderr) ? 'ran out of memory' : `failed (${restack.signal ?? `exit ${restack.status}`}): ${restack.stderr.split('\n').slice(0, 3).join(' ')}`;
  process.stdout.write(`restack compile: ${why}, peak RSS at least ${restackPeak.toFixed(0)} MB, after ${last ? `the ${last.lap} pass` : 'no pass'}\n`);
  process.exitCode = 1;
}
