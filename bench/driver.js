// One benchmark process: loads a workload (the original or its restack-compiled copy), builds its
// input, runs it `warmup` times untimed and `iterations` times timed, and prints one JSON line:
// { times: [ms...], digest, digests: [...] }. The harness (scripts/bench.js) starts these processes
// interleaved; nothing here is specific to one variant except loading the restack runtime.
//
//   node --stack-size=4000 bench/driver.js <workload.js> <native|compiled> <size> <warmup> <iterations> [--storm N]
import { pathToFileURL } from 'node:url';

const [file, mode, size, warmupArg, iterationsArg, ...rest] = process.argv.slice(2);
const warmup = Number(warmupArg);
const iterations = Number(iterationsArg);
const stormAt = rest.indexOf('--storm');
const storm = stormAt >= 0 ? Number(rest[stormAt + 1]) : 0;

if (mode === 'compiled') {
  const runtime = await import('../dist/runtime/index.js');
  if (storm > 0) runtime.setStorm(storm);
} else {
  // Uncompiled programs may call UPDATE_POINT(): the shim makes it a no-op.
  await import('../dist/runtime/shim.js');
}

const workload = await import(pathToFileURL(file).href);
const state = workload.setup(size);
const digests = [];
// An async workload's run returns a promise: the time is until it settles.
const settle = (v) => (v !== null && typeof v === 'object' && typeof v.then === 'function' ? v : null);
for (let i = 0; i < warmup; i++) {
  const v = workload.run(state);
  digests.push(String(settle(v) ? await v : v));
}
const times = [];
for (let i = 0; i < iterations; i++) {
  const t0 = performance.now();
  let digest = workload.run(state);
  if (settle(digest)) digest = await digest;
  times.push(performance.now() - t0);
  digests.push(String(digest));
}
const result = { times, digest: digests[digests.length - 1], digests };
if (mode === 'compiled') {
  const { status } = await import('../dist/runtime/index.js');
  result.updates = status().stats.captures;
}
process.stdout.write(JSON.stringify(result) + '\n');
