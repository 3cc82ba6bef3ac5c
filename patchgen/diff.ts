/**
 * The difference between two versions of a program, function by function: what `restack patch`
 * writes down and what a person completes in mapping.ts.
 *
 * 1. Functions are matched by their stable id (module path + enclosing names). The pairing is
 *    certain when the id is not positional on either side (contract FunctionMeta.positional: it
 *    does not tell functions of the same name or context apart only by their order), or when
 *    the two functions' texts are the same.
 * 2. Functions left over on both sides (renamed, moved to another module, under a renamed parent,
 *    or positional ids whose text changed) are paired by their text when exactly one function on
 *    each side has it (certain), then by similarity: a weighted score of their text (token
 *    bigrams, their own name left out), their sequence of continuation points (kinds and
 *    callees), and their names, discounted when the kind of function or the module differs.
 *    Pairs scoring at least the threshold are taken best first, one to one. Positional ids still
 *    unpaired after that are paired by id. A pairing by similarity (of different texts) or by a
 *    positional id whose text changed is a GUESS: mapping.ts leaves its `to` a TODO for a person
 *    to confirm or correct, with the proposal and the alternatives beside it.
 * 3. Each matched function is unchanged (same source hash) or changed; the rest are added or
 *    removed. For a matched function every old continuation point gets a mapping (identity when
 *    the CP sequence is the same, else align.ts), and variables of the new frames without a
 *    source are collected.
 */
import { segmentOrdinal, splitFunctionId, type CallPointPolicy, type CpPolicies, type FunctionMeta, type UpdatePointPolicy } from '../contract/index.js';
import { alignCps, identityCps, isTemporary, normalizeCallee, type CpView } from './align.js';
import { loadVersion, policyOf, isCompiledTree, type FunctionVersion, type ModuleVersion, type Version } from './load.js';
import { nameSimilarity, sequenceSimilarity, textSimilarity } from './similarity.js';
import type { CpMapping, FunctionStatus, MatchInfo, SimilarityComponents } from './types.js';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { packageOf } from '../contract/packages.js';
import { classFields, diffClassFields, type ClassFieldDiff } from './fields.js';
import { comparePackages, readInstall, type PackageComparison } from './packages.js';

/** Default minimum similarity score for matching functions whose id changed. */
export const DEFAULT_THRESHOLD = 0.6;
/** Candidates this close below a match's score are listed as alternatives. */
const ALTERNATIVE_MARGIN = 0.15;

export interface DiffOptions {
  /** Policy for compiling source trees; default: the other version's if compiled, else 'loops'. */
  updatePoints?: UpdatePointPolicy;
  /** Call policy for compiling source trees; default: the other version's if compiled, else 'except-builtins'. */
  callPoints?: CallPointPolicy;
  threshold?: number;
}

/** A new live variable that has no value in the old frame, at the CPs where it is needed. */
export interface FreshVar {
  name: string;
  at: Array<{ old: number; new: number }>;
  /** An old variable that disappeared at the same CPs: probably the same one renamed. */
  suggestion?: string;
}

export interface FunctionDiff {
  status: FunctionStatus;
  old: FunctionVersion | null;
  new: FunctionVersion | null;
  match: MatchInfo | null;
  /** One per old CP, for matched functions. */
  cps: CpMapping[];
  freshVars: FreshVar[];
  /** For removed functions: the best candidate, below the threshold. */
  bestCandidate?: { id: string; score: number };
  /** True when mapping.ts has an entry for it: changed, renamed or moved, or not fully inferred. */
  needsEntry: boolean;
  /** The pairing is not certain (see the header): mapping.ts asks a person to confirm `to`. */
  guess: boolean;
  /**
   * Variables of enclosing functions the new code reads that the old closure's environment does
   * not have (a closure made before the update, called after it, reads undefined for them).
   */
  closureMissing?: string[];
}

export interface ModuleDiff {
  module: string;
  status: 'unchanged' | 'changed' | 'added' | 'removed';
  old: ModuleVersion | null;
  new: ModuleVersion | null;
}

export interface VersionDiff {
  old: Version;
  new: Version;
  threshold: number;
  functions: FunctionDiff[];
  modules: ModuleDiff[];
  /** Old function name -> new name, from guessed matches (used to pair calls to them). */
  renames: Map<string, string>;
  warnings: string[];
  /** Counts of open decisions in mapping.ts: CPs, variables, classes whose fields changed, guessed pairings to confirm. */
  todos: { cps: number; vars: number; instances: number; guesses: number };
  /** Classes whose constructors set different fields (mapping.ts `instances`). */
  instances: ClassFieldDiff[];
  /** Keys ('module#Name') of the old version's top-level classes and constructor functions. */
  oldClasses: string[];
  /** The two installs compared package by package, when the versions have dependencies (decision 0013). */
  packages?: PackageComparison;
  dispose(): void;
}

