/**
 * The program's npm dependencies in the output tree (decision 0013). Every production package of
 * the install is placed at `<out>/node_modules/<its path in the install>` (nested node_modules
 * kept), so the compiled program resolves each package to the same copy wherever `<out>` is; the
 * packages chosen (by name, or all of them with `prod`) are compiled, the others copied as they are.
 *
 * Which packages are production ones comes from package-lock.json (lockfileVersion 2 or 3, its
 * `packages`) when there is one, else from walking package.json dependencies as Node resolves
 * them. This module only plans: it lists the packages and, for each file, whether it is compiled
 * or copied; cli/compileTree.ts writes them.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { nameOfPackagePath } from '../contract/packages.js';
import { basename, dirname, join, relative, sep } from 'node:path';
import { CompileError } from '../compiler/errors.js';
import { META_SUFFIX } from '../contract/bundle.js';

/** Which installed packages are compiled: every production package, or those of these names. */
export type DependencySelection = 'prod' | string[];

/** Where the selection came from, for messages. */
export interface DependencyRequest {
  selection: DependencySelection;
  /** `--deps`, or the package.json that holds `restack.dependencies`. */
  source: string;
}

/** One installed copy of a package. */
export interface InstalledPackage {
  /** The name the program requires it by (its directory under node_modules, scope included). */
  name: string;
  /** Its path relative to the project directory, '/'-separated: `node_modules/a/node_modules/b`. */
  path: string;
  /** Its directory (the link, for a linked package). */
  dir: string;
}

export interface DependencyFile {
  file: string;
  /** Path relative to the project directory, '/'-separated: the module id of a compiled file. */
  rel: string;
  action: 'compile' | 'copy';
}

export interface PlannedPackage extends InstalledPackage {
  /** Compiled (its JavaScript files), or copied as it is. */
  compiled: boolean;
  files: DependencyFile[];
}

export interface DependencyPlan {
  packages: PlannedPackage[];
  /** The install's package-lock.json, copied to the output. */
  lockfile?: string;
  /** What told the production packages: the lockfile's `packages`, or package.json followed. */
  from: 'package-lock.json' | 'package.json';
  /** Packages not compiled although chosen, and lockfile entries not installed, each with why. */
  skipped: Array<{ file: string; reason: string }>;
}

const JS = /\.(m|c)?js$/;
/**
 * Larger dependency files are copied, not compiled: the compiler's time and memory grow faster
 * than a file's size where functions nest deeply, as in bundles (mqtt's 775 KB browser bundle
 * takes 90 s and 4 GB; typescript.js is 9 MB). Measured under that, acorn's 246 KB: 11 s.
 */
export const MAX_DEPENDENCY_FILE = 256 * 1024;
const posix = (p: string): string => p.split(sep).join('/');

/** The `restack.dependencies` entry of a package.json, or undefined when it has none. */
export function configuredSelection(packageJson: string): DependencyRequest | undefined {
  const pkg = readJson(packageJson) as { restack?: { dependencies?: unknown } };
  const value = pkg.restack?.dependencies;
  if (value === undefined) return undefined;
  if (value === 'prod') return { selection: 'prod', source: packageJson };
  if (Array.isArray(value) && value.length && value.every((v) => typeof v === 'string' && v.trim() !== '')) {
    return { selection: value.map((v: string) => v.trim()), source: packageJson };
  }
  throw new CompileError(`${packageJson}: "restack": { "dependencies": ... } must be "prod" (every production dependency) or a list of package names, ` +
    `as ["express"]; got ${JSON.stringify(value)}`, packageJson);
}

/** The value of `--deps`: `prod`, or comma-separated package names. */
export function parseSelection(value: string): DependencySelection {
  const names = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (!names.length) throw new CompileError(`--deps ${JSON.stringify(value)}: expected "prod" or comma-separated package names (--deps express,debug)`);
  if (names.includes('prod')) {
    if (names.length > 1) throw new CompileError(`--deps ${value}: "prod" already means every production dependency; give it alone, or give names`);
    return 'prod';
  }
  return names;
}

function readJson(file: string): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    throw new CompileError(`${file}: cannot be read as JSON (${(e as Error).message})`, file);
  }
}

interface LockEntry {
  dev?: boolean;
  optional?: boolean;
  /** Needed by a development package and as an optional one of a production package. */
  devOptional?: boolean;
}

interface Installed {
  packages: InstalledPackage[];
  /** Names installed for development only: a selection naming one of them is told so. */
  devOnly: Set<string>;
  lockfile?: string;
  from: 'package-lock.json' | 'package.json';
  problems: Array<{ file: string; reason: string }>;
}

