// npm packages in an update (decision 0013): where a module's package is, Node's node_modules
// lookup and package entry points over module ids, and two installs compared by their lockfiles.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportsTarget, lookupPackage, packageFile, packageOf, splitBare } from '../../dist/contract/packages.js';
import { comparePackages, readInstall } from '../../dist/patchgen/packages.js';

test('packageOf: the package a module id is in, scoped and nested; null for the program', () => {
  assert.equal(packageOf('node_modules/express/lib/router/index.js'), 'node_modules/express');
  assert.equal(packageOf('node_modules/@koa/router/lib/layer.js'), 'node_modules/@koa/router');
  assert.equal(packageOf('node_modules/send/node_modules/encodeurl/index.js'), 'node_modules/send/node_modules/encodeurl');
  assert.equal(packageOf('lib/node_modules.js'), null);
  assert.equal(packageOf('server.js'), null);
});

test('splitBare: a package name and the path in it; null for relative, absolute, builtin-scheme specifiers', () => {
  assert.deepEqual(splitBare('express'), { name: 'express', sub: '.' });
  assert.deepEqual(splitBare('express/package.json'), { name: 'express', sub: './package.json' });
  assert.deepEqual(splitBare('@koa/router/lib/x'), { name: '@koa/router', sub: './lib/x' });
  for (const s of ['./x', '../x', '/abs', 'node:fs', '@scope']) assert.equal(splitBare(s), null, s);
});

test('lookupPackage: the nearest node_modules first, as Node looks; never inside a node_modules directory itself', () => {
  const layout = new Set(['node_modules/encodeurl', 'node_modules/send', 'node_modules/send/node_modules/encodeurl', 'node_modules/send/node_modules/ms']);
  const has = (p) => layout.has(p);
  assert.equal(lookupPackage(has, 'node_modules/send/lib', 'encodeurl'), 'node_modules/send/node_modules/encodeurl');
  assert.equal(lookupPackage(has, 'node_modules/send', 'encodeurl'), 'node_modules/send/node_modules/encodeurl');
  assert.equal(lookupPackage(has, 'node_modules/express/lib', 'encodeurl'), 'node_modules/encodeurl');
  assert.equal(lookupPackage(has, '.', 'send'), 'node_modules/send');
  assert.equal(lookupPackage(has, 'lib', 'ms'), null);
  // From node_modules/send/node_modules/ms, `encodeurl` is send's nested copy, not node_modules/send/node_modules/ms/node_modules/...
  assert.equal(lookupPackage(has, 'node_modules/send/node_modules/ms', 'encodeurl'), 'node_modules/send/node_modules/encodeurl');
});

test('exportsTarget and packageFile: exports with conditions, subpaths and patterns; main; index.js', () => {
  const exp = { '.': { import: './esm/index.mjs', require: './cjs/index.js' }, './feature/*': { node: './cjs/feature/*.js' }, './package.json': './package.json' };
  assert.equal(exportsTarget(exp, '.'), './cjs/index.js');
  assert.equal(exportsTarget(exp, './feature/a'), './cjs/feature/a.js');
  assert.equal(exportsTarget(exp, './hidden'), null);
  assert.equal(exportsTarget('./main.js', '.'), './main.js');
  assert.equal(exportsTarget(undefined, '.'), undefined);
  const files = new Set(['node_modules/p/cjs/index.js', 'node_modules/p/cjs/feature/a.js', 'node_modules/q/lib/q.js', 'node_modules/r/index.js', 'node_modules/q/util/index.js']);
  const has = (id) => files.has(id);
  assert.equal(packageFile('node_modules/p', { exports: exp }, '.', has), 'node_modules/p/cjs/index.js');
  assert.equal(packageFile('node_modules/p', { exports: exp }, './feature/a', has), 'node_modules/p/cjs/feature/a.js');
  assert.equal(packageFile('node_modules/p', { exports: exp }, './cjs/index.js', has), null, 'not exported');
  assert.equal(packageFile('node_modules/q', { main: './lib/q' }, '.', has), 'node_modules/q/lib/q.js');
  assert.equal(packageFile('node_modules/q', { main: './lib/q' }, './util', has), 'node_modules/q/util/index.js');
  assert.equal(packageFile('node_modules/r', {}, '.', has), 'node_modules/r/index.js');
});

