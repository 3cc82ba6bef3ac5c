/**
 * The entry file `restack run` was given: compiled by restack or not, and its module kind, read
 * from the metadata next to it (what the compiler found), without loading the runtime.
 */
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { META_SUFFIX } from '../contract/bundle.js';
import { RUNTIME_KEY } from '../contract/index.js';

export class EntryError extends Error {
  override name = 'EntryError';
}

function hasHeader(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const buf = Buffer.alloc(512);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString('utf8').includes(`Symbol.for("${RUNTIME_KEY}")`);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The kind Node gives a .js file: by extension, else by the nearest package.json's type. */
function kindByPackage(file: string): 'module' | 'commonjs' {
  const ext = extname(file);
  if (ext === '.mjs') return 'module';
  if (ext === '.cjs') return 'commonjs';
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        return (JSON.parse(readFileSync(pkg, 'utf8')) as { type?: string }).type === 'module' ? 'module' : 'commonjs';
      } catch {
        return 'commonjs';
      }
    }
    if (dirname(dir) === dir) return 'commonjs';
  }
}

/**
 * The module kind of an entry and whether restack compiled it. A TypeScript or JSX file restack
 * did not compile (no metadata next to it, no runtime header) is refused with the command that
 * compiles it: Node cannot run it. An uncompiled JavaScript file runs (a program may start from
 * a plain file that loads compiled modules), with `advice` saying what to do to make it updatable.
 */
export function entryKind(file: string): { kind: 'module' | 'commonjs'; compiled: boolean; advice?: string } {
  const abs = resolve(file);
  if (!existsSync(abs)) throw new EntryError(`no such file: ${file}`);
  if (statSync(abs).isDirectory()) throw new EntryError(`${file} is a directory: give the compiled entry module (a .js file restack compile wrote)`);
  const metaFile = `${abs}${META_SUFFIX}`;
  if (existsSync(metaFile)) {
    try {
      const kind = (JSON.parse(readFileSync(metaFile, 'utf8')) as { sourceKind?: string }).sourceKind;
      if (kind === 'module' || kind === 'commonjs') return { kind, compiled: true };
    } catch {
      // An unreadable metadata file: the kind Node would give the file.
    }
    return { kind: kindByPackage(abs), compiled: true };
  }
  if (hasHeader(abs)) return { kind: kindByPackage(abs), compiled: true };
  const dir = relative(process.cwd(), dirname(abs)) || '.';
  const out = basename(abs).replace(/\.(ts|tsx|jsx)$/, '.js').replace(/\.mts$/, '.mjs').replace(/\.cts$/, '.cjs');
  const compileFirst = `compile it first, e.g. \`restack compile ${dir} -o build\`, then run \`restack run build/${out}\``;
  if (/\.(m|c)?tsx?$|\.jsx$/.test(abs)) {
    throw new EntryError(`${file} was not compiled by restack (no ${basename(abs)}${META_SUFFIX} next to it): restack run runs compiled programs; ${compileFirst}`);
  }
  return { kind: kindByPackage(abs), compiled: false, advice: `${file} was not compiled by restack: it runs, but no update can replace its code; to make it updatable, ${compileFirst}` };
}