/**
 * The production packages from package-lock.json's `packages`: every `node_modules/...` entry not
 * marked `dev` (a `devOptional` one is an optional dependency of a production package). An
 * optional one that is not there (another platform's build) is left out; a required one that is
 * not there is reported.
 */
function fromLockfile(projectDir: string, lockfile: string, lock: { packages: Record<string, LockEntry> }): Installed {
  const out: Installed = { packages: [], devOnly: new Set(), lockfile, from: 'package-lock.json', problems: [] };
  const prodNames = new Set<string>();
  for (const [path, entry] of Object.entries(lock.packages)) {
    // '' is the project; other keys outside node_modules are workspace sources, the program's own.
    if (!path.startsWith('node_modules/')) continue;
    const name = nameOfPackagePath(path);
    if (entry.dev) {
      out.devOnly.add(name);
      continue;
    }
    prodNames.add(name);
    const dir = join(projectDir, path);
    if (!existsSync(dir)) {
      if (!entry.optional && !entry.devOptional) out.problems.push({ file: path, reason: `listed in ${basename(lockfile)} but not installed (run npm ci): not in the output` });
      continue;
    }
    out.packages.push({ name, path, dir });
  }
  for (const n of prodNames) out.devOnly.delete(n);
  return out;
}

/**
 * The directory Node finds package `name` in when required from a file of `from`: the first
 * `node_modules/<name>` in `from` and its parents, up to the project directory, or (when `above`)
 * up to the file system's root.
 */
function lookUp(projectDir: string, from: string, name: string, above = false): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    if (basename(dir) !== 'node_modules') {
      const candidate = join(dir, 'node_modules', name);
      if (existsSync(join(candidate, 'package.json'))) return candidate;
    }
    if ((dir === projectDir && !above) || dirname(dir) === dir) return null;
  }
}

/**
 * The production packages without a lockfile: package.json's `dependencies` and
 * `optionalDependencies`, then each package's `dependencies`, `optionalDependencies` and
 * `peerDependencies`, each found as Node would find it from the package that depends on it.
 */
function fromPackageJson(projectDir: string): Installed {
  const out: Installed = { packages: [], devOnly: new Set(), from: 'package.json', problems: [] };
  const seen = new Set<string>();
  const deps = (pkg: Record<string, unknown>, peers: boolean): Array<{ name: string; optional: boolean }> => {
    const list: Array<{ name: string; optional: boolean }> = [];
    const add = (field: unknown, optional: boolean): void => {
      if (field && typeof field === 'object') for (const name of Object.keys(field)) list.push({ name, optional });
    };
    add(pkg.dependencies, false);
    add(pkg.optionalDependencies, true);
    // A peer the install does not hold is the requirer's to provide: not this walk's problem.
    if (peers) add(pkg.peerDependencies, true);
    return list;
  };
  const root = readJson(join(projectDir, 'package.json'));
  const queue: Array<{ from: string; name: string; optional: boolean; by: string }> = deps(root, false).map((d) => ({ from: projectDir, ...d, by: 'package.json' }));
  while (queue.length) {
    const { from, name, optional, by } = queue.shift()!;
    const dir = lookUp(projectDir, from, name);
    if (!dir) {
      const outside = lookUp(projectDir, dirname(projectDir), name, true);
      if (outside) out.problems.push({ file: name, reason: `a dependency of ${by}, installed outside the program (${outside}): not in the output, which finds it only where that is reachable (install it in the program's node_modules)` });
      else if (!optional) out.problems.push({ file: name, reason: `a dependency of ${by}, not installed (run npm install): not in the output` });
      continue;
    }
    const path = posix(relative(projectDir, dir));
    if (seen.has(path)) continue;
    seen.add(path);
    out.packages.push({ name, path, dir });
    for (const d of deps(readJson(join(dir, 'package.json')), true)) queue.push({ from: dir, ...d, by: path });
  }
  // Names in the top node_modules that no production dependency reaches: development ones.
  const top = join(projectDir, 'node_modules');
  if (existsSync(top)) {
    for (const entry of readdirSync(top)) {
      if (entry.startsWith('.')) continue;
      const names = entry.startsWith('@') ? readdirSync(join(top, entry)).map((n) => `${entry}/${n}`) : [entry];
      for (const n of names) if (!out.packages.some((p) => p.name === n)) out.devOnly.add(n);
    }
  }
  return out;
}

