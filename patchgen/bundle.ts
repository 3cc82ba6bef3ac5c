/**
 * The layout of a patch bundle, and how metadata is found in a compiled tree: shared by the
 * writer (`restack patch`), the checker (`restack check`) and the runtime that loads a bundle,
 * none of which may need the compiler to read one.
 */
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** What the generator found (see types.ts PatchFile). */
export const PATCH_JSON = 'patch.json';
/** The decisions a person reviews and completes. */
export const MAPPING_TS = 'mapping.ts';
/** mapping.ts as the runtime loads it: written by `restack check` when the mapping is valid. */
export const MAPPING_JS = 'mapping.js';
/** First line of mapping.js: the hash of the mapping.ts it was made from. */
export function mappingHeader(mappingTs: string): string {
  return `// restack check: mapping.ts sha256 ${mappingHash(mappingTs)}`;
}

/** The mapping.ts hash mapping.js records, or null. */
export function recordedMappingHash(mappingJs: string): string | null {
  return /^\/\/ restack check: mapping\.ts sha256 ([0-9a-f]{64})/.exec(mappingJs)?.[1] ?? null;
}

export function mappingHash(mappingTs: string): string {
  return createHash('sha256').update(mappingTs).digest('hex');
}

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
