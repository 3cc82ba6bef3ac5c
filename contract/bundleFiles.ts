/**
 * Reading a bundle's files so that what runs is what was checked, and is safe to run.
 *
 * A bundle is code the program will run with its own privileges, read synchronously (by the
 * control channel's thread, or at an update point). So each file is
 *
 * - opened without following a symbolic link and without blocking (O_NOFOLLOW | O_NONBLOCK): a
 *   FIFO nobody writes, or a link to /dev/zero, must not wedge the reader or fill the memory;
 * - checked on the opened descriptor (fstat): a regular file, owned by the program's user or
 *   root, not writable by group or others, and under the size limits (contract/bundle.ts);
 * - read once: the bytes read are the bytes hashed and the bytes used, so no one can swap the
 *   file between a check and a read.
 *
 * Every directory on the way from the bundle's directory to a file passes the same owner and mode
 * test (and must not be a link): then no other user can replace anything inside the bundle, and
 * the manifest's hashes catch what the owner changed since `restack check`.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import {
  MAX_BUNDLE_BYTES, MAX_BUNDLE_FILE_BYTES, MAX_BUNDLE_READ_MS, META_SUFFIX, validManifestPath,
} from './bundle.js';

/** A bundle that cannot be loaded, with a sentence for the user. */
export class PatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PatchError';
  }
}

/** Limits a reader enforces; the defaults are contract/bundle.ts's. */
export interface ReadLimits {
  fileBytes: number;
  totalBytes: number;
  ms: number;
}

const DEFAULT_LIMITS: ReadLimits = { fileBytes: MAX_BUNDLE_FILE_BYTES, totalBytes: MAX_BUNDLE_BYTES, ms: MAX_BUNDLE_READ_MS };

// O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer.
// O_NOFOLLOW: a symbolic link as the last component fails with ELOOP instead of being followed.
// O_NOCTTY: a terminal device named in a bundle does not become the program's controlling one.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/** The uid files must belong to (or root), or null where there are no uids (Windows). */
const ownUid = (): number | null => process.getuid?.() ?? null;

function size(n: number): string {
  return n < 1 << 20 ? `${n} bytes` : `${(n / (1 << 20)).toFixed(1)} MB`;
}

/** Reads files of one bundle under the rules above; throws PatchError naming the path and the fix. */
export class BundleReader {
  /** The bundle's directory, links resolved once: every file is read below it. */
  readonly root: string;
  /** Time spent in the file system so far (checkTime). */
  private readingMs = 0;
  private total = 0;
  private readonly safeDirs = new Set<string>();

  constructor(readonly given: string, private readonly limits: ReadLimits = DEFAULT_LIMITS) {
    try {
      this.root = realpathSync(given);
    } catch (e) {
      throw new PatchError(`${given}: cannot open the bundle directory: ${(e as Error).message}`);
    }
    this.checkDir('');
  }

  /** `given/rel`, as messages name it. */
  name(rel: string): string {
    return rel ? `${this.given.replace(/\/+$/, '')}/${rel}` : this.given;
  }

  /** Refuses a file or directory another user could change; `st` is from lstat or fstat. */
  private checkOwner(rel: string, st: Stats, what: string): void {
    const uid = ownUid();
    if (uid === null) return;
    if (st.uid !== uid && st.uid !== 0) {
      throw new PatchError(`${this.name(rel)}: ${what} belongs to uid ${st.uid}, not to this program's user (${uid}) or root, and the program would run what it holds; ` +
        `copy the bundle into a directory of your own, or \`chown\` it`);
    }
    if (st.mode & 0o022) {
      throw new PatchError(`${this.name(rel)}: ${what} is writable by ${st.mode & 0o020 ? 'its group' : ''}${(st.mode & 0o022) === 0o022 ? ' and ' : ''}${st.mode & 0o002 ? 'others' : ''}, ` +
        `who could change the code the program runs; \`chmod go-w ${this.name(rel)}\``);
    }
  }

  /** Checks a directory of the bundle ('' is the bundle's own) and those above it up to the bundle's. */
  private checkDir(rel: string): void {
    const parts = rel ? rel.split('/') : [];
    for (let k = 0; k <= parts.length; k++) {
      const sub = parts.slice(0, k).join('/');
      if (this.safeDirs.has(sub)) continue;
      let st: Stats;
      try {
        st = lstatSync(join(this.root, sub));
      } catch (e) {
        throw new PatchError(`${this.name(sub)}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'is missing' : (e as Error).message}`);
      }
      if (!st.isDirectory()) {
        throw new PatchError(`${this.name(sub)}: is ${st.isSymbolicLink() ? 'a symbolic link' : 'not a directory'}; a bundle's directories must be real directories (write the bundle again with \`restack patch\`)`);
      }
      this.checkOwner(sub, st, 'the directory');
      this.safeDirs.add(sub);
    }
  }