/** The production packages of the install in projectDir, by its lockfile or its package.json. */
function installedPackages(projectDir: string): Installed {
  const lockfile = join(projectDir, 'package-lock.json');
  if (existsSync(lockfile)) {
    const lock = readJson(lockfile) as { lockfileVersion?: number; packages?: Record<string, LockEntry> };
    // lockfileVersion 1 has no `packages`: its nested `dependencies` are not read; the walk decides.
    if (lock.packages && typeof lock.packages === 'object') return fromLockfile(projectDir, lockfile, lock as { packages: Record<string, LockEntry> });
    return { ...fromPackageJson(projectDir), lockfile };
  }
  return fromPackageJson(projectDir);
}

/** Why a package cannot be compiled (a native addon, restack itself), or null. */
function notCompiled(dir: string, files: string[]): string | null {
  const pkgJson = join(dir, 'package.json');
  const pkg = (existsSync(pkgJson) ? readJson(pkgJson) : {}) as { name?: string; gypfile?: boolean };
  if (pkg.name === 'restack') return 'restack itself: its runtime is never compiled';
  if (existsSync(join(dir, 'binding.gyp'))) return 'a native addon (binding.gyp): copied as it is';
  if (pkg.gypfile === true) return 'a native addon ("gypfile": true): copied as it is';
  const addon = files.find((f) => f.endsWith('.node'));
  if (addon) return `a native addon (${posix(relative(dir, addon))}): copied as it is`;
  return null;
}

/**
 * A package's files with their sizes, without its own node_modules (the packages there are
 * entries of their own); what cannot be read (a broken link) goes to `unreadable`.
 */
function packageFiles(dir: string, unreadable: string[]): Array<{ file: string; size: number }> {
  const out: Array<{ file: string; size: number }> = [];
  const walk = (d: string, top: boolean): void => {
    for (const name of readdirSync(d).sort()) {
      if (top && name === 'node_modules') continue;
      const p = join(d, name);
      let stat;
      try {
        stat = statSync(p);
      } catch {
        unreadable.push(p);
        continue;
      }
      if (stat.isDirectory()) walk(p, false);
      else out.push({ file: p, size: stat.size });
    }
  };
  walk(dir, true);
  return out;
}

/**
 * Plans the dependencies of the program in projectDir: every production package of its install,
 * those chosen compiled (each .js, .cjs and .mjs file but restack's own output), the rest copied.
 * A chosen name that is not installed as a production package is an error naming it.
 */
export function planDependencies(projectDir: string, request: DependencyRequest): DependencyPlan {
  if (!existsSync(join(projectDir, 'package.json'))) {
    throw new CompileError(`${request.source}: compiling dependencies needs the program's package.json, and ${projectDir} has none ` +
      '(compile the directory that holds package.json and node_modules, or a project whose tsconfig.json is next to them)');
  }
  const installed = installedPackages(projectDir);
  const { selection } = request;
  if (selection !== 'prod') {
    const missing = selection.filter((n) => !installed.packages.some((p) => p.name === n));
    if (missing.length) {
      const why = missing.map((n) => installed.devOnly.has(n) ? `${n} (a development dependency only: only production packages are in the output)` : `${n} (not installed in ${join(projectDir, 'node_modules')})`);
      throw new CompileError(`${request.source}: cannot compile ${why.join(', ')}; install it as a dependency, or leave it out of the list`);
    }
  }
  const chosen = (p: InstalledPackage): boolean => selection === 'prod' || selection.includes(p.name);
  const plan: DependencyPlan = { packages: [], from: installed.from, skipped: [...installed.problems], ...(installed.lockfile ? { lockfile: installed.lockfile } : {}) };
  for (const p of installed.packages) {
    const unreadable: string[] = [];
    const files = packageFiles(p.dir, unreadable);
    for (const f of unreadable) plan.skipped.push({ file: `${p.path}/${posix(relative(p.dir, f))}`, reason: 'cannot be read (a broken link?): not in the output' });
    const why = chosen(p) ? notCompiled(p.dir, files.map((f) => f.file)) : null;
    if (why) plan.skipped.push({ file: p.path, reason: why });
    const planned: DependencyFile[] = files.map(({ file, size }) => {
      const rel = `${p.path}/${posix(relative(p.dir, file))}`;
      const own = file.endsWith(META_SUFFIX) || existsSync(`${file}${META_SUFFIX}`);
      let compile = chosen(p) && !why && JS.test(file) && !own;
      if (compile && size > MAX_DEPENDENCY_FILE) {
        plan.skipped.push({ file: rel, reason: `${Math.round(size / 1024)} KB, larger than the ${MAX_DEPENDENCY_FILE / 1024} KB compiled in a dependency: copied as it is` });
        compile = false;
      }
      return { file, rel, action: compile ? 'compile' : 'copy' };
    });
    // A package with no JavaScript (types, data) counts as copied.
    plan.packages.push({ ...p, compiled: planned.some((f) => f.action === 'compile'), files: planned });
  }
  return plan;
}
