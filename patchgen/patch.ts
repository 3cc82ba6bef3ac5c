/**
 * `restack patch <old> <new> -o <dir>`: writes a patch bundle.
 *
 *   patch.json   what the generator found: the base version's content hashes, the function
 *                classification, matches (guesses flagged), inferred CP and variable maps
 *   mapping.ts   the decisions for a person to review and complete (see mappingFile.ts)
 *   new/         the new version, compiled in the loader format the runtime evaluates in an update
 *   base/        the old version's metadata, so `restack check` needs nothing outside the bundle
 *
 * Paths written into the bundle are relative to it: a bundle is committed and moved around, and
 * must not carry one machine's absolute paths.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CompileError } from '../compiler/errors.js';
import type { CallPointPolicy, UpdatePointPolicy } from '../contract/index.js';
import { compile } from '../compiler/pipeline.js';
import { BASE_DIR, CHECKED_JSON, CHECKED_SIG, MAPPING_JS, MAPPING_TS, META_SUFFIX, NEW_DIR, PATCH_JSON } from './bundle.js';
import { diffVersions, type FunctionDiff, type VersionDiff } from './diff.js';
import { policiesOf } from './load.js';
import { renderMapping, topLevelTodos } from './mappingFile.js';
import { PATCH_FORMAT, type FunctionEntry, type PatchFile } from './types.js';
import { packageOf } from '../contract/packages.js';

export interface PatchOptions {
  updatePoints?: UpdatePointPolicy;
  callPoints?: CallPointPolicy;
  threshold?: number;
  /** Overwrite an existing mapping.ts (it may hold a person's decisions). */
  force?: boolean;
  /**
   * Keep an existing mapping.ts (a person's decisions) and write the rest of the bundle afresh,
   * e.g. after the versions were compiled again; `restack check` then validates it against them.
   */
  keepMapping?: boolean;
}

export interface PatchResult {
  patch: PatchFile;
  /** The printable summary. */
  summary: string;
}

/** A path as written into the bundle: relative to the bundle, '/'-separated. */
function bundlePath(outDir: string, target: string): string {
  const rel = relative(outDir, target).split('\\').join('/');
  return rel === '' ? '.' : rel;
}

function generatorName(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../package.json'), 'utf8')) as { name: string; version: string };
    return `${pkg.name} ${pkg.version}`;
  } catch {
    return 'restack';
  }
}

function entryOf(f: FunctionDiff): FunctionEntry {
  return {
    status: f.status,
    old: f.old?.fn.id ?? null,
    new: f.new?.fn.id ?? null,
    match: f.match,
    inMapping: f.needsEntry && f.old !== null,
    ...(f.guess ? { guess: true as const } : {}),
    ...(f.old && f.new ? { cps: f.cps } : {}),
    ...(f.bestCandidate ? { bestCandidate: f.bestCandidate } : {}),
  };
}

export function buildPatchFile(diff: VersionDiff, outDir: string): PatchFile {
  const count = (s: FunctionDiff['status']): number => diff.functions.filter((f) => f.status === s).length;
  const byStatus = (s: string): string[] => diff.modules.filter((m) => m.status === s).map((m) => m.module);
  const base: PatchFile['base'] = {};
  for (const m of [...diff.old.modules, ...diff.old.kept]) base[m.meta.module] = { code: m.codeHash, source: m.sourceHash };
  return {
    format: PATCH_FORMAT,
    generator: generatorName(),
    old: { root: bundlePath(outDir, diff.old.input), kind: diff.old.kind, updatePoints: diff.old.updatePoints, callPoints: diff.old.callPoints },
    new: { root: bundlePath(outDir, diff.new.input), kind: diff.new.kind, updatePoints: diff.new.updatePoints, callPoints: diff.new.callPoints, dir: NEW_DIR },
    threshold: diff.threshold,
    baseDir: BASE_DIR,
    base,
    modules: {
      unchanged: byStatus('unchanged'), changed: byStatus('changed'), added: byStatus('added'), removed: byStatus('removed'),
      ...(diff.packages ? { kept: diff.old.kept.map((m) => m.meta.module) } : {}),
    },
    ...(diff.packages ? { packages: diff.packages.next } : {}),
    summary: {
      unchanged: count('unchanged'), changed: count('changed'), added: count('added'), removed: count('removed'),
      guesses: diff.functions.filter((f) => f.guess).length,
      todos: diff.todos.cps + diff.todos.vars + diff.todos.instances + diff.todos.guesses + topLevelTodos(diff),
    },
    functions: diff.functions.map(entryOf),
    instances: diff.instances.map((d) => ({
      class: d.old.key, new: d.new.key,
      added: d.added.map((f) => f.name), removed: d.removed.map((f) => f.name), changed: d.changed.map((f) => f.name),
    })),
    oldClasses: diff.oldClasses,
  };
}

