// The command line and the compile API as a user meets them: error messages (part of the
// contract), reports of what could not be made updatable, TypeScript and CommonJS input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile } from '../dist/index.js';
import { cli, run, runCompiled } from './helpers/run.js';

const dir = mkdtempSync(join(tmpdir(), 'restack-cli-'));
const write = (name, text) => { const p = join(dir, name); mkdirSync(join(p, '..'), { recursive: true }); writeFileSync(p, text); return p; };
const restack = (...args) => run(process.execPath, [cli, ...args]);

test('a syntax error prints file:line:col, the message and a code frame, and exits 1', async () => {
  const file = write('bad/syntax.js', 'function f() {\n  let x = ;\n}\n');
  const r = await restack('compile', file, '-o', join(dir, 'out-bad'));
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^restack: syntax\.js:2:11: Unexpected token\n/);
  assert.match(r.stderr, /> 2 \|   let x = ;\n \s*\|\s+\^/);
  assert.doesNotMatch(r.stderr, /at .*\.js:\d+/, 'no stack trace without --verbose');
});

test('a TypeScript syntax error is located the same way', () => {
  assert.throws(() => compile('const a: number = 1;\nlet b: = 2;\n', { filename: 'src/x.ts' }),
    (e) => e.name === 'CompileError' && /^src\/x\.ts:2:8: /.test(e.message) && e.message.includes('> 2 | let b: = 2;'));
});

test('identifiers with the reserved prefix are refused by name and place', () => {
  assert.throws(() => compile('function f() {\n  const __rsX = 1;\n}\n', { filename: 'r.js' }),
    (e) => e.name === 'CompileError' && e.message.startsWith("r.js:2:9: '__rsX' uses the prefix '__rs' reserved by restack; rename it"));
});

test('invalid options are reported up front', async () => {
  assert.throws(() => compile('1', { filename: 'a.js', updatePoints: 'sometimes' }), /updatePoints must be one of explicit, loops, all, got "sometimes"/);
  assert.throws(() => compile('1', {}), /options.filename must be a non-empty string/);
  const r = await restack('compile', 'x.js', '-o', dir, '--update-points', 'sometimes');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /option '--update-points <policy>' argument 'sometimes' is invalid. expected 'explicit', 'loops' or 'all'/);
  const r2 = await restack('run', '--storm', '0', 'x.js');
  assert.equal(r2.code, 1);
  assert.match(r2.stderr, /expected a positive integer/);
  const r3 = await restack('compile', join(dir, 'missing.js'), '-o', dir);
  assert.equal(r3.code, 1);
  assert.match(r3.stderr, /^restack: no such file or directory: .*missing\.js\n$/);
});

test('constructs that cannot be captured are reported by name and place, and still run', async () => {
  const src = write('limits/limits.cjs', [
    'function* gen(n) { if (n < 0) arguments = []; for (let i = 0; i < 3; i++) { UPDATE_POINT(); yield i; } }',
    'function sloppy(o) { with (o) { return a + b; } }',
    'const proto = { hi() { return 1; } }; const obj = { __proto__: proto, hi() { let s = 0; for (let i = 0; i < 2; i++) s += super.hi(); return s; } };',
    'function main() { let s = 0; for (const v of gen()) s += v; return [s, sloppy({ a: 1, b: 2 }), obj.hi()].join(); }',
    'UPDATE_POINT();',
    'console.log(main());',
  ].join('\n'));
  const out = join(dir, 'out-limits');
  const r = await restack('compile', src, '-o', out);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /note: limits\.cjs:1:1: gen: generator assigning to 'arguments'/);
  assert.match(r.stdout, /note: limits\.cjs:2:1: sloppy: contains a with statement/);
  assert.match(r.stdout, /note: limits\.cjs:3:\d+: hi: uses super outside a class \(line 3\)/);
  assert.match(r.stdout, /note: limits\.cjs:5:1: UPDATE_POINT\(\) ignored at module top level/);
  const meta = JSON.parse(readFileSync(join(out, 'limits.cjs.restack.json'), 'utf8'));
  const gen = meta.functions.find((f) => f.name === 'gen');
  assert.equal(gen.capturable, false);
  assert.equal(meta.functions.find((f) => f.name === 'main').capturable, true);
  for (const storm of [[], ['--storm', '1']]) {
    const res = await runCompiled(join(out, 'limits.cjs'), storm);
    assert.equal(res.stdout, '3,3,2\n', res.stderr);
  }
});

test('TypeScript (ESM) compiles, runs and survives a storm', async () => {
  write('ts/package.json', '{ "type": "module" }');
  write('ts/shapes.ts', [
    'interface Shape { area(): number }',
    'class Rect implements Shape { constructor(private w: number, private h: number) {} area(): number { return this.w * this.h; } }',
    'enum Kind { Small = 1, Big = 10 }',
    'function total(shapes: Shape[], k: Kind): number { let t = 0; for (const s of shapes) t += s.area() * k; return t; }',
    'const shapes: Shape[] = Array.from({ length: 50 }, (_, i) => new Rect(i, i + 1));',
    'console.log(total(shapes, Kind.Small), total(shapes, Kind.Big));',
  ].join('\n'));
  const out = join(dir, 'out-ts');
  const r = await restack('compile', join(dir, 'ts'), '-o', out, '--quiet');
  assert.equal(r.code, 0, r.stderr);
  for (const storm of [[], ['--storm', '1'], ['--storm', '3']]) {
    const res = await runCompiled(join(out, 'shapes.js'), storm);
    assert.equal(res.stdout, '41650 416500\n', res.stderr);
  }
});

