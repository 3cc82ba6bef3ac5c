/**
 * Reads one version of a program for the patch generator: either a compiled tree (a directory
 * with `<file>.restack.json` metadata next to each compiled module) or a source tree, which is
 * compiled into a temporary directory first. For each module it gathers the metadata, the content
 * hashes that identify the version (the base a patch applies to), and the source: from the
 * source map's `sourcesContent` (which the compiler always writes), so a compiled tree alone is
 * enough to show source lines in mapping.ts.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { compileTree } from '../cli/compileTree.js';
import { CompileError } from '../compiler/errors.js';
import type { CallPointPolicy, CpPolicies, FunctionMeta, ModuleMeta, UpdatePointPolicy } from '../contract/index.js';
import { findMetadata, META_SUFFIX } from './bundle.js';
import { analyzeSource, type SourceAnalysis } from './source.js';

export interface ModuleVersion {
  meta: ModuleMeta;
  /** The compiled module's path relative to the compiled root, '/'-separated. */
  file: string;
  /** The metadata file's path relative to the compiled root. */
  metaFile: string;
  /** sha256 of the compiled code, or null when the compiled file is missing. */
  codeHash: string | null;
  /** The module's source, when the source map carries it. */
  source: string | null;
  sourceHash: string | null;
  analysis: SourceAnalysis | null;
}

export interface FunctionVersion {
  fn: FunctionMeta;
  module: ModuleVersion;
  /** Position in the module's function list (source order), to keep output in a stable order. */
  index: number;
}

export interface Version {
  /** The path as given, resolved. */
  input: string;
  kind: 'compiled' | 'source';
  /** Where the compiled modules and their metadata are (a temporary directory for sources). */
  compiledDir: string;
  updatePoints: UpdatePointPolicy;
  callPoints: CallPointPolicy;
  modules: ModuleVersion[];
  /**
   * Modules of packages the update keeps running as they are (decision 0013): read for the base
   * version's hashes and metadata only, not compared function by function.
   */
  kept: ModuleVersion[];
  byId: Map<string, FunctionVersion>;
  /** Removes the temporary directory of a compiled source tree. */
  dispose(): void;
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Is this directory a compiled tree? (It holds restack metadata.) */
export function isCompiledTree(dir: string): boolean {
  // A TypeScript project is sources, even with its compiled outDir inside it (decision 0011).
  if (existsSync(join(dir, 'tsconfig.json'))) return false;
  return findMetadata(dir).length > 0;
}

/** The policies a compiled tree was compiled with (the first module's), or null for sources. */
export function policyOf(dir: string): CpPolicies | null {
  const files = findMetadata(dir);
  if (!files.length) return null;
  return policiesOf(JSON.parse(readFileSync(join(dir, files[0]), 'utf8')) as ModuleMeta);
}

/** A module's policies; metadata written before the call-point option means every call. */
export function policiesOf(meta: ModuleMeta): CpPolicies {
  return { updatePoints: meta.updatePoints, callPoints: meta.callPoints ?? 'all' };
}

/** Reads the modules of a compiled tree; `light` ones are not analysed (their source is only hashed). */
export function readCompiledTree(dir: string, light: (module: string) => boolean = () => false): ModuleVersion[] {
  return findMetadata(dir).map((metaFile): ModuleVersion => {
    const meta = JSON.parse(readFileSync(join(dir, metaFile), 'utf8')) as ModuleMeta;
    const file = metaFile.slice(0, -META_SUFFIX.length);
    const codePath = join(dir, file);
    const codeHash = existsSync(codePath) ? sha256(readFileSync(codePath)) : null;
    let source: string | null = null;
    try {
      const map = JSON.parse(readFileSync(`${codePath}.map`, 'utf8')) as { sourcesContent?: Array<string | null> };
      source = map.sourcesContent?.[0] ?? null;
    } catch {
      source = null;
    }
    const analysis = source === null || light(meta.module) ? null : analyzeSource(source, meta);
    return { meta, file, metaFile, codeHash, source, sourceHash: source === null ? null : sha256(source), analysis };
  });
}

/**
 * Loads a version. `policy` is used only to compile a source tree (the caller picks it: the
 * other version's policies when that one is compiled, since CP numbers depend on them).
 */
export function loadVersion(input: string, policy: CpPolicies, label = 'version', keep: (module: string) => boolean = () => false): Version {
  const abs = resolve(input);
  if (!existsSync(abs)) throw new CompileError(`no such directory: ${input}`);
  if (!statSync(abs).isDirectory()) throw new CompileError(`not a directory: ${input} (expected a compiled tree or a source tree)`);
  let compiledDir = abs;
  let kind: Version['kind'] = 'compiled';
  let dispose = (): void => {};
  if (!isCompiledTree(abs)) {
    kind = 'source';
    compiledDir = mkdtempSync(join(tmpdir(), 'restack-patch-'));
    dispose = () => rmSync(compiledDir, { recursive: true, force: true });
    try {
      const result = compileTree([abs], compiledDir, policy);
      if (!result.modules.length) throw new CompileError(`no JavaScript or TypeScript modules in ${input}`);
    } catch (e) {
      dispose();
      // Say which version the located error is in: the path in the message is relative to it.
      if (e instanceof CompileError) throw new CompileError(`${label} (${input}): ${e.message}`, e.file, e.line, e.column, e.frame);
      throw e;
    }
  }
  const all = readCompiledTree(compiledDir, keep);
  const modules = all.filter((m) => !keep(m.meta.module));
  const kept = all.filter((m) => keep(m.meta.module));
  const byId = new Map<string, FunctionVersion>();
  for (const m of modules) m.meta.functions.forEach((fn, index) => byId.set(fn.id, { fn, module: m, index }));
  return {
    input: abs,
    kind,
    compiledDir,
    ...(modules[0] ? policiesOf(modules[0].meta) : policy),
    modules,
    kept,
    byId,
    dispose,
  };
}