/**
 * The new version as the runtime loads it in an update: each module compiled again from its
 * source in the loader format (a module the old version did not have runs its top-level code; the
 * others carry their state), with the metadata and source map of the normal compile.
 */
function writeNewVersion(diff: VersionDiff, dir: string): void {
  const added = new Set(diff.modules.filter((m) => m.status === 'added').map((m) => m.module));
  for (const m of diff.modules) {
    if (m.old && m.new && m.old.meta.sourceKind !== m.new.meta.sourceKind) {
      const kind = (k: string): string => (k === 'commonjs' ? 'CommonJS' : 'an ES module');
      throw new CompileError(`${m.module} is ${kind(m.old.meta.sourceKind)} in the old version and ${kind(m.new.meta.sourceKind)} in the new one: ` +
        'an update keeps each module in its module system (its requirers or importers hold what it exported); keep its kind in this version ' +
        'and change it in a release the program is restarted on');
    }
  }
  for (const m of diff.new.modules) {
    const target = join(dir, m.file);
    mkdirSync(dirname(target), { recursive: true });
    const base = join(diff.new.compiledDir, m.file);
    writeFileSync(`${target}${META_SUFFIX}`, JSON.stringify(m.meta, null, 2) + '\n');
    if (existsSync(`${base}.map`)) cpSync(`${base}.map`, `${target}.map`);
    if (m.source === null) throw new CompileError(`${m.file}: the new version's source is not available (no source map with its content); restack patch needs it`);
    const result = compile(m.source, {
      filename: m.meta.module, moduleId: m.meta.module, sourceType: m.meta.sourceKind,
      ...policiesOf(m.meta), format: added.has(m.meta.module) ? 'loader-fresh' : 'loader',
      ...(m.meta.transforms ? { transforms: m.meta.transforms } : {}),
    });
    const same = result.metadata.functions.length === m.meta.functions.length &&
      result.metadata.functions.every((f, i) => f.id === m.meta.functions[i].id && f.cps.length === m.meta.functions[i].cps.length);
    if (!same) throw new Error(`internal error: ${m.file} compiled in the loader format does not match its metadata`);
    writeFileSync(target, result.code + '\n');
  }
}

