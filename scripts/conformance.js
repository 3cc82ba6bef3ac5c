#!/usr/bin/env node
/**
 * test262 conformance: runs a selection of test262 natively, compiled by restack, and compiled
 * under an update storm (`restack run --storm 1`), and compares the sets of failing tests.
 *
 *   npm run test:conformance -- <test262 checkout> [--filter <substring>] [--jobs N]
 *                               [--timeout <seconds>] [--update-known] [--verbose]
 *
 * A test failing natively is a host/environment issue (this runner is a minimal host). A test that
 * passes natively but fails compiled, or under the storm, is a restack difference. The accepted
 * differences are listed in tests/conformance/known-differences.txt; the run fails if a difference
 * appears that is not listed, or if a listed one no longer occurs (with --filter: among the tests
 * selected). `--update-known` rewrites the list instead. An unfiltered run writes docs/conformance.md.
 *
 * How a test is run (docs/conformance.md says the same for readers of the results):
 *  - one variant: strict ("use strict" prepended) for onlyStrict, an ES module for module, the
 *    source untouched for raw, otherwise only the default non-strict variant;
 *  - the harness (assert.js, sta.js, doneprintHandle.js for async, the includes) is one CommonJS
 *    module per include set whose top-level declarations are assigned to globalThis, as a host's
 *    global script would define them; the test file starts with `require("./harness-N.js")` (or
 *    an `import` for modules). Compiled runs use the compiled harness, so harness frames are
 *    restack frames too. Compiling the harness once instead of with every test divides the compile
 *    time by ~5;
 *  - a runner (RUNNER below) installs the host (print, a partial $262, errors reported by
 *    constructor name) and loads a batch of test files one after the other in one process,
 *    natively (`node runner.cjs list`) and through restack (`restack run [--storm 1] runner.cjs
 *    list`, the test files compiled in-process with compile(): sourceType 'commonjs' for scripts,
 *    'module' for modules). A test that fails in a batch is rerun alone in a fresh process, and
 *    that verdict counts, so a test polluting the realm cannot fail the tests after it; a process
 *    that dies or stalls (timeout) is restarted after the test that was running;
 *  - compiled runs are skipped for tests that fail natively (they cannot be differences), and for
 *    negative syntax tests that compile() rejects (the expected outcome).
 */
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CLI = join(ROOT, 'bin', 'restack.js');
const KNOWN = join(ROOT, 'tests', 'conformance', 'known-differences.txt');
const DOC = join(ROOT, 'docs', 'conformance.md');
const MODES = ['compiled', 'storm'];

/** The selected test262 directories (those missing in a checkout are ignored). */
const STATEMENTS = ['block', 'break', 'continue', 'do-while', 'for', 'for-in', 'for-of', 'function', 'if', 'labeled',
  'let', 'const', 'return', 'switch', 'throw', 'try', 'variable', 'while', 'class', 'for-await-of', 'async-function',
  'generators', 'async-generator'];
const EXPRESSIONS = ['array', 'arrow-function', 'assignment', 'call', 'class', 'comma', 'compound-assignment',
  'conditional', 'function', 'logical-assignment', 'logical-and', 'logical-or', 'coalesce', 'new', 'new.target',
  'object', 'optional-chaining', 'tagged-template', 'template-literal', 'super', 'this', 'unary-minus', 'generators',
  'yield', 'async-generator'];
const DIRECTORIES = [
  ...STATEMENTS.map((d) => `test/language/statements/${d}`),
  ...EXPRESSIONS.map((d) => `test/language/expressions/${d}`),
  'test/language/destructuring', 'test/language/rest-parameters', 'test/language/default-parameters',
  'test/language/arguments-object',
  'test/built-ins/Array/prototype', 'test/built-ins/GeneratorPrototype', 'test/built-ins/GeneratorFunction',
  'test/built-ins/AsyncGeneratorPrototype', 'test/built-ins/AsyncGeneratorFunction',
  'test/built-ins/Function/prototype/toString',
];

/** test262 features Node 20 does not implement: such tests are skipped. */
const UNSUPPORTED_FEATURES = new Set([
  'decorators', 'explicit-resource-management', 'tail-call-optimization', 'Array.fromAsync', 'iterator-helpers',
  'set-methods', 'promise-with-resolvers', 'Float16Array', 'source-phase-imports', 'import-defer',
  'regexp-modifiers', 'RegExp.escape', 'Math.sumPrecise', 'uint8array-base64', 'json-parse-with-source',
  'promise-try', 'upsert', 'immutable-arraybuffer', 'array-grouping', 'arraybuffer-transfer', 'Atomics.pause',
  'Error.isError', 'Temporal', 'ShadowRealm', 'regexp-duplicate-named-groups', 'import-attributes', 'json-modules',
  'canonical-tz', 'await-dictionary', 'iterator-sequencing', 'joint-iteration',
  // Host capabilities this runner does not provide.
  'IsHTMLDDA', 'cross-realm', 'host-gc-required',
]);
/** $262 members this host does not provide: tests using them are skipped. */
const UNSUPPORTED_HOST = /\$262\.(createRealm|agent|IsHTMLDDA|AbstractModuleSource)/;

