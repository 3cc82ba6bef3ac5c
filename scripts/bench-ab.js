// A/B of one workload: the native workload against compiled variants (a compiled copy, a
// hand-edited copy of it, the same copy on another checkout's runtime), each run in a fresh process
// through bench/driver.js, the variants interleaved round by round. A variant's figure is the
// minimum over rounds of its per-process minimum, which on a noisy machine moves much less than a
// median; the ratio is against the native minimum. The median of the per-process minimums is shown
// beside it.
//
//   node scripts/bench-ab.js <native workload.js> <compiled.js>[@<checkout>] ... [--rounds N] [--size smoke|full] [--runs N]
//
// `@<checkout>` runs that variant with another restack checkout's bench/driver.js, and so its
// runtime (it must be built): the same compiled file on two runtimes. Every variant's digest must
// equal the native one, or the comparison stops.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const args = process.argv.slice(2);
const take = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const rounds = Number(take('--rounds', '5'));
const size = take('--size', 'full');
const runs = Number(take('--runs', '7'));
if (args.length < 2 || !(rounds > 0) || !(runs > 0)) {
  process.stderr.write('usage: node scripts/bench-ab.js <native workload.js> <compiled.js>[@<checkout>] ... [--rounds N] [--size smoke|full] [--runs N]\n');
  process.exit(2);
}

const variants = args.map((spec, i) => {
  const at = i === 0 ? -1 : spec.lastIndexOf('@');
  const file = resolve(at > 0 ? spec.slice(0, at) : spec);
  const checkout = at > 0 ? resolve(spec.slice(at + 1)) : root;
  return { label: i === 0 ? 'native' : spec, file, driver: resolve(checkout, 'bench/driver.js'), mode: i === 0 ? 'native' : 'compiled', mins: [] };
});

let digest = null;
for (let r = 0; r < rounds; r++) {
  // The order rotates from round to round, so a slow drift of the machine hits every variant alike.
  for (let k = 0; k < variants.length; k++) {
    const v = variants[(k + r) % variants.length];
    const out = execFileSync(process.execPath, ['--stack-size=4000', v.driver, v.file, v.mode, size, '3', String(runs)], { encoding: 'utf8' });
    const result = JSON.parse(out.trim().split('\n').pop());
    if (digest === null && v.mode === 'native') digest = result.digest;
    if (digest !== null && result.digest !== digest) {
      process.stderr.write(`${v.label}: digest ${JSON.stringify(result.digest)} differs from native ${JSON.stringify(digest)}\n`);
      process.exit(1);
    }
    v.mins.push(Math.min(...result.times));
  }
}

const median = (a) => { const s = [...a].sort((x, y) => x - y); return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const base = Math.min(...variants[0].mins);
const ms = (t) => (t < 10 ? t.toFixed(3) : t.toFixed(1)).padStart(8);
process.stdout.write(`${rounds} rounds, ${runs} timed runs per process (size ${size}); time = min over rounds of each process's minimum\n`);
for (const v of variants) {
  const min = Math.min(...v.mins);
  process.stdout.write(`${v.label.padEnd(48)} ${ms(min)} ms  median ${ms(median(v.mins))} ms  ${(min / base).toFixed(3)}x\n`);
}
