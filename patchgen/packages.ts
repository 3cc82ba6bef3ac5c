/**
 * Two installs of a program's dependencies compared package by package (decision 0013): which
 * packages an update leaves running as they are, which it replaces in place, which it evaluates
 * again because npm moved one of their dependencies, and which are new.
 *
 * An install is read from the lockfile next to the compiled tree (package-lock.json, or npm's
 * node_modules/.package-lock.json), else from the package.json files under node_modules. The
 * lockfile's version and integrity say whether a place holds the same release in both installs.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { lookupPackage, nameOfPackagePath, type BundlePackage } from '../contract/packages.js';

export interface InstallPackage {
  path: string;
  name: string;
  version: string;
  integrity?: string;
  /** Names it requires by its package.json (dependencies, optional and peer dependencies). */
  deps: string[];
  main?: string;
  exports?: unknown;
  /** Its package.json as installed. */
  manifest?: unknown;
}

export interface Install {
  /** Where it was read from, for messages. */
  source: string;
  packages: Map<string, InstallPackage>;
}

interface LockEntry {
  name?: string;
  version?: string;
  integrity?: string;
  link?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

interface Manifest {
  name?: string;
  version?: string;
  main?: string;
  exports?: unknown;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

const depsOf = (m: LockEntry | Manifest): string[] =>
  [...new Set([...Object.keys(m.dependencies ?? {}), ...Object.keys(m.optionalDependencies ?? {}), ...Object.keys(m.peerDependencies ?? {})])].sort();


/** The package directories under a node_modules directory, nested ones included ('node_modules/a', 'node_modules/a/node_modules/b'). */
function walkNodeModules(root: string, rel: string, out: string[]): void {
  const dir = join(root, rel);
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const name of names) {
    if (name.startsWith('.')) continue;
    if (name.startsWith('@')) {
      let scoped: string[] = [];
      try { scoped = readdirSync(join(dir, name)).sort(); } catch { /* not a directory */ }
      for (const s of scoped) {
        const p = `${rel}/${name}/${s}`;
        if (existsSync(join(root, p, 'package.json'))) {
          out.push(p);
          walkNodeModules(root, `${p}/node_modules`, out);
        }
      }
      continue;
    }
    const p = `${rel}/${name}`;
    if (existsSync(join(root, p, 'package.json'))) {
      out.push(p);
      walkNodeModules(root, `${p}/node_modules`, out);
    }
  }
}

/**
 * The packages installed under `root` (a compiled tree or a program directory), or null when it
 * has no node_modules and no lockfile listing packages.
 */
export function readInstall(root: string): Install | null {
  const packages = new Map<string, InstallPackage>();
  const withManifest = (path: string, base: Omit<InstallPackage, 'main' | 'exports'>): InstallPackage => {
    const m = readJson<Manifest>(join(root, path, 'package.json'));
    return {
      ...base, ...(typeof m?.main === 'string' ? { main: m.main } : {}), ...(m?.exports !== undefined ? { exports: m.exports } : {}),
      ...(m ? { manifest: m } : {}),
    };
  };
  for (const lockName of ['package-lock.json', join('node_modules', '.package-lock.json')]) {
    const lock = readJson<{ lockfileVersion?: number; packages?: Record<string, LockEntry> }>(join(root, lockName));
    if (!lock?.packages) continue;
    for (const [path, entry] of Object.entries(lock.packages)) {
      // The program itself (''), and workspace packages outside node_modules, are not dependencies.
      if (!path.startsWith('node_modules/') && !path.includes('/node_modules/')) continue;
      if (entry.link) continue;
      packages.set(path, withManifest(path, {
        path, name: entry.name ?? nameOfPackagePath(path), version: entry.version ?? '',
        ...(entry.integrity ? { integrity: entry.integrity } : {}), deps: depsOf(entry),
      }));
    }
    return { source: join(root, lockName), packages };
  }
  if (!existsSync(join(root, 'node_modules')) || !statSync(join(root, 'node_modules')).isDirectory()) return null;
  const paths: string[] = [];
  walkNodeModules(root, 'node_modules', paths);
  for (const path of paths) {
    const m = readJson<Manifest>(join(root, path, 'package.json')) ?? {};
    packages.set(path, withManifest(path, { path, name: m.name ?? nameOfPackagePath(path), version: m.version ?? '', deps: depsOf(m) }));
  }
  return { source: join(root, 'node_modules'), packages };
}

export interface PackageComparison {
  /** The new install's packages, each with what the update does with it. */
  next: Record<string, BundlePackage>;
  /** Places only the old install had. */
  removed: string[];
  /** Why each rebound package is evaluated again: the name it requires and where it went. */
  rebound: Record<string, string>;
}

const sameRelease = (a: InstallPackage, b: InstallPackage): boolean =>
  a.name === b.name && a.version === b.version && (a.integrity === undefined || b.integrity === undefined || a.integrity === b.integrity);

/**
 * Compares two installs. A package at the same place with the same release is kept, unless a name
 * it requires resolves (by Node's lookup) to another place in the new install than in the old one
 * (npm hoisted or nested one of its dependencies differently): then it is rebound.
 */
export function comparePackages(old: Install, next: Install): PackageComparison {
  const out: PackageComparison = { next: {}, removed: [], rebound: {} };
  const hasOld = (p: string): boolean => old.packages.has(p);
  const hasNew = (p: string): boolean => next.packages.has(p);
  for (const [path, n] of next.packages) {
    const o = old.packages.get(path);
    let status: BundlePackage['status'] = !o ? 'added' : sameRelease(o, n) ? 'kept' : 'changed';
    if (status === 'kept') {
      for (const dep of n.deps) {
        const before = lookupPackage(hasOld, path, dep);
        const after = lookupPackage(hasNew, path, dep);
        if (before !== after) {
          status = 'rebound';
          out.rebound[path] = `'${dep}' was ${before ?? 'not installed'} and is ${after ?? 'not installed'} in the new install`;
          break;
        }
      }
    }
    out.next[path] = {
      name: n.name, version: n.version, status,
      ...(n.main !== undefined ? { main: n.main } : {}), ...(n.exports !== undefined ? { exports: n.exports } : {}),
      ...(status !== 'kept' && n.manifest !== undefined ? { manifest: n.manifest } : {}),
    };
  }
  for (const path of old.packages.keys()) if (!next.packages.has(path)) out.removed.push(path);
  return out;
}

/** Whether a module id is in a package the comparison keeps (its running module stays). */
export function keptModule(cmp: PackageComparison, packageOfId: string | null): boolean {
  return packageOfId !== null && cmp.next[packageOfId]?.status === 'kept';
}
