/**
 * npm packages of a program in an update (decision 0013): where a module id's package is, how a
 * bare `require('name/sub')` finds a package the way Node's node_modules lookup does, and which
 * file of the package it names. Shared by `restack patch` (which compares two installs) and the
 * runtime (whose new version resolves names in the new install's layout, written into patch.json).
 *
 * Paths are module-id style: relative to the program's root, '/'-separated
 * ('node_modules/express', 'node_modules/send/node_modules/encodeurl').
 */
import { posix } from 'node:path';

/**
 * A package of the new version, as patch.json lists it:
 *  - kept: the same release at the same place in both installs, bound to the same packages: its
 *    running modules stay (the bundle has none of them);
 *  - changed: another release at the same place: its modules are in the bundle and replace the
 *    running ones in place (their `module.exports` re-pointed, old functions forwarded);
 *  - rebound: the same release, but a name it requires now finds another package (npm moved a
 *    dependency in the new install): its modules are in the bundle, evaluated again so that they
 *    bind to what the new install gives them;
 *  - added: a place the old install did not have: its modules are loaded from the bundle when the
 *    new version first requires them.
 */
export interface BundlePackage {
  name: string;
  version: string;
  status: 'kept' | 'changed' | 'rebound' | 'added';
  /** package.json's `main` and `exports`, for finding the file a name resolves to. */
  main?: string;
  exports?: unknown;
  /**
   * The package's package.json, for a package whose files are not the running ones (changed,
   * rebound, added): what `require('<name>/package.json')` returns in the new version.
   */
  manifest?: unknown;
}

/** The package a module id belongs to ('node_modules/@s/p/lib/x.js' -> 'node_modules/@s/p'), or null for the program's own modules. */
export function packageOf(id: string): string | null {
  const parts = id.split('/');
  const at = parts.lastIndexOf('node_modules');
  if (at < 0 || at + 1 >= parts.length - 1) return null;
  const width = parts[at + 1].startsWith('@') ? 2 : 1;
  if (at + width >= parts.length) return null;
  return parts.slice(0, at + 1 + width).join('/');
}

/** The package name a node_modules path ends with: `node_modules/a/node_modules/@s/b` -> `@s/b`. */
export function nameOfPackagePath(path: string): string {
  return path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
}

/** A bare specifier's package name and the path inside it ('@s/p/lib/x' -> ['@s/p', './lib/x']), or null when not bare. */
export function splitBare(spec: string): { name: string; sub: string } | null {
  if (!spec || spec.startsWith('.') || spec.startsWith('/') || spec.includes(':') || spec.includes('\\')) return null;
  const parts = spec.split('/');
  const width = spec.startsWith('@') ? 2 : 1;
  if (parts.length < width || parts.slice(0, width).some((p) => !p)) return null;
  const rest = parts.slice(width).join('/');
  return { name: parts.slice(0, width).join('/'), sub: rest ? `./${rest}` : '.' };
}

/**
 * The package `name` resolves to from a module in directory `fromDir` (module-id style), in a
 * layout that `has` a package path: each enclosing directory's node_modules, nearest first, as
 * Node looks (a directory that is itself a node_modules is not searched inside).
 */
export function lookupPackage(has: (path: string) => boolean, fromDir: string, name: string): string | null {
  let dir = fromDir === '.' ? '' : fromDir;
  for (;;) {
    if (posix.basename(dir) !== 'node_modules') {
      const candidate = dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`;
      if (has(candidate)) return candidate;
    }
    if (!dir) return null;
    const up = posix.dirname(dir);
    dir = up === '.' ? '' : up;
  }
}

/** The conditions a `require` matches in package.json `exports`, in Node's order. */
export const REQUIRE_CONDITIONS = ['require', 'node', 'node-addons', 'default'];

function target(value: unknown, conditions: readonly string[], star: string | null): string | null {
  if (typeof value === 'string') return star === null ? value : value.split('*').join(star);
  if (Array.isArray(value)) {
    for (const v of value) {
      const t = target(v, conditions, star);
      if (t !== null) return t;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (!conditions.includes(key)) continue;
      const t = target(v, conditions, star);
      if (t !== null) return t;
    }
  }
  return null;
}

/**
 * The file (relative to the package, './...') that `sub` ('.' or './lib/x') names through
 * package.json `exports`; null when `exports` does not export it (Node throws
 * ERR_PACKAGE_PATH_NOT_EXPORTED), undefined when the package has no `exports`.
 */
export function exportsTarget(exports: unknown, sub: string, conditions: readonly string[] = REQUIRE_CONDITIONS): string | null | undefined {
  if (exports === undefined || exports === null) return undefined;
  const isSubpathMap = typeof exports === 'object' && !Array.isArray(exports) && Object.keys(exports as object).some((k) => k.startsWith('.'));
  if (!isSubpathMap) return sub === '.' ? target(exports, conditions, null) : null;
  const map = exports as Record<string, unknown>;
  if (Object.hasOwn(map, sub)) return target(map[sub], conditions, null);
  let best: { key: string; star: string } | null = null;
  for (const key of Object.keys(map)) {
    const at = key.indexOf('*');
    if (at < 0) continue;
    const pre = key.slice(0, at);
    const post = key.slice(at + 1);
    if (sub.length >= key.length - 1 && sub.startsWith(pre) && sub.endsWith(post) && (!best || pre.length > best.key.indexOf('*'))) {
      best = { key, star: sub.slice(pre.length, sub.length - post.length) };
    }
  }
  return best ? target(map[best.key], conditions, best.star) : null;
}

/**
 * The module of a package that `sub` names, among the files `has` knows, as Node's `require`
 * finds it: through `exports` when the package has it, else the file itself, with `.js`, `.json`
 * or `.node`, or a directory's `index.js`; for the package itself, `main` (probed the same way)
 * and then `index.js`. Returns the path relative to the program's root, or null.
 */
export function packageFile(pkgPath: string, pkg: Pick<BundlePackage, 'main' | 'exports'>, sub: string, has: (id: string) => boolean): string | null {
  const probe = (rel: string): string | null => {
    const base = posix.normalize(posix.join(pkgPath, rel)).replace(/\/$/, '');
    for (const c of [base, `${base}.js`, `${base}.json`, `${base}.node`, `${base}/index.js`, `${base}/index.json`]) if (has(c)) return c;
    return null;
  };
  const exported = exportsTarget(pkg.exports, sub);
  if (exported !== undefined) return exported === null ? null : has(posix.normalize(posix.join(pkgPath, exported))) ? posix.normalize(posix.join(pkgPath, exported)) : null;
  if (sub !== '.') return probe(sub);
  if (typeof pkg.main === 'string' && pkg.main) {
    const viaMain = probe(pkg.main);
    if (viaMain) return viaMain;
  }
  return probe('./index');
}
