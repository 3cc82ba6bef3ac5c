// Compiling a program's npm dependencies (decision 0013): `restack compile --deps` (or package.json's
// `restack.dependencies`) places every production package of the install under <out>/node_modules
// at its path in the install, compiles those chosen (every installed copy of a name), copies the
// rest, leaves out development packages, reports native addons and files that do not compile,
// and the output runs from anywhere with frames inside the dependencies capturable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, root, run, runCompiled } from './helpers/run.js';

const dir = mkdtempSync(join(tmpdir(), 'restack-deps-'));
const restack = (args) => run(process.execPath, [cli, ...args]);
const installed = join(root, 'node_modules');

/** Writes a file under the test directory, making its directories. */
function write(name, text) {
  const p = join(dir, name);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, typeof text === 'string' ? text : JSON.stringify(text, null, 2));
  return p;
}

/**
 * A program whose node_modules holds real packages (debug, which needs ms), a package with its
 * own nested copy of ms, a loop the program calls into, a native addon, a package with a file
 * that does not parse, and a development-only package.
 */
function makeApp(name, { lockfile, restackConfig }) {
  const app = join(dir, name);
  cpSync(join(installed, 'debug'), join(app, 'node_modules/debug'), { recursive: true });
  cpSync(join(installed, 'ms'), join(app, 'node_modules/ms'), { recursive: true });
  cpSync(join(installed, 'ms'), join(app, 'node_modules/wrap/node_modules/ms'), { recursive: true });
  write(`${name}/node_modules/wrap/package.json`, { name: 'wrap', version: '1.0.0', main: 'index.js', dependencies: { ms: '2.1.3' } });
  write(`${name}/node_modules/wrap/index.js`, "const ms = require('ms');\nexports.twice = (s) => ms(s) * 2;\n");
  write(`${name}/node_modules/loop/package.json`, { name: 'loop', version: '1.0.0', main: 'index.js' });
  write(`${name}/node_modules/loop/index.js`, [
    '// Calls back into the program from inside a loop: the dependency frame is under the callback.',
    'exports.sum = function sum(n, f) {',
    '  let total = 0;',
    '  for (let i = 1; i <= n; i++) total += f(i);',
    '  return total;',
    '};',
  ].join('\n'));
  // A bundle Node never loads, too large to compile in a dependency.
  write(`${name}/node_modules/loop/dist/bundle.js`, `exports.data = ${JSON.stringify('x'.repeat(270_000))};\n`);
  write(`${name}/node_modules/native/package.json`, { name: 'native', version: '1.0.0', main: 'index.js', gypfile: true });
  write(`${name}/node_modules/native/binding.gyp`, '{ "targets": [] }\n');
  write(`${name}/node_modules/native/index.js`, 'exports.kind = "native";\n');
  write(`${name}/node_modules/broken/package.json`, { name: 'broken', version: '1.0.0', main: 'index.js' });
  write(`${name}/node_modules/broken/index.js`, 'exports.ok = function ok() { return "ok"; };\n');
  write(`${name}/node_modules/broken/legacy.js`, 'function f() {\n  return 08.5 +;\n}\n');
  write(`${name}/node_modules/@types/thing/package.json`, { name: '@types/thing', version: '1.0.0', types: 'index.d.ts' });
  write(`${name}/node_modules/@types/thing/index.d.ts`, 'export declare const thing: number;\n');
  write(`${name}/node_modules/devtool/package.json`, { name: 'devtool', version: '1.0.0', main: 'index.js' });
  write(`${name}/node_modules/devtool/index.js`, 'exports.dev = true;\n');
  const deps = { debug: '4.4.3', wrap: '1.0.0', loop: '1.0.0', native: '1.0.0', broken: '1.0.0', '@types/thing': '1.0.0' };
  write(`${name}/package.json`, { name, version: '1.0.0', main: 'main.js', dependencies: deps, devDependencies: { devtool: '1.0.0' }, ...(restackConfig ? { restack: restackConfig } : {}) });
  write(`${name}/main.js`, [
    "const { sum } = require('loop');",
    "const ms = require('ms');",
    "const { twice } = require('wrap');",
    "const debug = require('debug');",
    "const { kind } = require('native');",
    "const { ok } = require('broken');",
    'const square = (i) => i * i;',
    'const runtime = globalThis[Symbol.for("restack." + "runtime")];',
    'const ids = runtime ? [...runtime.current.keys()].filter((id) => id.startsWith("node_modules/")).sort() : [];',
    "console.log(sum(300, square), ms('2s'), twice('1s'), typeof debug('x'), kind, ok());",
    'console.log(ids.join(" "));',
  ].join('\n'));
  if (lockfile) {
    const entry = (version, extra = {}) => ({ version, resolved: `https://registry.npmjs.org/x/-/x-${version}.tgz`, ...extra });
    write(`${name}/package-lock.json`, {
      name, version: '1.0.0', lockfileVersion: 3, requires: true,
      packages: {
        '': { name, version: '1.0.0', dependencies: deps, devDependencies: { devtool: '1.0.0' } },
        'node_modules/debug': entry('4.4.3', { dependencies: { ms: '^2.1.3' } }),
        'node_modules/ms': entry('2.1.3'),
        'node_modules/wrap': entry('1.0.0', { dependencies: { ms: '2.1.3' } }),
        'node_modules/wrap/node_modules/ms': entry('2.1.3'),
        'node_modules/loop': entry('1.0.0'),
        'node_modules/native': entry('1.0.0', { hasInstallScript: true }),
        'node_modules/broken': entry('1.0.0'),
        'node_modules/@types/thing': entry('1.0.0'),
        'node_modules/devtool': entry('1.0.0', { dev: true }),
        'node_modules/devopt': entry('1.0.0', { devOptional: true }),
        // Another platform's optional build: in the lockfile, not installed, not a problem.
        'node_modules/fsevents': entry('2.3.3', { optional: true, os: ['darwin'] }),
      },
    });
  }
  return app;
}

