/**
 * A cache of compiled npm dependency modules, so that compiling a program again (its own files
 * changed, its node_modules not) does not compile its packages again: they are most of the work
 * (decision 0013: an Express app's 200 package modules against its handful of own files).
 *
 * The key is a digest of everything the output depends on: the module's text, its path in the
 * output (the source map and the module id name it), its kind and the update-point and call-point
 * policies, whether it is compiled as part of an import cycle, and the compiler itself (the
 * digest of restack's compiler and contract code, read once per process). A program's own files
 * are not cached: their output also depends on the tree around them (import specifiers that
 * change for Node to find compiled files, tsconfig settings).
 *
 * Where: RESTACK_CACHE_DIR, else $XDG_CACHE_HOME/restack, else ~/.cache/restack; RESTACK_CACHE_DIR
 * set to `off` (or `restack compile --no-cache`) turns it off. An entry is one JSON file, written
 * to a temporary name and renamed, so a reader sees a whole entry or none; an entry that cannot be
 * read or parsed is a miss. The cache keeps itself under MAX_BYTES: after a compile that wrote
 * entries, the least recently used ones (by modification time, which a hit refreshes) go first.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CompileOptions, CompileResult } from '../compiler/pipeline.js';

const MAX_BYTES = 1024 * 1024 * 1024;
const KEEP_BYTES = 768 * 1024 * 1024;

let compilerDigest: string | null = null;

/** A digest of restack's compiler and contract code (dist/compiler, dist/contract). */
function compilerVersion(): string {
  if (compilerDigest) return compilerDigest;
  const hash = createHash('sha256');
  for (const dir of ['../compiler/', '../contract/']) {
    const root = fileURLToPath(new URL(dir, import.meta.url));
    const files: string[] = [];
    const walk = (d: string): void => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(d, e.name));
        else if (e.name.endsWith('.js')) files.push(join(d, e.name));
      }
    };
    walk(root);
    for (const f of files.sort()) hash.update(f.slice(root.length)).update('\0').update(readFileSync(f)).update('\0');
  }
  compilerDigest = hash.digest('hex');
  return compilerDigest;
}

export function defaultCacheDir(): string | null {
  const env = process.env.RESTACK_CACHE_DIR;
  if (env === 'off') return null;
  if (env) return env;
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'restack');
}

export class CompileCache {
  hits = 0;
  misses = 0;
  private wrote = false;

  constructor(readonly dir: string) {}

  /** The key of a compile of `source` with `options` (which must carry no transforms). */
  key(source: string, options: CompileOptions): string {
    if (options.transforms) throw new Error('compile cache: a compile with source transforms depends on more than its options');
    const o = options;
    return createHash('sha256')
      .update(compilerVersion()).update('\0')
      .update(JSON.stringify([o.filename, o.moduleId ?? null, o.sourceType ?? null, o.updatePoints ?? null, o.callPoints ?? null, o.format ?? null, o.cycle ?? false]))
      .update('\0').update(source)
      .digest('hex');
  }

  private path(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  get(key: string): CompileResult | null {
    const file = this.path(key);
    try {
      const result = JSON.parse(readFileSync(file, 'utf8')) as CompileResult;
      if (typeof result?.code !== 'string' || typeof result.metadata !== 'object' || !Array.isArray(result.imports)) throw new Error('not an entry');
      const now = new Date();
      utimesSync(file, now, now);
      this.hits++;
      return result;
    } catch {
      this.misses++;
      return null;
    }
  }

  put(key: string, result: CompileResult): void {
    const file = this.path(key);
    try {
      mkdirSync(join(this.dir, key.slice(0, 2)), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify({ code: result.code, map: result.map, metadata: result.metadata, imports: result.imports }));
      renameSync(tmp, file);
      this.wrote = true;
    } catch {
      // A cache that cannot be written only costs the next compile its time.
    }
  }

  /** Keeps the cache under MAX_BYTES, oldest entries first out (after a compile that wrote). */
  trim(): void {
    if (!this.wrote) return;
    const entries: Array<{ file: string; size: number; mtime: number }> = [];
    let total = 0;
    try {
      for (const d of readdirSync(this.dir)) {
        const sub = join(this.dir, d);
        for (const f of readdirSync(sub)) {
          const st = statSync(join(sub, f));
          entries.push({ file: join(sub, f), size: st.size, mtime: st.mtimeMs });
          total += st.size;
        }
      }
    } catch {
      return;
    }
    if (total <= MAX_BYTES) return;
    entries.sort((a, b) => a.mtime - b.mtime);
    for (const e of entries) {
      if (total <= KEEP_BYTES) break;
      rmSync(e.file, { force: true });
      total -= e.size;
    }
  }
}
