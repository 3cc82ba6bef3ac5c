// Every name compiled code reaches at run time belongs to the contract's interfaces
// (contract/compiled.ts), and the runtime has each of them. TypeScript checks the compiler's
// helper references and the runtime's classes against the interfaces; this checks what the
// compiler actually prints, which no type covers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from '../../dist/compiler/index.js';
import { Engine } from '../../dist/runtime/engine.js';
import { ModuleHandle } from '../../dist/runtime/core/moduleHandle.js';
import {
  FRAME_RECORD_MEMBERS, LOADER_MEMBERS, MODULE_HANDLE_MEMBERS, MODULE_INFO_MEMBERS, PROTOCOL_VERSION, R, RUNTIME_MEMBERS,
} from '../../dist/contract/index.js';
import { root } from '../helpers/run.js';

/** Members read on each reserved identifier in a piece of compiled code. */
function membersUsed(code) {
  const used = new Map();
  for (const m of code.matchAll(/\b(__rs[A-Za-z]+)\.([A-Za-z_$][\w$]*)/g)) {
    if (!used.has(m[1])) used.set(m[1], new Set());
    used.get(m[1]).add(m[2]);
  }
  return used;
}

const sorted = (names) => [...names].sort();

// Together these programs use every helper of the runtime and every member of the handle (the
// smallest such set of the exec corpus and fixtures, compiled with update points everywhere).
const PROGRAMS = [
  'tests/fixtures/generator/input.js',
  'tests/exec/corpus/190-update-points-everywhere.js',
  'tests/exec/corpus/045-deep-throw-caught.js',
  'tests/exec/corpus/114-custom-error-classes.js',
  'tests/exec/corpus/086-async-generators.js',
];

const compiled = PROGRAMS.map((file) =>
  compile(readFileSync(join(root, file), 'utf8'), { filename: file, sourceType: 'module', updatePoints: 'all' }).code);
const used = membersUsed(compiled.join('\n'));

test('compiled code uses exactly the members of RuntimeABI and ModuleHandleABI', () => {
  assert.deepEqual(sorted(used.get(R.runtime)), sorted(Object.keys(RUNTIME_MEMBERS)));
  assert.deepEqual(sorted(used.get(R.module)), sorted(Object.keys(MODULE_HANDLE_MEMBERS)));
});

test('restore functions read only FrameRecordABI fields of the records they rebuild', () => {
  const fields = new Set([...used.get(R.record) ?? [], ...used.get(R.next) ?? []]);
  assert.ok(fields.has('l') && fields.has('cp') && fields.has('f'), `found ${sorted(fields)}`);
  for (const f of fields) assert.ok(Object.hasOwn(FRAME_RECORD_MEMBERS, f), `${f} is not a field of FrameRecordABI`);
});

test('a module in the loader format uses exactly the members of LoaderABI', () => {
  const source = [
    "import { a } from './a.js';",
    "export * from './b.js';",
    'export let count = a;',
    'export class Store { get() { return count; } }',
    'console.log(import.meta.url);',
    'Store.prototype.size = 1;',
    "export const later = () => import('./c.js');",
  ].join('\n');
  const { code } = compile(source, { filename: 'm.js', sourceType: 'module', format: 'loader' });
  const loader = membersUsed(code).get(R.loader);
  // `url` is read by the header; top-level statements go through `top` and `later` (`boot` is read
  // only for a statement the compiler could not key, which this module has none of).
  assert.deepEqual(sorted(loader), sorted(Object.keys(LOADER_MEMBERS).filter((k) => k !== 'cannotBoot' && k !== 'boot')));
  const { code: awaiting } = compile('await Promise.resolve(1);\nexport const x = 1;', { filename: 'w.js', sourceType: 'module', format: 'loader' });
  assert.ok(membersUsed(awaiting).get(R.loader).has('cannotBoot'));
});

test('the module header passes a ModuleInfoABI', () => {
  const { code } = compile('export const limit = 10;\nexport function f() { "restack atomic"; g(); }', { filename: 'h.js', sourceType: 'module' });
  const header = /__rsR\.module\(import\.meta\.url, (\d+), [^\n]*\{\n([\s\S]*?)\n\}\);/.exec(code);
  assert.ok(header, code.split('\n').slice(0, 12).join('\n'));
  assert.equal(Number(header[1]), PROTOCOL_VERSION);
  const keys = [...header[2].matchAll(/^ {2}([A-Za-z]+):/gm)].map((m) => m[1]);
  assert.deepEqual(sorted(keys), sorted(Object.keys(MODULE_INFO_MEMBERS)));
});

test('the runtime has every member of the interfaces compiled code uses', () => {
  const engine = new Engine();
  for (const name of Object.keys(RUNTIME_MEMBERS)) assert.ok(engine[name] !== undefined, `Engine has no ${name}`);
  const handle = engine.module('file:///contract-test.js', PROTOCOL_VERSION, [], [], undefined, { id: 'contract-test.js', hash: '' });
  assert.ok(handle instanceof ModuleHandle);
  for (const name of Object.keys(MODULE_HANDLE_MEMBERS)) assert.ok(handle[name] !== undefined, `ModuleHandle has no ${name}`);
  assert.ok(engine.S instanceof Int32Array);
});
