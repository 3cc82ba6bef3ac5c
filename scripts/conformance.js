#!/usr/bin/env node
/**
 * test262 conformance: runs a selection of test262 natively, then compiled by restack in each
 * selected mode, and compares the sets of failing tests.
 *
 *   npm run test:conformance -- <test262 checkout> [--mode <m>[,<m>...]] [--filter <s>[,<s>...]]
 *                               [--jobs N] [--timeout <s>] [--long-timeout <s>] [--update-known] [--verbose]
 *                               [--resume <file>]
 *
 * Modes (MODES below; default: all of them): `compiled` (compiled with the default `loops` policy,
 * run with `restack run`), `storm1`, `storm3`, `storm7` (the same code under `restack run --storm N`),
 * `all-storm1` (compiled with `--update-points all`, run under `--storm 1`).
 *
 * A test failing natively is a host/environment issue (this runner is a minimal host). A test that
 * passes natively but fails in a mode is a restack difference. The accepted differences are listed
 * in tests/conformance/known-differences.txt, one per mode and test; the run fails if a difference
 * appears that is not listed, or if a listed one no longer occurs (among the tests and modes
 * selected). `--update-known` rewrites the list instead. `--resume <file>` keeps each finished batch's
 * results in the file and, run again with the same file, skips the batches it holds: a run of
 * every mode, several hours on 2 cores, can be made in parts (the file names the restack and
 * test262 commits and the options; a run whose differ is refused). An unfiltered run writes docs/conformance.md,
 * merged with the doc's results of the modes it did not run (writeDoc); a filtered run leaves it alone.
 *
 * How a test is run (docs/conformance.md says the same for readers of the results):
 *  - one variant: strict ("use strict" prepended) for onlyStrict, an ES module for module, the
 *    source untouched for raw, otherwise only the default non-strict variant;
 *  - a script test is a global script: the runner evaluates it with vm.Script#runInThisContext,
 *    as a test262 host does, after the harness files it includes (assert.js, sta.js,
 *    doneprintHandle.js for async, the includes), each a global script of its own evaluated once
 *    per process. A module test is imported from a copy of its directory's files it imports (its
 *    `_FIXTURE` files, itself), after the harness scripts. Compiled modes compile all of them:
 *    scripts with sourceType 'script', modules and fixtures with 'module'; harness frames are
 *    restack frames too; the scripts a test evaluates with `$262.evalScript` are compiled too;
 *  - a runner (RUNNER below) installs the host (print, a partial $262, errors reported by
 *    constructor name) and evaluates a batch of tests one after the other in one process, natively
 *    (`node runner.cjs list`) and through restack (`restack run [--storm N --report] runner.cjs
 *    list`). A test that fails in a batch is rerun alone in a fresh process with a long budget, and
 *    that verdict counts, so a test polluting the realm cannot fail the tests after it, nor a slow
 *    storm a test that needs more than the batch's no-progress timeout; a process that dies or
 *    stalls is restarted after the test that was running. A test that still makes no progress
 *    alone natively is reported as hanging natively, apart from the failures;
 *  - compiled runs are skipped for tests that fail natively (they cannot be differences), and for
 *    negative syntax tests that compile() rejects (the expected outcome).
 */
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CLI = join(ROOT, 'bin', 'restack.js');
const KNOWN = join(ROOT, 'tests', 'conformance', 'known-differences.txt');
const DOC = join(ROOT, 'docs', 'conformance.md');
/** The compiled modes: the update-point policy the code is compiled with, the storm it runs under. */
const MODES = {
  compiled: { policy: 'loops', storm: 0 },
  storm1: { policy: 'loops', storm: 1 },
  storm3: { policy: 'loops', storm: 3 },
  storm7: { policy: 'loops', storm: 7 },
  'all-storm1': { policy: 'all', storm: 1 },
};
const MODE_NAMES = Object.keys(MODES);

/** The selected test262 directories (those missing in a checkout are ignored). */
const STATEMENTS = ['block', 'break', 'continue', 'do-while', 'for', 'for-in', 'for-of', 'function', 'if', 'labeled',
  'let', 'const', 'return', 'switch', 'throw', 'try', 'variable', 'while', 'class', 'for-await-of', 'async-function',
  'generators', 'async-generator', 'with'];
const EXPRESSIONS = ['array', 'arrow-function', 'assignment', 'call', 'class', 'comma', 'compound-assignment',
  'conditional', 'function', 'logical-assignment', 'logical-and', 'logical-or', 'coalesce', 'new', 'new.target',
  'object', 'optional-chaining', 'tagged-template', 'template-literal', 'super', 'this', 'unary-minus', 'generators',
  'yield', 'async-generator', 'async-function', 'async-arrow-function', 'await', 'delete', 'typeof', 'void',
  'instanceof', 'in', 'exponentiation', 'property-accessors', 'postfix-increment', 'prefix-increment'];
const LANGUAGE = ['destructuring', 'rest-parameters', 'default-parameters', 'arguments-object', 'block-scope',
  'function-code', 'global-code', 'module-code', 'eval-code/direct', 'eval-code/indirect'];
/** Built-ins that call back into the program (callbacks, traps, getters, thenables, replacers). */
const BUILT_INS = ['Array/prototype', 'GeneratorPrototype', 'GeneratorFunction', 'AsyncGeneratorPrototype',
  'AsyncGeneratorFunction', 'Promise', 'Map', 'Set', 'WeakMap', 'JSON', 'Proxy', 'Reflect',
  'RegExp/prototype/Symbol.replace', 'RegExp/prototype/Symbol.split', 'RegExp/prototype/Symbol.match',
  'RegExp/prototype/Symbol.matchAll', 'RegExp/prototype/Symbol.search', 'RegExp/prototype/exec',
  'String/prototype/replace', 'String/prototype/replaceAll', 'String/prototype/split', 'String/prototype/match',
  'String/prototype/matchAll', 'String/prototype/search', 'TypedArray/prototype', 'Function/prototype/toString',
  'Object'];