const compiled = (out, rel) => existsSync(join(out, rel)) && existsSync(join(out, `${rel}.map`)) && existsSync(join(out, `${rel}.restack.json`));
const copiedOnly = (out, rel) => existsSync(join(out, rel)) && !existsSync(join(out, `${rel}.restack.json`));

test('--deps prod with a lockfile: production packages compiled at their install paths, natives and bad files reported, dev packages left out', async () => {
  const app = makeApp('app', { lockfile: true });
  const out = join(app, 'build');
  const r = await restack(['compile', app, '-o', out, '--deps', 'prod']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /restack: dependencies \(--deps, production packages from package-lock\.json\): compiled 6 package\(s\) \(\d+ module\(s\)\) in \d+\.\d s, copied 2 package\(s\) as they are/);
  assert.match(r.stdout, /skipped: node_modules\/native: a native addon \(binding\.gyp\): copied as it is/);
  assert.match(r.stdout, /skipped: node_modules\/broken\/legacy\.js: does not compile, copied as it is: node_modules\/broken\/legacy\.js:2:\d+: /);
  assert.match(r.stdout, /skipped: node_modules\/loop\/dist\/bundle\.js: 264 KB, larger than the 256 KB compiled in a dependency: copied as it is/);
  assert.doesNotMatch(r.stdout, /fsevents|devopt|dependencies \(node_modules\) are not compiled/, 'optional entries not installed are no problem');

  for (const rel of ['node_modules/ms/index.js', 'node_modules/wrap/node_modules/ms/index.js', 'node_modules/debug/src/node.js', 'node_modules/loop/index.js', 'node_modules/broken/index.js']) {
    assert.ok(compiled(out, rel), `${rel} compiled, with its .map and .restack.json`);
  }
  const meta = JSON.parse(readFileSync(join(out, 'node_modules/wrap/node_modules/ms/index.js.restack.json'), 'utf8'));
  assert.equal(meta.module, 'node_modules/wrap/node_modules/ms/index.js', 'module ids are relative to the output directory');
  assert.ok(copiedOnly(out, 'node_modules/native/index.js') && existsSync(join(out, 'node_modules/native/binding.gyp')));
  assert.ok(copiedOnly(out, 'node_modules/loop/dist/bundle.js'));
  assert.equal(readFileSync(join(out, 'node_modules/broken/legacy.js'), 'utf8'), readFileSync(join(app, 'node_modules/broken/legacy.js'), 'utf8'));
  for (const rel of ['node_modules/debug/package.json', 'node_modules/debug/README.md', 'node_modules/ms/license.md', 'node_modules/@types/thing/index.d.ts', 'package-lock.json']) {
    assert.equal(readFileSync(join(out, rel), 'utf8'), readFileSync(join(app, rel), 'utf8'), `${rel} copied as it is`);
  }
  assert.ok(!existsSync(join(out, 'node_modules/devtool')), 'a development package is not in the output');
  assert.ok(!existsSync(join(out, 'node_modules/fsevents')));

  // Moved away from the project: the program resolves every package to its copy in the output.
  const moved = join(mkdtempSync(join(tmpdir(), 'restack-deps-moved-')), 'build');
  renameSync(out, moved);
  const expected = `${300 * 301 * 601 / 6} 2000 2000 function native ok\n` +
    'node_modules/broken/index.js node_modules/debug/src/common.js node_modules/debug/src/index.js node_modules/debug/src/node.js ' +
    'node_modules/loop/index.js node_modules/ms/index.js node_modules/wrap/index.js node_modules/wrap/node_modules/ms/index.js\n';
  const plain = await runCompiled(join(moved, 'main.js'), ['--no-control']);
  assert.equal(plain.stdout, expected, plain.stderr);
  // The program has no loop of its own: every identity update is taken inside the dependency,
  // with its frame and the program's callback on the stack, captured and rebuilt.
  const storm = await runCompiled(join(moved, 'main.js'), ['--no-control', '--storm', '1', '--report']);
  assert.equal(storm.stdout, expected, storm.stderr);
  const report = /restack: (\d+) identity updates .*, (\d+) frames unwound and rebuilt, deepest stack (\d+)/.exec(storm.stderr);
  assert.ok(report, storm.stderr);
  assert.ok(Number(report[1]) >= 300, `updates inside the dependency's loop: ${storm.stderr}`);
  assert.ok(Number(report[3]) >= 2, `the dependency's frame under the program's: ${storm.stderr}`);
});