  /**
   * Adds the time since `since` to the time spent reading and refuses past the limit. Only the
   * file system's time counts: what the program does between two reads (parsing, compiling the
   * mapping) on a busy machine is not a sign of a slow or hung file system.
   */
  private checkTime(since: number): void {
    this.readingMs += performance.now() - since;
    const ms = this.readingMs;
    if (ms > this.limits.ms) {
      throw new PatchError(`${this.given}: reading the bundle took more than ${this.limits.ms} ms (${Math.round(ms)} ms), so it was refused; ` +
        'is it on a slow or hung file system? Copy it to a local disk');
    }
  }

  /**
   * The bytes of `rel` (a '/'-separated path in the bundle), or null if it does not exist and
   * `optional`.
   */
  read(rel: string, optional = false): Buffer | null {
    if (!validManifestPath(rel)) throw new PatchError(`${this.given}: '${rel}' is not a path inside the bundle`);
    const started = performance.now();
    const slash = rel.lastIndexOf('/');
    this.checkDir(slash < 0 ? '' : rel.slice(0, slash));
    const path = join(this.root, rel);
    let fd: number;
    try {
      fd = openSync(path, OPEN_FLAGS);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && optional) return null;
      if (code === 'ENOENT') throw new PatchError(`${this.name(rel)} is missing`);
      if (code === 'ELOOP' || code === 'EMLINK') {
        throw new PatchError(`${this.name(rel)} is a symbolic link; a bundle's files must be regular files in it (replace the link with the file, then \`restack check ${this.given}\`)`);
      }
      throw new PatchError(`${this.name(rel)}: cannot open it: ${(e as Error).message}`);
    }
    try {
      const st = fstatSync(fd);
      if (!st.isFile()) {
        const kind = st.isFIFO() ? 'a FIFO' : st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : st.isSocket() ? 'a socket' : st.isDirectory() ? 'a directory' : 'not a regular file';
        throw new PatchError(`${this.name(rel)} is ${kind}, not a regular file; a bundle holds regular files only (write the bundle again with \`restack patch\`)`);
      }
      this.checkOwner(rel, st, 'the file');
      if (st.size > this.limits.fileBytes) {
        throw new PatchError(`${this.name(rel)} is ${size(st.size)}, more than the ${size(this.limits.fileBytes)} a bundle's file may hold`);
      }
      if (this.total + st.size > this.limits.totalBytes) {
        throw new PatchError(`${this.given}: the bundle's files hold more than the ${size(this.limits.totalBytes)} a bundle may hold (at ${rel})`);
      }
      // One byte more than fstat said, to notice a file that grows while it is read.
      const bytes = Buffer.allocUnsafe(st.size + 1);
      let got = 0;
      for (let n; got < bytes.length && (n = readSync(fd, bytes, got, bytes.length - got, null)) > 0;) got += n;
      if (got !== st.size) throw new PatchError(`${this.name(rel)} changed while it was read; run \`restack check ${this.given}\` again once nothing writes it`);
      this.total += got;
      this.checkTime(started);
      return bytes.subarray(0, got);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
        throw new PatchError(`${this.name(rel)} could not be read without waiting; a bundle holds regular files only`);
      }
      throw e;
    } finally {
      closeSync(fd);
    }
  }

  /**
   * Metadata files under a directory of the bundle, as '/'-separated paths relative to it, sorted
   * (as findMetadata lists them), checking each directory on the way. Links are not followed.
   */
  listMetadata(rel: string): string[] {
    const out: string[] = [];
    const walk = (sub: string): void => {
      const at = sub ? `${rel}/${sub}` : rel;
      const started = performance.now();
      this.checkDir(at);
      const entries = readdirSync(join(this.root, at), { withFileTypes: true });
      this.checkTime(started);
      for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
        // node_modules: the dependencies compiled with the program (decision 0013).
        if (entry.name.startsWith('.')) continue;
        const next = sub ? `${sub}/${entry.name}` : entry.name;
        if (entry.isDirectory()) walk(next);
        else if (entry.name.endsWith(META_SUFFIX)) out.push(next);
      }
    };
    walk('');
    return out;
  }
}
