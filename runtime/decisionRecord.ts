/**
 * The decision of a coordinated update of a process tree, recorded once in a file next to the
 * root's control socket (docs/decisions/0005-process-tree-decision.md).
 *
 * Whoever decides claims the record: the root with COMMIT or ABORT, a participant in doubt past its
 * give-up time with ABORT only. A claim writes the outcome to a file of its own and hard-links it
 * to the record's name: link() fails if the name exists, so exactly one claim wins, and a reader
 * never sees a half-written record. Everyone then follows what the record says, whoever wrote it:
 * a root that was paused between its check of the deadline and its claim finds a participant's
 * ABORT there and aborts too. The files live in the control directory (0700, this user's only).
 */
import { linkSync, readFileSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export type Outcome = 'commit' | 'abort';

/** The record of round `seq` of the root whose control socket is `socketPath`. */
export function recordPath(socketPath: string, seq: number): string {
  const pid = basename(socketPath).replace(/\.sock$/, '');
  return join(dirname(socketPath), `${pid}.${seq}.decision`);
}

/** What the record says, or null while nobody has decided. */
export function readRecord(path: string): Outcome | null {
  try {
    const text = readFileSync(path, 'utf8').trim();
    return text === 'commit' || text === 'abort' ? text : null;
  } catch {
    return null;
  }
}

/**
 * Claims the record with `outcome`; returns what it says afterwards (the claim's outcome if it
 * won, the earlier claim's otherwise), or null if it could be neither written nor read.
 */
export function claimRecord(path: string, outcome: Outcome): Outcome | null {
  const mine = `${path}.${process.pid}.${outcome}`;
  try {
    writeFileSync(mine, outcome + '\n', { mode: 0o600 });
    linkSync(mine, path);
  } catch {
    // EEXIST: someone decided first; anything else: read what is there, if anything.
  } finally {
    try {
      unlinkSync(mine);
    } catch {
      // Never written.
    }
  }
  return readRecord(path);
}

/** Removes the root's records of rounds before `keepFrom` (a participant of those is long done). */
export function forgetRecords(socketPath: string, keepFrom: number): void {
  const dir = dirname(socketPath);
  const pid = basename(socketPath).replace(/\.sock$/, '');
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = /^(\d+)\.(\d+)\.decision$/.exec(name);
    if (m && m[1] === pid && Number(m[2]) < keepFrom) {
      try {
        unlinkSync(join(dir, name));
      } catch {
        // Gone already.
      }
    }
  }
}
