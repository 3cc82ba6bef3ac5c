#!/usr/bin/env node
/**
 * How deep a recursion gets before RangeError, natively and compiled (both update-point
 * policies), at V8's default stack size and under `restack run` (which gives the program a 4 MB
 * stack, cli/restack.ts). Three recursions: a plain one, one with locals and a loop, a method
 * called on `this`. Prints the depths and each compiled frame's size relative to the original's
 * (native depth / compiled depth at the same stack size). Run `npm run build` first.
 *
 *   node scripts/stack-depth.js [--json]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { compileTree } = await import(join(root, 'dist/cli/compileTree.js'));
const cli = join(root, 'bin/restack.js');

const PROGRAM = `
function plain(n) { return n === 0 ? 0 : 1 + plain(n - 1); }
function busy(n, acc) {
  let s = 0;
  for (let i = 0; i < 2; i++) s += i;
  const o = { n, s };
  return n === 0 ? acc : busy(n - 1, acc + o.s);
}
const obj = { walk(n) { return n === 0 ? 0 : this.walk(n - 1) + 1; } };
function deepest(f) {
  let lo = 0, hi = 1 << 22;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    try { f(mid); lo = mid; } catch (e) { if (!(e instanceof RangeError)) throw e; hi = mid - 1; }
  }
  return lo;
}
console.log(JSON.stringify({ plain: deepest((n) => plain(n)), busy: deepest((n) => busy(n, 0)), method: deepest((n) => obj.walk(n)) }));
`;

const dir = mkdtempSync(join(tmpdir(), 'restack-depth-'));
const src = join(dir, 'depth.js');
writeFileSync(src, PROGRAM);

function depths(args) {
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

// V8's default stack (984 KB on 64-bit Linux): given explicitly, `restack run` keeps it.
const DEFAULT_KB = 984;
const rows = { native: depths([src]), 'native, 4 MB stack': depths([`--stack-size=4000`, src]) };
for (const policy of ['loops', 'all']) {
  const out = join(dir, policy);
  compileTree([src], out, { updatePoints: policy });
  rows[`${policy}, default stack`] = depths([`--stack-size=${DEFAULT_KB}`, cli, 'run', join(out, 'depth.js')]);
  rows[`${policy}, restack run`] = depths([cli, 'run', join(out, 'depth.js')]);
}
const factors = {};
for (const policy of ['loops', 'all']) {
  const c = rows[`${policy}, default stack`];
  factors[policy] = Object.fromEntries(Object.keys(c).map((k) => [k, +(rows.native[k] / c[k]).toFixed(2)]));
}
if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ rows, factors }));
} else {
  for (const [name, d] of Object.entries(rows)) console.log(`${name.padEnd(22)} plain ${String(d.plain).padStart(6)}  busy ${String(d.busy).padStart(6)}  method ${String(d.method).padStart(6)}`);
  for (const [policy, f] of Object.entries(factors)) console.log(`frame size, compiled (${policy}) / native: plain ${f.plain}x, busy ${f.busy}x, method ${f.method}x`);
}