// ---------------------------------------------------------------------------------------------
// test262 metadata

/** Parses the YAML frontmatter subset test262 uses: scalars, flow and block lists, `negative`. */
export function parseFrontmatter(source) {
  const m = /\/\*---\r?\n?([\s\S]*?)---\*\//.exec(source);
  const meta = { includes: [], flags: [], features: [], negative: null };
  if (!m) return meta;
  const lines = m[1].split(/\r?\n/);
  let key = null;
  for (const line of lines) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    const top = /^([A-Za-z_][\w-]*):\s*(.*)$/.exec(line);
    if (top) {
      key = top[1];
      const value = top[2].trim();
      if (key === 'negative') meta.negative = {};
      else if (['includes', 'flags', 'features'].includes(key) && value.startsWith('[')) {
        meta[key] = value.replace(/^\[|\]$/g, '').split(',').map((s) => s.trim()).filter(Boolean);
      }
      continue;
    }
    if (!key) continue;
    const item = /^\s+-\s*(.+)$/.exec(line);
    if (item && ['includes', 'flags', 'features'].includes(key)) {
      meta[key].push(item[1].trim());
      continue;
    }
    const sub = /^\s+(phase|type):\s*(\S+)/.exec(line);
    if (sub && key === 'negative') meta.negative[sub[1]] = sub[2];
  }
  return meta;
}

/** How the test is run, or why it is skipped. */
function plan(source, meta) {
  const unsupported = meta.features.filter((f) => UNSUPPORTED_FEATURES.has(f));
  if (unsupported.length) return { skip: `feature: ${unsupported.join(', ')}` };
  if (meta.flags.includes('CanBlockIsTrue')) return { skip: 'flag: CanBlockIsTrue' };
  const host = UNSUPPORTED_HOST.exec(source);
  if (host) return { skip: `host: $262.${host[1]}` };
  const module = meta.flags.includes('module');
  const raw = meta.flags.includes('raw');
  const strict = !module && !raw && meta.flags.includes('onlyStrict');
  return { module, raw, strict, async: meta.flags.includes('async') };
}

// ---------------------------------------------------------------------------------------------
// The host: the entry program of every run (native and compiled). It installs what a test262 host
// provides (print, a partial $262), then loads the listed test files one after the other, each
// framed by marker lines on stdout, and reports errors escaping a test by constructor name.

const MARK = '\u0001T262';
/** How long the runner waits for an async test to print its completion. */
const ASYNC_WAIT_MS = 5000;
/** Tests per runner process. */
const BATCH = 50;

const RUNNER = `'use strict';
const { readFileSync, writeSync } = require('node:fs');
const vm = require('node:vm');
const { pathToFileURL } = require('node:url');
const MARK = ${JSON.stringify(MARK)};
const ASYNC_WAIT_MS = ${ASYNC_WAIT_MS};
const out = (s) => { writeSync(1, s + '\\n'); };
const def = (o, k, v) => Object.defineProperty(o, k, { value: v, writable: true, configurable: true, enumerable: false });
const setTimeout_ = setTimeout, clearTimeout_ = clearTimeout, setImmediate_ = setImmediate, Promise_ = Promise;
const String_ = String, exit = process.exit.bind(process);
let current = -1;
let wake = null;
const completed = new Set();
def(globalThis, 'print', (...args) => {
  let text = '';
  for (let i = 0; i < args.length; i++) text += (i ? ' ' : '') + String_(args[i]);
  out(text);
  if (text.startsWith('Test262:AsyncTest')) { completed.add(current); if (wake) wake(); }
});
def(globalThis, '$262', {
  global: globalThis,
  evalScript(source) { return vm.runInThisContext(String_(source)); },
  detachArrayBuffer(buffer) { structuredClone(buffer, { transfer: [buffer] }); return null; },
  gc() { if (typeof globalThis.gc === 'function') return globalThis.gc(); throw new Error('gc unavailable'); },
});
function report(e) {
  let name = typeof e, message = '';
  try {
    if (e !== null && (typeof e === 'object' || typeof e === 'function')) {
      name = (e.constructor && e.constructor.name) || e.name || 'Object';
      message = e.message;
    } else message = String_(e);
  } catch { name = 'unknown'; }
  out(MARK + ' error ' + current + ' ' + name + ' ' + String_(message).split('\\n')[0].slice(0, 300));
  if (wake) wake();
}
process.on('uncaughtException', report);
const list = JSON.parse(readFileSync(process.argv[2], 'utf8'));
(async () => {
  for (let i = 0; i < list.length; i++) {
    const t = list[i];
    current = i;
    out(MARK + ' begin ' + i);
    let threw = false;
    try {
      if (t.module) await import(pathToFileURL(t.file).href);
      else require(t.file);
    } catch (e) {
      threw = true;
      report(e);
    }
    await new Promise_((resolve) => {
      // An async test that threw while loading has failed already: no completion to wait for.
      if (!t.async || threw || completed.has(i)) { setImmediate_(resolve); return; }
      const timer = setTimeout_(() => { wake = null; resolve(); }, ASYNC_WAIT_MS);
      wake = () => { wake = null; clearTimeout_(timer); setImmediate_(resolve); };
    });
    out(MARK + ' end ' + i);
  }
  out(MARK + ' done');
  exit(0);
})();
`;

