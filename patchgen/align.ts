/**
 * Continuation-point alignment: for a function present in both versions, where does a frame
 * suspended at each old CP resume in the new version, and where do the new frame's variables
 * take their values from?
 *
 * The CPs of a function are a sequence in source order. A weighted alignment (LCS with
 * substitutions) pairs them up: two CPs of the same kind with the same callee pair strongly,
 * more strongly when they sit in the same control structures (loop, branch, try block) and have
 * the same call text; a same-kind pair with different callees pairs weakly (a call replaced by
 * another). A pair is *confident* only when it is unambiguous: same kind and callee, and every
 * optimal alignment contains it (computed exactly with a forward and a backward table: a pair,
 * or a gap, belongs to some optimal alignment iff the best prefix score plus its own plus the
 * best suffix score equals the optimum). Everything else becomes a proposal for a person to
 * confirm (a TODO in mapping.ts).
 *
 * Variables: compiled frames save live variables by name. A same-named variable carries over;
 * compiler temporaries (`__rst<n>`: parts of an expression evaluated before the call) are
 * renumbered whenever anything earlier in the module changes, so they are paired by position
 * when the two CPs hold the same kinds of temporaries, and a CP whose temporaries cannot be
 * paired is not confident. Temporaries carry partial results of the old code (the left operand
 * computed before the call, a receiver, an iterator): a pair whose temporaries would be carried
 * while the code computing them changed (CpSite.partials differ, or are unknown) is not confident
 * either, and says which temporaries and what code (CpMapping.partials).
 */
import type { CpMeta, FunctionMeta } from '../contract/index.js';
import { R } from '../contract/index.js';
import type { CpMapping, PartialResults, VarMap } from './types.js';
import type { CpSite } from './source.js';
import { sequenceSimilarity } from './similarity.js';

/** A CP with what the source says about it (null when the source is not available). */
export interface CpView {
  meta: CpMeta;
  site: CpSite | null;
}

const TEMP_NUMBER = new RegExp(`${R.tempPrefix}(\\w*?)\\d+`, 'g');

export function isTemporary(name: string): boolean {
  return name.startsWith(R.tempPrefix);
}

const FOR_OF_STEP = new RegExp(`^${R.tempPrefix}\\w*?\\d+\\.next$`);

/** Is this CP the step of a for-of loop (`iterator.next()`, made by the compiler, no position)? */
export function isForOfStep(cp: CpMeta): boolean {
  return cp.kind === 'call' && !cp.loc.line && FOR_OF_STEP.test(cp.callee);
}

/** A callee as compared across versions: temporaries' numbers left out. */
export function normalizeCallee(callee: string): string {
  return callee.replace(TEMP_NUMBER, `${R.tempPrefix}$1`);
}

/**
 * Rewrites an old callee through the renames found by function matching (`computeMax` ->
 * `largestValue`), so a call to a renamed function still pairs with the call to its new name.
 */
export function renameCallee(callee: string, renames: ReadonlyMap<string, string>): string {
  if (!renames.size) return callee;
  const m = /^(new )?(.*?)([A-Za-z_$][\w$]*)$/.exec(callee);
  if (!m) return callee;
  const to = renames.get(m[3]);
  if (to === undefined || (m[2] !== '' && !m[2].endsWith('.'))) return callee;
  return `${m[1] ?? ''}${m[2]}${to}`;
}

// Integer weights, so optimal scores compare exactly.
const EXACT = 1000;
const CONTEXT = 200;
const TEXT = 100;
const SUBSTITUTE = 100;
const NONE = -1;

function contextScore(a: CpSite | null, b: CpSite | null): number {
  if (!a?.context || !b?.context) return CONTEXT / 2;
  return Math.round(CONTEXT * sequenceSimilarity(a.context, b.context));
}

function textScore(a: CpSite | null, b: CpSite | null): number {
  if (!a?.text || !b?.text) return TEXT / 2;
  return a.text === b.text ? TEXT : 0;
}

