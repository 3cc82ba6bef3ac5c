/**
 * CommonJS modules in an update (decision 0012): how a `require` of the new version finds a module
 * of the bundle, and how the old `module.exports`, the object every requirer holds, is re-pointed
 * to the new version's exports (undone by the transaction if the update does not commit).
 */
import { readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, isAbsolute, join, posix } from 'node:path';
import { lookupPackage, packageFile, splitBare } from '../../contract/packages.js';
import { fileURLToPath } from 'node:url';
import type { ModuleHandle } from '../core/moduleHandle.js';
import {
  JSONParse, MapGet, MapHas, MapSet, mapEntries, newSet, ObjectDefineProperty, ObjectGetOwnPropertyDescriptor, ObjectGetPrototypeOf,
  ObjectHasOwn, ObjectIs, ObjectIsExtensible, ObjectKeys, ObjectSetPrototypeOf, ownFilter, ownMap, ReflectDeleteProperty, ReflectOwnKeys,
  RegExpExec, SetHas, setValues, StringEndsWith, StringSlice, StringStartsWith, WeakMapGet, WeakMapSet,
} from '../core/primordials.js';
import type { LoadedPatch, PatchModule } from '../patch.js';
import type { Transaction } from './transaction.js';

/** The file a module handle's base url names (a CommonJS module's is its path), or null. */
export function fileOf(baseUrl: string): string | null {
  if (StringStartsWith(baseUrl, 'file:')) return fileURLToPath(baseUrl);
  return isAbsolute(baseUrl) ? baseUrl : null;
}

/**
 * The directory the running program's module ids are relative to: found from a running module
 * whose file ends with its id. A module new in the version lives there, next to the others.
 */
export function programRoot(current: Map<string, ModuleHandle>): string | null {
  const entries = mapEntries(current);
  for (let i = 0; i < entries.length; i++) {
    const id = entries[i][0];
    const file = fileOf(entries[i][1].baseUrl);
    const tail = `/${id}`;
    if (file && StringEndsWith(file, tail)) return StringSlice(file, 0, -id.length);
  }
  return null;
}

/** The TypeScript source an output name stands for: x.js -> x.ts, x.cjs -> x.cts. */
const tsSource = (id: string): string => {
  const js = RegExpExec(/\.(m|c)?js$/, id);
  return js === null ? id : `${StringSlice(id, 0, js.index)}.${js[1] ?? ''}ts`;
};

/** A path without its trailing slash, if it has one. */
const withoutSlash = (path: string): string => (StringEndsWith(path, '/') ? StringSlice(path, 0, -1) : path);

/**
 * The bundle's module a relative `require(spec)` of module `from` names, resolved as Node would
 * within the program: the file itself, then with .js/.cjs/.mjs, then a directory's package.json
 * `main` or its index.js (`dir` is the requiring module's directory in the program, where a
 * package.json is read); null when the specifier is not relative or names no module of the bundle.
 */
export function bundleTarget(patch: LoadedPatch, from: PatchModule, spec: string, dir: string | null): PatchModule | null {
  if (!(spec === '.' || spec === '..' || StringStartsWith(spec, './') || StringStartsWith(spec, '../'))) return null;
  const id = withoutSlash(posix.normalize(posix.join(posix.dirname(from.id), spec)));
  const find = (base: string): PatchModule | null => {
    const candidates = [base, `${base}.js`, `${base}.cjs`, `${base}.mjs`];
    for (let i = 0; i < candidates.length; i++) {
      const c = candidates[i];
      const pm = MapGet(patch.modules, c) ?? MapGet(patch.modules, tsSource(c)) ?? MapGet(patch.modules, `${tsSource(c)}x`);
      if (pm) return pm;
    }
    return null;
  };
  const file = find(id);
  if (file) return file;
  if (dir) {
    try {
      const main = (JSONParse(readFileSync(join(dir, spec, 'package.json'), 'utf8')) as { main?: unknown }).main;
      if (typeof main === 'string' && main) {
        const viaMain = find(withoutSlash(posix.normalize(posix.join(id, main)))) ?? find(posix.join(posix.normalize(posix.join(id, main)), 'index'));
        if (viaMain) return viaMain;
      }
    } catch {
      // No package.json there, or not JSON: Node then tries index.js too.
    }
  }
  return find(posix.join(id, 'index'));
}

