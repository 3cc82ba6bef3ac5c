// Prepares the Koa service for running live: compiles v1 (`restack compile`) into <work>/v1 and
// writes the bundle v1 -> v2 into <work>/v1-v2 (`restack patch --keep-mapping`, keeping the
// completed mapping file of samples/koa-service/patches), validated by `restack check`.
//
//   node samples/koa-service/live.js [work directory]
//
// koa and @koa/router are not compiled: <work>/node_modules links to the project's node_modules, where
// Node finds them from <work>/v1.
import { existsSync, mkdirSync, mkdtempSync, realpathSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareSample } from '../prepare.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
export const sample = join(root, 'samples/koa-service');
export const PATCHES = ['v1-v2'];

/** Compiles v1 into work/v1 and writes the bundle into work/v1-v2; returns what patch and check said. */
export function prepare(work, options = {}) {
  mkdirSync(work, { recursive: true });
  const modules = join(work, 'node_modules');
  if (!existsSync(modules)) symlinkSync(join(root, 'node_modules'), modules, 'dir');
  return prepareSample(sample, work, PATCHES, options);
}

function main(argv) {
  const work = argv[0] ? resolve(argv[0]) : mkdtempSync(join(tmpdir(), 'restack-koa-service-'));
  for (const text of prepare(work)) process.stdout.write(text);
  console.log(`compiled v1: ${join(work, 'v1/main.js')}`);
  for (const name of PATCHES) console.log(`bundle ${name}: ${join(work, name)}`);
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
