/**
 * The files of a checked bundle, as `restack check` recorded them in its manifest (checked.json,
 * contract/bundle.ts): every listed file is read once (bundleFiles.ts), its size and sha256
 * compared with the manifest's, and the bundle refused, naming the file, when one differs, is
 * missing, or was added where the runtime would load it. What the update then uses are the bytes
 * compared here, never a second read.
 */
import {
  CHECKED_JSON, loadedFiles, MANIFEST_FORMAT, manifestDigest, META_SUFFIX, PATCH_JSON, sha256, validManifestPath,
  type Manifest, type ManifestEntry,
} from '../contract/bundle.js';
import { BundleReader, PatchError } from '../contract/bundleFiles.js';
import { checkSignature } from './trust.js';
import { ArrayEvery, ArrayIsArray, JSONParse, ArraySort, MapGet, MapHas, mapKeys, MapSet, newSet, NumberIsSafeInteger, ownSlice, RegExpExec, SetAdd, SetHas, StringEndsWith } from './core/primordials.js';

export interface CheckedFiles {
  reader: BundleReader;
  /** The manifest's digest (what a signature signs). */
  digest: string;
  /** Every listed file's bytes, by path. */
  files: Map<string, Buffer>;
}

/** The manifest's file list, or a PatchError saying what is wrong with it. */
function parseManifest(reader: BundleReader, bytes: Buffer): Manifest {
  const again = `run \`restack check ${reader.given}\` again`;
  let m: Manifest;
  try {
    m = JSONParse(bytes.toString('utf8')) as Manifest;
  } catch (e) {
    throw new PatchError(`${reader.name(CHECKED_JSON)} is not a manifest (${(e as Error).message}); ${again}`);
  }
  if (m?.format !== MANIFEST_FORMAT) throw new PatchError(`${reader.name(CHECKED_JSON)}: format ${String(m?.format)} is not supported (expected ${MANIFEST_FORMAT}); ${again}`);
  const entry = (f: ManifestEntry): boolean => typeof f?.path === 'string' && validManifestPath(f.path) &&
    NumberIsSafeInteger(f.size) && f.size >= 0 && typeof f.sha256 === 'string' && RegExpExec(/^[0-9a-f]{64}$/, f.sha256) !== null;
  if (!ArrayIsArray(m.files) || !ArrayEvery(m.files, entry) || !distinctPaths(m.files)) {
    throw new PatchError(`${reader.name(CHECKED_JSON)} is damaged (its file list is not one restack check writes); ${again}`);
  }
  if (m.digest !== manifestDigest(m.files)) {
    throw new PatchError(`${reader.name(CHECKED_JSON)} was edited after check: its digest does not match its file list; ${again}`);
  }
  return m;
}

/** No two entries of the manifest name the same file. */
function distinctPaths(files: ManifestEntry[]): boolean {
  const seen = new Set<string>();
  for (let i = 0; i < files.length; i++) {
    if (SetHas(seen, files[i].path)) return false;
    SetAdd(seen, files[i].path);
  }
  return true;
}

/**
 * Reads a bundle's manifest and every file it lists, and refuses the bundle if the runtime would
 * load a file the manifest does not list; throws PatchError.
 */
export function readCheckedFiles(given: string): CheckedFiles {
  const reader = new BundleReader(given);
  const again = `run \`restack check ${given}\` again`;
  const manifestBytes = reader.read(CHECKED_JSON, true);
  if (!manifestBytes) {
    if (!reader.read(PATCH_JSON, true)) throw new PatchError(`${given} is not a patch directory (no ${PATCH_JSON}; write one with \`restack patch\`)`);
    throw new PatchError(`${given} has not been checked: run \`restack check ${given}\` (it validates mapping.ts, writes mapping.js and records the bundle's files in ${CHECKED_JSON})`);
  }
  const manifest = parseManifest(reader, manifestBytes);
  // The signature first: a bundle from an untrusted source is not even read further.
  checkSignature(reader, manifest.digest);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < manifest.files.length; i++) {
    const f = manifest.files[i];
    const bytes = reader.read(f.path, true);
    if (!bytes) throw new PatchError(`${reader.name(f.path)} is missing, but it was part of the bundle when it was checked; restore it, or ${again}`);
    if (bytes.length !== f.size || sha256(bytes) !== f.sha256) {
      throw new PatchError(`${reader.name(f.path)} changed since it was checked (its sha256 differs from the one in ${CHECKED_JSON}); ${again}`);
    }
    MapSet(files, f.path, bytes);
  }
  const patchBytes = MapGet(files, PATCH_JSON);
  if (!patchBytes) throw new PatchError(`${reader.name(CHECKED_JSON)} does not list ${PATCH_JSON}; ${again}`);
  let dirs: { baseDir: string; new: { dir: string } };
  try {
    dirs = JSONParse(patchBytes.toString('utf8')) as typeof dirs;
  } catch (e) {
    throw new PatchError(`${reader.name(PATCH_JSON)}: not JSON (${(e as Error).message})`);
  }
  if (typeof dirs?.baseDir !== 'string' || !validManifestPath(dirs.baseDir) || typeof dirs.new?.dir !== 'string' || !validManifestPath(dirs.new.dir)) {
    throw new PatchError(`${reader.name(PATCH_JSON)}: baseDir and new.dir must name directories inside the bundle; write the bundle again with \`restack patch\``);
  }
  // What the runtime would load, as found on disk now, is exactly what was checked.
  const expected = loadedFiles(dirs, reader.listMetadata(dirs.baseDir), reader.listMetadata(dirs.new.dir));
  // A metadata file first: it is what makes the runtime load a module (its code is named after it).
  const metadataFirst = ArraySort(ownSlice(expected), (a, b) => Number(!StringEndsWith(a, META_SUFFIX)) - Number(!StringEndsWith(b, META_SUFFIX)));
  for (let i = 0; i < metadataFirst.length; i++) {
    const p = metadataFirst[i];
    if (!MapHas(files, p)) throw new PatchError(`${reader.name(p)} is extra: it was not part of the bundle when it was checked; remove it, or ${again}`);
  }
  const loaded = newSet(expected);
  const listed = mapKeys(files);
  for (let i = 0; i < listed.length; i++) {
    const p = listed[i];
    if (!SetHas(loaded, p)) throw new PatchError(`${reader.name(CHECKED_JSON)} lists ${p}, which this bundle's ${PATCH_JSON} does not load; ${again}`);
  }
  return { reader, digest: manifest.digest, files };
}