/**
 * What `require(name)` by module `from` of the new version finds in the new install (decision
 * 0013), looked up in patch.json's packages as Node looks in node_modules directories:
 *  - a module of the bundle (the package changed, was rebound or is new);
 *  - `from`: the program directory (relative to its root) to require the name from on the running
 *    files, where Node's own lookup finds that package first (a package kept as it is, or a file
 *    of a package the bundle has no module for: a JSON file, an uncompiled package);
 *  - null: not a package of the install (a builtin, a package outside the program).
 */
export function packageTarget(patch: LoadedPatch, from: PatchModule, spec: string): { module: PatchModule } | { from: string } | { json: unknown } | null {
  const packages = patch.packages;
  if (!packages || isBuiltin(spec)) return null;
  const bare = splitBare(spec);
  if (!bare) return null;
  const path = lookupPackage((p) => ObjectHasOwn(packages, p), posix.dirname(from.id), bare.name);
  if (!path) return null;
  // The directory whose node_modules holds the package: Node's lookup from there finds it first.
  const holder = withoutSlash(StringSlice(path, 0, path.length - `node_modules/${bare.name}`.length));
  const pkg = packages[path];
  if (pkg.status === 'kept') return { from: holder };
  // Its package.json as the new install has it (the file in the program is the old release's).
  if (bare.sub === './package.json' && pkg.manifest !== undefined) return { json: manifestOf(patch, path, pkg.manifest) };
  const file = packageFile(path, pkg, bare.sub, (id) => MapHas(patch.modules, id));
  const module = file ? MapGet(patch.modules, file) : undefined;
  return module ? { module } : { from: holder };
}

const manifests = new WeakMap<LoadedPatch, Map<string, unknown>>();

/** One object per package and bundle load, as `require` caches a JSON file. */
function manifestOf(patch: LoadedPatch, path: string, manifest: unknown): unknown {
  let byPath = WeakMapGet(manifests, patch);
  if (!byPath) WeakMapSet(manifests, patch, (byPath = new Map()));
  if (!MapHas(byPath, path)) MapSet(byPath, path, structuredClone(manifest));
  return MapGet(byPath, path);
}

/** How an update left a CommonJS module's exports (the update report's `exports`). */
export type ExportsOutcome = 'repointed' | 'replaced' | 'same';

/** Own keys a function export keeps as they are: its own identity, not what the module exports. */
const FUNCTION_OWN = new Set<string | symbol>(['prototype', 'length', 'name', 'arguments', 'caller']);

/**
 * Makes `target` have `source`'s own properties (skipping `keep`): each set to the new value, and
 * those `source` no longer has removed; a class or constructor replaced is adopted (`adopt`). Every change is put back if the update does not commit.
 * Throws a TypeError naming the property when one cannot be changed (a frozen exports object).
 */