const DIRECTORIES = [
  ...STATEMENTS.map((d) => `test/language/statements/${d}`),
  ...EXPRESSIONS.map((d) => `test/language/expressions/${d}`),
  ...LANGUAGE.map((d) => `test/language/${d}`),
  ...BUILT_INS.map((d) => `test/built-ins/${d}`),
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
// provides (print, a partial $262), then evaluates the listed tests one after the other, each
// framed by marker lines on stdout, and reports errors escaping a test by constructor name.

const MARK = '\u0001T262';
/** How long the runner waits for an async test to print its completion (a batch's first run). */
const ASYNC_WAIT_MS = 5000;
/** Tests per runner process. */
const BATCH = 50;

const RUNNER = `'use strict';
const { readFileSync, writeSync } = require('node:fs');
const vm = require('node:vm');
const { pathToFileURL } = require('node:url');
const MARK = ${JSON.stringify(MARK)};
const out = (s) => { writeSync(1, s + '\\n'); };
const def = (o, k, v) => Object.defineProperty(o, k, { value: v, writable: true, configurable: true, enumerable: false });
const setTimeout_ = setTimeout, clearTimeout_ = clearTimeout, setImmediate_ = setImmediate, Promise_ = Promise;
const String_ = String, exit = process.exit.bind(process);
// Scripts reach import() through the main context's loader, as a host's scripts do.
const scriptOptions = (filename) => ({ filename, importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER });
/** Evaluates a global script in this realm: its declarations are the realm's globals. */
const runScript = (file) => new vm.Script(readFileSync(file, 'utf8'), scriptOptions(file)).runInThisContext();
// Node's own I/O runs through Buffers: a test that redefines a typed array's length or buffer
// getters would break the host (its output, its exit), not the test. Their properties are put
// back after each test.
const intrinsics = [Object.getPrototypeOf(Uint8Array).prototype, ArrayBuffer.prototype];
for (const C of [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
  Float32Array, Float64Array, BigInt64Array, BigUint64Array]) intrinsics.push(C.prototype);
const saved = intrinsics.map((o) => [o, Object.getOwnPropertyDescriptors(o)]);
function restoreIntrinsics() {
  for (const [o, descriptors] of saved) {
    // Reflect's, not the delete operator's: a property the test made non-configurable stays.
    for (const key of Reflect.ownKeys(o)) if (!(key in descriptors)) Reflect.deleteProperty(o, key);
    for (const key of Reflect.ownKeys(descriptors)) Reflect.defineProperty(o, key, descriptors[key]);
  }
}
let current = -1;
let wake = null;
const completed = new Set();
def(globalThis, 'print', (...args) => {
  let text = '';
  for (let i = 0; i < args.length; i++) text += (i ? ' ' : '') + String_(args[i]);
  out(text);
  if (text.startsWith('Test262:AsyncTest')) { completed.add(current); if (wake) wake(); }
});
const run = JSON.parse(readFileSync(process.argv[2], 'utf8'));
/** In a compiled run, the compiler for the scripts a test evaluates ($262.evalScript). */
let compile = null;
let evaluated = 0;
def(globalThis, '$262', {
  global: globalThis,
  evalScript(source) {
    let code = String_(source);
    const filename = 'evalScript-' + evaluated++ + '.js';
    if (compile) {
      try {
        code = compile(code, { filename, sourceType: 'script', updatePoints: run.compile.updatePoints }).code;
      } catch (e) {
        // A script compile() rejects is evaluated as it is: it throws its SyntaxError as natively.
        if (!e || e.name !== 'CompileError') throw e;
      }
    }
    return new vm.Script(code, scriptOptions(filename)).runInThisContext();
  },
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
const list = run.tests;
/** Harness scripts already evaluated in this realm (each once: some declare let/const). */
const loaded = new Set();
(async () => {
  if (run.compile) compile = (await import(run.compile.module)).compile;
  for (let i = 0; i < list.length; i++) {
    const t = list[i];
    current = i;
    out(MARK + ' begin ' + i);
    let threw = false;
    try {
      for (const h of t.harness) {
        if (loaded.has(h)) continue;
        loaded.add(h);
        runScript(h);
      }
      if (t.module) await import(pathToFileURL(t.file).href);
      else runScript(t.file);
    } catch (e) {
      threw = true;
      restoreIntrinsics();
      report(e);
    }
    restoreIntrinsics();
    await new Promise_((resolve) => {
      // An async test that threw while loading has failed already: no completion to wait for.
      if (!t.async || threw || completed.has(i)) { setImmediate_(resolve); return; }
      const timer = setTimeout_(() => { wake = null; resolve(); }, run.asyncWaitMs);
      wake = () => { wake = null; clearTimeout_(timer); setImmediate_(resolve); };
    });
    restoreIntrinsics();
    out(MARK + ' end ' + i);
  }
  out(MARK + ' done');
  exit(0);
})();
`;

// ---------------------------------------------------------------------------------------------
// Worker: runs batches of tests (native, then in each selected mode).

/** `./name.js` specifiers a module imports (static, dynamic, re-exports): the files to copy with it. */
function relativeImports(source) {
  const out = new Set();
  for (const m of source.matchAll(/(?:\bfrom|\bimport\s*\(?)\s*(['"])(\.{1,2}\/[^'"\n]+)\1/g)) out.add(m[2]);
  return [...out];
}

/** Static `./` imports (import and export-from declarations, not import()): the edges of import cycles. */
function staticImports(source) {
  return [...source.matchAll(/(?:\bfrom|\bimport)\s*(['"])(\.{1,2}\/[^'"\n]+)\1/g)].map((m) => m[2]);
}

/**
 * Is the module at test262 path `rel` part of an import cycle (it reaches itself through static
 * imports)? Such a module is compiled with compile()'s `cycle`, as compileTree does.
 */
function inImportCycle(test262, rel) {
  const seen = new Set();
  const pending = [rel];
  while (pending.length) {
    const from = pending.pop();
    if (!existsSync(join(test262, from))) continue;
    for (const spec of staticImports(readFileSync(join(test262, from), 'utf8'))) {
      const to = posix.join(posix.dirname(from), spec);
      if (to === rel) return true;
      if (!seen.has(to)) {
        seen.add(to);
        pending.push(to);
      }
    }
  }
  return false;
}

function workerMain() {
  const { test262, scratch, timeoutMs, longTimeoutMs, id, modes } = workerData;
  const base = join(scratch, `w${id}`);
  const policies = [...new Set(modes.map((m) => MODES[m].policy))];
  /** Where each run's files go: native, and one directory per update-point policy. */
  const dirs = { native: join(base, 'native') };
  for (const p of policies) dirs[p] = join(base, `compiled-${p}`);
  for (const d of Object.values(dirs)) {
    // Tests and fixtures at their test262 paths: fixtures are ES modules (scripts are evaluated by vm).
    mkdirSync(join(d, 'tree'), { recursive: true });
    writeFileSync(join(d, 'tree', 'package.json'), '{"type":"module"}\n');
  }
  const runner = join(scratch, 'runner.cjs');
  /** Harness scripts, by include name and policy ('native' or a policy): { file, compileError }. */
  const harness = new Map();
  /** Imported files written, by run kind and test262 path (fixtures are shared by a directory's tests). */
  const written = new Set();
  let compile;
  /** Identity updates performed by each mode's runs of the current batch (from `--report`). */
  let stormStats = {};

  parentPort.on('message', async (batch) => {
    try {
      if (!compile) compile = (await import(pathToFileURL(join(ROOT, 'dist', 'index.js')).href)).compile;
      stormStats = Object.fromEntries(modes.map((m) => [m, { captures: 0, deferred: 0 }]));
      const results = await runBatch(batch);
      parentPort.postMessage({ results, storm: stormStats });
    } catch (e) {
      parentPort.postMessage({ error: String(e?.stack ?? e) });
    }
  });

  /** The harness script `name` for a run kind ('native' or a policy), written once. */
  function harnessScript(name, kind) {
    const key = `${kind}\0${name}`;
    let h = harness.get(key);
    if (h) return h;
    const file = join(dirs[kind], `h-${name}`);
    const text = readFileSync(join(test262, 'harness', name), 'utf8');
    h = { file, compileError: null };
    try {
      writeFileSync(file, kind === 'native' ? text
        : compile(text, { filename: file, moduleId: `harness/${name}`, sourceType: 'script', updatePoints: kind }).code);
    } catch (e) {
      h.compileError = `${name}: ${String(e?.message ?? e).split('\n')[0]}`;
    }
    harness.set(key, h);
    return h;
  }

  /**
   * Writes a test at its test262 path under the run kind's `tree` directory (compiled for a policy:
   * a script as a global script, a module as a module), and the files of its directory it imports,
   * transitively (its fixtures; a test importing its own file finds itself), compiled as modules.
   */
  function writeTest(it, kind) {
    const { path, plan: p } = it.task;
    const file = join(dirs[kind], 'tree', path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, kind === 'native' ? it.program
      : compile(it.program, {
        filename: file, moduleId: path, sourceType: p.module ? 'module' : 'script', updatePoints: kind,
        cycle: p.module && inImportCycle(test262, path),
      }).code);
    const pending = relativeImports(it.program).map((spec) => posix.join(posix.dirname(path), spec));
    while (pending.length) {
      const rel = pending.pop();
      const key = `${kind}\0${rel}`;
      if (rel === path || written.has(key) || !existsSync(join(test262, rel))) continue;
      written.add(key);
      const source = readFileSync(join(test262, rel), 'utf8');
      const dep = join(dirs[kind], 'tree', rel);
      mkdirSync(dirname(dep), { recursive: true });
      let code = source;
      if (kind !== 'native') {
        try {
          code = compile(source, { filename: dep, moduleId: rel, sourceType: 'module', updatePoints: kind, cycle: inImportCycle(test262, rel) }).code;
        } catch (e) {
          // A fixture that is not a valid module is imported as it is: the import fails as natively.
          if (e?.name !== 'CompileError') throw e;
        }
      }
      writeFileSync(dep, code);
      for (const spec of relativeImports(source)) pending.push(posix.join(posix.dirname(rel), spec));
    }
    return file;
  }

  async function runBatch(batch) {
    const items = batch.map((task) => {
      const { path, plan: p, meta } = task;
      const source = readFileSync(join(test262, path), 'utf8');
      const includes = p.raw ? [] : [...new Set(['assert.js', 'sta.js', ...(p.async ? ['doneprintHandle.js'] : []), ...meta.includes])];
      const program = `${p.strict ? '"use strict";\n' : ''}${source}`;
      const it = { task, includes, program, files: {}, harnessFiles: { native: includes.map((n) => harnessScript(n, 'native').file) }, result: { path, native: null } };
      it.files.native = writeTest(it, 'native');
      return it;
    });

    await runMode('native', items);
    const passing = items.filter((it) => it.result.native.pass);
    for (const policy of policies) {
      const runnable = [];
      const ofPolicy = modes.filter((m) => MODES[m].policy === policy);
      for (const it of passing) {
        const { meta } = it.task;
        const settle = (verdict) => { for (const m of ofPolicy) it.result[m] = verdict; };
        const hs = it.includes.map((n) => harnessScript(n, policy));
        const broken = hs.find((h) => h.compileError);
        if (broken) {
          settle({ pass: false, reason: `harness compile error: ${broken.compileError}` });
          continue;
        }
        it.harnessFiles[policy] = hs.map((h) => h.file);
        try {
          it.files[policy] = writeTest(it, policy);
          runnable.push(it);
        } catch (e) {
          const msg = String(e?.message ?? e).split('\n')[0].replace(/^\S+\.m?js(:\d+:\d+)?: /, '');
          settle(e?.name === 'CompileError' ? judgeCompileError(meta, msg) : { pass: false, reason: `compiler crash: ${e?.name}: ${msg}` });
        }
      }
      for (const m of ofPolicy) await runMode(m, runnable);
    }
    // A native pass in a batch may owe itself to an earlier test (a global it defined): a test
    // that then fails in a mode is run natively alone too, and that verdict counts.
    if (items.length > 1) {
      const suspects = passing.filter((it) => modes.some((m) => it.result[m] && !it.result[m].pass));
      for (const it of suspects) {
        const v = (await runProcesses('native', [it], longTimeoutMs))[0];
        if (!v.pass) {
          it.result.native = v;
          for (const m of modes) delete it.result[m];
        }
      }
    }
    return items.map((it) => it.result);
  }

  /**
   * Runs the items in one process; a failure (maybe caused by an earlier test, or a slow storm
   * outliving the no-progress timeout) is rerun alone with the long budget, and that verdict counts.
   * A test that makes no progress alone natively hangs natively: its own category.
   */
  async function runMode(mode, items) {
    if (!items.length) return;
    const verdicts = await runProcesses(mode, items, timeoutMs);
    for (let i = 0; i < items.length; i++) {
      let v = verdicts[i];
      if (!v.pass) v = (await runProcesses(mode, [items[i]], longTimeoutMs))[0];
      if (mode === 'native' && v.timeout) v = { pass: false, hang: true, reason: `hangs: no progress in ${longTimeoutMs / 1000} s` };
      items[i].result[mode] = v;
    }
  }

  /** Runs the list, starting a new process after one that died; returns a verdict per item. */
  async function runProcesses(mode, items, budgetMs) {
    const verdicts = new Array(items.length);
    let from = 0;
    while (from < items.length) {
      const slice = items.slice(from);
      const r = await spawnRunner(mode, slice, budgetMs);
      let next = items.length;
      for (let i = 0; i < slice.length; i++) {
        const seen = r.tests[i];
        if (!seen) {
          // Died between two tests: continue after the last one that finished.
          next = from + i;
          break;
        }
        if (!seen.ended) {
          verdicts[from + i] = r.timedOut
            ? { pass: false, timeout: true, reason: `timeout: no progress in ${budgetMs / 1000} s` }
            : { pass: false, reason: `crash: ${describeExit(r)}` };
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

  function spawnRunner(mode, items, budgetMs) {
    const kind = mode === 'native' ? 'native' : MODES[mode].policy;
    const storm = mode === 'native' ? 0 : MODES[mode].storm;
    const dir = dirs[kind];
    const list = join(dir, `list-${mode}.json`);
    // An async test's completion may take as long as the budget when a test runs alone.
    const asyncWaitMs = budgetMs === timeoutMs ? ASYNC_WAIT_MS : Math.max(ASYNC_WAIT_MS, budgetMs / 2);
    writeFileSync(list, JSON.stringify({
      asyncWaitMs,
      ...(kind === 'native' ? {} : { compile: { module: pathToFileURL(join(ROOT, 'dist', 'index.js')).href, updatePoints: kind } }),
      tests: items.map((it) => ({ file: it.files[kind], harness: it.harnessFiles[kind], module: it.task.plan.module, async: it.task.plan.async })),
    }));
    const args = mode === 'native'
      ? [runner, list]
      : ['--stack-size=4000', CLI, 'run', ...(storm ? ['--storm', String(storm), '--report'] : []), runner, list];
    return new Promise((resolveRun) => {
      const child = spawn(process.execPath, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      let timedOut = false;
      let timer;
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, budgetMs);
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
        if (storm && stats) {
          stormStats[mode].captures += Number(stats[1]);
          stormStats[mode].deferred += Number(stats[2]);
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

const USAGE = 'usage: node scripts/conformance.js <test262 checkout> [--mode <m>[,<m>...]] [--filter <substring>[,<substring>...]]\n' +
  '       [--jobs N] [--timeout <s>] [--long-timeout <s>] [--update-known] [--verbose] [--resume <file>]\n' +
  `modes: ${MODE_NAMES.join(', ')} (default: all)\n`;

function parseArgs(argv) {
  const opts = {
    test262: null, filter: null, modes: MODE_NAMES, jobs: availableParallelism(), batch: BATCH, updateKnown: false,
    timeout: 10, longTimeout: 120, verbose: false, resume: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--filter') opts.filter = argv[++i].split(',').filter(Boolean);
    else if (a === '--mode') opts.modes = argv[++i].split(',').filter(Boolean);
    else if (a === '--jobs') opts.jobs = Number(argv[++i]);
    else if (a === '--timeout') opts.timeout = Number(argv[++i]);
    else if (a === '--long-timeout') opts.longTimeout = Number(argv[++i]);
    else if (a === '--batch') opts.batch = Number(argv[++i]);
    else if (a === '--update-known') opts.updateKnown = true;
    else if (a === '--verbose') opts.verbose = true;
    else if (a === '--resume') opts.resume = argv[++i];
    else if (a === '--help' || a === '-h') opts.help = true;
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}\n${USAGE}`);
    else if (!opts.test262) opts.test262 = a;
    else throw new Error(`unexpected argument ${a}\n${USAGE}`);
  }
  const unknown = opts.modes.filter((m) => !MODES[m]);
  if (unknown.length || !opts.modes.length) throw new Error(`--mode expects modes among ${MODE_NAMES.join(', ')}, got ${unknown.join(', ') || 'none'}`);
  opts.modes = MODE_NAMES.filter((m) => opts.modes.includes(m));
  if (opts.filter && !opts.filter.length) throw new Error('--filter expects a substring of test paths');
  if (!Number.isInteger(opts.jobs) || opts.jobs < 1) throw new Error('--jobs expects a positive integer');
  if (!Number.isInteger(opts.batch) || opts.batch < 1) throw new Error('--batch expects a positive integer');
  if (!(opts.timeout > 0)) throw new Error('--timeout expects a positive number of seconds');
  if (!(opts.longTimeout >= opts.timeout)) throw new Error('--long-timeout expects a number of seconds no smaller than --timeout');
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

/** restack's commit, `-dirty` when its compiler, runtime or contract have uncommitted changes. */
function restackVersion() {
  try {
    const head = execFileSync('git', ['-C', ROOT, 'rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['-C', ROOT, 'status', '--porcelain', '--', 'compiler', 'runtime', 'contract', 'cli', 'scripts/conformance.js'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return dirty ? `${head}-dirty` : head;
  } catch {
    return 'unknown';
  }
}

/**
 * The resume file: a first line naming the run (commits and options), then a line per finished
 * batch (its index, directory, test paths, results and storm statistics). A file of another run
 * is refused; a torn last line (a run killed while writing it) is ignored.
 */
function openResume(file, identity, batches) {
  const done = new Map();
  const key = JSON.stringify(identity);
  if (existsSync(file)) {
    const lines = readFileSync(file, 'utf8').split('\n');
    if (lines[0] !== key) {
      throw new Error(`${file} holds another run's results (${lines[0].slice(0, 300)}); this run is ${key}: use another file, or delete it`);
    }
    for (const line of lines.slice(1)) {
      if (!line.trim()) continue;
      let b;
      try {
        b = JSON.parse(line);
      } catch {
        continue;
      }
      const expected = batches[b.index];
      if (!expected || expected.dir !== b.dir || expected.tasks.map((t) => t.path).join('\n') !== b.paths.join('\n')) {
        throw new Error(`${file}: batch ${b.index} is not this selection's batch ${b.index}: the test262 files or the selection changed; delete the file`);
      }
      done.set(b.index, b);
    }
  } else {
    writeFileSync(file, `${key}\n`);
  }
  return {
    done,
    /** Milliseconds spent by earlier parts of the run, and how many parts there were. */
    earlier() {
      const parts = new Map();
      for (const b of done.values()) parts.set(b.part, Math.max(parts.get(b.part) ?? 0, b.at));
      return { ms: [...parts.values()].reduce((a, x) => a + x, 0), parts: parts.size };
    },
    save(batch, results, storm, part, at) {
      appendFileSync(file, `${JSON.stringify({ index: batch.index, dir: batch.dir, paths: batch.tasks.map((t) => t.path), results, storm, part, at })}\n`);
    },
  };
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
    process.stdout.write(USAGE);
    process.exitCode = opts.help ? 0 : 2;
    return;
  }
  const test262 = resolve(opts.test262);
  if (!existsSync(join(test262, 'harness', 'assert.js'))) throw new Error(`${test262} is not a test262 checkout (no harness/assert.js)`);
  if (!existsSync(join(ROOT, 'dist', 'index.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  const started = Date.now();
  const modes = opts.modes;

  const dirs = DIRECTORIES.filter((d) => existsSync(join(test262, d)));
  const files = [];
  for (const d of dirs) walk(join(test262, d), files);
  const tasks = [];
  const skipped = new Map();
  for (const file of files) {
    const path = relative(test262, file).split(sep).join('/');
    if (opts.filter && !opts.filter.some((f) => path.includes(f))) continue;
    const source = readFileSync(file, 'utf8');
    const meta = parseFrontmatter(source);
    const p = plan(source, meta);
    if (p.skip) {
      skipped.set(path, p.skip);
      continue;
    }
    tasks.push({ path, plan: p, meta });
  }
  process.stdout.write(`conformance: ${tasks.length} tests (${skipped.size} skipped) from ${dirs.length} directories, ` +
    `modes ${modes.join(', ')}, ${opts.jobs} jobs\n`);

  const scratch = mkdtempSync(join(tmpdir(), 'restack-conformance-'));
  writeFileSync(join(scratch, 'runner.cjs'), RUNNER);
  // Batches never span two directories, so the storm statistics of a batch belong to one.
  const batches = [];
  for (const d of dirs) {
    const inDir = tasks.filter((t) => dirOf(t.path) === d);
    for (let i = 0; i < inDir.length; i += opts.batch) batches.push({ dir: d, tasks: inDir.slice(i, i + opts.batch) });
  }
  /** Identity updates per directory and mode. */
  const stormStats = new Map(dirs.map((d) => [d, Object.fromEntries(modes.map((m) => [m, { captures: 0, deferred: 0 }]))]));
  const results = [];
  const addStorm = (dir, storm) => {
    const st = stormStats.get(dir);
    for (const m of modes) {
      st[m].captures += storm[m].captures;
      st[m].deferred += storm[m].deferred;
    }
  };
  const resume = opts.resume ? openResume(opts.resume, { test262: gitCommit(test262), restack: restackVersion(), modes, batch: opts.batch, timeout: opts.timeout, longTimeout: opts.longTimeout, filter: opts.filter }, batches) : null;
  if (resume) {
    for (const b of resume.done.values()) {
      addStorm(b.dir, b.storm);
      results.push(...b.results);
    }
    process.stdout.write(`resuming ${opts.resume}: ${resume.done.size} of ${batches.length} batches done (${results.length} tests)\n`);
  }
  const pending = batches.map((b, i) => ({ ...b, index: i })).filter((b) => !resume?.done.has(b.index));
  try {
    await new Promise((resolveAll, rejectAll) => {
      let next = 0;
      let done = 0;
      let lastReport = Date.now();
      if (!pending.length) return resolveAll();
      const workers = [];
      const feed = (w) => {
        if (next < pending.length) {
          w.batch = pending[next++];
          w.postMessage(w.batch.tasks);
        }
      };
      const workerData = (i) => ({ test262, scratch, timeoutMs: opts.timeout * 1000, longTimeoutMs: opts.longTimeout * 1000, id: i, modes });
      for (let i = 0; i < Math.min(opts.jobs, pending.length); i++) {
        const w = new Worker(fileURLToPath(import.meta.url), { workerData: workerData(i) });
        workers.push(w);
        w.on('error', rejectAll);
        w.on('message', (msg) => {
          if (msg.error) {
            rejectAll(new Error(msg.error));
            return;
          }
          addStorm(w.batch.dir, msg.storm);
          for (const r of msg.results) for (const m of ['native', ...modes]) if (r[m]?.reason) r[m].reason = sanitize(r[m].reason, scratch);
          resume?.save(w.batch, msg.results, msg.storm, started, Date.now() - started);
          for (const r of msg.results) {
            results.push(r);
            if (opts.verbose) {
              const bad = ['native', ...modes].filter((m) => r[m] && !r[m].pass).map((m) => `${m}: ${r[m].reason}`);
              if (bad.length) process.stdout.write(`  ${r.path}\n    ${bad.join('\n    ')}\n`);
            }
          }
          done++;
          if (Date.now() - lastReport > 60_000) {
            lastReport = Date.now();
            process.stdout.write(`  ${results.length}/${tasks.length} tests, ${formatDuration(Date.now() - started)}\n`);
          }
          if (done === pending.length) {
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
  // A resumed run's time is that of all its parts.
  const earlier = resume?.earlier() ?? { ms: 0, parts: 0 };
  const elapsed = Date.now() - started + earlier.ms;
  const parts = earlier.parts + 1;

  // Sets.
  results.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const nativeFailures = results.filter((r) => !r.native.pass && !r.native.hang);
  const nativeHangs = results.filter((r) => r.native.hang);
  const differences = new Map();
  for (const r of results) {
    for (const mode of modes) {
      if (r.native.pass && r[mode] && !r[mode].pass) differences.set(`${mode}\t${r.path}`, r[mode].reason);
    }
  }

  // Parity per directory: the native columns, then per mode the tests compared, the differences
  // and the identity updates.
  const rows = new Map(dirs.map((d) => [d, {
    tests: 0, skipped: 0, native: 0, hangs: 0,
    modes: Object.fromEntries(modes.map((m) => [m, { run: 0, diff: 0, updates: stormStats.get(d)[m].captures }])),
  }]));
  for (const [path] of skipped) rows.get(dirOf(path)).skipped++;
  for (const r of results) {
    const row = rows.get(dirOf(r.path));
    row.tests++;
    if (r.native.hang) row.hangs++;
    else if (!r.native.pass) row.native++;
    for (const mode of modes) {
      if (r[mode]) row.modes[mode].run++;
      if (differences.has(`${mode}\t${r.path}`)) row.modes[mode].diff++;
    }
  }
  const shown = [...rows].filter(([, row]) => row.tests || row.skipped);
  const total = { tests: 0, skipped: 0, native: 0, hangs: 0, modes: Object.fromEntries(modes.map((m) => [m, { run: 0, diff: 0, updates: 0 }])) };
  for (const [, row] of shown) {
    for (const k of ['tests', 'skipped', 'native', 'hangs']) total[k] += row[k];
    for (const m of modes) for (const k of ['run', 'diff', 'updates']) total.modes[m][k] += row.modes[m][k];
  }
  printTable(shown, total, modes);

  // Compare with the accepted list (restricted to the tests and modes this run selected).
  const known = readKnown();
  const selected = new Set(results.map((r) => r.path));
  // Unfiltered, every listed entry of a selected mode is in scope (one for a test no longer run is stale too).
  const inScope = (key) => modes.includes(key.split('\t')[0]) && (!opts.filter || selected.has(key.split('\t')[1]));
  const unexpected = [...differences.keys()].filter((k) => !known.has(k));
  const fixed = [...known.keys()].filter((k) => inScope(k) && !differences.has(k));

  const commit = gitCommit(test262);
  if (!opts.filter) {
    writeDoc({ shown, total, modes, elapsed, parts, commit, jobs: opts.jobs, differences, nativeFailures, nativeHangs, tasks: tasks.length, skipped, test262Arg: opts.test262, opts });
    process.stdout.write(`wrote ${relative(ROOT, DOC)}\n`);
  } else {
    process.stdout.write(`${relative(ROOT, DOC)} left as it is: a filtered run does not write it\n`);
  }
  for (const r of nativeHangs) process.stdout.write(`HANGS NATIVELY  ${r.path}\n`);

  if (opts.updateKnown) {
    const merged = new Map([...known].filter(([k]) => !inScope(k)));
    for (const [k, reason] of differences) merged.set(k, known.get(k) ?? reason);
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

/** A mode's cell: tests compared / differences / identity updates (updates only under a storm). */
function modeCell(mode, c) {
  return MODES[mode].storm ? `${c.run} / ${c.diff} / ${c.updates}` : `${c.run} / ${c.diff}`;
}

function printTable(shown, total, modes) {
  const head = ['directory', 'tests', 'skipped', 'native fail', 'native hang', ...modes];
  const line = (d, r) => [d, r.tests, r.skipped, r.native, r.hangs, ...modes.map((m) => modeCell(m, r.modes[m]))];
  const body = [...shown.map(([d, r]) => line(d.replace(/^test\//, ''), r)), line('total', total)];
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => String(row[i]).length)));
  const fmt = (row) => row.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  process.stdout.write(`per mode: tests compared / differences / identity updates under the storm\n` +
    `${fmt(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${body.map(fmt).join('\n')}\n`);
}

/** Marks the results the doc carries (an HTML comment at its end), read back by the next run's merge. */
const DATA_MARK = '<!-- conformance-data ';

/** The results an earlier run left in the doc, or null. */
function readDocData() {
  if (!existsSync(DOC)) return null;
  const text = readFileSync(DOC, 'utf8');
  const at = text.lastIndexOf(DATA_MARK);
  if (at < 0) return null;
  try {
    return JSON.parse(text.slice(at + DATA_MARK.length, text.lastIndexOf(' -->')));
  } catch {
    return null;
  }
}

/**
 * Writes docs/conformance.md for an unfiltered run, merged with the doc's earlier results: the
 * modes this run ran replace theirs, the others are kept with the date of their own run, as long
 * as the earlier run used the same test262 commit and the same selection of directories (the
 * native columns are this run's).
 */
function writeDoc({ shown, total, modes, elapsed, parts, commit, jobs, differences, nativeFailures, nativeHangs, tasks, skipped, test262Arg, opts }) {
  const count = (pairs) => {
    const counts = new Map();
    for (const key of pairs) counts.set(key, (counts.get(key) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1]);
  };
  const selection = DIRECTORIES.join(',');
  const date = new Date().toISOString().slice(0, 10);
  const command = `npm run test:conformance -- ${process.argv.slice(2).map((a) => (a === test262Arg ? '<test262 checkout>' : a)).join(' ')}`;
  const previous = readDocData();
  const kept = previous && previous.test262 === commit && previous.selection === selection ? previous.modes : {};
  const data = {
    test262: commit,
    selection,
    native: {
      date, tests: total.tests, node: process.version,
      rows: Object.fromEntries(shown.map(([d, r]) => [d, { tests: r.tests, skipped: r.skipped, native: r.native, hangs: r.hangs }])),
      hangs: nativeHangs.map((r) => r.path),
      failures: count(nativeFailures.map((r) => category(r.native.reason))),
      skipped: count(skipped.values()),
    },
    modes: { ...kept },
  };
  for (const m of modes) {
    const kinds = new Map();
    for (const [k, reason] of differences) {
      if (!k.startsWith(`${m}\t`)) continue;
      const c = kinds.get(category(reason)) ?? [category(reason), 0, k.split('\t')[1]];
      c[1]++;
      kinds.set(c[0], c);
    }
    data.modes[m] = {
      date, command, jobs, duration: formatDuration(elapsed), parts, restack: restackVersion(), modesOfRun: modes.length,
      rows: Object.fromEntries(shown.map(([d, r]) => [d, r.modes[m]])),
      kinds: [...kinds.values()].sort((a, b) => b[1] - a[1]),
    };
  }
  const present = MODE_NAMES.filter((m) => data.modes[m]);
  const sum = (m, k) => Object.values(data.modes[m].rows).reduce((n, r) => n + r[k], 0);
  const cell = (s) => String(s).replace(/\|/g, '\\|');
  const dir = (d) => d.replace(/^test\//, '');
  const out = [];
  out.push('# test262 conformance', '');
  out.push('Generated by `scripts/conformance.js`; do not edit by hand. It runs a selection of test262 natively under',
    'Node, then compiled by restack in each mode: `compiled` (the default `loops` policy, run with `restack run`),',
    '`storm1`, `storm3`, `storm7` (the same code under `restack run --storm N`: the whole stack is captured and',
    'rebuilt at every Nth update point) and `all-storm1` (compiled with `--update-points all`, every function',
    'entry an update point, under `--storm 1`). A test failing natively is a host issue; a test that passes',
    'natively and fails in a mode is a restack difference. Accepted differences are listed per mode in',
    '`tests/conformance/known-differences.txt`; the script fails when a difference appears that is not listed,',
    'or a listed one no longer occurs.', '',
    'A run of every test writes this page; when it runs only some modes (`--mode`), the other modes\' results are',
    'kept from their last run on the same test262 commit and selection (each mode gives its own run below). A',
    'filtered run (`--filter`) leaves it alone.', '');
  out.push('## Runs', '');
  out.push(`- test262 commit: \`${commit}\`; ${tasks} tests selected, ${skipped.size} skipped; Node ${process.version}`);
  out.push(`- native: ${date}, with the latest mode run`);
  for (const m of present) {
    const r = data.modes[m];
    const how = [`${r.jobs} parallel jobs`, `${r.duration} for ${r.modesOfRun} mode(s)${r.parts > 1 ? ` in ${r.parts} parts (--resume)` : ''}`];
    if (r.restack) how.push(`restack ${r.restack.slice(0, 12)}${r.restack.endsWith('-dirty') ? ' with uncommitted changes' : ''}`);
    out.push(`- ${m}: ${r.date}, \`${r.command}\` (${how.join(', ')})`);
  }
  const missing = MODE_NAMES.filter((m) => !data.modes[m]);
  if (missing.length) out.push(`- not run on this commit and selection: ${missing.join(', ')}`);
  out.push('');
  out.push('## Totals per mode', '');
  out.push('| mode | tests compared | differences | identity updates |', '|---|---:|---:|---:|');
  for (const m of present) out.push(`| ${m} | ${sum(m, 'run')} | ${sum(m, 'diff')} | ${MODES[m].storm ? sum(m, 'updates') : '–'} |`);
  out.push('', `Natively: ${total.tests} tests run, ${total.native} failing, ${total.hangs} hanging.`, '');
  out.push('"Identity updates" counts the whole-stack captures and rebuilds of the storm runs (from `restack run',
    '--report`). The storm only reaches code running inside functions: top-level code has no update point.', '');
  for (const m of present) {
    const storm = MODES[m].storm;
    out.push(`## Parity per directory: ${m}`, '');
    out.push(`| directory | tests run | skipped | failing natively | hanging natively | compared | differing${storm ? ' | identity updates' : ''} |`);
    out.push(`|---|---:|---:|---:|---:|---:|---:${storm ? '|---:' : ''}|`);
    const row = (name, n, c) => `| ${name} | ${n.tests} | ${n.skipped} | ${n.native} | ${n.hangs} | ${c.run} | ${c.diff}${storm ? ` | ${c.updates}` : ''} |`;
    for (const [d] of shown) out.push(row(dir(d), data.native.rows[d], data.modes[m].rows[d] ?? { run: 0, diff: 0, updates: 0 }));
    out.push(row('**total**', total, { run: sum(m, 'run'), diff: sum(m, 'diff'), updates: sum(m, 'updates') }), '');
  }
  for (const m of present) {
    out.push(`## Differences in ${m}, by kind`, '');
    if (!data.modes[m].kinds.length) out.push('None.', '');
    else {
      out.push('| tests | kind | for example |', '|---:|---|---|');
      for (const [cat, n, example] of data.modes[m].kinds) out.push(`| ${n} | ${cell(cat)} | \`${example}\` |`);
      out.push('');
    }
  }
  out.push('## Hanging natively', '');
  out.push(`Tests that make no progress for ${opts.longTimeout} s when run alone natively; not compared.`, '');
  if (!nativeHangs.length) out.push('None.', '');
  else {
    for (const r of nativeHangs) out.push(`- \`${r.path}\``);
    out.push('');
  }
  out.push('## Failing natively, by kind', '');
  out.push('These are limits of this minimal host or of Node, not of restack; the compiled runs of these tests are skipped.', '');
  out.push('| tests | kind |', '|---:|---|');
  for (const [cat, n] of data.native.failures) out.push(`| ${n} | ${cell(cat)} |`);
  out.push('');
  out.push('## Skipped', '');
  out.push('| tests | reason |', '|---:|---|');
  for (const [reason, n] of data.native.skipped) out.push(`| ${n} | ${cell(reason)} |`);
  out.push('');
  out.push('## How tests are run', '');
  out.push('- **Selection**: test262 `test/language/statements/{' + STATEMENTS.join(',') + '}`,',
    '  `test/language/expressions/{' + EXPRESSIONS.join(',') + '}`, `test/language/{' + LANGUAGE.join(',') + '}`',
    '  and `test/built-ins/{' + BUILT_INS.join(',') + '}` (directories missing in the checkout are ignored;',
    '  `_FIXTURE` files are not tests).',
    '- **Skipped**: tests needing a feature Node 20 lacks (`UNSUPPORTED_FEATURES` in the script), or host',
    '  facilities this runner does not provide (`$262.createRealm`, `$262.agent`, `IsHTMLDDA`, `CanBlockIsTrue`).',
    '- **One variant per test**: `onlyStrict` tests run strict (`"use strict";` prepended), `module` tests as',
    '  ES modules, `raw` tests untouched, and all others in the default non-strict variant only, not in both:',
    '  that would double the run time, and most code under test (class bodies, modules) is strict anyway.',
    '- **Global scripts**: a test is a global script, evaluated by `vm.Script#runInThisContext` as a test262 host',
    '  evaluates it: top-level `var` and function declarations are global object properties, top-level `this` is',
    '  the global object, top-level `let`/`const`/`class` live in the global lexical scope the realm\'s scripts',
    '  share. The harness files it includes (`assert.js`, `sta.js`, `doneprintHandle.js` for `async` tests, the',
    '  `includes`) are global scripts of their own, each evaluated once per process before the first test that',
    '  includes it; `$262.evalScript` evaluates a global script the same way (compiled in the compiled modes,',
    '  unless `compile()` rejects it: then it throws its `SyntaxError` as natively).',
    '- **Modules**: a `module` test is imported from a copy, at its test262 path, of the test and the files of its',
    '  directory it imports, transitively (its `_FIXTURE` files; itself, for tests importing their own file),',
    '  after the harness scripts.',
    '- **Compiled**: the test, its harness scripts and its module files go through `compile()`: sourceType',
    '  `script` for scripts (the output is itself a global script), `module` for modules and fixtures, with',
    '  `cycle` for those in an import cycle as `restack compile` finds them (a fixture',
    '  that is not a valid module is copied as it is: its import fails as natively); policy `loops`, or `all` for',
    '  `all-storm1`. Harness frames are restack frames too (assert.throws calling back into the test can be captured).',
    '- **Runner**: a small host program installs `print`, a partial `$262` (`global`, `evalScript`,',
    '  `detachArrayBuffer`, `gc`) and an `uncaughtException` handler that reports errors by constructor name,',
    '  then evaluates up to ' + BATCH + ' tests one after the other, each framed by marker lines. After each test it',
    '  puts back the typed array and `ArrayBuffer` prototype properties the test redefined (Node\'s own I/O uses',
    '  them; one it made non-configurable stays). It runs natively',
    '  as `node runner.cjs <list>` and compiled as `node --stack-size=4000 bin/restack.js run [--storm N --report]',
    '  runner.cjs <list>`. One process per batch instead of one per test makes the whole run ~5 times faster.',
    `- **Kills and reruns**: a process that dies or makes no progress for ${opts.timeout} s is killed and the batch resumes`,
    '  after the running test. A test that fails in a batch, or is killed, is rerun alone in a fresh process with',
    `  a budget of ${opts.longTimeout} s without progress (async tests may then take half of it to complete), and that verdict`,
    '  counts: a test polluting the realm cannot make later tests fail, nor a slow storm turn into a difference.',
    '  A test that still makes no progress alone natively is listed under "Hanging natively", not compared.',
    '- **Verdict**: no error escapes the test (async tests must print `Test262:AsyncTestComplete` within 5 s in a',
    '  batch); negative tests must throw the expected error type (a `CompileError` from `compile()` counts as the',
    '  expected `SyntaxError` of a negative parse test; a parse test that runs hits `$DONOTEVALUATE()`).',
    '- **Work saved**: tests that fail natively are not run compiled (they cannot be differences), negative',
    '  syntax tests rejected by `compile()` need no compiled run, and tests run in parallel worker threads,',
    '  which compile in-process.');
  out.push('');
  out.push(`${DATA_MARK}${JSON.stringify(data).replace(/-->/g, "--\\u003e")} -->`, "");
  mkdirSync(join(ROOT, 'docs'), { recursive: true });
  writeFileSync(DOC, out.join('\n'));
}

/** Reasons without the scratch paths of this run. */
function sanitize(reason, scratch) {
  return reason.split(scratch).join('<tmp>').replace(/<tmp>\/w\d+\/(native|compiled-\w+)\/tree\//g, '<tmp>/');
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