/** Picks the policies for compiling a source tree: see DiffOptions.updatePoints and callPoints. */
function choosePolicy(other: string, options: DiffOptions): CpPolicies {
  const theirs = existsSync(other) && statSync(other).isDirectory() && isCompiledTree(other) ? policyOf(other) : null;
  return {
    updatePoints: options.updatePoints ?? theirs?.updatePoints ?? 'loops',
    callPoints: options.callPoints ?? theirs?.callPoints ?? 'except-builtins',
  };
}

export function diffVersions(oldInput: string, newInput: string, options: DiffOptions = {}): VersionDiff {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  // Two installs: the packages the same in both are kept running, not compared (decision 0013).
  const installs = [readInstall(resolve(oldInput)), readInstall(resolve(newInput))] as const;
  const packages = installs[0] && installs[1] ? comparePackages(installs[0], installs[1]) : undefined;
  const keep = (module: string): boolean => {
    const pkg = packageOf(module);
    return pkg !== null && packages?.next[pkg]?.status === 'kept';
  };
  const oldV = loadVersion(oldInput, choosePolicy(newInput, options), 'old version', keep);
  let newV: Version;
  try {
    newV = loadVersion(newInput, choosePolicy(oldInput, options), 'new version', keep);
  } catch (e) {
    oldV.dispose();
    throw e;
  }
  try {
    const diff = diffLoaded(oldV, newV, threshold);
    if (packages) {
      diff.packages = packages;
      diff.warnings.push(...packageWarnings(packages, oldV, newV));
    }
    return diff;
  } catch (e) {
    oldV.dispose();
    newV.dispose();
    throw e;
  }
}

/** Splits a function's id into its module and the path of names inside it. */
function splitId(f: FunctionVersion): { module: string; names: string[] } {
  return splitFunctionId(f.fn.id, f.module.meta.module);
}

function cpViews(f: FunctionVersion): CpView[] {
  const sites = f.module.analysis?.functions.get(f.fn.id)?.cps;
  return f.fn.cps.map((meta, k) => ({ meta, site: sites?.[k] ?? null }));
}

/**
 * How alike two functions are, in [0, 1], with the evidence. Text weighs most (a renamed or moved
 * function keeps its body), then the CP sequence (what it calls, in order), then the name.
 * Evidence that is missing (no source) or empty (no CPs on either side) is left out of the
 * average rather than counted as agreement, so tiny functions do not match on nothing.
 */