function takeProperties(target: object, source: object, keep: ReadonlySet<string | symbol>, adopt: (oldFn: Function, newFn: Function, name: string) => void, tx?: Transaction): void {
  const before = ownMap(ownFilter(ReflectOwnKeys(target), (k) => !SetHas(keep, k)), (k) => [k, ObjectGetOwnPropertyDescriptor(target, k)!] as const);
  tx?.onAbandon(() => {
    const keys = ReflectOwnKeys(target);
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      if (!SetHas(keep, k) && ObjectGetOwnPropertyDescriptor(target, k)?.configurable) ReflectDeleteProperty(target, k);
    }
    for (let i = 0; i < before.length; i++) {
      const k = before[i][0];
      const d = before[i][1];
      if (!ObjectHasOwn(target, k) || ObjectGetOwnPropertyDescriptor(target, k)?.configurable) ObjectDefineProperty(target, k, d);
    }
  });
  const wanted = newSet(ownFilter(ReflectOwnKeys(source), (k) => !SetHas(keep, k)));
  // An exported class (or constructor function) replaced by the new version's is adopted: old
  // instances get the new methods (decision 0010).
  for (let i = 0; i < before.length; i++) {
    const k = before[i][0];
    const d = before[i][1];
    const n = SetHas(wanted, k) ? ObjectGetOwnPropertyDescriptor(source, k) : undefined;
    if (n && 'value' in n && 'value' in d && typeof d.value === 'function' && typeof n.value === 'function' && d.value !== n.value) adopt(d.value as Function, n.value as Function, `module.exports.${String(k)}`);
  }
  for (let i = 0; i < before.length; i++) {
    const k = before[i][0];
    const d = before[i][1];
    if (SetHas(wanted, k) || !d.configurable) continue;
    ReflectDeleteProperty(target, k);
  }
  const wantedKeys = setValues(wanted);
  for (let i = 0; i < wantedKeys.length; i++) {
    const k = wantedKeys[i];
    const d = ObjectGetOwnPropertyDescriptor(source, k)!;
    const had = ObjectGetOwnPropertyDescriptor(target, k);
    if (had && !had.configurable) {
      // A non-configurable property can still take a new value when it is writable.
      if ('value' in d && had.writable) {
        (target as Record<string | symbol, unknown>)[k] = d.value;
        continue;
      }
      if ('value' in d && ObjectIs(had.value, d.value)) continue;
      throw new TypeError(`its property '${String(k)}' cannot be redefined`);
    }
    if (!had && !ObjectIsExtensible(target)) throw new TypeError(`it is not extensible (frozen or sealed), so the new export '${String(k)}' cannot be added`);
    ObjectDefineProperty(target, k, d);
  }
}

/**
 * Re-points the old `module.exports` (what every requirer holds) to the new version's exports
 * `next` (decision 0012):
 *  - both objects: the old object gets the new one's own properties (those gone are removed) and
 *    its prototype;
 *  - both functions or classes: the old one stays the export (its calls forward to the new code,
 *    a class is adopted, `adopt`); its own properties (`fn.helper = ...`) are re-pointed;
 *  - otherwise (a primitive, or the kind changed): `module.exports` becomes the new value; a
 *    requirer that kept the old value keeps it.
 * Every change is put back if the update does not commit.
 */
export function repointExports(mod: { exports: unknown }, next: unknown, adopt: (oldFn: Function, newFn: Function, name: string) => void, tx?: Transaction): ExportsOutcome {
  const prev = mod.exports;
  if (prev === next) return 'same';
  if (typeof prev === 'function' && typeof next === 'function') {
    takeProperties(prev, next, FUNCTION_OWN, adopt, tx);
    adopt(prev, next, 'module.exports');
    return 'repointed';
  }
  if (prev !== null && typeof prev === 'object' && next !== null && typeof next === 'object') {
    takeProperties(prev, next, new Set(), adopt, tx);
    const proto = ObjectGetPrototypeOf(prev) as object | null;
    const nextProto = ObjectGetPrototypeOf(next) as object | null;
    if (proto !== nextProto) {
      if (!ObjectIsExtensible(prev)) throw new TypeError('it is not extensible (frozen or sealed), so its prototype cannot change');
      tx?.onAbandon(() => ObjectSetPrototypeOf(prev, proto));
      ObjectSetPrototypeOf(prev, nextProto);
    }
    return 'repointed';
  }
  tx?.onAbandon(() => { mod.exports = prev; });
  mod.exports = next;
  return 'replaced';
}

/**
 * An ES module's view of a CommonJS module of the bundle (`import x, { a } from './cjs.js'`):
 * `default` is its `module.exports`, and each of the exports' own enumerable properties a named
 * export, read live.
 */
export function fillNamespace(ns: Record<string | symbol, unknown>, exportsNow: () => unknown): void {
  const value = exportsNow();
  ObjectDefineProperty(ns, 'default', { enumerable: true, configurable: true, get: exportsNow });
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return;
  const keys = ObjectKeys(value);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (key === 'default' || ObjectHasOwn(ns, key)) continue;
    ObjectDefineProperty(ns, key, { enumerable: true, configurable: true, get: () => (exportsNow() as Record<string, unknown>)[key] });
  }
}

/** The directory of a file, or null. */
export const dirOf = (file: string | null): string | null => (file ? dirname(file) : null);
