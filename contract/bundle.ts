/**
 * The layout of a patch bundle and of the manifest `restack check` writes into it: shared by the
 * writer (`restack patch`), the checker (`restack check`) and the runtime that loads a bundle, none
 * of which may need the compiler (or each other) to read one.
 *
 * The manifest (checked.json) binds an update to what was checked: it lists every file the
 * program will load, with its size and sha256, and a digest over that list. The runtime loads only
 * listed files, hashes the bytes it actually read, and refuses a bundle whose files differ from
 * the list; a signature (checked.sig) signs the digest, so a trusted key vouches for every file.
 */
import { createRequire } from 'node:module';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Version of the patch.json format. */
export const PATCH_FORMAT = 1;

/** What the generator found (see patchgen/types.ts PatchFile). */
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

/** The manifest of a checked bundle. */
export const CHECKED_JSON = 'checked.json';
/** The detached signature of the manifest's digest (`restack check --sign`). */
export const CHECKED_SIG = 'checked.sig';
/** Version of checked.json's format. */
export const MANIFEST_FORMAT = 1;
/** Version of checked.sig's format. */
export const SIGNATURE_FORMAT = 1;

/**
 * Limits on what the runtime reads of a bundle: a bundle is read synchronously by the control
 * channel (and at an update point by a program without one), so an oversized file or a file that
 * never ends must be refused before it is read, not after it filled the memory. The largest
 * bundle of the samples is under 2 MB; these leave room for real programs.
 */
export const MAX_BUNDLE_FILE_BYTES = 64 << 20;
export const MAX_BUNDLE_BYTES = 256 << 20;
/** How long reading a bundle may take before the update is refused. */
export const MAX_BUNDLE_READ_MS = 10_000;

/** One file of a checked bundle: its '/'-separated path in the bundle, size and sha256 (hex). */
export interface ManifestEntry {
  path: string;
  size: number;
  sha256: string;
}

/** checked.json. */
export interface Manifest {
  format: number;
  /** Sorted by path. */
  files: ManifestEntry[];
  /** manifestDigest(files). */
  digest: string;
}

/** checked.sig. */
export interface BundleSignature {
  format: number;
  /** keyId of the public key that verifies it. */
  key: string;
  /** Ed25519 signature of signedMessage(digest), base64. */
  signature: string;
}

export function sha256(bytes: Uint8Array | string): string {
  // node:crypto is loaded when a bundle is first read or written: not at every program's start.
  const { createHash } = createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The digest of a manifest's file list: sha256 over one line per file, sorted by path, so the
 * same files give the same digest whatever order they were found in. A path cannot hold a
 * newline (validManifestPath), so the lines cannot be forged by a crafted name.
 */
export function manifestDigest(files: ReadonlyArray<ManifestEntry>): string {
  const lines = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((f) => `${f.sha256} ${f.size} ${f.path}\n`);
  return sha256(`restack manifest ${MANIFEST_FORMAT}\n${lines.join('')}`);
}

/** What a bundle's signature signs: the digest, under a prefix that keeps it from meaning anything else. */
export function signedMessage(digest: string): Uint8Array {
  return new TextEncoder().encode(`restack bundle ${SIGNATURE_FORMAT} ${digest}`);
}

/** A key's id: the sha256 of its public key (SPKI, DER). */
export function keyId(spkiDer: Uint8Array): string {
  return sha256(spkiDer);
}

/**
 * A path a manifest may list: relative, '/'-separated, without '.' or '..' components or
 * control characters, so it names a file inside the bundle and nothing else.
 */
export function validManifestPath(p: string): boolean {
  if (!p || p.startsWith('/') || p.includes('\\') || /[\x00-\x1f]/.test(p)) return false;
  return p.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

/** First line of mapping.js: the hash of the mapping.ts it was made from. */
export function mappingHeader(mappingTs: string): string {
  return `// restack check: mapping.ts sha256 ${mappingHash(mappingTs)}`;
}

/** The mapping.ts hash mapping.js records, or null. */
export function recordedMappingHash(mappingJs: string): string | null {
  return /^\/\/ restack check: mapping\.ts sha256 ([0-9a-f]{64})/.exec(mappingJs)?.[1] ?? null;
}

export function mappingHash(mappingTs: string): string {
  return sha256(mappingTs);
}

/** Metadata files under a directory: relative '/'-separated paths, sorted. */
export function findMetadata(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      // A compiled tree's node_modules holds the dependencies compiled with it (decision 0013).
      if (name.startsWith('.')) continue;
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(META_SUFFIX)) out.push(relative(dir, p).split('\\').join('/'));
    }
  };
  walk(dir);
  return out;
}

/**
 * The files of a bundle the runtime loads, given its patch.json's directories and the metadata
 * files found under them: patch.json, mapping.ts and mapping.js, each base metadata file, and
 * each new module's metadata and code. `restack check` lists exactly these in the manifest.
 */
export function loadedFiles(patch: { baseDir: string; new: { dir: string } }, baseMeta: string[], newMeta: string[]): string[] {
  const files = [PATCH_JSON, MAPPING_TS, MAPPING_JS];
  for (const f of baseMeta) files.push(`${patch.baseDir}/${f}`);
  for (const f of newMeta) files.push(`${patch.new.dir}/${f}`, `${patch.new.dir}/${f.slice(0, -META_SUFFIX.length)}`);
  return files.sort();
}