// ---------------------------------------------------------------------------------------------
// Worker: runs batches of tests (native, then compiled, then under the storm).

/** Top-level names a harness file declares: made globals, as a test262 host's harness would be. */
function declaredNames(source, parse) {
  const names = [];
  for (const node of parse(source, { sourceType: 'script' }).program.body) {
    if ((node.type === 'FunctionDeclaration' || node.type === 'ClassDeclaration') && node.id) names.push(node.id.name);
    else if (node.type === 'VariableDeclaration') {
      for (const d of node.declarations) if (d.id.type === 'Identifier') names.push(d.id.name);
    }
  }
  return names;
}

function workerMain() {
  const { test262, scratch, timeoutMs, id } = workerData;
  const base = join(scratch, `w${id}`);
  const dirs = { native: join(base, 'native'), compiled: join(base, 'compiled') };
  for (const d of Object.values(dirs)) {
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, 'package.json'), '{"type":"commonjs"}\n');
  }
  const runner = join(scratch, 'runner.cjs');
  const harnessText = new Map();
  const readHarness = (name) => {
    if (!harnessText.has(name)) harnessText.set(name, readFileSync(join(test262, 'harness', name), 'utf8'));
    return harnessText.get(name);
  };
  /** Harness module per include set: key -> { file, compileError }. */
  const harnessModules = new Map();
  let compile;
  let babelParse;
  /** Identity updates performed by the storm runs of the current batch (from `--report`). */
  let stormStats = { captures: 0, deferred: 0 };

  parentPort.on('message', async (batch) => {
    try {
      if (!compile) {
        compile = (await import(pathToFileURL(join(ROOT, 'dist', 'index.js')).href)).compile;
        babelParse = createRequire(join(ROOT, 'package.json'))('@babel/parser').parse;
      }
      stormStats = { captures: 0, deferred: 0 };
      const results = await runBatch(batch);
      parentPort.postMessage({ results, storm: stormStats });
    } catch (e) {
      parentPort.postMessage({ error: String(e?.stack ?? e) });
    }
  });

  function harnessFor(p, meta) {
    const files = ['assert.js', 'sta.js', ...(p.async ? ['doneprintHandle.js'] : []), ...meta.includes];
    const unique = [...new Set(files)];
    const key = unique.join('+');
    let h = harnessModules.get(key);
    if (h) return h;
    const name = `harness-${harnessModules.size}.js`;
    const text = unique.map(readHarness).join('\n');
    const exportsLine = `\n;${declaredNames(text, babelParse).map((n) => `globalThis.${n} = ${n};`).join(' ')}\n`;
    const source = text + exportsLine;
    writeFileSync(join(dirs.native, name), source);
    h = { name, compileError: null };
    try {
      writeFileSync(join(dirs.compiled, name), compile(source, { filename: name, sourceType: 'commonjs' }).code);
    } catch (e) {
      h.compileError = String(e?.message ?? e).split('\n')[0];
    }
    harnessModules.set(key, h);
    return h;
  }

  async function runBatch(batch) {
    const items = batch.map((task, i) => {
      const { path, plan: p, meta } = task;
      const source = readFileSync(join(test262, path), 'utf8');
      const ext = p.module ? '.mjs' : '.js';
      const name = `t${i}${ext}`;
      let program = source;
      let harness = null;
      if (!p.raw) {
        harness = harnessFor(p, meta);
        const load = p.module ? `import "./${harness.name}";` : `require("./${harness.name}");`;
        program = `${p.strict ? '"use strict";\n' : ''}${load}\n${source}`;
      }
      writeFileSync(join(dirs.native, name), program);
      return { task, name, program, harness, result: { path, native: null, compiled: null, storm: null } };
    });

    await runMode('native', items);
    const passing = items.filter((it) => it.result.native.pass);
    const runnable = [];
    for (const it of passing) {
      const { plan: p, meta } = it.task;
      if (it.harness?.compileError) {
        it.result.compiled = it.result.storm = { pass: false, reason: `harness compile error: ${it.harness.compileError}` };
        continue;
      }
      try {
        const code = compile(it.program, { filename: it.name, sourceType: p.module ? 'module' : 'commonjs' }).code;
        writeFileSync(join(dirs.compiled, it.name), code);
        runnable.push(it);
      } catch (e) {
        const msg = String(e?.message ?? e).split('\n')[0].replace(/^t\d+\.m?js(:\d+:\d+)?: /, '');
        it.result.compiled = it.result.storm = e?.name === 'CompileError'
          ? judgeCompileError(meta, msg)
          : { pass: false, reason: `compiler crash: ${e?.name}: ${msg}` };
      }
    }
    await runMode('compiled', runnable);
    await runMode('storm', runnable);
    // A native pass in a batch may owe itself to an earlier test (a global it defined): a test
    // that then fails compiled is run natively alone too, and that verdict counts.
    if (items.length > 1) {
      const suspects = runnable.filter((it) => !it.result.compiled?.pass || !it.result.storm?.pass);
      for (const it of suspects) {
        const v = (await runProcesses('native', [it]))[0];
        if (!v.pass) {
          it.result.native = v;
          it.result.compiled = it.result.storm = null;
        }
      }
    }
    return items.map((it) => it.result);
  }

  /** Runs the items in one process; failures (maybe caused by an earlier test) are rerun alone. */
  async function runMode(mode, items) {
    if (!items.length) return;
    const verdicts = await runProcesses(mode, items);
    for (let i = 0; i < items.length; i++) {
      let v = verdicts[i];
      if (!v.pass && items.length > 1) v = (await runProcesses(mode, [items[i]]))[0];
      items[i].result[mode] = v;
    }
  }

  /** Runs the list, starting a new process after one that died; returns a verdict per item. */
  async function runProcesses(mode, items) {
    const verdicts = new Array(items.length);
    let from = 0;
    while (from < items.length) {
      const slice = items.slice(from);
      const r = await spawnRunner(mode, slice);
      let next = items.length;
      for (let i = 0; i < slice.length; i++) {
        const seen = r.tests[i];
        if (!seen) {
          // Died between two tests: continue after the last one that finished.
          next = from + i;
          break;
        }
        if (!seen.ended) {
          verdicts[from + i] = { pass: false, reason: r.timedOut ? 'timeout' : `crash: ${describeExit(r)}` };
          next = from + i + 1;
          break;
        }
        verdicts[from + i] = judge(slice[i].task, seen);
      }
      if (next === from) {
        // The runner died before the first test: nothing to retry.
        for (let i = from; i < items.length; i++) verdicts[i] = { pass: false, reason: `runner failed: ${describeExit(r)}` };
        break;
      }
      from = next;
    }
    return verdicts;
  }

  function spawnRunner(mode, items) {
    const dir = mode === 'native' ? dirs.native : dirs.compiled;
    const list = join(dir, `list-${mode}.json`);
    writeFileSync(list, JSON.stringify(items.map((it) => ({ file: join(dir, it.name), module: it.task.plan.module, async: it.task.plan.async }))));
    const args = mode === 'native'
      ? [runner, list]
      : ['--stack-size=4000', CLI, 'run', ...(mode === 'storm' ? ['--storm', '1', '--report'] : []), runner, list];
    return new Promise((resolveRun) => {
      const child = spawn(process.execPath, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      let timedOut = false;
      let timer;
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, timeoutMs);
      };
      arm();
      child.stdout.setEncoding('utf8').on('data', (d) => {
        if (d.includes(`${MARK} end `)) arm();
        stdout += d;
      });
      child.stderr.setEncoding('utf8').on('data', (d) => { if (stderr.length < 1e5) stderr += d; });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        const stats = /restack: (\d+) identity updates .*?, (\d+) deferred/.exec(stderr);
        if (mode === 'storm' && stats) {
          stormStats.captures += Number(stats[1]);
          stormStats.deferred += Number(stats[2]);
        }
        resolveRun({ code, signal, stderr, timedOut, tests: parseRunnerOutput(stdout) });
      });
    });
  }
}

