// `restack check` loads mapping.ts exactly as the update will (contract/mappingModule.ts): the
// same mapping.js, the same function running it, the same `require`. For each way a mapping may
// load code (import.meta, a top-level await, a relative helper file, a package, an ES module
// package that awaits, require, restack/patch's constants, a top-level throw), check and the
// update agree: either check accepts it and the update loads it (the state transformer's value
// shows in the program), or check refuses it with its line and a code frame, and the program's
// loader refuses it too. check also reports TypeScript type errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from './helpers/run.js';
import { workspace } from './helpers/versions.js';
import { evaluateMappingScript, MappingLoadError } from '../dist/contract/mappingModule.js';
import * as restackPatch from '../dist/patchgen/types.js';

const { work, env, restack, versions, runAndUpdate } = workspace('restack-mapping-loading-');

// Packages the bundles can resolve (from their directory up): a CommonJS one, and an ES module
// that awaits at its top level (which no synchronous loader can load).
const modules = join(work, 'node_modules');
for (const [name, pkg, index] of [
  ['answer-cjs', { name: 'answer-cjs', main: 'index.js' }, 'module.exports = { answer: 42 };\n'],
  ['answer-tla', { name: 'answer-tla', type: 'module', exports: './index.js' }, 'export const answer = await Promise.resolve(42);\n'],
]) {
  mkdirSync(join(modules, name), { recursive: true });
  writeFileSync(join(modules, name, 'package.json'), JSON.stringify(pkg));
  writeFileSync(join(modules, name, 'index.js'), index);
}

const program = (version) => `
let label = '${version}';
function main() {
  process.stdout.write('ready\\n');
  const end = Date.now() + 2500;
  let n = 0;
  while (Date.now() < end) n++;
  process.stdout.write('label ' + label + '\\n');
}
main();
`;
const dir = join(work, 'app');
versions(dir, program);

/**
 * A copy of the bundle whose mapping.ts has `top` before its type import and the state transformer
 * `next.label = <label>`.
 */
function bundle(name, top, label) {
  const target = join(work, name);
  cpSync(join(dir, 'p'), target, { recursive: true });
  const file = join(target, 'mapping.ts');
  const text = readFileSync(file, 'utf8')
    .replace("import type { Mapping", `${top}\nimport type { Mapping`)
    .replace(/\/\/ 'main\.js'\((old: ModuleState<[^\n]*)\): void \{\n(\s*)\/\/ \},/, (_, sig, ind) => `'main.js'(${sig}): void {\n${ind}  next.label = ${label};\n${ind}},`);
  assert.match(text, /next\.label = /);
  writeFileSync(file, text);
  return { target, file, line: text.split('\n').findIndex((l) => l === top.split('\n')[0]) + 1 };
}

const check = (target) => spawnSync(process.execPath, [cli, 'check', target], { env, encoding: 'utf8' });

/** check refuses it: the message at the line, with a code frame. */
function refused(name, top, message) {
  const { target, file, line } = bundle(name, top, "'never'");
  const r = check(target);
  assert.equal(r.status, 1, r.stdout);
  assert.match(r.stderr, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:${line}:\\d+: ${message}`, 'm'));
  assert.match(r.stderr, new RegExp(`^> ${line} \\| `, 'm'));
  return r.stderr;
}

/** check accepts it, and the update loads it: the program prints the transformer's label. */
async function loads(name, top, label, expected) {
  const { target } = bundle(name, top, label);
  const r = check(target);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /types checked with TypeScript/);
  const run = await runAndUpdate(join(dir, 'c1/main.js'), target, /ready/);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.report.applied, true, JSON.stringify(run.report));
  assert.match(run.stdout, new RegExp(`^label ${expected}$`, 'm'));
}

/** The program's loader, on a mapping.js of one statement: what it throws. */
function programLoads(code) {
  try {
    evaluateMappingScript(`'use strict';\n${code}\nmodule.exports = { format: 1, functions: {} };`, join(work, 'p', 'mapping.js'), restackPatch);
    return null;
  } catch (e) {
    return e;
  }
}

test('import.meta: check refuses it at its line; the program could not load it either', () => {
  refused('meta', 'const here = import.meta.url;', 'import\\.meta: the update loads the mapping as a function body');
  assert.ok(programLoads('const here = import.meta.url;') instanceof SyntaxError);
});

test('a top-level await: check refuses it; the program could not load it either', () => {
  refused('await', 'const x = await Promise.resolve(1);', 'top-level await: the update loads the mapping synchronously');
  assert.ok(programLoads('const x = await Promise.resolve(1);') instanceof SyntaxError);
});

test('a relative helper file: check refuses it (it is not among the checked files); the program refuses it too', () => {
  writeFileSync(join(work, 'helper.js'), 'exports.label = "helper";\n');
  refused('helper', "import { label as helperLabel } from './helper.js';", "'\\./helper\\.js' is a file: an update loads only the files restack check recorded");
  refused('helper-require', "const helper = require('./helper.js');", "'\\./helper\\.js' is a file");
  const e = programLoads("require('./helper.js');");
  assert.ok(e instanceof MappingLoadError);
  assert.match(e.message, /the mapping loads the file '\.\/helper\.js'/);
});

test('an ES module package that awaits at its top level: check refuses it, as the program does', () => {
  const { target, file } = bundle('tla-package', "import { answer } from 'answer-tla';", '`tla ${answer}`');
  const r = check(target);
  assert.equal(r.status, 1, r.stdout);
  assert.match(r.stderr, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+:\\d+: loading the mapping failed: the package 'answer-tla' is an ES module that require\\(\\) cannot load here \\(it awaits at its top level\\)`, 'm'));
  assert.ok(programLoads("require('answer-tla');") instanceof MappingLoadError);
});

test('a package that is not installed: check names it and where it was looked for', () => {
  const { target } = bundle('missing-package', "import { answer } from 'no-such-package';", '`${answer}`');
  const r = check(target);
  assert.equal(r.status, 1, r.stdout);
  assert.match(r.stderr, /loading the mapping failed: the package 'no-such-package' cannot be found from the bundle's directory/);
});

test('a throw in the top-level code: check shows it at its line in mapping.ts', () => {
  refused('throws', "const boom = (() => { throw new Error('boom'); })();", 'loading the mapping failed: boom');
});

test('a CommonJS package: check loads it, and so does the update', async () => {
  await loads('package', "import pkg from 'answer-cjs';", '`pkg ${(pkg as { answer: number }).answer}`', 'pkg 42');
});

test('require of a builtin and restack/patch\'s constants: check loads them, and so does the update', async () => {
  await loads('require', "const path = require('node:path') as typeof import('node:path');\nimport { MAPPING_FORMAT } from 'restack/patch';",
    '`${path.basename("/a/b.txt")} format ${MAPPING_FORMAT}`', 'b.txt format 1');
});

test('check reports TypeScript type errors in mapping.ts at their line, with a code frame', () => {
  const { target, file } = bundle('types', 'const count: number = 1;', 'count.toUpperCase()');
  const r = check(target);
  assert.equal(r.status, 1, r.stdout);
  assert.match(r.stderr, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+:\\d+: type error TS2339: Property 'toUpperCase' does not exist on type 'number'\\.`, 'm'));
});
