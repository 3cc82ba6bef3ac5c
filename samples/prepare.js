// What the samples' live scripts share: running the restack CLI, and preparing a sample for a live
// run (v1 compiled, each bundle written by `restack patch` with the sample's completed mapping file
// and validated by `restack check`).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../bin/restack.js', import.meta.url));

/** Runs the restack CLI to completion; throws with its output when it fails. */
export function restack(args, env = process.env) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env });
  if (r.status !== 0) throw new Error(`restack ${args.join(' ')} failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

/**
 * Compiles sample/v1 into work/v1 and writes each patch `<from>-<to>` of `patches` into
 * work/<patch>, from sample/patches/<patch>/mapping.ts. edit(name, text) may change a committed
 * mapping before it is used. Returns the outputs of `restack patch` and `restack check`, in order.
 */
export function prepareSample(sample, work, patches, { edit, env = process.env } = {}) {
  const log = [];
  restack(['compile', join(sample, 'v1'), '-o', join(work, 'v1'), '--quiet'], env);
  for (const name of patches) {
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