test('by name, without a lockfile: every installed copy of the name compiled, the other production packages copied, the flag over package.json', async () => {
  const app = makeApp('named', { lockfile: false, restackConfig: { dependencies: ['ms'] } });
  const out = join(dir, 'named-out');
  const r = await restack(['compile', app, '-o', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`dependencies \\(${join(app, 'package.json').replace(/[.\\/]/g, '\\$&')}, production packages from package\\.json\\): compiled 2 package\\(s\\) \\(2 module\\(s\\)\\) in \\d+\\.\\d s, copied 6 package\\(s\\)`));
  assert.doesNotMatch(r.stdout, /native addon/, 'a native package not chosen is copied without a word');
  assert.ok(compiled(out, 'node_modules/ms/index.js') && compiled(out, 'node_modules/wrap/node_modules/ms/index.js'));
  for (const rel of ['node_modules/debug/src/node.js', 'node_modules/loop/index.js', 'node_modules/wrap/index.js', 'node_modules/broken/legacy.js']) assert.ok(copiedOnly(out, rel), rel);
  assert.ok(!existsSync(join(out, 'node_modules/devtool')), 'not reachable from dependencies: not in the output');
  assert.ok(!existsSync(join(out, 'package-lock.json')));
  const ran = await runCompiled(join(out, 'main.js'), ['--no-control']);
  assert.equal(ran.stdout, `${300 * 301 * 601 / 6} 2000 2000 function native ok\nnode_modules/ms/index.js node_modules/wrap/node_modules/ms/index.js\n`, ran.stderr);

  const flagged = join(dir, 'named-flag');
  const f = await restack(['compile', app, '-o', flagged, '--deps', 'loop,debug']);
  assert.equal(f.code, 0, f.stderr);
  assert.ok(compiled(flagged, 'node_modules/loop/index.js') && compiled(flagged, 'node_modules/debug/src/index.js'));
  assert.ok(copiedOnly(flagged, 'node_modules/ms/index.js'), '--deps wins over package.json');
});

test('names not installed as production packages are errors naming them; a bad config entry says what it expects', async () => {
  const app = makeApp('errors', { lockfile: true });
  const missing = await restack(['compile', app, '-o', join(dir, 'errors-out'), '--deps', 'ms,nosuch,devtool']);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /^restack: --deps: cannot compile nosuch \(not installed in .*node_modules\), devtool \(a development dependency only: only production packages are in the output\); /);
  assert.ok(!existsSync(join(dir, 'errors-out')), 'nothing written');
  const both = await restack(['compile', app, '-o', join(dir, 'errors-out'), '--deps', 'prod,ms']);
  assert.equal(both.code, 1);
  assert.match(both.stderr, /^restack: --deps prod,ms: "prod" already means every production dependency; give it alone, or give names\n/);
  const files = await restack(['compile', join(app, 'main.js'), '-o', join(dir, 'errors-out'), '--deps', 'ms']);
  assert.equal(files.code, 1);
  assert.match(files.stderr, /--deps needs the program as one directory with its package\.json/);
  const pkg = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8'));
  write('errors/package.json', { ...pkg, restack: { dependencies: 'all' } });
  const bad = await restack(['compile', app, '-o', join(dir, 'errors-out')]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /package\.json: "restack": \{ "dependencies": \.\.\. \} must be "prod" \(every production dependency\) or a list of package names, as \["express"\]; got "all"/);
});

test('a TypeScript project: node_modules next to tsconfig.json lands under the outDir', async () => {
  const app = makeApp('tsapp', { lockfile: true, restackConfig: { dependencies: ['loop'] } });
  write('tsapp/tsconfig.json', { compilerOptions: { rootDir: 'src', outDir: 'dist', module: 'nodenext' }, include: ['src'] });
  write('tsapp/src/main.ts', [
    "const loop = require('loop');",
    'const runtime = (globalThis as any)[Symbol.for("restack." + "runtime")];',
    'console.log(loop.sum(10, (i: number) => i), [...runtime.current.keys()].join(" "));',
  ].join('\n'));
  const r = await restack(['compile', app]);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(compiled(join(app, 'dist'), 'node_modules/loop/index.js'));
  assert.ok(existsSync(join(app, 'dist/package-lock.json')));
  const ran = await runCompiled(join(app, 'dist/main.js'), ['--no-control']);
  assert.equal(ran.stdout, '55 main.ts node_modules/loop/index.js\n', ran.stderr);
});
