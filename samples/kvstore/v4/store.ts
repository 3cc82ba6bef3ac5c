import { List } from './list.js';

/**
 * The keyspace: 16 numbered databases of string keys to entries, each a string or a list. An entry may have an expiry
 * time: it is gone once that time has passed (removed when it is next looked up, or by the
 * active expiry cycle, whichever comes first).
 */

export const DATABASES = 16;

export interface Entry {
  value: string | List;
  /** Unix time in ms at which the key expires; 0 for a key without expiry. */
  expiresAt: number;
}

export type Db = Map<string, Entry>;

export const dbs: Db[] = makeDatabases(DATABASES);

function makeDatabases(count: number): Db[] {
  const made: Db[] = [];
  for (let i = 0; i < count; i++) made.push(new Map());
  return made;
}

/** The live entry of key, or null (an expired one is removed on the way). */
export function lookup(db: Db, key: string): Entry | null {
  const entry = db.get(key);
  if (entry === undefined) return null;
  if (entry.expiresAt !== 0 && entry.expiresAt <= Date.now()) {
    db.delete(key);
    return null;
  }
  return entry;
}

/** A command met a key holding another kind of value. */
export class WrongTypeError extends Error {
  constructor() {
    super('WRONGTYPE Operation against a key holding the wrong kind of value');
  }
}

export function getString(db: Db, key: string): string | null {
  const entry = lookup(db, key);
  if (entry === null) return null;
  if (typeof entry.value !== 'string') throw new WrongTypeError();
  return entry.value;
}

/** The list at key, or null. */
export function getList(db: Db, key: string): List | null {
  const entry = lookup(db, key);
  if (entry === null) return null;
  if (!(entry.value instanceof List)) throw new WrongTypeError();
  return entry.value;
}

export function typeOf(db: Db, key: string): string {
  const entry = lookup(db, key);
  if (entry === null) return 'none';
  return typeof entry.value === 'string' ? 'string' : 'list';
}

/** Sets key to value; expiresAt 0 makes it persistent. */
export function setString(db: Db, key: string, value: string | List, expiresAt: number): void {
  db.set(key, { value, expiresAt });
}

export function remove(db: Db, key: string): boolean {
  return lookup(db, key) !== null && db.delete(key);
}

export function exists(db: Db, key: string): boolean {
  return lookup(db, key) !== null;
}

export function keyCount(db: Db): number {
  return db.size;
}

export function volatileCount(db: Db): number {
  let count = 0;
  for (const entry of db.values()) {
    if (entry.expiresAt !== 0) count++;
  }
  return count;
}

/** Keys matching a glob pattern (`*`, `?`, `[abc]`, `[^a-z]`, `\x`), in insertion order. */
export function matchingKeys(db: Db, pattern: string): string[] {
  const keys: string[] = [];
  const now = Date.now();
  const re = pattern === '*' ? null : globToRegExp(pattern);
  for (const [key, entry] of db) {
    if (entry.expiresAt !== 0 && entry.expiresAt <= now) continue;
    if (re === null || re.test(key)) keys.push(key);
  }
  return keys;
}

export function globToRegExp(pattern: string): RegExp {
  let source = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') source += '[\\s\\S]*';
    else if (c === '?') source += '[\\s\\S]';
    else if (c === '\\' && i + 1 < pattern.length) source += escapeRegExp(pattern[++i]);
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) {
        source += '\\[';
        continue;
      }
      let set = pattern.slice(i + 1, close);
      const negated = set[0] === '^';
      if (negated) set = set.slice(1);
      source += '[' + (negated ? '^' : '') + set.replace(/[\]\\]/g, '\\$&') + ']';
      i = close;
    } else source += escapeRegExp(c);
  }
  return new RegExp(source + '$');
}

function escapeRegExp(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? '\\' + c : c;
}

export function flush(db: Db): void {
  db.clear();
}

/** Where the active expiry cycle goes on in each database (an iterator survives deletions). */
const expiryCursors: Array<Iterator<[string, Entry]> | null> = [];

/**
 * Active expiry, run by the server cron: looks at up to `budget` entries per database from where
 * it stopped last time and removes those that have expired, so keys nobody reads again go away.
 */
export function activeExpireCycle(budget: number): number {
  const now = Date.now();
  let removed = 0;
  for (let i = 0; i < DATABASES; i++) {
    const db = dbs[i];
    if (db.size === 0) continue;
    let cursor = expiryCursors[i] ?? db.entries();
    for (let seen = 0; seen < budget; seen++) {
      const step = cursor.next();
      if (step.done === true) {
        cursor = db.entries();
        break;
      }
      const [key, entry] = step.value;
      if (entry.expiresAt !== 0 && entry.expiresAt <= now) {
        db.delete(key);
        removed++;
      }
    }
    expiryCursors[i] = cursor;
  }
  return removed;
}
