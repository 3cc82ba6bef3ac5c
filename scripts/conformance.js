#!/usr/bin/env node
/**
 * test262 conformance: runs a selection of test262 natively, compiled by restack, and compiled
 * under an update storm (`restack run --storm 1`), and compares the sets of failing tests.
 *
 *   npm run test:conformance -- <test262 checkout> [--filter <substring>] [--jobs N]
 *                               [--timeout <seconds>] [--update-known] [--verbose]
 *
 * A test failing natively is a host/environment issue (this runner is a minimal host: every test
 * runs as a CommonJS module or an ES module file under Node, not as a global script). A test that
 * passes natively but fails compiled, or under the storm, is a restack difference. The accepted
 * differences are listed in tests/conformance/known-differences.txt; the run fails if a difference
 * appears that is not listed, or if a listed one no longer occurs. `--update-known` rewrites the
 * list instead. An unfiltered run also writes docs/conformance.md.
 *
 * How each test is run (see docs/conformance.md for the rationale):
 *  - one variant per test: strict ("use strict" prepended) for onlyStrict, a module for module,
 *    the source untouched for raw, otherwise the default non-strict variant only;
 *  - program = harness/assert.js + harness/sta.js (+ doneprintHandle.js for async) + includes +
 *    the test, written to a scratch file; the host (print, $262, uncaught-error reporting) is
 *    preloaded with `node --require`;
 *  - compiled: the same file compiled in-process with restack's compile() (sourceType 'commonjs'
 *    for scripts, 'module' for modules), run with `restack run`, then with `restack run --storm 1`;
 *  - compiled runs are skipped for tests that fail natively (they cannot be differences), and
 *    for negative syntax tests that compile() already rejects (that is the expected outcome).
 */
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CLI = join(ROOT, 'bin', 'restack.js');
const KNOWN = join(ROOT, 'tests', 'conformance', 'known-differences.txt');
const DOC = join(ROOT, 'docs', 'conformance.md');
const MODES = ['compiled', 'storm'];

/** The selected test262 directories (those missing in a checkout are ignored). */
const STATEMENTS = ['block', 'break', 'continue', 'do-while', 'for', 'for-in', 'for-of', 'function', 'if', 'labeled',
  'let', 'const', 'return', 'switch', 'throw', 'try', 'variable', 'while', 'class'];
const EXPRESSIONS = ['array', 'arrow-function', 'assignment', 'call', 'class', 'comma', 'compound-assignment',
  'conditional', 'function', 'logical-assignment', 'logical-and', 'logical-or', 'coalesce', 'new', 'new.target',
  'object', 'optional-chaining', 'tagged-template', 'template-literal', 'super', 'this', 'unary-minus'];
