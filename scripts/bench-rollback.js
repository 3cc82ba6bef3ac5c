#!/usr/bin/env node
/**
 * What rollback safety costs (decision 0004): samples/kvstore's store with 100,000 keys, updated
 * v1 -> v2 -> v1 ... in one process (the committed mappings: each converts every key's value, v1's
 * string to v2's { value, expiresAt } and back, into new Maps), with the update's journal on (the
 * default) and off (RESTACK_JOURNAL=off: transformers get the old objects themselves), alternating
 * update by update in the same run. Reported: the median pause and its map+transform part per
 * direction, and on/off as ratios.
 *
 * Also the worst case for the journal: a transformer that converts the 100,000 entries *in place*
 * (the old Map itself) and then throws: the pause of that rollback (the Map's snapshot at its first
 * change and its restore), and a check that every key is back as it was.
 *
 *   node scripts/bench-rollback.js [--rounds 8] [--keys 100000] [--json] [--docs]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, writeDocsSection } from './bench-common.js';
import { prepare, restack, sample } from '../samples/kvstore/live.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const arg = (name, d) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : d);
const ROUNDS = arg('--rounds', 8);
const KEYS = arg('--keys', 100_000);

const out = join(root, '.restack-out', 'bench-rollback');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
prepare(out, { patches: ['v1-v2', 'v2-v1'] });
// v1 -> v2 converting dbs[0] in place, then throwing: the journal's worst case.
const inPlace = join(out, 'in-place');
mkdirSync(inPlace, { recursive: true });
const mapping = readFileSync(join(sample, 'patches', 'v1-v2', 'mapping.ts'), 'utf8');
const marker = "    'store.ts'(old: ModuleState<'DATABASES' | 'dbs'>, next: ModuleState<'DATABASES' | 'dbs' | 'expiryCursors'>): void {\n";
if (!mapping.includes(marker)) throw new Error('samples/kvstore/patches/v1-v2/mapping.ts: the store.ts transformer moved; update this script');
writeFileSync(join(inPlace, 'mapping.ts'), mapping.replace(marker, `${marker}      for (const db of old.dbs as Array<Map<string, unknown>>) for (const [k, v] of db) db.set(k, { value: v, expiresAt: 0 });\n      throw new Error('converted in place, then failed');\n`));
restack(['patch', join(sample, 'v1'), join(sample, 'v2'), '-o', inPlace, '--keep-mapping']);
restack(['check', inPlace]);

const driver = join(out, 'driver.mjs');
writeFileSync(driver, `
import { requestUpdateTo } from ${JSON.stringify(join(root, 'dist/runtime/index.js'))};
const store = await import(${JSON.stringify(join(out, 'v1', 'store.js'))});
await import(${JSON.stringify(join(out, 'v1', 'stats.js'))});
for (let i = 0; i < ${KEYS}; i++) store.dbs[0].set('key:' + i, 'v' + i);
const update = (dir, label) => new Promise((resolve) => requestUpdateTo(dir, { label, timeoutMs: 60000 }, resolve));
const rows = [];
for (let round = 0; round < ${ROUNDS}; round++) {
  for (const journal of round % 2 ? ['off', 'on'] : ['on', 'off']) {
    process.env.RESTACK_JOURNAL = journal;
    for (const [dir, label] of [[${JSON.stringify(join(out, 'v1-v2'))}, 'v2'], [${JSON.stringify(join(out, 'v2-v1'))}, 'v1']]) {
      const r = await update(dir, label);
      if (!r.applied) throw new Error('update failed: ' + r.reason);
      rows.push({ journal, to: label, pauseMs: r.timings.pauseMs, mapMs: r.timings.mapMs });
    }
  }
}
process.env.RESTACK_JOURNAL = 'on';
// In place, then a throw: the rollback puts the 100,000 entries back.
const db = (await import(${JSON.stringify(join(out, 'v1', 'store.js'))})).dbs[0];
const failed = [];
for (let round = 0; round < ${ROUNDS}; round++) {
  const before = db.get('key:7');
  const r = await update(${JSON.stringify(inPlace)}, 'v2');
  if (r.applied || !/converted in place/.test(r.reason)) throw new Error('expected the in-place update to roll back: ' + r.reason);
  const intact = db.size === ${KEYS} && db.get('key:7') === before && typeof db.get('key:${KEYS - 1}') === 'string';
  failed.push({ pauseMs: r.timings.pauseMs, mapMs: r.timings.mapMs, objects: r.undone?.objects, intact });
}
console.log(JSON.stringify({ rows, failed }));
`);
const r = spawnSync(process.execPath, ['--stack-size=4000', driver], { encoding: 'utf8', maxBuffer: 64 << 20 });
if (r.status !== 0) throw new Error(r.stdout + r.stderr);
const { rows, failed } = JSON.parse(r.stdout.trim().split('\n').pop());

const pick = (journal, to, key) => median(rows.filter((x) => x.journal === journal && x.to === to).map((x) => x[key]));
const table = ['| update | pause, journal on | pause, off | on / off | map+transform on | off |', '|---|---|---|---|---|---|'];
const result = { keys: KEYS, rounds: ROUNDS, directions: {} };
for (const [to, name] of [['v2', 'v1 -> v2 (strings to entries)'], ['v1', 'v2 -> v1 (entries to strings)']]) {
  const on = pick('on', to, 'pauseMs');
  const off = pick('off', to, 'pauseMs');
  const mon = pick('on', to, 'mapMs');
  const moff = pick('off', to, 'mapMs');
  result.directions[to] = { pauseOnMs: on, pauseOffMs: off, ratio: on / off, mapOnMs: mon, mapOffMs: moff };
  table.push(`| ${name} | ${on.toFixed(1)} ms | ${off.toFixed(1)} ms | ${(on / off).toFixed(3)}x | ${mon.toFixed(1)} ms | ${moff.toFixed(1)} ms |`);
}
result.inPlaceRollback = { pauseMs: median(failed.map((f) => f.pauseMs)), objects: failed[0].objects, intact: failed.every((f) => f.intact) };
if (!result.inPlaceRollback.intact) throw new Error('the in-place rollback did not put every key back');
const body = [
  `${KEYS.toLocaleString('en-US')} keys, ${ROUNDS} rounds, journal on and off alternating update by update; medians:`,
  '',
  ...table,
  '',
  `In-place conversion of the ${KEYS.toLocaleString('en-US')} entries, then a throw: rollback pause ${result.inPlaceRollback.pauseMs.toFixed(1)} ms (median), ${result.inPlaceRollback.objects} old object(s) put back, every key intact after each of ${ROUNDS} rollbacks.`,
  '',
  `Measured by \`node scripts/bench-rollback.js${argv.filter((a) => a !== '--docs' && a !== '--json').map((a) => ` ${a}`).join('')}\` (${new Date().toISOString().slice(0, 10)}, Node ${process.version}).`,
].join('\n');
if (argv.includes('--json')) console.log(JSON.stringify(result, null, 2));
else console.log(body);
if (argv.includes('--docs')) writeDocsSection(join(root, 'docs', 'benchmarks.md'), 'rollback', 'Rollback safety: what the journal costs', body);