interface Pairing {
  exact: boolean;
  weight: number;
}

/**
 * Aligns the CPs of two versions of a function. Returns one mapping per old CP, in order.
 * `renames` maps old function names to new ones (see renameCallee).
 */
export function alignCps(oldCps: readonly CpView[], newCps: readonly CpView[], renames: ReadonlyMap<string, string> = new Map()): CpMapping[] {
  const n = oldCps.length;
  const m = newCps.length;
  const oldKeys = oldCps.map((c) => renameCallee(normalizeCallee(c.meta.callee), renames));
  const newKeys = newCps.map((c) => normalizeCallee(c.meta.callee));

  const pairing: Pairing[][] = oldCps.map((a, i) => newCps.map((b, j): Pairing => {
    if (a.meta.kind !== b.meta.kind) return { exact: false, weight: NONE };
    const ctx = contextScore(a.site, b.site);
    if (oldKeys[i] === newKeys[j]) return { exact: true, weight: EXACT + ctx + textScore(a.site, b.site) };
    return { exact: false, weight: SUBSTITUTE + Math.round(ctx / 4) };
  }));
  const w = (i: number, j: number): number => pairing[i][j].weight;

  // F[i][j]: best score aligning old[0, i) with new[0, j); B[i][j]: old[i, n) with new[j, m).
  const F = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  const B = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      let best = Math.max(F[i - 1][j], F[i][j - 1]);
      if (w(i - 1, j - 1) !== NONE) best = Math.max(best, F[i - 1][j - 1] + w(i - 1, j - 1));
      F[i][j] = best;
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      let best = Math.max(B[i + 1][j], B[i][j + 1]);
      if (w(i, j) !== NONE) best = Math.max(best, B[i + 1][j + 1] + w(i, j));
      B[i][j] = best;
    }
  }
  const S = F[n][m];

  // Which pairs and gaps belong to some optimal alignment.
  const oldFits: number[][] = oldCps.map(() => []);
  const newFits: number[][] = newCps.map(() => []);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      if (w(i, j) !== NONE && F[i][j] + w(i, j) + B[i + 1][j + 1] === S) {
        oldFits[i].push(j);
        newFits[j].push(i);
      }
    }
  }
  const oldMayGap = (i: number): boolean => {
    for (let j = 0; j <= m; j++) if (F[i][j] + B[i + 1][j] === S) return true;
    return false;
  };
  const newMayGap = (j: number): boolean => {
    for (let i = 0; i <= n; i++) if (F[i][j] + B[i][j + 1] === S) return true;
    return false;
  };

  // One optimal alignment, pairs preferred.
  const pairedWith = new Array<number>(n).fill(-1);
  const newPaired = new Array<boolean>(m).fill(false);
  for (let i = 0, j = 0; i < n && j < m;) {
    if (w(i, j) !== NONE && w(i, j) + B[i + 1][j + 1] === B[i][j]) {
      pairedWith[i] = j;
      newPaired[j] = true;
      i++;
      j++;
    } else if (B[i + 1][j] === B[i][j]) {
      i++;
    } else {
      j++;
    }
  }

  return oldCps.map((a, i): CpMapping => {
    const j = pairedWith[i];
    if (j >= 0) {
      const b = newCps[j];
      if (pairing[i][j].exact) {
        const unique = oldFits[i].length === 1 && newFits[j].length === 1 && !oldMayGap(i) && !newMayGap(j);
        if (unique && isEntry(a.meta) && a.meta.live.join() !== b.meta.live.join()) {
          // A call made by old code after the update runs the new function from its entry: with
          // other parameters it may not mean the same any more.
          return withVars({
            old: a.meta.cp, new: null, confident: false, proposed: b.meta.cp,
            reason: `the parameters changed (${a.meta.live.join(', ') || 'none'} -> ${b.meta.live.join(', ') || 'none'}): a call of the old function made by old code after the update would run the new one; map the entry if that call still means the same, else 'refuse' (the old code runs it)`,
          }, a, b);
        }
        if (unique) return withVars({ old: a.meta.cp, new: b.meta.cp, confident: true, proposed: null }, a, b);
        const others = [...new Set([...oldFits[i].filter((k) => k !== j).map((k) => newCps[k].meta.cp)])];
        return withPartials({
          old: a.meta.cp, new: null, confident: false, proposed: b.meta.cp,
          reason: others.length
            ? `ambiguous: new cps ${[b.meta.cp, ...others].join(', ')} fit equally`
            : 'ambiguous: another alignment leaves this cp without a counterpart',
          vars: varMapFor(a.meta, b.meta),
        }, a, b);
      }
      const what = a.meta.kind === 'call' ? 'callee' : 'update point';
      return withPartials({
        old: a.meta.cp, new: null, confident: false, proposed: b.meta.cp,
        reason: `${what} differs: ${a.meta.callee} -> ${b.meta.callee}`,
        vars: varMapFor(a.meta, b.meta),
      }, a, b);
    }
    // Not aligned: the same call elsewhere (moved across other CPs), or nothing.
    const same = newCps.filter((b, k) => !newPaired[k] && b.meta.kind === a.meta.kind && newKeys[k] === oldKeys[i]);
    if (same.length === 1) {
      return withPartials({
        old: a.meta.cp, new: null, confident: false, proposed: same[0].meta.cp,
        reason: 'the same call is found out of order in the new version',
        vars: varMapFor(a.meta, same[0].meta),
      }, a, same[0]);
    }
    return {
      old: a.meta.cp, new: null, confident: false, proposed: null,
      reason: a.meta.kind === 'call' ? 'no counterpart: the call is gone from the new version' : 'no counterpart: the update point is gone from the new version',
    };
  });
}

