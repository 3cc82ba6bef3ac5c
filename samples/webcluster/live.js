// Prepares the web cluster for running live: compiles v1 (`restack compile`) and writes the
// bundles v1 -> v2 and v2 -> v3 (`restack patch --keep-mapping`, keeping the completed mapping
// files of samples/webcluster/patches), each validated by `restack check`.
//
//   node samples/webcluster/live.js [work directory]
//
// prints what `restack patch` and `restack check` said and where the compiled program and the
// bundles are (a new temporary directory when none is given).
import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareSample } from '../prepare.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
export const sample = join(root, 'samples/webcluster');

export const PATCHES = ['v1-v2', 'v2-v3'];

/**
 * Compiles v1 into work/v1 and writes the bundles into work/<patch> (samples/prepare.js). edit(name,
 * text) may change a committed mapping before it is used. Returns the outputs of `restack patch`
 * and `restack check`, in order.
 */
export function prepare(work, options = {}) {
  return prepareSample(sample, work, PATCHES, options);
}

function main(argv) {
  const work = argv[0] ? resolve(argv[0]) : mkdtempSync(join(tmpdir(), 'restack-webcluster-'));
  for (const text of prepare(work)) process.stdout.write(text);
  console.log(`compiled v1: ${join(work, 'v1/main.js')}`);
  for (const name of PATCHES) console.log(`bundle ${name}: ${join(work, name)}`);
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
