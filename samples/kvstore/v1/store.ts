/** The keyspace: 16 numbered databases of string keys to string values. */

export const DATABASES = 16;

export type Db = Map<string, string>;

export const dbs: Db[] = makeDatabases(DATABASES);

function makeDatabases(count: number): Db[] {
  const made: Db[] = [];
  for (let i = 0; i < count; i++) made.push(new Map());
  return made;
}

export function getString(db: Db, key: string): string | null {
  const value = db.get(key);
  return value === undefined ? null : value;
}

export function setString(db: Db, key: string, value: string): void {
  db.set(key, value);
}

export function remove(db: Db, key: string): boolean {
  return db.delete(key);
}

export function exists(db: Db, key: string): boolean {
  return db.has(key);
}

export function keyCount(db: Db): number {
  return db.size;
}

/** Keys matching a glob pattern (`*`, `?`, `[abc]`, `[^a-z]`, `\x`), in insertion order. */
export function matchingKeys(db: Db, pattern: string): string[] {
  const keys: string[] = [];
  if (pattern === '*') {
    for (const key of db.keys()) keys.push(key);
    return keys;
  }
  const re = globToRegExp(pattern);
  for (const key of db.keys()) {
    if (re.test(key)) keys.push(key);
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
