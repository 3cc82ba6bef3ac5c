// Reference point for the benchmarks, not part of restack: runs one workload under Stopify
// (https://www.stopify.org, the npm package @stopify/stopify), the nearest public system that
// makes JavaScript programs suspendable, and prints one JSON line shaped like bench/driver.js's:
// { times: [ms...], digest, digests: [...], yields, es5 }.
//
//   node --stack-size=4000 bench/stopify.js <stopify install dir> <workload.js> <size> <warmup> <iterations>
//        [--as-written] [--no-stopify]
//
// Stopify is never a dependency of this project: it is loaded from the directory given as the
// first argument (`mkdir d && cd d && npm init -y && npm install @stopify/stopify`).
//
// How a workload runs:
//  - Stopify 0.7 accepts about ES5 plus parts of ES2015: it rejects destructuring, default
//    parameters, for-of, `??` and `?.`, and classes fail when run. So the workload is first
//    lowered to ES5 by TypeScript's transpileModule (restack's own devDependency; target ES5 with
//    downlevelIteration, so for-of over a Map keeps its meaning). --as-written skips this and
//    hands Stopify the source as it is (then nearly every workload is reported unsupported).
//  - Stopify compiles scripts, not ES modules: the `export` keywords are removed and the body is
//    wrapped in one function, so its top-level bindings stay local as in a module (Stopify turns
//    a script's top-level bindings into properties of its global object). A driver is appended
//    inside that function: setup(size) once (not timed), then run(state) `warmup` times untimed
//    and `iterations` times timed. A workload that imports anything (the library workloads) is
//    reported as unsupported: Stopify compiles one script.
//  - It is compiled with stopifyLocally(script) and no options, i.e. Stopify's defaults:
//    captureMethod 'lazy', newMethod 'wrapper', es 'sane', jsArgs 'simple', getters false; at run
//    time estimator 'velocity', yieldInterval 100 ms. Compiling happens before anything is timed.
//  - The stopified program runs against a global object holding the host's globals (Math, Map,
//    Uint8Array, ...) plus `__bench`, through which it reads the clock and reports each run.
//    Each run is timed inside the stopified program with performance.now() around run(state):
//    wall-clock time, so when Stopify's runtime suspends the program and resumes it from the
//    event loop (about every 100 ms by default), the capture, the trip through the event loop
//    and the restore all fall inside the measured time.
//  - After the timed runs the original module is imported and run once natively (not timed);
//    a Stopify result that differs is reported as unsupported ("wrong result"), not as a number.
//  - --no-stopify runs the same script (lowered unless --as-written) directly, without Stopify:
//    a control that separates the cost of the ES5 lowering from the cost of Stopify itself.
//
// Exit codes: 0 with the result; 2 with {"error": "<reason>"} when Stopify cannot compile or run
// the workload, or computes a wrong result (the caller reports it as unsupported); 1 for usage or
// installation problems.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [dirArg, file, size, warmupArg, iterationsArg, ...flags] = process.argv.slice(2);
const warmup = Number(warmupArg);
const iterations = Number(iterationsArg);
const es5 = !flags.includes('--as-written');
const noStopify = flags.includes('--no-stopify');
if (
  !dirArg || !file || !size || !Number.isInteger(warmup) || warmup < 0 || !Number.isInteger(iterations) || iterations < 1 ||
  flags.some((f) => f !== '--as-written' && f !== '--no-stopify')
) {
  process.stderr.write('usage: node bench/stopify.js <stopify install dir> <workload.js> <size> <warmup> <iterations> [--as-written] [--no-stopify]\n');
  process.exit(1);
}
function die(message) {
  process.stderr.write(`bench/stopify.js: ${message}\n`);
  process.exit(1);
}

let stopify;
try {
  stopify = createRequire(join(resolve(dirArg), 'package.json'))('@stopify/stopify');
} catch (e) {
  die(`cannot load @stopify/stopify from ${resolve(dirArg)}: ${e.message}`);
}

let finished = false;
function unsupported(reason) {
  finished = true;
  process.stdout.write(JSON.stringify({ error: String(reason).split('\n')[0].slice(0, 300) }) + '\n');
  process.exit(2);
}
const messageOf = (e) => (e && typeof e === 'object' && 'message' in e ? String(e.message) : String(e));

