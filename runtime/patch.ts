/**
 * Reading a patch bundle in the running program: patch.json, both versions' metadata, the checked
 * mapping (mapping.js, written by `restack check`), and the new version's modules compiled into
 * functions (not yet evaluated: that happens in the update, when their state is carried over).
 *
 * Everything here is synchronous: a request can arrive at an update point deep in a busy loop,
 * where the event loop will not run until the update is done.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import type { CpMeta, FunctionMeta, ModuleMeta } from '../contract/index.js';
import { findMetadata, MAPPING_JS, MAPPING_TS, mappingHash, META_SUFFIX, PATCH_JSON, recordedMappingHash } from '../patchgen/bundle.js';
import { PATCH_FORMAT, type CpTarget, type FunctionMapping, type Mapping, type PatchFile, type VarSource } from '../patchgen/types.js';

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
  meta: ModuleMeta;
  /** The module function (loader format), compiled but not run. */
  fn: (loader: unknown) => void;
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
  /** Distinguishes the module urls of each load of a bundle. */
  generation: number;
  loadMs: number;
}

export class PatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PatchError';
  }
}

function readJson<T>(path: string, what: string): T {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (e) {
    throw new PatchError(`${what}: cannot read ${path}: ${(e as Error).message}`);
  }
}

let generation = 0;

/** Reads and compiles a patch bundle; throws PatchError with a sentence for the user. */
export function loadPatch(dirIn: string, label?: string): LoadedPatch {
  const started = performance.now();
  const dir = resolve(dirIn);
  if (!existsSync(join(dir, PATCH_JSON))) throw new PatchError(`${dirIn} is not a patch directory (no ${PATCH_JSON}; write one with \`restack patch\`)`);
  const patch = readJson<PatchFile>(join(dir, PATCH_JSON), 'patch');
  if (patch.format !== PATCH_FORMAT) throw new PatchError(`${dirIn}/${PATCH_JSON}: format ${String(patch.format)} is not supported`);

  const mappingJs = join(dir, MAPPING_JS);
  const mappingTs = join(dir, MAPPING_TS);
  if (!existsSync(mappingJs)) throw new PatchError(`${dirIn} has not been checked: run \`restack check ${dirIn}\` (it writes ${MAPPING_JS} from ${MAPPING_TS})`);
  const script = readFileSync(mappingJs, 'utf8');
  if (existsSync(mappingTs)) {
    if (recordedMappingHash(script) !== mappingHash(readFileSync(mappingTs, 'utf8'))) throw new PatchError(`${dirIn}/mapping.ts changed since it was checked: run \`restack check ${dirIn}\` again`);
  }
  const mapping = evaluateMapping(script, mappingJs);

  const base = new Map<string, ModuleMeta>();
  for (const f of findMetadata(join(dir, patch.baseDir))) {
    const m = readJson<ModuleMeta>(join(dir, patch.baseDir, f), 'base metadata');
    base.set(m.module, m);
  }
  const oldCps = new Map<string, Map<number, { fn: FunctionMeta; cp: CpMeta }>>();
  const oldFns = new Map<string, { fn: FunctionMeta; module: string }>();
  for (const m of base.values()) {
    const byId = new Map<number, { fn: FunctionMeta; cp: CpMeta }>();
    for (const fn of m.functions) {
      oldFns.set(fn.id, { fn, module: m.module });
      for (const cp of fn.cps) byId.set(cp.id, { fn, cp });
    }
    oldCps.set(m.module, byId);
  }

  const gen = ++generation;
  const newDir = join(dir, patch.new.dir);
  const modules = new Map<string, PatchModule>();
  const newFns = new Map<string, { fn: FunctionMeta; module: string }>();
  for (const f of findMetadata(newDir)) {
    const meta = readJson<ModuleMeta>(join(newDir, f), 'new metadata');
    const file = join(newDir, f.slice(0, -META_SUFFIX.length));
    if (!existsSync(file)) throw new PatchError(`${dirIn}: ${relative(dir, file)} is missing`);
    const code = readFileSync(file, 'utf8');
    if (!/__rsR\.module\(__rsU\.url,/.test(code)) {
      throw new PatchError(`${dirIn}: ${relative(dir, file)} is not in restack's loader format; write the bundle again with \`restack patch\``);
    }
    // The file name carries the generation: applying the same bundle twice makes two versions.
    const filename = `${pathToFileURL(file).href}?restack=${gen}`;
    let fn: PatchModule['fn'];
    try {
      fn = vm.compileFunction(code, ['__rsU'], { filename }) as PatchModule['fn'];
    } catch (e) {
      throw new PatchError(`${relative(dir, file)}: ${(e as Error).message}`);
    }
    modules.set(meta.module, { id: meta.module, file, meta, fn, fresh: !base.has(meta.module) });
    for (const fnMeta of meta.functions) newFns.set(fnMeta.id, { fn: fnMeta, module: meta.module });
  }

  const plans = new Map<string, FunctionPlan>();
  for (const entry of patch.functions) {
    if (!entry.old) continue;
    const old = oldFns.get(entry.old);
    if (!old) continue;
    const m = mapping.functions[entry.old];
    const to = m ? m.to : entry.status === 'removed' ? null : entry.new;
    const target = to === null ? null : newFns.get(to) ?? null;
    if (to !== null && !target) throw new PatchError(`mapping: ${entry.old} -> ${to}: no such function in the new version`);
    const cps: CpTarget[] = old.fn.cps.map((c, i) => {
      if (!target) return 'refuse';
      if (m) return m.cps?.[c.cp] ?? 'refuse';
      if (entry.status === 'unchanged') return i;
      const inferred = entry.cps?.[i];
      return inferred && inferred.confident && inferred.new !== null ? inferred.new : 'refuse';
    });
    plans.set(entry.old, {
      oldFn: old.fn, oldModule: old.module, newFn: target?.fn ?? null, newModule: target?.module ?? null,
      cps, vars: m?.vars ?? {}, frame: m?.frame, mapped: !!m,
      renamed: old.fn.cps.map((_, i) => entry.cps?.[i]?.vars?.renamed ?? {}),
    });
  }
  return {
    dir, label: label ?? basename(dir), base: patch.base, modules, oldCps, plans,
    state: mapping.state ?? {}, generation: gen, loadMs: performance.now() - started,
  };
}

function evaluateMapping(script: string, file: string): Mapping {
  const module = { exports: {} as unknown };
  try {
    const fn = vm.compileFunction(script, ['module', 'exports', 'require'], { filename: pathToFileURL(file).href }) as
      (m: typeof module, e: unknown, r: NodeRequire) => void;
    fn(module, module.exports, createRequire(file));
  } catch (e) {
    throw new PatchError(`${file}: loading the mapping failed: ${(e as Error).message}`);
  }
  const m = module.exports as Mapping;
  if (!m || typeof m !== 'object' || typeof m.functions !== 'object') throw new PatchError(`${file}: not a mapping (run \`restack check\`)`);
  return m;
}
