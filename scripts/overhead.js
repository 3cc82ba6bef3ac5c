// Normal-mode overhead of compiled code: each program of a directory (default: the exec corpus)
// is run in this process natively (A) and compiled (B), interleaved A B A B ..., console output
// silenced, and the median times compared.
// Usage: node --stack-size=4000 scripts/overhead.js [--dir bench/kernels] [--runs N] [--filter text]
// Programs that finish in under a millisecond natively are reported but left out of the mean.
// Corpus programs run for a few milliseconds, where JIT warm-up and GC dominate: use bench/kernels
// for meaningful ratios.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compileTree } from '../dist/cli/compileTree.js';
import '../dist/runtime/index.js';
import '../dist/runtime/shim.js';

const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const runs = Number(opt('--runs', 7));
const filter = opt('--filter', '');
const corpus = new URL(`../${opt('--dir', 'tests/exec/corpus')}/`, import.meta.url);
const out = mkdtempSync(join(tmpdir(), 'restack-overhead-'));
const files = readdirSync(corpus).filter((f) => f.endsWith('.js') && f.includes(filter)).sort();
compileTree([corpus.pathname], out, { updatePoints: 'loops' });

let seq = 0;
const realLog = console.log;
async function time(url) {
  console.log = () => {};
  const t0 = performance.now();
  try {
    await import(`${url}?run=${seq++}`);
  } finally {
    console.log = realLog;
  }
  return performance.now() - t0;
}
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; };

const rows = [];
for (const f of files) {
  const a = pathToFileURL(join(corpus.pathname, f)).href;
  const b = pathToFileURL(join(out, f)).href;
  const ta = [], tb = [];
  try {
    await time(a); await time(b);
    for (let i = 0; i < runs; i++) { ta.push(await time(a)); tb.push(await time(b)); }
  } catch (e) {
    realLog(`${f}: skipped (${e.message.split('\n')[0]})`);
    continue;
  }
  rows.push({ f, a: median(ta), b: median(tb), ratio: median(tb) / median(ta) });
}
const counted = rows.filter((r) => r.a >= 1);
const geo = Math.exp(counted.reduce((s, r) => s + Math.log(r.ratio), 0) / counted.length);
rows.sort((x, y) => y.ratio - x.ratio);
realLog('program'.padEnd(40), 'native ms', 'compiled ms', 'ratio');
for (const r of rows) realLog(r.f.padEnd(40), r.a.toFixed(2).padStart(9), r.b.toFixed(2).padStart(11), r.ratio.toFixed(2).padStart(5), r.a < 1 ? '(< 1 ms, not in mean)' : '');
realLog(`\n${counted.length} programs >= 1 ms natively: geometric mean ratio ${geo.toFixed(3)} (median of ${runs} interleaved runs each, Node ${process.version})`);