// ---------------------------------------------------------------------------------------------
// The workload as one script
const original = readFileSync(file, 'utf8');
if (/^[ \t]*import[\s{*'"]/m.test(original) || /\bimport\s*\(|\bimport\.meta\b/.test(original)) {
  unsupported('imports modules; Stopify compiles a single script');
}
let source = original;
if (es5) {
  let ts;
  try {
    ts = createRequire(join(dirname(fileURLToPath(import.meta.url)), '..', 'package.json'))('typescript');
  } catch (e) {
    die(`cannot load typescript (restack's devDependency) to lower the workload to ES5: ${e.message}`);
  }
  const compilerOptions = { target: ts.ScriptTarget.ES5, module: ts.ModuleKind.ESNext, downlevelIteration: true, allowJs: true, removeComments: true };
  const lowered = ts.transpileModule(original, { compilerOptions, fileName: file, reportDiagnostics: true });
  if (lowered.diagnostics?.length) die(`lowering ${file} to ES5 failed: ${ts.flattenDiagnosticMessageText(lowered.diagnostics[0].messageText, ' ')}`);
  source = lowered.outputText;
}
const body = source.replace(/^([ \t]*)export[ \t]+(?=(?:async[ \t]+)?function\b|const\b|let\b|var\b|class\b)/gm, '$1');
if (/^[ \t]*export\b/m.test(body)) unsupported('uses an export form other than `export <declaration>`');

// The wrapper opens on the body's first line, so Stopify's error positions match the source.
const script = `function __benchMain() {${body}
;
var __benchState = setup(__bench.size);
for (var __benchI = 0; __benchI < __bench.warmup + __bench.iterations; __benchI++) {
  var __benchT0 = __bench.now();
  var __benchDigest = run(__benchState);
  var __benchT1 = __bench.now();
  __bench.record(__benchI >= __bench.warmup, __benchT1 - __benchT0, __benchDigest);
}
}
__benchMain();
`;

// A compile error's message, with the source text it points at when it gives a position.
function compileError(e) {
  let message = messageOf(e).split('\n')[0].replace(/^unknown: /, '');
  const at = /\((\d+):(\d+)\)/.exec(message);
  if (at) {
    const line = script.split('\n')[Number(at[1]) - 1] ?? '';
    const near = line.slice(Math.max(0, Number(at[2]) - 6), Number(at[2]) + 10).trim();
    if (near) message += ` at \`${near}\``;
  }
  return `Stopify ${es5 ? '(on ES5) ' : ''}cannot compile: ${message}`;
}

// ---------------------------------------------------------------------------------------------
// Reporting
const times = [];
const digests = [];
let yields = 0;
const bench = {
  size,
  warmup,
  iterations,
  now: () => performance.now(),
  record(timed, ms, digest) {
    if (timed) times.push(ms);
    digests.push(String(digest));
  },
};

async function finish() {
  finished = true;
  if (times.length !== iterations) unsupported(`the program ended after ${digests.length} of ${warmup + iterations} runs`);
  // The native result, computed after everything timed.
  const workload = await import(pathToFileURL(resolve(file)).href);
  const reference = String(workload.run(workload.setup(size)));
  const wrong = digests.find((d) => d !== reference);
  if (wrong !== undefined) {
    // Show where the two results part.
    let at = 0;
    while (at < wrong.length && wrong[at] === reference[at]) at++;
    const from = Math.max(0, at - 10);
    const diff = `${JSON.stringify(wrong.slice(from, at + 30))} where native has ${JSON.stringify(reference.slice(from, at + 30))}`;
    if (!noStopify) unsupported(`wrong result under Stopify: ${diff}`);
    die(`the ${es5 ? 'ES5-lowered ' : ''}script computes a wrong result: ${diff}`);
  }
  const result = { times, digest: digests[digests.length - 1], digests };
  if (!noStopify) result.yields = yields;
  result.es5 = es5;
  process.stdout.write(JSON.stringify(result) + '\n');
  process.exit(0);
}

// ---------------------------------------------------------------------------------------------
// The control: the same script, run directly. Failures here are real errors (exit 1).
if (noStopify) {
  new Function('__bench', script)(bench);
  await finish();
}

// ---------------------------------------------------------------------------------------------
// Compile (not timed). The stopified code refers to the Stopify module as the global `stopify`.
globalThis.stopify = stopify;
let runner;
try {
  runner = stopify.stopifyLocally(script);
} catch (e) {
  unsupported(compileError(e));
}
if (!runner || runner.kind !== 'ok') unsupported(compileError(runner?.exception));

// ---------------------------------------------------------------------------------------------
// Run
for (const name of Object.getOwnPropertyNames(globalThis)) {
  try {
    runner.g[name] = globalThis[name];
  } catch {
    // an accessor that throws: leave it out
  }
}
runner.g.__bench = bench;

const runtimeError = (e) => `fails under Stopify: ${e?.name ?? 'Error'}: ${messageOf(e)}`;
process.on('uncaughtException', (e) => unsupported(runtimeError(e)));
process.on('beforeExit', () => {
  if (!finished) unsupported('the stopified program stopped without finishing');
});

try {
  runner.run(
    (result) => {
      if (finished) return;
      if (result?.type === 'exception') unsupported(runtimeError(result.value));
      finish().catch((e) => die(`checking the result natively failed: ${e?.stack ?? e}`));
    },
    () => {
      yields++;
    },
  );
} catch (e) {
  unsupported(runtimeError(e));
}