/** Identity mapping, for functions whose CPs are the same sequence in both versions. */
export function identityCps(oldF: FunctionMeta, newF: FunctionMeta): CpMapping[] | null {
  if (oldF.cps.length !== newF.cps.length) return null;
  const same = oldF.cps.every((c, i) => c.kind === newF.cps[i].kind && normalizeCallee(c.callee) === normalizeCallee(newF.cps[i].callee));
  if (!same) return null;
  // The same source: every temporary means what it meant.
  return oldF.cps.map((c, i) => withVars({ old: c.cp, new: newF.cps[i].cp, confident: true, proposed: null }, { meta: c, site: null }, { meta: newF.cps[i], site: null }, false));
}

/** The entry of a function: where calls of a replaced version move to the new one. */
function isEntry(cp: CpMeta): boolean {
  return cp.kind === 'update' && cp.callee === 'entry';
}

/**
 * Adds the variable map of a pair; a confident pair whose temporaries cannot be paired, or
 * would carry partial results of code that changed (`compare`: the function changed), is not
 * confident.
 */
function withVars(map: CpMapping, a: CpView, b: CpView, compare = true): CpMapping {
  const vars = varMapFor(a.meta, b.meta);
  if (vars) map.vars = vars;
  const freshTemps = (vars?.fresh ?? []).filter(isTemporary);
  if (map.confident && freshTemps.length) {
    return {
      old: map.old, new: null, confident: false, proposed: map.new,
      reason: `the new cp holds intermediate values of its expression (${freshTemps.join(', ')}) the old one has no counterpart for`,
      vars,
    };
  }
  if (!compare) return map;
  const partials = partialsFor(a, b);
  if (!partials) return map;
  if (!map.confident) return { ...map, partials };
  return {
    old: map.old, new: null, confident: false, proposed: map.new,
    reason: partialsReason(partials, a, b),
    ...(vars ? { vars } : {}),
    partials,
  };
}

/** Adds CpMapping.partials to a pair that is not confident anyway (a TODO proposing b). */
function withPartials(map: CpMapping, a: CpView, b: CpView): CpMapping {
  const partials = partialsFor(a, b);
  return partials ? { ...map, partials } : map;
}

