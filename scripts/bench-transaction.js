#!/usr/bin/env node
/**
 * What the update's transaction (decision 0004) costs on its own, per update, in this process:
 * one deadline watchdog (a vm script with a timeout), and the recording window of the new
 * version's effects (the builtins' snapshot, the async hook, the emitter wrappers) opened, closed
 * and committed or abandoned. Medians of 20 batches of 100, after a warm-up.
 *
 *   node scripts/bench-transaction.js
 */
import { fileURLToPath } from 'node:url';
import { median } from './bench-common.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const { withDeadline } = await import(`${root}dist/runtime/update/deadline.js`);
const { Transaction } = await import(`${root}dist/runtime/update/transaction.js`);

function perCallMs(f) {
  for (let i = 0; i < 200; i++) f();
  const batches = [];
  for (let b = 0; b < 20; b++) {
    const t = performance.now();
    for (let i = 0; i < 100; i++) f();
    batches.push((performance.now() - t) / 100);
  }
  return median(batches);
}

const rows = [
  ['deadline watchdog (withDeadline)', perCallMs(() => withDeadline(1000, () => 1))],
  ['recording window, committed', perCallMs(() => { const tx = new Transaction(Date.now() + 1000); tx.enter(); tx.leave(); tx.commit(); })],
  ['recording window, abandoned', perCallMs(() => { const tx = new Transaction(Date.now() + 1000); tx.enter(); tx.leave(); tx.abandon(); })],
];
for (const [name, ms] of rows) console.log(`${name}: ${ms.toFixed(3)} ms`);