/** Splits the runner's stdout into what each test printed and threw. */
function parseRunnerOutput(stdout) {
  const tests = [];
  let cur = null;
  for (const line of stdout.split('\n')) {
    if (!line.startsWith(MARK)) {
      if (cur) cur.output.push(line);
      continue;
    }
    const m = /^\S+ (begin|end|error|done) ?(\d+)? ?(\S*) ?(.*)$/.exec(line);
    if (!m) continue;
    const i = Number(m[2]);
    if (m[1] === 'begin') tests[i] = cur = { ended: false, errors: [], output: [] };
    else if (m[1] === 'end' && tests[i]) tests[i].ended = true;
    else if (m[1] === 'error' && tests[i]) tests[i].errors.push({ name: m[3], message: m[4] });
  }
  return tests;
}

/** A test passes if it behaves as test262 expects. */
function judge(task, seen) {
  const neg = task.meta.negative;
  const err = seen.errors[0];
  if (neg) {
    if (err && err.name === neg.type) return { pass: true };
    return { pass: false, reason: `expected ${neg.phase} ${neg.type}, got ${err ? `${err.name}: ${err.message}` : 'no error'}` };
  }
  if (err) return { pass: false, reason: `${err.name}: ${err.message}`.trim() };
  if (task.plan.async) {
    const output = seen.output.join('\n');
    const failure = /^Test262:AsyncTestFailure:(.*)$/m.exec(output);
    if (failure) return { pass: false, reason: `async failure: ${failure[1]}` };
    if (!/^Test262:AsyncTestComplete$/m.test(output)) return { pass: false, reason: 'async test did not complete' };
  }
  return { pass: true };
}