/** An install directory with this lockfile and package.json files. */
function install(packages) {
  const dir = mkdtempSync(join(tmpdir(), 'restack-install-'));
  const lock = { name: 'app', lockfileVersion: 3, packages: { '': { name: 'app', dependencies: {} } } };
  for (const [path, p] of Object.entries(packages)) {
    lock.packages[path] = { version: p.version, integrity: `sha512-${p.name ?? path}-${p.version}`, ...(p.deps ? { dependencies: Object.fromEntries(p.deps.map((d) => [d, '*'])) } : {}) };
    mkdirSync(join(dir, path), { recursive: true });
    writeFileSync(join(dir, path, 'package.json'), JSON.stringify({ name: path.split('node_modules/').pop(), version: p.version, main: 'index.js' }));
  }
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify(lock));
  return dir;
}

test('comparePackages: kept, changed, added, removed; a kept package whose dependency npm moved is rebound', () => {
  // The shape of express 4.19.2 -> 4.20.0: encodeurl hoisted at 2.x, the 1.x copies nested.
  const before = install({
    'node_modules/express': { version: '4.19.2', deps: ['encodeurl', 'send', 'finalhandler'] },
    'node_modules/encodeurl': { version: '1.0.2' },
    'node_modules/send': { version: '0.18.0', deps: ['encodeurl'] },
    'node_modules/finalhandler': { version: '1.2.0', deps: ['encodeurl'] },
    'node_modules/ms': { version: '2.0.0' },
    'node_modules/old-only': { version: '1.0.0' },
  });
  const after = install({
    'node_modules/express': { version: '4.20.0', deps: ['encodeurl', 'send', 'finalhandler'] },
    'node_modules/encodeurl': { version: '2.0.0' },
    'node_modules/send': { version: '0.19.0', deps: ['encodeurl'] },
    'node_modules/send/node_modules/encodeurl': { version: '1.0.2' },
    'node_modules/finalhandler': { version: '1.2.0', deps: ['encodeurl'] },
    'node_modules/finalhandler/node_modules/encodeurl': { version: '1.0.2' },
    'node_modules/ms': { version: '2.0.0' },
  });
  const cmp = comparePackages(readInstall(before), readInstall(after));
  const status = Object.fromEntries(Object.entries(cmp.next).map(([p, v]) => [p, v.status]));
  assert.deepEqual(status, {
    'node_modules/express': 'changed', 'node_modules/encodeurl': 'changed', 'node_modules/send': 'changed',
    'node_modules/send/node_modules/encodeurl': 'added', 'node_modules/finalhandler': 'rebound',
    'node_modules/finalhandler/node_modules/encodeurl': 'added', 'node_modules/ms': 'kept',
  });
  assert.deepEqual(cmp.removed, ['node_modules/old-only']);
  assert.match(cmp.rebound['node_modules/finalhandler'], /'encodeurl' was node_modules\/encodeurl and is node_modules\/finalhandler\/node_modules\/encodeurl/);
  // What the new version's require('express/package.json') returns: the new release's.
  assert.equal(cmp.next['node_modules/express'].manifest.version, '4.20.0');
  assert.equal(cmp.next['node_modules/ms'].manifest, undefined);
});

test('readInstall: without a lockfile, the package.json files under node_modules; null without either', () => {
  const dir = mkdtempSync(join(tmpdir(), 'restack-install-'));
  assert.equal(readInstall(dir), null);
  for (const [path, version] of [['node_modules/a', '1.0.0'], ['node_modules/@s/b', '2.0.0'], ['node_modules/a/node_modules/c', '3.0.0']]) {
    mkdirSync(join(dir, path), { recursive: true });
    writeFileSync(join(dir, path, 'package.json'), JSON.stringify({ name: path.split('node_modules/').pop(), version, dependencies: { x: '*' } }));
  }
  const got = readInstall(dir);
  assert.deepEqual([...got.packages.keys()].sort(), ['node_modules/@s/b', 'node_modules/a', 'node_modules/a/node_modules/c']);
  assert.equal(got.packages.get('node_modules/@s/b').version, '2.0.0');
  assert.deepEqual(got.packages.get('node_modules/a').deps, ['x']);
});
