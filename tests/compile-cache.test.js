// The compile cache (cli/compileCache.ts): a package module compiled once is taken from the cache
// the next time, with the same output byte for byte; a changed module, another policy or a
// damaged entry is compiled again; `--no-cache` compiles everything; a program's own files are
// never taken from it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { compileTree } from '../dist/cli/compileTree.js';
import { cli, run, runCompiled } from './helpers/run.js';

const dir = mkdtempSync(join(tmpdir(), 'restack-cache-'));
const cache = join(dir, 'cache');

function write(name, text) {
  const p = join(dir, name);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, typeof text === 'string' ? text : JSON.stringify(text));
}

write('app/package.json', { name: 'app', version: '1.0.0', main: 'main.js', dependencies: { sums: '1.0.0' } });
write('app/node_modules/sums/package.json', { name: 'sums', version: '1.0.0', main: 'index.js' });
write('app/node_modules/sums/index.js', "const { square } = require('./square');\nexports.sum = (n) => { let s = 0; for (let i = 1; i <= n; i++) s += square(i); return s; };\n");
write('app/node_modules/sums/square.js', 'exports.square = (x) => { let r = 0; for (let i = 0; i < x; i++) r += x; return r; };\n');
write('app/main.js', "const { sum } = require('sums');\nfor (let k = 1; k <= 3; k++) console.log(k, sum(k * 10));\n");

/** Every file under d, by relative path, with its content. */
function tree(d) {
  const out = {};
  const walk = (p) => {
    for (const name of readdirSync(p)) {
      const f = join(p, name);
      if (statSync(f).isDirectory()) walk(f);
      else out[relative(d, f)] = readFileSync(f, 'utf8');
    }
  };
  walk(d);
  return out;
}

const compileApp = (out, opts = {}) => compileTree([join(dir, 'app')], join(dir, out), { updatePoints: 'loops', dependencies: ['sums'], cache, ...opts });

test('a package compiled once comes from the cache, the same output byte for byte, and runs the same', async () => {
  const first = compileApp('out1');
  assert.deepEqual(first.cache, { dir: cache, hits: 0, misses: 2 });
  const second = compileApp('out2');
  assert.deepEqual(second.cache, { dir: cache, hits: 2, misses: 0 });
  assert.deepEqual(tree(join(dir, 'out2')), tree(join(dir, 'out1')));
  const a = await runCompiled(join(dir, 'out2', 'main.js'), ['--no-control', '--storm', '1']);
  assert.equal(a.code, 0, a.stderr);
  assert.equal(a.stdout, '1 385\n2 2870\n3 9455\n');
});

test('a changed module, another policy, a damaged entry or no cache: compiled again', () => {
  compileApp('out3');
  write('app/node_modules/sums/square.js', 'exports.square = (x) => { let r = 0; for (let i = 0; i < x; i++) r += x; return r + 0; };\n');
  assert.deepEqual(compileApp('out4').cache, { dir: cache, hits: 1, misses: 1 });
  assert.deepEqual(compileApp('out5', { updatePoints: 'all' }).cache, { dir: cache, hits: 0, misses: 2 });
  for (const sub of readdirSync(cache)) {
    for (const f of readdirSync(join(cache, sub))) writeFileSync(join(cache, sub, f), '{"code": 1');
  }
  const damaged = compileApp('out6');
  assert.deepEqual(damaged.cache, { dir: cache, hits: 0, misses: 2 });
  assert.deepEqual(tree(join(dir, 'out6')), tree(join(dir, 'out4')));
  assert.equal(compileApp('out7', { cache: false }).cache, undefined);
});

test('restack compile says what came from the cache; --no-cache compiles everything', async () => {
  // The CLI's children inherit this process's environment.
  process.env.RESTACK_CACHE_DIR = join(dir, 'cli-cache');
  const args = ['compile', join(dir, 'app'), '--deps', 'sums', '-o'];
  const one = await run(process.execPath, [cli, ...args, join(dir, 'cli1')]);
  assert.equal(one.code, 0, one.stderr);
  assert.doesNotMatch(one.stdout, /from the cache/);
  const two = await run(process.execPath, [cli, ...args, join(dir, 'cli2')]);
  assert.match(two.stdout, /; 2 module\(s\) unchanged since an earlier compile, from the cache/);
  const three = await run(process.execPath, [cli, ...args, join(dir, 'cli3'), '--no-cache']);
  assert.doesNotMatch(three.stdout, /from the cache/);
});