function describeExit(r) {
  const last = r.stderr.trim().split('\n').filter(Boolean).slice(-1)[0] ?? '';
  return `${r.signal ? `signal ${r.signal}` : `exit code ${r.code}`}${last ? `: ${last.slice(0, 200)}` : ''}`;
}

/** compile() rejecting the program: right for negative syntax tests, a difference otherwise. */
function judgeCompileError(meta, msg) {
  const neg = meta.negative;
  if (neg && (neg.phase === 'parse' || neg.phase === 'early') && neg.type === 'SyntaxError') return { pass: true };
  return { pass: false, reason: `compile error: ${msg}` };
}

// ---------------------------------------------------------------------------------------------
// Main: select, dispatch, compare, report.

function parseArgs(argv) {
  const opts = { test262: null, filter: null, jobs: availableParallelism(), batch: BATCH, updateKnown: false, timeout: 10, verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--filter') opts.filter = argv[++i];
    else if (a === '--jobs') opts.jobs = Number(argv[++i]);
    else if (a === '--timeout') opts.timeout = Number(argv[++i]);
    else if (a === '--batch') opts.batch = Number(argv[++i]);
    else if (a === '--update-known') opts.updateKnown = true;
    else if (a === '--verbose') opts.verbose = true;
    else if (a === '--help' || a === '-h') opts.help = true;
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else if (!opts.test262) opts.test262 = a;
    else throw new Error(`unexpected argument ${a}`);
  }
  if (!Number.isInteger(opts.jobs) || opts.jobs < 1) throw new Error('--jobs expects a positive integer');
  if (!Number.isInteger(opts.batch) || opts.batch < 1) throw new Error('--batch expects a positive integer');
  if (!(opts.timeout > 0)) throw new Error('--timeout expects a positive number of seconds');
  return opts;
}

function walk(dir, out) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.js') && !name.includes('_FIXTURE')) out.push(p);
  }
}

function dirOf(path) {
  return DIRECTORIES.find((d) => path === d || path.startsWith(`${d}/`));
}