const DIRECTORIES = [
  ...STATEMENTS.map((d) => `test/language/statements/${d}`),
  ...EXPRESSIONS.map((d) => `test/language/expressions/${d}`),
  'test/language/destructuring', 'test/language/rest-parameters', 'test/language/default-parameters',
  'test/language/arguments-object',
  'test/built-ins/Array/prototype',
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
// The host: preloaded into every run (native and compiled) with `node --require`.

const HOST = `'use strict';
const { writeSync } = require('node:fs');
const vm = require('node:vm');
const def = (o, k, v) => Object.defineProperty(o, k, { value: v, writable: true, configurable: true, enumerable: false });
def(globalThis, 'print', (...args) => { writeSync(1, args.map(String).join(' ') + '\\n'); });
const host = {
  global: globalThis,
  evalScript(source) { return vm.runInThisContext(String(source)); },
  detachArrayBuffer(buffer) { structuredClone(buffer, { transfer: [buffer] }); return null; },
  gc() { if (typeof globalThis.gc === 'function') return globalThis.gc(); throw new Error('gc unavailable'); },
};
def(globalThis, '$262', host);
const oneLine = (s) => String(s).split('\\n')[0].slice(0, 300);
process.on('uncaughtException', (e) => {
  let name = typeof e, message = '';
  try {
    if (e !== null && (typeof e === 'object' || typeof e === 'function')) {
      name = (e.constructor && e.constructor.name) || e.name || 'Object';
      message = e.message;
    } else message = String(e);
  } catch { name = 'unknown'; }
  writeSync(2, 'Test262:Uncaught:' + name + ':' + oneLine(message) + '\\n');
  process.exit(1);
});
`;

// ---------------------------------------------------------------------------------------------
// Worker: builds, runs and judges one test at a time.

function workerMain() {
  const { test262, scratch, timeoutMs, id } = workerData;
  const dir = join(scratch, `w${id}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{"type":"commonjs"}\n');
  const hostFile = join(scratch, 'host.cjs');
  const harness = new Map();
  const readHarness = (name) => {
    if (!harness.has(name)) harness.set(name, readFileSync(join(test262, 'harness', name), 'utf8'));
    return harness.get(name);
  };
  let compile;

  parentPort.on('message', async (task) => {
    if (!compile) compile = (await import(join(ROOT, 'dist', 'index.js'))).compile;
    try {
      parentPort.postMessage(await runTask(task));
    } catch (e) {
      parentPort.postMessage({ path: task.path, error: String(e?.stack ?? e) });
    }
  });

  async function runTask(task) {
    const { path, plan: p, meta } = task;
    const source = readFileSync(join(test262, path), 'utf8');
    let program = source;
    if (!p.raw) {
      const parts = [readHarness('assert.js'), readHarness('sta.js')];
      if (p.async) parts.push(readHarness('doneprintHandle.js'));
      for (const inc of meta.includes) parts.push(readHarness(inc));
      parts.push(source);
      program = (p.strict ? '"use strict";\n' : '') + parts.join('\n');
    }
    const ext = p.module ? '.mjs' : '.js';
    const nativeFile = join(dir, `test${ext}`);
    const compiledFile = join(dir, `test.compiled${ext}`);
    writeFileSync(nativeFile, program);

    const result = { path, native: null, compiled: null, storm: null };
    result.native = judge(meta, p, await run(['--require', hostFile, nativeFile]));
    if (!result.native.pass) return result;

    let code;
    try {
      code = compile(program, { filename: `test${ext}`, sourceType: p.module ? 'module' : 'commonjs' }).code;
    } catch (e) {
      const msg = String(e?.message ?? e).split('\n')[0].replace(/^test\.m?js(:\d+:\d+)?: /, '');
      const outcome = e?.name === 'CompileError'
        ? judgeCompileError(meta, msg)
        : { pass: false, reason: `compiler crash: ${e?.name}: ${msg}` };
      result.compiled = outcome;
      result.storm = outcome;
      return result;
    }
    writeFileSync(compiledFile, code);
    result.compiled = judge(meta, p, await run(['--stack-size=4000', '--require', hostFile, CLI, 'run', compiledFile]));
    result.storm = judge(meta, p, await run(['--stack-size=4000', '--require', hostFile, CLI, 'run', '--storm', '1', compiledFile]));
    return result;
  }

  function run(args) {
    return new Promise((resolveRun) => {
      const child = spawn(process.execPath, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      let timedOut = false;
      child.stdout.setEncoding('utf8').on('data', (d) => { if (stdout.length < 1e5) stdout += d; });
      child.stderr.setEncoding('utf8').on('data', (d) => { if (stderr.length < 1e5) stderr += d; });
      const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, timeoutMs);
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        resolveRun({ code, signal, stdout, stderr, timedOut });
      });
    });
  }
}

/** A test passes if it behaves as test262 expects. */
function judge(meta, p, r) {
  if (r.timedOut) return { pass: false, reason: 'timeout' };
  const m = /^Test262:Uncaught:([^:\n]*):(.*)$/m.exec(r.stderr);
  const neg = meta.negative;
  if (neg) {
    if (m && m[1] === neg.type) return { pass: true };
    return { pass: false, reason: `expected ${neg.phase} ${neg.type}, got ${m ? `${m[1]}: ${m[2]}` : describeExit(r)}` };
  }
  if (m) return { pass: false, reason: `${m[1]}: ${m[2]}` };
  if (r.code !== 0) return { pass: false, reason: describeExit(r) };
  if (p.async) {
    const failure = /^Test262:AsyncTestFailure:(.*)$/m.exec(r.stdout);
    if (failure) return { pass: false, reason: `async failure: ${failure[1]}` };
    if (!/^Test262:AsyncTestComplete$/m.test(r.stdout)) return { pass: false, reason: 'async test did not complete' };
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
  const opts = { test262: null, filter: null, jobs: availableParallelism(), updateKnown: false, timeout: 10, verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--filter') opts.filter = argv[++i];
    else if (a === '--jobs') opts.jobs = Number(argv[++i]);
    else if (a === '--timeout') opts.timeout = Number(argv[++i]);
    else if (a === '--update-known') opts.updateKnown = true;
    else if (a === '--verbose') opts.verbose = true;
    else if (a === '--help' || a === '-h') opts.help = true;
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else if (!opts.test262) opts.test262 = a;
    else throw new Error(`unexpected argument ${a}`);
  }
  if (!Number.isInteger(opts.jobs) || opts.jobs < 1) throw new Error('--jobs expects a positive integer');
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
  writeFileSync(join(scratch, 'host.cjs'), HOST);
  const results = [];
  try {
    await new Promise((resolveAll, rejectAll) => {
      let next = 0;
      let done = 0;
      let lastReport = Date.now();
      if (!tasks.length) return resolveAll();
      const workers = [];
      const feed = (w) => {
        if (next < tasks.length) w.postMessage(tasks[next++]);
      };
      for (let i = 0; i < Math.min(opts.jobs, tasks.length); i++) {
        const w = new Worker(fileURLToPath(import.meta.url), { workerData: { test262, scratch, timeoutMs: opts.timeout * 1000, id: i } });
        workers.push(w);
        w.on('error', rejectAll);
        w.on('message', (r) => {
          if (r.error) {
            rejectAll(new Error(`${r.path}: ${r.error}`));
            return;
          }
          results.push(r);
          done++;
          if (opts.verbose) {
            const bad = ['native', ...MODES].filter((m) => r[m] && !r[m].pass).map((m) => `${m}: ${r[m].reason}`);
            if (bad.length) process.stdout.write(`  ${r.path}\n    ${bad.join('\n    ')}\n`);
          }
          if (Date.now() - lastReport > 30_000) {
            lastReport = Date.now();
            process.stdout.write(`  ${done}/${tasks.length} tests, ${formatDuration(Date.now() - started)}\n`);
          }
          if (done === tasks.length) {
            Promise.all(workers.map((x) => x.terminate())).then(() => resolveAll());
          } else feed(w);
        });
        feed(w);
      }
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
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
  const rows = new Map(dirs.map((d) => [d, { tests: 0, skipped: 0, native: 0, compiled: 0, storm: 0 }]));
  for (const [path] of skipped) rows.get(dirOf(path)).skipped++;
  for (const r of results) {
    const row = rows.get(dirOf(r.path));
    row.tests++;
    if (!r.native.pass) row.native++;
    for (const mode of MODES) if (differences.has(`${mode}\t${r.path}`)) row[mode]++;
  }
  const shown = [...rows].filter(([, row]) => row.tests || row.skipped);
  const total = { tests: 0, skipped: 0, native: 0, compiled: 0, storm: 0 };
  for (const [, row] of shown) for (const k of Object.keys(total)) total[k] += row[k];
  printTable(shown, total);

  // Compare with the accepted list (restricted to the tests this run selected).
  const known = readKnown();
  const selected = new Set(results.map((r) => r.path));
  const inScope = (key) => selected.has(key.split('\t')[1]) || (!opts.filter && true);
  const unexpected = [...differences.keys()].filter((k) => !known.has(k));
  const fixed = [...known.keys()].filter((k) => inScope(k) && !differences.has(k));

  const commit = gitCommit(test262);
  if (!opts.filter) {
    writeDoc({ shown, total, elapsed, commit, jobs: opts.jobs, differences, nativeFailures, tasks: tasks.length, skipped });
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
  const head = ['directory', 'tests', 'skipped', 'native fail', 'compiled diff', 'storm diff'];
  const body = [...shown.map(([d, r]) => [d.replace(/^test\//, ''), r.tests, r.skipped, r.native, r.compiled, r.storm]),
    ['total', total.tests, total.skipped, total.native, total.compiled, total.storm]];
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => String(row[i]).length)));
  const fmt = (row) => row.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  process.stdout.write(`${fmt(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${body.map(fmt).join('\n')}\n`);
}

function writeDoc({ shown, total, elapsed, commit, jobs, differences, nativeFailures, tasks, skipped }) {
  const byReason = (mode) => {
    const counts = new Map();
    for (const [k, reason] of differences) {
      if (!k.startsWith(`${mode}\t`)) continue;
      const cat = category(reason);
      counts.set(cat, (counts.get(cat) ?? 0) + 1);
    }
    return [...counts].sort((a, b) => b[1] - a[1]);
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
  out.push(`- command: \`npm run test:conformance -- <test262> --jobs ${jobs}\``);
  out.push(`- test262 commit: \`${commit}\``);
  out.push(`- date: ${new Date().toISOString().slice(0, 10)}`);
  out.push(`- Node ${process.version}, ${jobs} parallel jobs`);
  out.push(`- duration: ${formatDuration(elapsed)} for ${tasks} tests (${skipped.size} skipped)`, '');
  out.push('## Parity per directory', '');
  out.push('| directory | tests run | skipped | failing natively | differing compiled | differing under storm |');
  out.push('|---|---:|---:|---:|---:|---:|');
  for (const [d, r] of shown) out.push(`| ${d.replace(/^test\//, '')} | ${r.tests} | ${r.skipped} | ${r.native} | ${r.compiled} | ${r.storm} |`);
  out.push(`| **total** | **${total.tests}** | **${total.skipped}** | **${total.native}** | **${total.compiled}** | **${total.storm}** |`, '');
  for (const mode of MODES) {
    const cats = byReason(mode);
    out.push(`## Differences ${mode === 'storm' ? 'under storm' : 'compiled'}, by kind`, '');
    if (!cats.length) out.push('None.', '');
    else {
      out.push('| tests | kind |', '|---:|---|');
      for (const [cat, n] of cats) out.push(`| ${n} | ${cell(cat)} |`);
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
    '  arguments-object}` and `test/built-ins/Array/prototype` (`_FIXTURE` files excluded).',
    '- **Skipped**: tests needing a feature Node 20 lacks (`UNSUPPORTED_FEATURES` in the script), or host',
    '  facilities this runner does not provide (`$262.createRealm`, `$262.agent`, `IsHTMLDDA`, `CanBlockIsTrue`).',
    '- **One variant per test**: `onlyStrict` tests run strict (`"use strict";` prepended), `module` tests as',
    '  ES modules (`.mjs`), `raw` tests untouched, and all others in the default non-strict variant only (not',
    '  both): running both would double the run time.',
    '- **Program**: `harness/assert.js` + `harness/sta.js` (+ `doneprintHandle.js` for `async`) + the',
    '  `includes` + the test, in one file. The host (`print`, a partial `$262`, and reporting of uncaught',
    '  errors by constructor name) is preloaded with `node --require`. Scripts run as CommonJS modules, as',
    '  Node runs a `.js` file: tests that depend on global-script semantics fail natively and are not counted.',
    '- **Compiled**: the same file goes through `compile()` (sourceType `commonjs` for scripts, `module` for',
    '  module tests) and runs with `node --stack-size=4000 bin/restack.js run [--storm 1]`.',
    '- **Verdict**: exit code 0 and no uncaught error (async tests must print `Test262:AsyncTestComplete`);',
    '  negative tests must throw the expected error type (a `CompileError` from `compile()` counts as the',
    '  expected `SyntaxError` of a negative parse test). Each run has a 10 s timeout.',
    '- **Work saved**: tests that fail natively are not run compiled (they cannot be differences), and negative',
    '  syntax tests rejected by `compile()` need no compiled run. Tests run in parallel worker threads (one',
    '  test at a time each); compile() runs in-process in the workers, each run is its own Node process.');
  out.push('');
  mkdirSync(join(ROOT, 'docs'), { recursive: true });
  writeFileSync(DOC, out.join('\n'));
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
