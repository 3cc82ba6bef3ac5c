// Function.prototype.toString shows the program's own text (decision 0014): after an update, a
// function shows the text of the version its calls run (an old function object held by the
// program forwards its calls to the new version, and shows that version's text);
// TypeScript shows its text with the types blanked, as Node's type stripping runs it; the
// replacement toString is indistinguishable from the native one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './helpers/run.js';

const cli = join(root, 'bin/restack.js');
const work = mkdtempSync(join(tmpdir(), 'restack-tostring-'));

function source(v) {
  return `export function describe(x) { /* version ${v} */ return 'v${v} ' + String(x); }
export class Shape {
  constructor(w) { this.w = Number(w); }
  area(w) { let a = 0; for (let i = 0; i < w; i++) a += ${v}; return a; }
}
export const arrow = (a) => Math.abs(a) * ${v};
export function constant() { return ${v}; }
`;
}
for (const v of [1, 2]) {
  mkdirSync(join(work, `v${v}`));
  writeFileSync(join(work, `v${v}`, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(join(work, `v${v}`, 'main.js'), source(v));
}
execFileSync(process.execPath, [cli, 'compile', join(work, 'v1'), '-o', join(work, 'b1'), '--quiet']);
const p = join(work, 'p12');
const made = spawnSync(process.execPath, [cli, 'patch', join(work, 'v1'), join(work, 'v2'), '-o', p], { encoding: 'utf8' });
assert.equal(made.status, 0, made.stderr);
const checked = spawnSync(process.execPath, [cli, 'check', p], { encoding: 'utf8' });
assert.equal(checked.status, 0, checked.stderr);

test('after an update, functions and classes show the text of the version their calls run', () => {
  const driver = join(work, 'driver.mjs');
  writeFileSync(driver, `
import { requestUpdateTo } from ${JSON.stringify(join(root, 'dist/runtime/index.js'))};
const m = await import(${JSON.stringify(join(work, 'b1', 'main.js'))});
const old = m.describe;
const texts = (f) => [f.describe, f.Shape, f.Shape.prototype.area, f.arrow, f.constant].map(String);
const before = texts(m);
const report = await new Promise((r) => requestUpdateTo(${JSON.stringify(p)}, {}, r));
console.log(JSON.stringify({ applied: report.applied, before, after: texts(m), old: String(old), calls: [old('a'), m.describe('b')] }));
`);
  const r = spawnSync(process.execPath, [driver], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const o = JSON.parse(r.stdout);
  assert.equal(o.applied, true);
  const expected = (v) => {
    const s = source(v);
    const cls = s.slice(s.indexOf('class Shape'), s.indexOf('}\n}') + 3);
    return [s.slice(s.indexOf('function describe'), s.indexOf('\n')), cls, cls.slice(cls.indexOf('area'), cls.lastIndexOf('\n}')), `(a) => Math.abs(a) * ${v}`, `function constant() { return ${v}; }`];
  };
  assert.deepEqual(o.before, expected(1));
  // A function with no call or loop has no entry: its calls run its old code, and it shows it.
  assert.deepEqual(o.after, [...expected(2).slice(0, 4), expected(1)[4]]);
  // The old function object runs the new version's code, and shows it.
  assert.equal(o.old, expected(2)[0]);
  assert.deepEqual(o.calls, ['v2 a', 'v2 b']);
});

test('TypeScript functions show their text with the types blanked, as Node\'s type stripping runs it', () => {
  const dir = join(work, 'ts');
  mkdirSync(dir);
  writeFileSync(join(dir, 'main.ts'), `interface Box<T> { value: T }
function unbox<T>(box: Box<T>, fallback?: T): T { for (let i = 0; i < 1; i++) {} return box.value ?? fallback!; }
abstract class Base<T> implements Box<T> {
  public value!: T;
  private static readonly count: number = 0;
  protected abstract make(): T;
  public static create(this: void, n: number): number { return n as number; }
  get size(): number { return 1; }
}
const arrow = <T,>(x: T): T => x satisfies T;
console.log(JSON.stringify([unbox, Base, Base.create, Object.getOwnPropertyDescriptor(Base.prototype, 'size')!.get, arrow].map(String)));
`);
  execFileSync(process.execPath, [cli, 'compile', join(dir, 'main.ts'), '-o', join(dir, 'out'), '--quiet']);
  const r = spawnSync(process.execPath, [cli, 'run', '--no-control', join(dir, 'out', 'main.js')], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const blank = (n) => ' '.repeat(n);
  assert.deepEqual(JSON.parse(r.stdout), [
    `function unbox${blank(3)}(box${blank(8)}, fallback${blank(4)})${blank(4)}{ for (let i = 0; i < 1; i++) {} return box.value ?? fallback ; }`,
    `class Base${blank(22)}{\n${blank(9)}value${blank(4)};\n${blank(10)}static${blank(10)}count${blank(9)}= 0;\n${blank(31)}\n` +
      `${blank(9)}static create(${blank(12)}n${blank(8)})${blank(9)}{ return n${blank(10)}; }\n  get size()${blank(9)}{ return 1; }\n}`,
    `create(${blank(12)}n${blank(8)})${blank(9)}{ return n${blank(10)}; }`,
    `get size()${blank(9)}{ return 1; }`,
    `(x${blank(3)})${blank(4)}=> x`,
  ]);
});

test('the replacement toString is indistinguishable from the native one', () => {
  const program = `
const ts = Function.prototype.toString;
const d = Object.getOwnPropertyDescriptor(Function.prototype, 'toString');
const facts = [ts.name, ts.length, Object.hasOwn(ts, 'prototype'), d.writable, d.enumerable, d.configurable, ts.toString(), ts.call(ts),
  Object.getOwnPropertyNames(ts).sort().join(','), Object.getPrototypeOf(ts) === Function.prototype,
  ts.call(new Proxy(function f() {}, {})), ts.call(function f() {}.bind(null)), ts.call(Math.max)];
for (const v of [{}, 1, null]) { try { ts.call(v); } catch (e) { facts.push(e.constructor.name + ': ' + e.message); } }
try { new ts(); } catch (e) { facts.push(e.constructor.name); }
try { Reflect.construct(String, [], ts); } catch (e) { facts.push(e.constructor.name); }
console.log(JSON.stringify(facts));
`;
  const dir = join(work, 'native');
  mkdirSync(dir);
  writeFileSync(join(dir, 'facts.cjs'), program);
  execFileSync(process.execPath, [cli, 'compile', join(dir, 'facts.cjs'), '-o', join(dir, 'out'), '--quiet']);
  const native = spawnSync(process.execPath, [join(dir, 'facts.cjs')], { encoding: 'utf8' });
  const compiled = spawnSync(process.execPath, [cli, 'run', '--no-control', join(dir, 'out', 'facts.cjs')], { encoding: 'utf8' });
  assert.equal(compiled.status, 0, compiled.stderr);
  assert.deepEqual(JSON.parse(compiled.stdout), JSON.parse(native.stdout));
});