function readKnown() {
  if (!existsSync(KNOWN)) return new Map();
  const known = new Map();
  for (const line of readFileSync(KNOWN, 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [mode, path, reason = ''] = line.split('\t');
    known.set(`${mode}\t${path}`, reason);
  }
  return known;
}

function writeKnown(entries) {
  const lines = [...entries].map(([key, reason]) => `${key}\t${reason.replace(/[\t\n]/g, ' ')}`).sort();
  mkdirSync(join(ROOT, 'tests', 'conformance'), { recursive: true });
  writeFileSync(KNOWN, lines.length ? `${lines.join('\n')}\n` : '');
}

function gitCommit(dir) {
  try {
    return execFileSync('git', ['-C', dir, 'rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

function formatDuration(ms) {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.help || !opts.test262) {
    process.stdout.write('usage: node scripts/conformance.js <test262 checkout> [--filter <substring>] [--jobs N] [--timeout <s>] [--update-known] [--verbose]\n');
    process.exitCode = opts.help ? 0 : 2;
    return;
  }
  const test262 = resolve(opts.test262);
  if (!existsSync(join(test262, 'harness', 'assert.js'))) throw new Error(`${test262} is not a test262 checkout (no harness/assert.js)`);
  if (!existsSync(join(ROOT, 'dist', 'index.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  const started = Date.now();

  const dirs = DIRECTORIES.filter((d) => existsSync(join(test262, d)));
  const files = [];
  for (const d of dirs) walk(join(test262, d), files);
  const tasks = [];
  const skipped = new Map();
  for (const file of files) {
    const path = relative(test262, file).split(sep).join('/');
    if (opts.filter && !path.includes(opts.filter)) continue;
    const source = readFileSync(file, 'utf8');
    const meta = parseFrontmatter(source);
    const p = plan(source, meta);
    if (p.skip) {
      skipped.set(path, p.skip);
      continue;
    }
    tasks.push({ path, plan: p, meta });
  }
  process.stdout.write(`conformance: ${tasks.length} tests (${skipped.size} skipped) from ${dirs.length} directories, ${opts.jobs} jobs\n`);

  const scratch = mkdtempSync(join(tmpdir(), 'restack-conformance-'));
  writeFileSync(join(scratch, 'runner.cjs'), RUNNER);
  // Batches never span two directories, so the storm statistics of a batch belong to one.
  const batches = [];
  for (const d of dirs) {
    const inDir = tasks.filter((t) => dirOf(t.path) === d);
    for (let i = 0; i < inDir.length; i += opts.batch) batches.push({ dir: d, tasks: inDir.slice(i, i + opts.batch) });
  }
  const stormStats = new Map(dirs.map((d) => [d, { captures: 0, deferred: 0 }]));
  const results = [];
  try {
    await new Promise((resolveAll, rejectAll) => {
      let next = 0;
      let done = 0;
      let lastReport = Date.now();
      if (!batches.length) return resolveAll();
      const workers = [];
      const feed = (w) => {
        if (next < batches.length) {
          w.batch = batches[next++];
          w.postMessage(w.batch.tasks);
        }
      };
      for (let i = 0; i < Math.min(opts.jobs, batches.length); i++) {
        const w = new Worker(fileURLToPath(import.meta.url), { workerData: { test262, scratch, timeoutMs: opts.timeout * 1000, id: i } });
        workers.push(w);
        w.on('error', rejectAll);
        w.on('message', (msg) => {
          if (msg.error) {
            rejectAll(new Error(msg.error));
            return;
          }
          const st = stormStats.get(w.batch.dir);
          st.captures += msg.storm.captures;
          st.deferred += msg.storm.deferred;
          for (const r of msg.results) {
            for (const m of ['native', ...MODES]) if (r[m]?.reason) r[m].reason = sanitize(r[m].reason, scratch);
            results.push(r);
            if (opts.verbose) {
              const bad = ['native', ...MODES].filter((m) => r[m] && !r[m].pass).map((m) => `${m}: ${r[m].reason}`);
              if (bad.length) process.stdout.write(`  ${r.path}\n    ${bad.join('\n    ')}\n`);
            }
          }
          done++;
          if (Date.now() - lastReport > 60_000) {
            lastReport = Date.now();
            process.stdout.write(`  ${results.length}/${tasks.length} tests, ${formatDuration(Date.now() - started)}\n`);
          }
          if (done === batches.length) {
            Promise.all(workers.map((x) => x.terminate())).then(() => resolveAll());
          } else feed(w);
        });
        feed(w);
      }
    });
  } finally {
    if (!process.env.CONFORMANCE_KEEP) rmSync(scratch, { recursive: true, force: true });
    else process.stdout.write(`kept ${scratch}\n`);
  }
  const elapsed = Date.now() - started;

  // Sets.
  results.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const nativeFailures = results.filter((r) => !r.native.pass);
  const differences = new Map();
  for (const r of results) {
    for (const mode of MODES) {
      if (r.native.pass && r[mode] && !r[mode].pass) differences.set(`${mode}\t${r.path}`, r[mode].reason);
    }
  }

  // Parity table per directory.
  const rows = new Map(dirs.map((d) => [d, { tests: 0, skipped: 0, native: 0, compiled: 0, storm: 0, updates: stormStats.get(d).captures }]));
  for (const [path] of skipped) rows.get(dirOf(path)).skipped++;
  for (const r of results) {
    const row = rows.get(dirOf(r.path));
    row.tests++;
    if (!r.native.pass) row.native++;
    for (const mode of MODES) if (differences.has(`${mode}\t${r.path}`)) row[mode]++;
  }
  const shown = [...rows].filter(([, row]) => row.tests || row.skipped);
  const total = { tests: 0, skipped: 0, native: 0, compiled: 0, storm: 0, updates: 0 };
  for (const [, row] of shown) for (const k of Object.keys(total)) total[k] += row[k];
  printTable(shown, total);

  // Compare with the accepted list (restricted to the tests this run selected).
  const known = readKnown();
  const selected = new Set(results.map((r) => r.path));
  // Unfiltered, every listed entry is in scope (an entry for a test no longer run is stale too).
  const inScope = (key) => !opts.filter || selected.has(key.split('\t')[1]);
  const unexpected = [...differences.keys()].filter((k) => !known.has(k));
  const fixed = [...known.keys()].filter((k) => inScope(k) && !differences.has(k));

  const commit = gitCommit(test262);
  if (!opts.filter) {
    writeDoc({ shown, total, elapsed, commit, jobs: opts.jobs, differences, nativeFailures, tasks: tasks.length, skipped, test262Arg: opts.test262 });
    process.stdout.write(`wrote ${relative(ROOT, DOC)}\n`);
  }

  if (opts.updateKnown) {
    const merged = new Map([...known].filter(([k]) => !inScope(k)));
    for (const [k, reason] of differences) merged.set(k, reason);
    writeKnown(merged);
    process.stdout.write(`wrote ${relative(ROOT, KNOWN)}: ${merged.size} known differences\n`);
    return;
  }
  for (const k of unexpected) process.stdout.write(`NEW DIFFERENCE  ${k.replace('\t', '  ')}  (${differences.get(k)})\n`);
  for (const k of fixed) process.stdout.write(`NO LONGER FAILS ${k.replace('\t', '  ')}  (remove it from ${relative(ROOT, KNOWN)})\n`);
  if (unexpected.length || fixed.length) {
    process.stdout.write(`conformance: ${unexpected.length} new difference(s), ${fixed.length} listed difference(s) no longer occur; ` +
      'fix them or run with --update-known\n');
    process.exitCode = 1;
  } else {
    process.stdout.write(`conformance: differences match ${relative(ROOT, KNOWN)} (${differences.size})\n`);
  }
}

function printTable(shown, total) {
  const head = ['directory', 'tests', 'skipped', 'native fail', 'compiled diff', 'storm diff', 'storm updates'];
  const body = [...shown.map(([d, r]) => [d.replace(/^test\//, ''), r.tests, r.skipped, r.native, r.compiled, r.storm, r.updates]),
    ['total', total.tests, total.skipped, total.native, total.compiled, total.storm, total.updates]];
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => String(row[i]).length)));
  const fmt = (row) => row.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  process.stdout.write(`${fmt(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${body.map(fmt).join('\n')}\n`);
}

function writeDoc({ shown, total, elapsed, commit, jobs, differences, nativeFailures, tasks, skipped, test262Arg }) {
  const byReason = (mode) => {
    const counts = new Map();
    for (const [k, reason] of differences) {
      if (!k.startsWith(`${mode}\t`)) continue;
      const cat = category(reason);
      const c = counts.get(cat) ?? { n: 0, example: k.split('\t')[1] };
      c.n++;
      counts.set(cat, c);
    }
    return [...counts].sort((a, b) => b[1].n - a[1].n);
  };
  const skipCounts = new Map();
  for (const reason of skipped.values()) skipCounts.set(reason, (skipCounts.get(reason) ?? 0) + 1);
  const nativeCounts = new Map();
  for (const r of nativeFailures) {
    const cat = category(r.native.reason);
    nativeCounts.set(cat, (nativeCounts.get(cat) ?? 0) + 1);
  }
  const cell = (s) => String(s).replace(/\|/g, '\\|');
  const out = [];
  out.push('# test262 conformance', '');
  out.push('Generated by `scripts/conformance.js`; do not edit by hand. It runs a selection of test262 three ways:',
    'natively under Node, compiled by restack and run with `restack run`, and compiled and run under an update',
    'storm (`restack run --storm 1`: the whole stack is captured and rebuilt at every update point). A test',
    'failing natively is a host issue; a test that passes natively and fails compiled or under the storm is a',
    'restack difference. Accepted differences are listed in `tests/conformance/known-differences.txt`; the',
    'script fails when a difference appears that is not listed, or a listed one no longer occurs.', '');
  out.push('## Run', '');
  out.push(`- command: \`npm run test:conformance -- ${process.argv.slice(2).map((a) => (a === test262Arg ? '<test262 checkout>' : a)).join(' ')}\``);
  out.push(`- test262 commit: \`${commit}\``);
  out.push(`- date: ${new Date().toISOString().slice(0, 10)}`);
  out.push(`- Node ${process.version}, ${jobs} parallel jobs`);
  out.push(`- duration: ${formatDuration(elapsed)} for ${tasks} tests (${skipped.size} skipped)`, '');
  out.push('## Parity per directory', '');
  out.push('| directory | tests run | skipped | failing natively | differing compiled | differing under storm | identity updates under storm |');
  out.push('|---|---:|---:|---:|---:|---:|---:|');
  for (const [d, r] of shown) out.push(`| ${d.replace(/^test\//, '')} | ${r.tests} | ${r.skipped} | ${r.native} | ${r.compiled} | ${r.storm} | ${r.updates} |`);
  out.push(`| **total** | **${total.tests}** | **${total.skipped}** | **${total.native}** | **${total.compiled}** | **${total.storm}** | **${total.updates}** |`, '');
  out.push('"Identity updates under storm" counts the whole-stack captures and rebuilds the storm runs performed',
    '(from `restack run --report`): test262 code runs mostly at module top level, which has no update point,',
    'so the storm only reaches code running inside functions.', '');
  for (const mode of MODES) {
    const cats = byReason(mode);
    out.push(`## Differences ${mode === 'storm' ? 'under storm' : 'compiled'}, by kind`, '');
    if (!cats.length) out.push('None.', '');
    else {
      out.push('| tests | kind | for example |', '|---:|---|---|');
      for (const [cat, c] of cats) out.push(`| ${c.n} | ${cell(cat)} | \`${c.example}\` |`);
      out.push('');
    }
  }
  out.push('## Failing natively, by kind', '');
  out.push('These are limits of this minimal host, not of restack; the compiled runs of these tests are skipped.', '');
  out.push('| tests | kind |', '|---:|---|');
  for (const [cat, n] of [...nativeCounts].sort((a, b) => b[1] - a[1])) out.push(`| ${n} | ${cell(cat)} |`);
  out.push('');
  out.push('## Skipped', '');
  out.push('| tests | reason |', '|---:|---|');
  for (const [reason, n] of [...skipCounts].sort((a, b) => b[1] - a[1])) out.push(`| ${n} | ${cell(reason)} |`);
  out.push('');
  out.push('## How tests are run', '');
  out.push('- **Selection**: test262 `test/language/statements/{' + STATEMENTS.join(',') + '}`,',
    '  `test/language/expressions/{' + EXPRESSIONS.join(',') + '}`, `test/language/{destructuring,rest-parameters,',
    '  arguments-object}` (there is no `test/language/default-parameters`) and `test/built-ins/{Array/prototype,',
    '  GeneratorPrototype,GeneratorFunction,AsyncGeneratorPrototype,AsyncGeneratorFunction}`',
    '  (`_FIXTURE` files excluded).',
    '- **Skipped**: tests needing a feature Node 20 lacks (`UNSUPPORTED_FEATURES` in the script), or host',
    '  facilities this runner does not provide (`$262.createRealm`, `$262.agent`, `IsHTMLDDA`, `CanBlockIsTrue`).',
    '- **One variant per test**: `onlyStrict` tests run strict (`"use strict";` prepended), `module` tests as',
    '  ES modules (`.mjs`), `raw` tests untouched, and all others in the default non-strict variant only, not',
    '  in both: that would double the run time, and most code under test (class bodies, modules) is strict anyway.',
    '- **Program**: the harness (`assert.js`, `sta.js`, `doneprintHandle.js` for `async` tests, the `includes`)',
    '  is one CommonJS module per include set that assigns its top-level declarations to `globalThis`; the test',
    '  file starts with `require("./harness-N.js")` (`import` for module tests). Test files are CommonJS modules',
    '  (`.js`) or ES modules (`.mjs`), not global scripts: tests of global-script semantics (global `var`',
    '  bindings, `this` at top level, indirect eval seeing `arguments`) fail natively and are not counted.',
    '- **Compiled**: the test file, and the harness module, go through `compile()` (sourceType `commonjs`, or',
    '  `module` for module tests); compiled tests load the compiled harness, so harness frames are restack',
    '  frames too (assert.throws calling back into the test can be captured).',
    '- **Runner**: a small host program installs `print`, a partial `$262` (`global`, `evalScript`,',
    '  `detachArrayBuffer`, `gc`) and an `uncaughtException` handler that reports errors by constructor name,',
    '  then loads up to ' + BATCH + ' test files one after the other, each framed by marker lines. It runs natively',
    '  as `node runner.cjs <list>` and compiled as `node --stack-size=4000 bin/restack.js run [--storm 1 --report]',
    '  runner.cjs <list>`. A test that fails in a batch is rerun alone in a fresh process and that verdict counts,',
    '  so a test that pollutes the realm cannot make later tests fail; passes in a batch are trusted. A process',
    '  that dies or makes no progress for 10 s is killed, the running test fails (crash, timeout) and the batch',
    '  resumes after it. One process per batch instead of one per test makes the whole run ~5 times faster.',
    '- **Verdict**: no error escapes the test (async tests must print `Test262:AsyncTestComplete` within 5 s);',
    '  negative tests must throw the expected error type (a `CompileError` from `compile()` counts as the',
    '  expected `SyntaxError` of a negative parse test; a parse test that runs hits `$DONOTEVALUATE()`).',
    '- **Work saved**: tests that fail natively are not run compiled (they cannot be differences), negative',
    '  syntax tests rejected by `compile()` need no compiled run, and tests run in parallel worker threads,',
    '  which compile in-process.');
  out.push('');
  mkdirSync(join(ROOT, 'docs'), { recursive: true });
  writeFileSync(DOC, out.join('\n'));
}

/** Reasons without the scratch paths and file names of this run. */
function sanitize(reason, scratch) {
  return reason.split(scratch).join('<tmp>').replace(/\bt\d+\.(m?js)\b/g, 'test.$1').replace(/\bharness-\d+\.js\b/g, 'harness.js');
}

/** A short kind for a failure reason: the message with numbers and quoted names abstracted. */
function category(reason) {
  return reason
    .replace(/(compile error: )?.*?\buses the prefix\b.*/, '$1reserved prefix')
    .replace(/'[^']*'|"[^"]*"|`[^`]*`/g, '…')
    .replace(/\d+/g, 'N')
    .slice(0, 120);
}

if (isMainThread) {
  main().catch((e) => {
    process.stderr.write(`conformance: ${e?.stack ?? e}\n`);
    process.exitCode = 2;
  });
} else {
  workerMain();
}