export function similarity(a: FunctionVersion, b: FunctionVersion): { score: number; components: SimilarityComponents } {
  const ia = splitId(a);
  const ib = splitId(b);
  const lastA = ia.names[ia.names.length - 1];
  const lastB = ib.names[ib.names.length - 1];
  const parentA = ia.names.slice(0, -1).join('/');
  const parentB = ib.names.slice(0, -1).join('/');
  const name = 0.75 * nameSimilarity(lastA, lastB) + 0.25 * (parentA === parentB ? 1 : nameSimilarity(parentA, parentB));
  const components: SimilarityComponents = {
    name: round(name),
    sameKind: a.fn.kind === b.fn.kind,
    sameModule: a.module.meta.module === b.module.meta.module,
  };
  let sum = 0.2 * name;
  let weights = 0.2;
  if (a.fn.cps.length || b.fn.cps.length) {
    const key = (c: FunctionMeta['cps'][number]): string => `${c.kind} ${normalizeCallee(c.callee)}`;
    const cps = sequenceSimilarity(a.fn.cps.map(key), b.fn.cps.map(key));
    components.cps = round(cps);
    sum += 0.3 * cps;
    weights += 0.3;
  }
  const fa = a.module.analysis?.functions.get(a.fn.id)?.fingerprint;
  const fb = b.module.analysis?.functions.get(b.fn.id)?.fingerprint;
  if (fa && fb) {
    const text = textSimilarity(fa, fb);
    components.text = round(text);
    sum += 0.5 * text;
    weights += 0.5;
  }
  let score = sum / weights;
  if (!components.sameKind) score *= 0.85;
  if (!components.sameModule) score *= 0.9;
  return { score: round(score), components };
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

function diffLoaded(oldV: Version, newV: Version, threshold: number): VersionDiff {
  const warnings: string[] = [];
  if (oldV.updatePoints !== newV.updatePoints) {
    warnings.push(`the versions were compiled with different update-point policies (${oldV.updatePoints}, ${newV.updatePoints}): their continuation points differ even where the code does not`);
  }
  if (oldV.callPoints !== newV.callPoints) {
    warnings.push(`the versions were compiled with different call-point policies (${oldV.callPoints}, ${newV.callPoints}): their continuation points differ even where the code does not`);
  }

  // 1. By id: certain unless the id is positional on either side and the text changed.
  const pairs: Array<{ o: FunctionVersion; n: FunctionVersion; match: MatchInfo }> = [];
  const takenOld = new Set<string>();
  const takenNew = new Set<string>();
  const take = (o: FunctionVersion, n: FunctionVersion, match: MatchInfo): void => {
    takenOld.add(o.fn.id);
    takenNew.add(n.fn.id);
    pairs.push({ o, n, match });
  };
  for (const o of oldV.byId.values()) {
    const n = newV.byId.get(o.fn.id);
    if (n && ((!o.fn.positional && !n.fn.positional) || o.fn.hash === n.fn.hash)) take(o, n, { by: 'id' });
  }

  // 2a. By text: the same source text, and the only function with it on each side.
  const oldLeft = (): FunctionVersion[] => [...oldV.byId.values()].filter((o) => !takenOld.has(o.fn.id));
  const newLeft = (): FunctionVersion[] => [...newV.byId.values()].filter((n) => !takenNew.has(n.fn.id));
  const byHash = (fs: FunctionVersion[]): Map<string, FunctionVersion[]> => {
    const out = new Map<string, FunctionVersion[]>();
    for (const f of fs) out.set(f.fn.hash, [...(out.get(f.fn.hash) ?? []), f]);
    return out;
  };
  const newByHash = byHash(newLeft());
  for (const [hash, olds] of byHash(oldLeft())) {
    const news = newByHash.get(hash);
    if (olds.length === 1 && news?.length === 1) take(olds[0], news[0], { by: 'text' });
  }

  // 2b. By similarity, best pairs first.
  const oldRest = oldLeft();
  const newRest = newLeft();
  const scored: Array<{ o: FunctionVersion; n: FunctionVersion; score: number; components: SimilarityComponents }> = [];
  // A function does not move between npm packages (nor between a package and the program).
  const pkg = (f: FunctionVersion): string => packageOf(f.module.meta.module) ?? '';
  for (const o of oldRest) for (const n of newRest) if (pkg(o) === pkg(n)) scored.push({ o, n, ...similarity(o, n) });
  scored.sort((x, y) => y.score - x.score || x.o.fn.id.localeCompare(y.o.fn.id) || x.n.fn.id.localeCompare(y.n.fn.id));
  // Other new functions this old one nearly matched: what a person should look at if the guess is wrong.
  const alternativesOf = (o: FunctionVersion, chosen: FunctionVersion, score: number): Array<{ id: string; score: number }> => scored
    .filter((x) => x.o === o && x.n !== chosen && x.score >= score - ALTERNATIVE_MARGIN && x.score >= threshold - ALTERNATIVE_MARGIN)
    .slice(0, 3)
    .map((x) => ({ id: x.n.fn.id, score: x.score }));
  for (const s of scored) {
    if (s.score < threshold) break;
    if (takenOld.has(s.o.fn.id) || takenNew.has(s.n.fn.id)) continue;
    take(s.o, s.n, { by: 'similarity', score: s.score, components: s.components, alternatives: alternativesOf(s.o, s.n, s.score) });
  }

  // 2c. Positional ids left on both sides: paired by id, as a guess; the alternatives are the
  // other new functions of the same name in the same parent.
  const groupOf = (f: FunctionVersion): string => {
    const { names } = splitId(f);
    return [f.module.meta.module, ...names.slice(0, -1), segmentOrdinal(names[names.length - 1]).base].join('\u0000');
  };
  for (const o of oldRest) {
    const n = newV.byId.get(o.fn.id);
    if (!n || takenOld.has(o.fn.id) || takenNew.has(n.fn.id)) continue;
    const alternatives = newRest.filter((x) => x !== n && groupOf(x) === groupOf(o)).slice(0, 3)
      .map((x) => ({ id: x.fn.id, score: similarity(o, x).score }));
    take(o, n, { by: 'position', alternatives });
  }

  // Calls to a renamed function pair with calls to its new name (`computeMax(...)` with
  // `largestValue(...)`, `this.reply(...)` with `this.respond(...)`), unless the old name is
  // still the name of some function in the new version.
  const callName = (f: FunctionVersion): string | null => {
    const last = f.fn.name.split('.').pop() ?? '';
    return /^[A-Za-z_$][\w$]*$/.test(last) ? last : null;
  };
  const renames = new Map<string, string>();
  const newNames = new Set([...newV.byId.values()].map(callName));
  for (const p of pairs) {
    const from = callName(p.o);
    const to = callName(p.n);
    if (from && to && from !== to && !newNames.has(from)) renames.set(from, to);
  }

  // 3. Classify and map CPs.
  const functions: FunctionDiff[] = [];
  for (const { o, n, match } of pairs) {
    const status: FunctionStatus = o.fn.hash === n.fn.hash ? 'unchanged' : 'changed';
    const cps = (status === 'unchanged' ? identityCps(o.fn, n.fn) : null) ?? alignCps(cpViews(o), cpViews(n), renames);
    const freshVars = collectFreshVars(cps, o.fn, n.fn);
    const guess = status === 'changed' && (match.by === 'similarity' || match.by === 'position');
    const needsEntry = status === 'changed' || o.fn.id !== n.fn.id || cps.some((c) => !c.confident) || freshVars.length > 0;
    const closureMissing = status === 'changed' ? missingFromClosure(o, n) : [];
    functions.push({ status, old: o, new: n, match, cps, freshVars, needsEntry, guess, ...(closureMissing.length ? { closureMissing } : {}) });
  }
  for (const o of oldRest) {
    if (takenOld.has(o.fn.id)) continue;
    // The best candidate among new functions left unmatched (a matched one is spoken for).
    const best = scored.find((s) => s.o === o && !takenNew.has(s.n.fn.id));
    functions.push({
      status: 'removed', old: o, new: null, match: null, cps: [], freshVars: [], needsEntry: true, guess: false,
      ...(best ? { bestCandidate: { id: best.n.fn.id, score: best.score } } : {}),
    });
  }
  for (const n of newRest) {
    if (takenNew.has(n.fn.id)) continue;
    functions.push({ status: 'added', old: null, new: n, match: null, cps: [], freshVars: [], needsEntry: false, guess: false });
  }
  functions.sort(byPosition);
  for (const f of functions) {
    if (!f.closureMissing) continue;
    warnings.push(`${f.new!.fn.id}: the new code reads ${f.closureMissing.join(', ')} of its enclosing function, which closures the old version made ` +
      'do not have (called after the update, they read undefined there): make such closures again after the update, or refuse its entry (mapping.ts says more)');
  }

  const modules: ModuleDiff[] = [];
  const newModules = new Map(newV.modules.map((m) => [m.meta.module, m]));
  for (const m of oldV.modules) {
    const n = newModules.get(m.meta.module) ?? null;
    const same = n !== null && (m.sourceHash && n.sourceHash ? m.sourceHash === n.sourceHash : m.codeHash === n.codeHash);
    modules.push({ module: m.meta.module, status: n === null ? 'removed' : same ? 'unchanged' : 'changed', old: m, new: n });
  }
  for (const n of newV.modules) {
    if (!oldV.modules.some((m) => m.meta.module === n.meta.module)) modules.push({ module: n.meta.module, status: 'added', old: null, new: n });
  }

  const instances = diffInstances(modules, pairs);
  const oldClasses = oldV.modules.flatMap((m) => (m.source ? classFields(m.source, m.meta.module).map((c) => c.key) : []));
  const entries = functions.filter((f) => f.needsEntry && f.new);
  const todos = {
    cps: entries.reduce((k, f) => k + f.cps.filter((c) => !c.confident).length, 0),
    vars: entries.reduce((k, f) => k + f.freshVars.length, 0),
    instances: instances.length,
    guesses: entries.filter((f) => f.guess).length,
  };
  return {
    old: oldV, new: newV, threshold, functions, modules, renames, warnings, todos, instances, oldClasses,
    dispose() { oldV.dispose(); newV.dispose(); },
  };
}

/**
 * Classes of changed modules whose constructors set different fields. A class is paired by its
 * name, or by its constructor's match when the function diff matched it under another name.
 */
function diffInstances(modules: ModuleDiff[], pairs: Array<{ o: FunctionVersion; n: FunctionVersion }>): ClassFieldDiff[] {
  const className = (f: FunctionVersion): string | null => {
    const names = splitId(f).names;
    if (names.length !== 1) return null;
    if (f.fn.kind === 'constructor') return names[0].replace(/\.constructor$/, '');
    return f.fn.kind === 'function' ? names[0] : null;
  };
  const out: ClassFieldDiff[] = [];
  for (const m of modules) {
    if (m.status !== 'changed' || !m.old?.source || !m.new?.source) continue;
    const renamed = new Map<string, string>();
    for (const { o, n } of pairs) {
      if (o.module !== m.old || n.module !== m.new) continue;
      const a = className(o);
      const b = className(n);
      if (a && b && a !== b) renamed.set(a, b);
    }
    out.push(...diffClassFields(classFields(m.old.source, m.module), classFields(m.new.source, m.module), renamed));
  }
  return out;
}

/** Old version's order (module, then source order), added functions after, in the new order. */
function byPosition(a: FunctionDiff, b: FunctionDiff): number {
  const ka = a.old ?? a.new!;
  const kb = b.old ?? b.new!;
  if (!!a.old !== !!b.old) return a.old ? -1 : 1;
  return ka.module.meta.module.localeCompare(kb.module.meta.module) || ka.index - kb.index;
}

/**
 * The new live variables that confident CP mappings leave without a value (compiler temporaries
 * excepted: align.ts already made such CPs not confident). A variable that disappeared from the
 * function at exactly those CPs is suggested as its old name.
 */
function collectFreshVars(cps: CpMapping[], oldF: FunctionMeta, newF: FunctionMeta): FreshVar[] {
  const byName = new Map<string, FreshVar>();
  const candidates = new Map<string, Set<string> | null>();
  for (const c of cps) {
    if (!c.confident || c.new === null) continue;
    for (const v of c.vars?.fresh ?? []) {
      if (isTemporary(v)) continue;
      let entry = byName.get(v);
      if (!entry) byName.set(v, entry = { name: v, at: [] });
      entry.at.push({ old: c.old, new: c.new });
      const gone = new Set((c.vars?.dropped ?? []).filter((d) => !newF.slots.includes(d)));
      const prev = candidates.get(v);
      candidates.set(v, prev === undefined ? gone : new Set([...(prev ?? [])].filter((d) => gone.has(d))));
    }
  }
  for (const entry of byName.values()) {
    const cands = [...(candidates.get(entry.name) ?? [])];
    if (cands.length === 1 && oldF.slots.includes(cands[0])) entry.suggestion = cands[0];
  }
  return [...byName.values()];
}

/**
 * What a person should know about the installs: a package that changed but has no compiled module
 * in either version (its running code cannot be replaced), and a kept package compiled in one
 * version only.
 */
function packageWarnings(cmp: PackageComparison, oldV: Version, newV: Version): string[] {
  const compiled = new Set<string>();
  for (const m of [...oldV.modules, ...oldV.kept, ...newV.modules, ...newV.kept]) {
    const p = packageOf(m.meta.module);
    if (p) compiled.add(p);
  }
  const out: string[] = [];
  for (const [path, p] of Object.entries(cmp.next)) {
    if (p.status === 'changed' && !compiled.has(path)) {
      out.push(`${path} changed (now ${p.name}@${p.version}) but is not compiled in either version: the update leaves its running code as it is; compile it in both (restack compile --deps ${p.name}) or restart to take it`);
    }
  }
  const keptIds = (v: Version): Set<string> => new Set(v.kept.map((m) => m.meta.module));
  const before = keptIds(oldV);
  const after = keptIds(newV);
  const one = [...before].filter((id) => !after.has(id)).concat([...after].filter((id) => !before.has(id)));
  const onlyOne = [...new Set(one.map((id) => packageOf(id)!))];
  for (const path of onlyOne) out.push(`${path} is the same release in both installs but compiled in only one version: the running copy stays as it is`);
  return out;
}

/** The enclosing functions' variables `n` reads that `o` did not (see FunctionDiff.closureMissing). */
function missingFromClosure(o: FunctionVersion, n: FunctionVersion): string[] {
  const before = o.module.analysis?.functions.get(o.fn.id)?.outer;
  const after = n.module.analysis?.functions.get(n.fn.id)?.outer;
  if (!before || !after) return [];
  return after.filter((name) => !before.includes(name));
}