export function formatSummary(diff: VersionDiff, patch: PatchFile, outDir: string, kept = false): string {
  const s = patch.summary;
  const lines = [
    `restack: patch written to ${outDir}`,
    `  functions: ${s.unchanged} unchanged, ${s.changed} changed, ${s.added} added, ${s.removed} removed`,
    `  modules: ${(['unchanged', 'changed', 'added', 'removed'] as const).map((k) => `${patch.modules[k].length} ${k}`).join(', ')}`,
  ];
  if (diff.packages) {
    const cmp = diff.packages;
    const all = Object.entries(cmp.next);
    const count = (st: string): number => all.filter(([, p]) => p.status === st).length;
    lines.push(`  packages: ${count('kept')} kept (${diff.old.kept.length} compiled module${diff.old.kept.length === 1 ? '' : 's'} left running), ${count('changed')} changed, ${count('rebound')} rebound, ${count('added')} added, ${cmp.removed.length} removed`);
    for (const [path, p] of all) {
      if (p.status === 'changed') lines.push(`  package changed: ${path} (${p.name}@${p.version})`);
      else if (p.status === 'added') lines.push(`  package added: ${path} (${p.name}@${p.version})`);
      else if (p.status === 'rebound') lines.push(`  package rebound: ${path}: ${cmp.rebound[path]}`);
    }
    for (const path of cmp.removed) lines.push(`  package removed: ${path}`);
  }
  for (const w of diff.warnings) lines.push(`  warning: ${w}`);
  for (const f of diff.functions) {
    if (f.match?.by === 'position') {
      lines.push(`  guess: ${f.old!.fn.id} -> ${f.new!.fn.id} (same id, which tells functions of one name apart only by order, and the text changed)`);
    } else if (f.match?.by === 'similarity') {
      const c = f.match.components;
      const ev = [c.text !== undefined ? `text ${c.text.toFixed(2)}` : null, c.cps !== undefined ? `cps ${c.cps.toFixed(2)}` : null, `name ${c.name.toFixed(2)}`].filter(Boolean).join(', ');
      lines.push(`  ${f.guess ? 'guess' : 'same text'}: ${f.old!.fn.id} -> ${f.new!.fn.id} (score ${f.match.score.toFixed(2)}: ${ev})`);
    } else if (f.match?.by === 'text') {
      lines.push(`  same text: ${f.old!.fn.id} -> ${f.new!.fn.id}`);
    }
  }
  for (const f of diff.functions) {
    if (f.status === 'removed') lines.push(`  removed: ${f.old!.fn.id}${f.bestCandidate ? ` (best candidate ${f.bestCandidate.id}, score ${f.bestCandidate.score.toFixed(2)})` : ''}`);
  }
  // Functions of a package new in the install are counted, not listed: none of them replaces a running one.
  const inAddedPackage = (id: string): boolean => {
    const pkg = packageOf(id);
    return pkg !== null && diff.packages?.next[pkg]?.status === 'added';
  };
  let addedWithPackages = 0;
  for (const f of diff.functions) {
    if (f.status !== 'added') continue;
    if (inAddedPackage(f.new!.module.meta.module)) addedWithPackages++;
    else lines.push(`  added: ${f.new!.fn.id}`);
  }
  if (addedWithPackages) lines.push(`  added: ${addedWithPackages} function${addedWithPackages === 1 ? '' : 's'} of the packages new in the install`);
  for (const d of diff.instances) {
    const list = (what: string, fs: Array<{ name: string }>): string | null => (fs.length ? `${what} ${fs.map((f) => f.name).join(', ')}` : null);
    lines.push(`  instances: ${d.old.key}: ${[list('added', d.added), list('removed', d.removed), list('changed', d.changed)].filter(Boolean).join('; ')}`);
  }
  const { cps, vars, instances, guesses } = diff.todos;
  const tops = topLevelTodos(diff);
  const total = cps + vars + instances + guesses + tops;
  if (kept) {
    lines.push(`  mapping.ts: kept as it was (the generator would have left ${total} TODO${total === 1 ? '' : 's'})`);
    lines.push(`  next: run \`restack check ${outDir}\` to validate it against this bundle`);
  } else {
    lines.push(`  mapping.ts: ${total} TODO${total === 1 ? '' : 's'} (${cps} continuation point${cps === 1 ? '' : 's'}, ${vars} variable${vars === 1 ? '' : 's'}` +
      `${instances ? `, ${instances} class${instances === 1 ? '' : 'es'} whose fields changed` : ''}` +
      `${tops ? `, ${tops} top-level statement${tops === 1 ? '' : 's'}` : ''}` +
      `${guesses ? `, ${guesses} guessed pairing${guesses === 1 ? '' : 's'} to confirm` : ''})`);
    lines.push(`  next: review ${join(outDir, MAPPING_TS)}, then run \`restack check ${outDir}\``);
  }
  return lines.join('\n') + '\n';
}

/** Compares two versions and writes the bundle into outDir. */
export function writePatch(oldInput: string, newInput: string, outDir: string, options: PatchOptions = {}): PatchResult {
  const out = resolve(outDir);
  if (options.force && options.keepMapping) throw new CompileError('--force and --keep-mapping exclude each other');
  const exists = existsSync(join(out, MAPPING_TS));
  const keep = !!options.keepMapping && exists;
  if (exists && !options.force && !keep) {
    throw new CompileError(`${join(outDir, MAPPING_TS)} exists and may hold decisions; pass --keep-mapping to keep it, or --force to overwrite it`);
  }
  for (const input of [oldInput, newInput]) {
    const abs = resolve(input);
    if (out === abs || out.startsWith(abs + sep)) throw new CompileError(`the patch directory must not be inside a version: ${outDir} is in ${input}`);
    if (abs.startsWith(out + sep)) throw new CompileError(`a version must not be inside the patch directory: ${input} is in ${outDir}`);
  }
  const diff = diffVersions(oldInput, newInput, { updatePoints: options.updatePoints, callPoints: options.callPoints, threshold: options.threshold });
  try {
    mkdirSync(out, { recursive: true });
    const patch = buildPatchFile(diff, out);
    for (const dir of [NEW_DIR, BASE_DIR]) rmSync(join(out, dir), { recursive: true, force: true });
    writeNewVersion(diff, join(out, NEW_DIR));
    for (const m of [...diff.old.modules, ...diff.old.kept]) {
      const target = join(out, BASE_DIR, m.metaFile);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, JSON.stringify(m.meta, null, 2) + '\n');
    }
    writeFileSync(join(out, PATCH_JSON), JSON.stringify(patch, null, 2) + '\n');
    // A mapping checked against an earlier bundle is not checked against this one.
    for (const f of [MAPPING_JS, CHECKED_JSON, CHECKED_SIG]) rmSync(join(out, f), { force: true });
    if (!keep) writeFileSync(join(out, MAPPING_TS), renderMapping(diff, { old: patch.old.root, new: patch.new.root }));
    return { patch, summary: formatSummary(diff, patch, outDir, keep) };
  } finally {
    diff.dispose();
  }
}
