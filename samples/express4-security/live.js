// Prepares the express4-security sample for running live: each release's install (npm ci from the
// committed lockfile: express 4.19.2 in v1, 4.20.0 in v2) next to the same app, compiled with its
// production dependencies (`restack compile --deps prod`), and the bundle v1 -> v2 written by
// `restack patch` between the two compiled installs with the committed mapping file
// (patches/v1-v2/mapping.ts), validated by `restack check`.
//
//   node samples/express4-security/live.js [work directory]
//
// npm ci needs the npm registry (or npm's cache).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { restack } from '../prepare.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
export const sample = join(root, 'samples/express4-security');
export const RELEASES = { v1: '4.19.2', v2: '4.20.0' };

/** Installs and compiles one version into work/<v> (its sources and install in work/src-<v>). */
function build(work, v, env) {
  const src = join(work, `src-${v}`);
  mkdirSync(src, { recursive: true });
  for (const f of readdirSync(join(sample, 'app'))) copyFileSync(join(sample, 'app', f), join(src, f));
  for (const f of ['package.json', 'package-lock.json']) copyFileSync(join(sample, v, f), join(src, f));
  if (!existsSync(join(src, 'node_modules'))) {
    const npm = spawnSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: src, encoding: 'utf8', env });
    if (npm.status !== 0) throw new Error(`npm ci in ${src} failed (exit ${npm.status}):\n${npm.stdout}${npm.stderr}`);
  }
  return restack(['compile', src, '-o', join(work, v), '--deps', 'prod', '--quiet'], env);
}

/**
 * Builds v1 and v2 into work/v1 and work/v2 and writes the bundle into work/v1-v2 (with the
 * committed mapping, or the generated one when `generate`); returns what compile, patch and check said.
 */
export function prepare(work, { env = process.env, generate = false } = {}) {
  mkdirSync(work, { recursive: true });
  const log = [build(work, 'v1', env), build(work, 'v2', env)];
  const dir = join(work, 'v1-v2');
  mkdirSync(dir, { recursive: true });
  if (!generate) copyFileSync(join(sample, 'patches/v1-v2/mapping.ts'), join(dir, 'mapping.ts'));
  log.push(restack(['patch', join(work, 'v1'), join(work, 'v2'), '-o', dir, ...(generate ? ['--force'] : ['--keep-mapping'])], env));
  if (!generate) log.push(restack(['check', dir], env));
  return log;
}

function main(argv) {
  const generate = argv.includes('--generate');
  const args = argv.filter((a) => a !== '--generate');
  const work = args[0] ? resolve(args[0]) : mkdtempSync(join(tmpdir(), 'restack-express4-'));
  for (const text of prepare(work, { generate })) process.stdout.write(text);
  console.log(`compiled v1 (express ${RELEASES.v1}): ${join(work, 'v1/server.js')}`);
  console.log(`bundle v1-v2 (express ${RELEASES.v2}): ${join(work, 'v1-v2')}`);
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
