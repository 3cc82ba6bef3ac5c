// Prepares the aedes broker for running live, from the released packages pinned in the project's
// devDependencies (npm aliases: aedes-1.0.2, aedes-1.1.1, aedes-1.1.3 side by side in
// node_modules). The released files are never edited: each version's package files (aedes.js,
// lib/, package.json) are copied into <work>/src/v1, v2, v3 next to the sample's broker.js, v1 is
// compiled into <work>/v1 (`restack compile`), and the bundles v1 -> v2 and v2 -> v3 are written
// into <work>/v1-v2 and <work>/v2-v3 (`restack patch --keep-mapping`, keeping the completed mapping
// files of samples/aedes/patches) and validated (`restack check`).
//
//   node samples/aedes/prepare.js [work directory]
//
// aedes' dependencies are not compiled: <work>/node_modules links to the project's node_modules,
// where Node finds them from <work>/v1 (and from the source trees, to run a version natively).
// A version whose release has dependencies of its own (1.1.3's aedes-packet 4) gets a
// node_modules link to them in its source tree.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { restack } from '../prepare.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
export const sample = join(root, 'samples/aedes');

/** The versions of the sample, in order: sample version -> released aedes version. */
export const VERSIONS = { v1: '1.0.2', v2: '1.1.1', v3: '1.1.3' };
export const PATCHES = ['v1-v2', 'v2-v3'];
/** What the released package runs: the rest (tests, docs, types, examples) is not copied. */
const PACKAGE_FILES = ['aedes.js', 'lib', 'package.json'];

/** Copies the released files of `version` (v1, v2, v3) and broker.js into dir. */
export function copyRelease(version, dir) {
  const pkg = join(root, 'node_modules', `aedes-${VERSIONS[version]}`);
  if (!existsSync(join(pkg, 'package.json'))) {
    throw new Error(`${pkg} is missing: run npm ci in ${root} (aedes ${VERSIONS[version]} is a devDependency)`);
  }
  const released = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).version;
  if (released !== VERSIONS[version]) throw new Error(`${pkg} holds aedes ${released}, not ${VERSIONS[version]}: run npm ci`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const f of PACKAGE_FILES) cpSync(join(pkg, f), join(dir, f), { recursive: true });
  cpSync(join(sample, 'broker.js'), join(dir, 'broker.js'));
  // Dependencies the release does not share with the others (npm nests them under the package).
  if (existsSync(join(pkg, 'node_modules'))) symlinkSync(join(pkg, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/**
 * Writes <work>/src/v1..v3, compiles v1 into <work>/v1 and the bundles into <work>/<patch>.
 * edit(name, text) may change a committed mapping before it is used; a patch whose mapping is not
 * committed yet gets the one `restack patch` writes (and `restack check` is skipped for it).
 * Returns the outputs of `restack patch` and `restack check`, in order.
 */
export function prepare(work, { edit, env = process.env } = {}) {
  const log = [];
  mkdirSync(work, { recursive: true });
  const modules = join(work, 'node_modules');
  if (!existsSync(modules)) symlinkSync(join(root, 'node_modules'), modules, 'dir');
  for (const v of Object.keys(VERSIONS)) copyRelease(v, join(work, 'src', v));
  restack(['compile', join(work, 'src/v1'), '-o', join(work, 'v1'), '--quiet'], env);
  for (const name of PATCHES) {
    const [from, to] = name.split('-');
    const dir = join(work, name);
    mkdirSync(dir, { recursive: true });
    const committed = join(sample, 'patches', name, 'mapping.ts');
    const have = existsSync(committed);
    if (have) {
      const text = readFileSync(committed, 'utf8');
      writeFileSync(join(dir, 'mapping.ts'), edit ? edit(name, text) : text);
    }
    log.push(restack(['patch', join(work, 'src', from), join(work, 'src', to), '-o', dir, '--keep-mapping'], env));
    if (have) log.push(restack(['check', dir], env));
    else log.push(`restack: ${name} has no committed mapping yet: ${join(dir, 'mapping.ts')} is the generated one\n`);
  }
  return log;
}

function main(argv) {
  const work = argv[0] ? resolve(argv[0]) : mkdtempSync(join(tmpdir(), 'restack-aedes-'));
  for (const text of prepare(work)) process.stdout.write(text);
  console.log(`compiled v1 (aedes ${VERSIONS.v1}): ${join(work, 'v1/broker.js')}`);
  for (const name of PATCHES) console.log(`bundle ${name}: ${join(work, name)}`);
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
