// Prepares the web cluster for running live: compiles v1 (`restack compile`) and writes the
// bundles v1 -> v2 and v2 -> v3 (`restack patch --keep-mapping`, keeping the completed mapping
// files of samples/webcluster/patches), each validated by `restack check`.
//
//   node samples/webcluster/live.js [work directory]
//
// prints what `restack patch` and `restack check` said and where the compiled program and the
// bundles are (a new temporary directory when none is given).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'bin/restack.js');
export const sample = join(root, 'samples/webcluster');

export const PATCHES = ['v1-v2', 'v2-v3'];

/** Runs the restack CLI to completion; throws with its output when it fails. */
export function restack(args, env = process.env) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env });
  if (r.status !== 0) throw new Error(`restack ${args.join(' ')} failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

/**
 * Compiles v1 into work/v1 and writes the bundles into work/<patch>. edit(name, text) may change a
 * committed mapping before it is used. Returns the outputs of `restack patch` and `restack check`,
 * in order.
 */
export function prepare(work, { edit, env = process.env } = {}) {
  const log = [];
  restack(['compile', join(sample, 'v1'), '-o', join(work, 'v1'), '--quiet'], env);
  for (const name of PATCHES) {
    const [from, to] = name.split('-');
    const dir = join(work, name);
    mkdirSync(dir, { recursive: true });
    const committed = join(sample, 'patches', name, 'mapping.ts');
    if (edit) writeFileSync(join(dir, 'mapping.ts'), edit(name, readFileSync(committed, 'utf8')));
    else copyFileSync(committed, join(dir, 'mapping.ts'));
    log.push(restack(['patch', join(sample, from), join(sample, to), '-o', dir, '--keep-mapping'], env));
    log.push(restack(['check', dir], env));
  }
  return log;
}

function main(argv) {
  const work = argv[0] ? resolve(argv[0]) : mkdtempSync(join(tmpdir(), 'restack-webcluster-'));
  for (const text of prepare(work)) process.stdout.write(text);
  console.log(`compiled v1: ${join(work, 'v1/main.js')}`);
  for (const name of PATCHES) console.log(`bundle ${name}: ${join(work, name)}`);
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
