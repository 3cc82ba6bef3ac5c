/**
 * Reading a patch bundle in the running program: patch.json, both versions' metadata, the checked
 * mapping (mapping.js, written by `restack check`), and the new version's modules compiled into
 * functions (not yet evaluated: that happens in the update, when their state is carried over).
 * Only the files `restack check` recorded are read, and only as it recorded them
 * (checkedBundle.ts), safely (bundleFiles.ts).
 *
 * Everything here is synchronous: a request can arrive at an update point deep in a busy loop,
 * where the event loop will not run until the update is done.
 */
import { basename, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import type { CpMeta, FunctionMeta, ModuleMeta } from '../contract/index.js';
import { MAPPING_JS, META_SUFFIX, PATCH_FORMAT, PATCH_JSON } from '../contract/bundle.js';
import { PatchError } from '../contract/bundleFiles.js';
import { readCheckedFiles } from './checkedBundle.js';
import {
  ArrayPush, DataViewGetUint32, JSONParse, MapGet, MapHas, MapSet, mapKeys, mapValues, newSet, ownFilter, ownMap, RegExpExec,
  setValues, StringEndsWith, StringSlice, StringStartsWith, TypedArraySet,
} from './core/primordials.js';
import { evaluateMappingScript, MAPPING_PARAMS } from '../contract/mappingModule.js';
import * as restackPatch from '../patchgen/types.js';
import type { CpTarget, FunctionMapping, Mapping, PatchFile, VarSource } from '../patchgen/types.js';

/** How frames of one old function move. */
export interface FunctionPlan {
  oldFn: FunctionMeta;
  oldModule: string;
  newFn: FunctionMeta | null;
  newModule: string | null;
  /** Old cp number -> new cp number, or why not. */
  cps: CpTarget[];
  vars: { [name: string]: VarSource | undefined };
  /** Per old cp: new temporary -> old temporary (compiler temporaries are renumbered). */
  renamed: Array<Record<string, string>>;
  frame?: FunctionMapping['frame'];
  /** The mapping file names this function (else: unchanged, mapped to itself). */
  mapped: boolean;
}

export interface PatchModule {
  id: string;
  file: string;
  /** Its file relative to the version's root ('lib/store.js'): where it sits in the program. */
  rel: string;
  /** Its url in the program (the file's, with a query naming this load of the bundle). */
  url: string;
  meta: ModuleMeta;
  /**
   * The module function (loader format), compiled but not run; a CommonJS module's also takes
   * Node's wrapper arguments (exports, require, module, __filename, __dirname; `this` the exports).
   */
  fn: (loader: unknown, ...commonjs: unknown[]) => void;
  /** Whether the old version had this module (else its top-level code runs). */
  fresh: boolean;
}

export interface LoadedPatch {
  dir: string;
  label: string;
  base: PatchFile['base'];
  modules: Map<string, PatchModule>;
  /** By old module id, then old cp id: the function and cp number. */
  oldCps: Map<string, Map<number, { fn: FunctionMeta; cp: CpMeta }>>;
  plans: Map<string, FunctionPlan>;
  state: NonNullable<Mapping['state']>;
  /** The base version's metadata, by module id. */
  baseMeta: Map<string, ModuleMeta>;
  /** What runs of each module's top-level statements (decision 0010), by module and key. */
  topLevel: NonNullable<Mapping['topLevel']>;
  after: NonNullable<Mapping['after']>;
  /** The mapping's instance transformers, by old class ('module#Name'). */
  instances: NonNullable<Mapping['instances']>;
  /** Modules of npm packages the update leaves running as they are (decision 0013). */
  kept: Set<string>;
  /** The new install's packages, for `require` of a package name by the new version (decision 0013). */
  packages?: PatchFile['packages'];
  /** Distinguishes the module urls of each load of a bundle. */
  generation: number;
  /** Time this thread spent reading and compiling the bundle. */
  loadMs: number;
  /** Time another thread (the control channel's) spent reading it first, if one did. */
  readElsewhereMs?: number;
}

export { PatchError };

function parseJson<T>(bytes: Buffer | undefined, name: string, what: string): T {
  try {
    return JSONParse(bytes!.toString('utf8')) as T;
  } catch (e) {
    throw new PatchError(`${what}: cannot read ${name}: ${(e as Error).message}`);
  }
}

let generation = 0;
let readCount = 0;

/**
 * A bundle as read from disk, checked and hashed, but not compiled: plain data, so the control
 * channel's worker thread reads it off the main thread and posts it (structured clone), and the
 * main thread only compiles it where the request is taken. `cachedData` is V8's code cache of a
 * module or the mapping, made where the bundle was read: compiling with it skips the parse.
 */
export interface PatchData {
  dir: string;
  /** The directory as the user gave it, for messages. */
  given: string;
  patch: PatchFile;
  mapping: { file: string; script: string; cachedData?: Uint8Array };
  base: ModuleMeta[];
  /**
   * url: the module's url in the program, set when a code cache was made: V8 keeps the name a
   * script was compiled under in its cache, so the program must use the same one.
   */
  modules: Array<{ meta: ModuleMeta; file: string; rel: string; code: string; url?: string; cachedData?: Uint8Array }>;
  readMs: number;
}

const MODULE_PARAMS = ['__rsU'];
/** A CommonJS module's function also takes Node's module wrapper's parameters (decision 0012). */
const COMMONJS_PARAMS = ['__rsU', 'exports', 'require', 'module', '__filename', '__dirname'];
const paramsOf = (meta: ModuleMeta): string[] => meta.sourceKind === 'commonjs' ? COMMONJS_PARAMS : MODULE_PARAMS;

/**
 * Reads a bundle (patch.json, the checked mapping, both versions' metadata, the new modules'
 * code); throws PatchError with a sentence for the user. With codeCache, compiles each script once
 * to make V8's code cache for the thread that will run it.
 */
export function readPatch(dirIn: string, options: { codeCache?: boolean } = {}): PatchData {
  // Urls of modules read elsewhere are told apart from this thread's generations by a token.
  const token = options.codeCache ? `r${++readCount}-${process.pid}` : '';
  const started = performance.now();
  // Only what `restack check` recorded is read, each file once (checkedBundle.ts).
  const { reader, files } = readCheckedFiles(dirIn);
  const dir = reader.root;
  const patch = parseJson<PatchFile>(MapGet(files, PATCH_JSON), reader.name(PATCH_JSON), 'patch');
  if (patch.format !== PATCH_FORMAT) throw new PatchError(`${reader.name(PATCH_JSON)}: format ${String(patch.format)} is not supported`);

  const mappingJs = join(dir, MAPPING_JS);
  const script = MapGet(files, MAPPING_JS)!.toString('utf8');
  const under = (sub: string): string[] => ownFilter(mapKeys(files), (p) => StringStartsWith(p, `${sub}/`) && StringEndsWith(p, META_SUFFIX));
  const base = ownMap(under(patch.baseDir), (p) => parseJson<ModuleMeta>(MapGet(files, p), reader.name(p), 'base metadata'));
  const newDir = join(dir, patch.new.dir);
  const modules: PatchData['modules'] = [];
  const newMetas = under(patch.new.dir);
  for (let i = 0; i < newMetas.length; i++) {
    const p = newMetas[i];
    const meta = parseJson<ModuleMeta>(MapGet(files, p), reader.name(p), 'new metadata');
    const rel = StringSlice(p, patch.new.dir.length + 1, -META_SUFFIX.length);
    const file = join(newDir, rel);
    const code = MapGet(files, StringSlice(p, 0, -META_SUFFIX.length))!.toString('utf8');
    if (RegExpExec(/__rsR\.module\(__rsU\.url,/, code) === null) {
      throw new PatchError(`${dirIn}: ${relative(dir, file)} is not in restack's loader format; write the bundle again with \`restack patch\``);
    }
    if (options.codeCache) {
      const url = `${pathToFileURL(file).href}?restack=${token}`;
      ArrayPush(modules, { meta, file, rel, code, url, cachedData: codeCache(code, paramsOf(meta), url) });
    } else {
      ArrayPush(modules, { meta, file, rel, code });
    }
  }
  const mapping = { file: mappingJs, script, cachedData: options.codeCache ? codeCache(script, MAPPING_PARAMS, pathToFileURL(mappingJs).href) : undefined };
  return { dir, given: dirIn, patch, mapping, base, modules, readMs: performance.now() - started };
}

/** V8's code cache of a function body, or undefined when it cannot be made (a syntax error shows later). */
function codeCache(code: string, params: string[], filename: string): Uint8Array | undefined {
  try {
    return vm.compileFunction(code, params, { filename, produceCachedData: true }).cachedData;
  } catch {
    return undefined;
  }
}

/** A version's name in reports: the label given with the update, else the bundle directory's name. */
export function versionLabel(dir: string, label?: string): string {
  return label ?? basename(dir);
}

/** A sentence for the user about a failure to read or load a bundle. */
export function patchFailure(e: unknown, doing: string): string {
  return e instanceof PatchError ? e.message : `${doing} the patch failed: ${(e as Error)?.stack ?? String(e)}`;
}

/** A bundle another thread read for this one (the control channel's), or why it could not. */
export type PreparedPatch = { data: PatchData } | { error: string };

/**
 * A prepared bundle in one SharedArrayBuffer, for handing to many threads: a message carrying the
 * bundle itself is serialized once per thread by the sender, one after the other, and the last
 * threads would wait for the others' copies. Layout: the length of the header (uint32), the header
 * (JSON: the bundle with each code cache replaced by its offset and length), then the caches.
 */
export function packPatch(prepared: PreparedPatch): SharedArrayBuffer {
  const caches: Uint8Array[] = [];
  let offset = 0;
  const place = (c: Uint8Array | undefined): { at: number; length: number } | undefined => {
    if (!c) return undefined;
    caches.push(c);
    const at = offset;
    offset += c.byteLength;
    return { at, length: c.byteLength };
  };
  const header = 'error' in prepared ? prepared : {
    data: {
      ...prepared.data,
      mapping: { ...prepared.data.mapping, cachedData: place(prepared.data.mapping.cachedData) },
      modules: prepared.data.modules.map((m) => ({ ...m, cachedData: place(m.cachedData) })),
    },
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const buffer = new SharedArrayBuffer(4 + json.byteLength + offset);
  new DataView(buffer).setUint32(0, json.byteLength);
  const bytes = new Uint8Array(buffer);
  bytes.set(json, 4);
  let at = 4 + json.byteLength;
  for (const c of caches) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return buffer;
}

/** The bundle packPatch packed (code caches copied out of the shared memory). */
export function unpackPatch(buffer: SharedArrayBuffer): PreparedPatch {
  const length = DataViewGetUint32(new DataView(buffer), 0);
  const header = JSONParse(Buffer.from(buffer, 4, length).toString('utf8')) as PreparedPatch;
  if ('error' in header) return header;
  const base = 4 + length;
  const cache = (c: unknown): Uint8Array | undefined => {
    const r = c as { at: number; length: number } | undefined;
    if (!r) return undefined;
    // A copy made without TypedArray.prototype.slice, which reads the program's Symbol.species.
    const copy = new Uint8Array(r.length);
    TypedArraySet(copy, new Uint8Array(buffer, base + r.at, r.length));
    return copy;
  };
  const data = header.data;
  data.mapping.cachedData = cache(data.mapping.cachedData);
  for (let i = 0; i < data.modules.length; i++) data.modules[i].cachedData = cache(data.modules[i].cachedData);
  return header;
}

/** Reads a bundle with code caches, for another thread to load; never throws. */
export function preparePatch(dirIn: string): PreparedPatch {
  try {
    return { data: readPatch(dirIn, { codeCache: true }) };
  } catch (e) {
    return { error: patchFailure(e, 'reading') };
  }
}

/**
 * Reads and compiles a patch bundle, or compiles one another thread prepared; throws PatchError
 * with a sentence for the user.
 */
export function loadPatch(dirIn: string, label?: string, prepared?: PreparedPatch): LoadedPatch {
  if (prepared && 'error' in prepared) throw new PatchError(prepared.error);
  const data = prepared ? prepared.data : readPatch(dirIn);
  const loaded = instantiatePatch(data, label);
  if (prepared) loaded.readElsewhereMs = data.readMs;
  else loaded.loadMs += data.readMs;
  return loaded;
}

/**
 * Compiles a bundle that was read (here or by another thread) and evaluates its mapping; throws
 * PatchError. Its loadMs counts this thread's work only.
 */
function instantiatePatch(data: PatchData, label?: string): LoadedPatch {
  const started = performance.now();
  const { dir, given: dirIn, patch } = data;
  const mapping = evaluateMapping(data.mapping.script, data.mapping.file, data.mapping.cachedData);

  const base = new Map<string, ModuleMeta>();
  for (let i = 0; i < data.base.length; i++) MapSet(base, data.base[i].module, data.base[i]);
  const oldCps = new Map<string, Map<number, { fn: FunctionMeta; cp: CpMeta }>>();
  const oldFns = new Map<string, { fn: FunctionMeta; module: string }>();
  const baseModules = mapValues(base);
  for (let i = 0; i < baseModules.length; i++) {
    const m = baseModules[i];
    const byId = new Map<number, { fn: FunctionMeta; cp: CpMeta }>();
    for (let j = 0; j < m.functions.length; j++) {
      const fn = m.functions[j];
      MapSet(oldFns, fn.id, { fn, module: m.module });
      for (let k = 0; k < fn.cps.length; k++) MapSet(byId, fn.cps[k].id, { fn, cp: fn.cps[k] });
    }
    MapSet(oldCps, m.module, byId);
  }

  const gen = ++generation;
  const modules = new Map<string, PatchModule>();
  const newFns = new Map<string, { fn: FunctionMeta; module: string }>();
  for (let i = 0; i < data.modules.length; i++) {
    const { meta, file, rel, code, url, cachedData } = data.modules[i];
    // The file name carries the generation: applying the same bundle twice makes two versions.
    const filename = url ?? `${pathToFileURL(file).href}?restack=${gen}`;
    let fn: PatchModule['fn'];
    try {
      fn = vm.compileFunction(code, paramsOf(meta), { filename, cachedData }) as PatchModule['fn'];
    } catch (e) {
      throw new PatchError(`${relative(dir, file)}: ${(e as Error).message}`);
    }
    MapSet(modules, meta.module, { id: meta.module, file, rel, url: filename, meta, fn, fresh: !MapHas(base, meta.module) });
    for (let j = 0; j < meta.functions.length; j++) MapSet(newFns, meta.functions[j].id, { fn: meta.functions[j], module: meta.module });
  }

  const plans = new Map<string, FunctionPlan>();
  for (let i = 0; i < patch.functions.length; i++) {
    const entry = patch.functions[i];
    if (!entry.old) continue;
    const old = MapGet(oldFns, entry.old);
    if (!old) continue;
    const m = mapping.functions[entry.old];
    const to = m ? m.to : entry.status === 'removed' ? null : entry.new;
    const target = to === null ? null : MapGet(newFns, to) ?? null;
    if (to !== null && !target) throw new PatchError(`mapping: ${entry.old} -> ${to}: no such function in the new version`);
    const cps: CpTarget[] = ownMap(old.fn.cps, (c, i) => {
      if (!target) return 'refuse';
      if (m) return m.cps?.[c.cp] ?? 'refuse';
      if (entry.status === 'unchanged') return i;
      const inferred = entry.cps?.[i];
      return inferred && inferred.confident && inferred.new !== null ? inferred.new : 'refuse';
    });
    MapSet(plans, entry.old, {
      oldFn: old.fn, oldModule: old.module, newFn: target?.fn ?? null, newModule: target?.module ?? null,
      cps, vars: m?.vars ?? {}, frame: m?.frame, mapped: !!m,
      renamed: ownMap(old.fn.cps, (_, i) => entry.cps?.[i]?.vars?.renamed ?? {}),
    });
  }
  // A module of a package kept as it is: each of its functions stays itself (frames of it on the
  // stack are rebuilt on the same code; calls are not forwarded).
  const kept = newSet(patch.modules.kept ?? []);
  const keptIds = setValues(kept);
  for (let i = 0; i < keptIds.length; i++) {
    const id = keptIds[i];
    const m = MapGet(base, id);
    if (!m) throw new PatchError(`patch.json keeps ${id}, but the bundle has no base metadata for it`);
    if (MapHas(modules, id)) throw new PatchError(`patch.json keeps ${id}, but the bundle also has a new version of it`);
    for (let j = 0; j < m.functions.length; j++) {
      const fn = m.functions[j];
      MapSet(plans, fn.id, {
        oldFn: fn, oldModule: id, newFn: fn, newModule: id, cps: ownMap(fn.cps, (_, i) => i), vars: {}, mapped: false, renamed: ownMap(fn.cps, () => ({})),
      });
    }
  }
  return {
    kept, ...(patch.packages ? { packages: patch.packages } : {}),
    dir, label: versionLabel(dir, label), base: patch.base, baseMeta: base, modules, oldCps, plans,
    state: mapping.state ?? {}, topLevel: mapping.topLevel ?? {}, after: mapping.after ?? {}, instances: mapping.instances ?? {}, generation: gen, loadMs: performance.now() - started,
  };
}

/** Loads mapping.js as `restack check` loaded it (contract/mappingModule.ts). */
function evaluateMapping(script: string, file: string, cachedData?: Uint8Array): Mapping {
  let exported: unknown;
  try {
    exported = evaluateMappingScript(script, file, restackPatch, cachedData);
  } catch (e) {
    throw new PatchError(`${file}: loading the mapping failed: ${(e as Error).message}`);
  }
  const m = exported as Mapping;
  if (!m || typeof m !== 'object' || typeof m.functions !== 'object') throw new PatchError(`${file}: not a mapping (run \`restack check\`)`);
  return m;
}