/**
 * The temporaries a frame moved from old CP `a` to new CP `b` would carry (new name -> old name),
 * when the code computing them is not known to be the same in both versions; else undefined.
 */
export function partialsFor(a: CpView, b: CpView): PartialResults | undefined {
  const temps = carriedTemps(a.meta, b.meta);
  if (!Object.keys(temps).length) return undefined;
  const oldCode = a.site?.partials ?? null;
  const newCode = b.site?.partials ?? null;
  const oldKey = a.site?.partialsKey ?? null;
  if (oldKey !== null && oldKey === (b.site?.partialsKey ?? null)) return undefined;
  return { temps, old: oldCode === null ? null : oldCode.join('\n'), new: newCode === null ? null : newCode.join('\n') };
}

/** New temporary -> old temporary, for the temporaries varMapFor carries (by name or renamed). */
function carriedTemps(a: CpMeta, b: CpMeta): Record<string, string> {
  const oldTemps = a.live.filter(isTemporary);
  const newTemps = b.live.filter(isTemporary);
  const out: Record<string, string> = {};
  if (!sameShape(oldTemps, newTemps)) return out;
  newTemps.forEach((v, k) => { out[v] = oldTemps[k]; });
  return out;
}

/** One line: which temporaries, what code computes them in each version, both source lines. */
function partialsReason(p: PartialResults, a: CpView, b: CpView): string {
  const names = Object.entries(p.temps).map(([n, o]) => (n === o ? n : `${n} (old ${o})`)).join(', ');
  const code = (text: string | null): string => (text === null ? 'unknown: no source' : `\`${text.split('\n').filter(Boolean).join(' ... ') || '(nothing)'}\``);
  const line = (v: CpView, which: string): string => {
    const no = v.site?.lineNo ?? (v.meta.loc.line || null);
    return `${which} line ${no ?? '?'}${v.site?.line ? `: ${v.site.line.replace(/;$/, '')}` : ''}`;
  };
  return `the code before the call changed (old ${code(p.old)}, new ${code(p.new)}) and the temporaries ${names} hold its partial results: ` +
    `carried as they are, the new code would go on with values the old code computed (${line(a, 'old')}; ${line(b, 'new')}); ` +
    `map it and give them values in vars (e.g. 'transform', set in frame()), or 'refuse'`;
}

const sameShape = (oldTemps: string[], newTemps: string[]): boolean =>
  oldTemps.length === newTemps.length && oldTemps.every((v, k) => hintOf(v) === hintOf(newTemps[k]));

const hintOf = (temp: string): string => temp.replace(/\d+$/, '');

/**
 * Where the live variables of new CP `b` come from when a frame moves from old CP `a`: same
 * names, temporaries paired by position (when both CPs hold the same kinds of temporaries), and
 * what is left without a source. Undefined when neither frame holds anything.
 */
export function varMapFor(a: CpMeta, b: CpMeta): VarMap | undefined {
  const oldUser = a.live.filter((v) => !isTemporary(v));
  const newUser = b.live.filter((v) => !isTemporary(v));
  const oldTemps = a.live.filter(isTemporary);
  const newTemps = b.live.filter(isTemporary);
  const fresh = newUser.filter((v) => !oldUser.includes(v));
  const dropped = oldUser.filter((v) => !newUser.includes(v));
  const renamed: Record<string, string> = {};
  if (sameShape(oldTemps, newTemps)) {
    newTemps.forEach((v, k) => { if (v !== oldTemps[k]) renamed[v] = oldTemps[k]; });
  } else {
    fresh.push(...newTemps);
  }
  const out: VarMap = {};
  const same = newUser.filter((v) => oldUser.includes(v));
  if (same.length) out.same = same;
  if (Object.keys(renamed).length) out.renamed = renamed;
  if (fresh.length) out.fresh = fresh;
  if (dropped.length) out.dropped = dropped;
  return Object.keys(out).length ? out : undefined;
}
