// tsconfig.json as tsc reads it: JSON with comments and trailing commas, extends (relative paths
// and packages, one or a list), paths relative to the config naming them, include/exclude globs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { globToRegExp, inProject, parseJsonc, readTsconfig } from '../../dist/cli/tsconfig.js';

const dir = mkdtempSync(join(tmpdir(), 'restack-tsconfig-'));
const write = (name, text) => { const p = join(dir, name); mkdirSync(join(p, '..'), { recursive: true }); writeFileSync(p, text); return p; };

test('comments and trailing commas are accepted; strings that look like them are kept', () => {
  const v = parseJsonc('{\n // line\n "a": "http://x/*y*/", /* block\n */ "b": [1, 2,], "c": ",}",\n}', 'x.json');
  assert.deepEqual(v, { a: 'http://x/*y*/', b: [1, 2], c: ',}' });
  assert.throws(() => parseJsonc('{ "a": }', 'bad.json'), /^CompileError: bad\.json: not valid JSON/);
});

test('extends: relative and package configs, later ones override, paths relative to the config naming them', () => {
  write('node_modules/@acme/tsconfig/base.json', '{ "compilerOptions": { "experimentalDecorators": true, "jsx": "React-JSX", "outDir": "lib" } }');
  write('shared/tsconfig.json', '{ "compilerOptions": { "paths": { "@x/*": ["x/*"] }, "rootDir": "../src" }, "exclude": ["**/*.test.ts"] }');
  const file = write('proj/tsconfig.json', '{ "extends": ["@acme/tsconfig/base", "../shared/tsconfig.json"], "compilerOptions": { "outDir": "build", }, "include": ["src"] }');
  // The package resolves from the project's node_modules up the tree.
  write('proj/node_modules/.keep', '');
  const c = readTsconfig(file);
  assert.equal(c.options.experimentalDecorators, true);
  assert.equal(c.options.jsx, 'react-jsx');
  assert.equal(c.options.outDir, join(dir, 'proj/build'));
  assert.equal(c.options.rootDir, join(dir, 'src'));
  assert.equal(c.options.pathsBase, join(dir, 'shared'));
  assert.deepEqual(c.include, [join(dir, 'proj/src')]);
  assert.deepEqual(c.exclude, [join(dir, 'shared/**/*.test.ts')]);
  const loop = write('loop/tsconfig.json', '{ "extends": "./tsconfig.json" }');
  assert.throws(() => readTsconfig(loop), /extends itself/);
  assert.throws(() => readTsconfig(write('missing/tsconfig.json', '{ "extends": "no-such-config" }')), /extends "no-such-config": not found in node_modules/);
});

test('include and exclude patterns match as tsc matches them', () => {
  assert.ok(globToRegExp('/p/src').test('/p/src/a/b.ts'));
  assert.ok(globToRegExp('/p/src/**/*.ts').test('/p/src/a.ts'));
  assert.ok(globToRegExp('/p/src/**/*.ts').test('/p/src/a/b/c.ts'));
  assert.ok(!globToRegExp('/p/src/*.ts').test('/p/src/a/b.ts'));
  assert.ok(globToRegExp('/p/src/?.ts').test('/p/src/a.ts'));
  const config = { file: '/p/tsconfig.json', dir: '/p', options: {} };
  assert.ok(inProject(config, '/p/a/b.ts', undefined));
  assert.ok(!inProject(config, '/p/node_modules/x/i.ts', undefined));
  assert.ok(!inProject(config, '/p/dist/i.ts', '/p/dist'));
  assert.ok(!inProject({ ...config, files: ['/p/only.ts'] }, '/p/a.ts', undefined));
  assert.ok(inProject({ ...config, files: ['/p/only.ts'] }, '/p/only.ts', undefined));
});
