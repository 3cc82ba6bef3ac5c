#!/usr/bin/env node
/**
 * What instance transformers cost (mapping.ts `instances`, runtime/update/instances.ts): a program
 * holding N instances of a class whose v2 constructor adds a field and replaces another with an
 * object, updated v1 -> v2 with a transformer that sets both on every old instance. Reported per N,
 * the median over rounds (a process each) of: the time to find the instances (the inspector's
 * Runtime.queryObjects: a full garbage collection and a heap walk), the time to transform them
 * (through the update's journal: a proxy and a snapshot per instance), and the update's pause.
 *
 *   node scripts/bench-instances.js [--rounds 5] [--sizes 10000,100000]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'bin/restack.js');
const argv = process.argv.slice(2);
const opt = (name, d) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : d);
const ROUNDS = Number(opt('--rounds', 5));
const SIZES = opt('--sizes', '10000,100000').split(',').map(Number);

const out = join(root, '.restack-out', 'bench-instances');
rmSync(out, { recursive: true, force: true });
const restack = (...args) => {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`restack ${args.join(' ')}: ${r.stdout}${r.stderr}`);
};
const source = (v) => `export class Conn {
  constructor(id) {
    this.id = id;${v === 'v2' ? '\n    this.maxLevels = 128;' : ''}
    this.timer = ${v === 'v2' ? '{ due: 0, owner: this }' : '0'};
  }
}
export const conns = [];
export function open(n) { for (let i = 0; i < n; i++) conns.push(new Conn(i)); }
`;
for (const v of ['v1', 'v2']) {
  mkdirSync(join(out, v), { recursive: true });
  writeFileSync(join(out, v, 'package.json'), '{"type":"module"}');
  writeFileSync(join(out, v, 'main.js'), source(v));
}
restack('compile', join(out, 'v1'), '-o', join(out, 'c1'), '--quiet');
restack('patch', join(out, 'v1'), join(out, 'v2'), '-o', join(out, 'p'));
const mapping = join(out, 'p', 'mapping.ts');
writeFileSync(mapping, readFileSync(mapping, 'utf8').replace("'main.js#Conn': 'TODO',", "'main.js#Conn': (self) => { self.maxLevels = 128; self.timer = { due: 0, owner: self }; },"));
restack('check', join(out, 'p'));

const driver = join(out, 'driver.mjs');
writeFileSync(driver, `
import { requestUpdateTo } from ${JSON.stringify(join(root, 'dist/runtime/index.js'))};
const m = await import(${JSON.stringify(join(out, 'c1', 'main.js'))});
m.open(Number(process.argv[2]));
const r = await new Promise((resolve) => requestUpdateTo(${JSON.stringify(join(out, 'p'))}, { label: 'v2' }, resolve));
if (!r.applied || m.conns.some((c) => c.maxLevels !== 128 || c.timer.owner !== c)) throw new Error('not applied: ' + r.reason);
console.log(JSON.stringify({ ...r.instances[0], pauseMs: r.timings.pauseMs, heapMB: process.memoryUsage().heapUsed / 1e6 }));
`);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`instances   find (ms)   transform (ms)   pause (ms)   heap (MB)   median of ${ROUNDS} runs, node ${process.version}`);
for (const n of SIZES) {
  const runs = [];
  for (let i = 0; i < ROUNDS; i++) {
    const r = spawnSync(process.execPath, [driver, String(n)], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    runs.push(JSON.parse(r.stdout.trim().split('\n').pop()));
  }
  if (runs.some((r) => r.transformed !== n)) throw new Error(`expected ${n} instances transformed: ${JSON.stringify(runs)}`);
  const col = (k) => median(runs.map((r) => r[k])).toFixed(1);
  console.log(`${String(n).padStart(9)}   ${col('findMs').padStart(9)}   ${col('transformMs').padStart(14)}   ${col('pauseMs').padStart(10)}   ${col('heapMB').padStart(9)}`);
}