test('a tree without a package.json type: ES modules compile into ES modules, a mix of kinds is refused with the files named', async () => {
  // The temporary directory has no package.json above it: Node tells the kind by the syntax.
  write('untyped/a.ts', "import { f } from './b.js';\nasync function main(): Promise<void> { await null; console.log(f(3)); }\nmain();\n");
  write('untyped/b.ts', 'export function f(n: number): number { let s = 0; for (let i = 0; i < n; i++) s += i; return s + 1; }\n');
  const out = join(dir, 'out-untyped');
  const r = await restack('compile', join(dir, 'untyped'), '-o', out, '--quiet');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(readFileSync(join(out, 'package.json'), 'utf8')).type, 'module');
  const res = await runCompiled(join(out, 'a.js'));
  assert.equal(res.stdout, '4\n', res.stderr);
  write('mixed/esm.js', 'export const x = 1;\n');
  write('mixed/cjs.js', 'module.exports = { y: require("node:path").sep };\n');
  const m = await restack('compile', join(dir, 'mixed'), '-o', join(dir, 'out-mixed'), '--quiet');
  assert.equal(m.code, 1);
  assert.match(m.stderr, /esm\.js is an ES module and cjs\.js is CommonJS/);
});

test('declaration files (.d.ts, .d.mts, .d.cts) in a tree are neither compiled nor copied', async () => {
  write('decl/package.json', '{ "type": "module" }');
  write('decl/lib.mjs', 'export const answer = 42;\n');
  write('decl/lib.d.mts', 'export const answer: number\n');
  write('decl/lib.d.cts', 'export const answer: number\n');
  write('decl/types.d.ts', 'export declare const answer: number\n');
  const out = join(dir, 'out-decl');
  const r = await restack('compile', join(dir, 'decl'), '-o', out, '--quiet');
  assert.equal(r.code, 0, r.stderr);
  assert.ok(existsSync(join(out, 'lib.mjs')));
  for (const f of ['lib.d.mts', 'lib.d.cts', 'types.d.ts', 'lib.d.mjs', 'lib.d.cjs']) assert.ok(!existsSync(join(out, f)), f);
});

test('compile() returns code, a source map and metadata with ids, cp tables and hashes', () => {
  const { code, map, metadata } = compile([
    'export function outer(xs) {',
    '  const inner = (x) => x * 2;',
    '  let s = 0;',
    '  for (const x of xs) s += inner(x);',
    '  return s;',
    '}',
  ].join('\n'), { filename: 'lib/m.js' });
  assert.match(code, /__rsM\.s\(/);
  assert.equal(map.sources[0], 'lib/m.js');
  assert.equal(metadata.sourceKind, 'module');
  assert.deepEqual(metadata.functions.map((f) => f.id), ['lib/m.js#outer', 'lib/m.js#outer/inner']);
  const outer = metadata.functions[0];
  assert.equal(outer.hash.length, 16);
  const call = outer.cps.find((c) => c.kind === 'call' && c.callee === 'inner');
  assert.ok(call, JSON.stringify(outer.cps));
  assert.equal(call.loc.line, 4);
  // Live after the call: s and inner are read again; x is not (the next iteration assigns it).
  assert.ok(call.live.includes('s') && call.live.includes('inner'), call.live.join());
  assert.ok(!call.live.includes('x'), call.live.join());
  const loop = outer.cps.find((c) => c.kind === 'update' && c.callee === 'loop');
  assert.ok(loop);
  for (const c of outer.cps.filter((c) => c.kind === 'call')) assert.ok(metadata.callLines[c.id] > 0, `call line of cp ${c.id}`);
});

test('update-point policies: explicit adds none, all adds function entries; every function has an entry for calls of a replaced version', () => {
  const src = 'function f(n) { let s = 0; for (let i = 0; i < n; i++) s += i; UPDATE_POINT(); return s; }';
  const compiled = (policy) => compile(src, { filename: 'p.js', updatePoints: policy });
  const count = (policy) => compiled(policy).metadata.functions[0].cps.filter((c) => c.kind === 'update').map((c) => c.callee);
  // Under explicit and loops the entry comes last (numbered after the rest) and is no update point.
  assert.deepEqual(count('explicit'), ['UPDATE_POINT', 'entry']);
  assert.deepEqual(count('loops'), ['loop', 'UPDATE_POINT', 'entry']);
  assert.deepEqual(count('all'), ['entry', 'loop', 'UPDATE_POINT']);
  assert.match(compiled('loops').code, /if \(__rsM\.o !== 0 && __rsM\.up\(2, 1\)\) return __rsM\.s\(2, \[n\]/);
  assert.match(compiled('all').code, /if \(\(__rsS\[0\] !== 0 \|\| __rsM\.o !== 0\) && __rsM\.up\(0, 1\)\)/);
});
