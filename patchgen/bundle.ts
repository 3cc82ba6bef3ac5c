/**
 * The layout of a patch bundle, and how metadata is found in a compiled tree: shared by the
 * writer (`restack patch`) and the checker (`restack check`), which must not need to load the
 * compiler to read a bundle.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** What the generator found (see types.ts PatchFile). */
export const PATCH_JSON = 'patch.json';
/** The decisions a person reviews and completes. */
export const MAPPING_TS = 'mapping.ts';
/** mapping.ts as the runtime loads it: written by `restack check` when the mapping is valid. */
export const MAPPING_JS = 'mapping.js';
/** The new version, compiled. */
export const NEW_DIR = 'new';
/** The old version's metadata. */
export const BASE_DIR = 'base';

/** Suffix of the metadata file the compiler writes next to each compiled module. */
export const META_SUFFIX = '.restack.json';

/** Metadata files under a directory: relative '/'-separated paths, sorted. */
export function findMetadata(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(META_SUFFIX)) out.push(relative(dir, p).split('\\').join('/'));
    }
  };
  walk(dir);
  return out;
}
