/**
 * Calls of replaced versions' functions (decision 0002, "old closures run the new code"): for each
 * code a module has had, where a call of each of its functions goes in the running version, or why
 * it runs its old code. The engine's forward() looks a call up here; each commit moves every table
 * one version on.
 */
import type { CpMeta, FunctionMeta } from '../../contract/index.js';
import type { ModuleHandle } from '../core/moduleHandle.js';
import { ArrayPush, MapGet, MapHas, mapEntries, MapSet, mapValues, SetAdd, SetHas } from '../core/primordials.js';
import { planEntry, type SiteMove } from '../migrate.js';
import type { LoadedPatch } from '../patch.js';

/** Where a call of a replaced function goes: the running version's function and entry. */
export interface EntryTarget {
  kind: 'new';
  /** The old function's id, and the version whose code the table is for. */
  fn: string;
  version: string;
  /** The running version's module id and the module-wide id of the function's entry point there. */
  module: string;
  cpId: number;
  /**
   * How the call's frame moves through each update since its code was replaced, oldest first:
   * arguments by name, the mapping's `vars`, then its stack transformer, which runs per call.
   */
  steps: SiteMove[];
}

/** A replaced function whose calls run its old code, and why (listed by the report and status). */
export interface OldCodeEntry {
  kind: 'old';
  /** The old function's id, e.g. 'store.js#put'. */
  fn: string;
  /** The version whose code runs the calls. */
  version: string;
  /** Why: removed, its entry refused, ... */
  why: string;
  /** Calls of it that ran its old code since (undefined: not counted, the function has no entry). */
  calls?: number;
}

/** The continuation point `cpId` of `module` in the patch's base version. */
function oldSite(patch: LoadedPatch, module: string, cpId: number): { fn: FunctionMeta; cp: CpMeta } | undefined {
  const sites = MapGet(patch.oldCps, module);
  return sites === undefined ? undefined : MapGet(sites, cpId);
}

interface Table {
  /** By the module-wide id of the function's entry point in the replaced code. */
  entries: Map<number, EntryTarget | OldCodeEntry>;
  /** Changed or removed functions of the replaced code that have no entry: they always run their old code. */
  noEntry: OldCodeEntry[];
}

export class EntryTables {
  /**
   * For each replaced version of a module's code (module id, source hash: the same code loaded
   * again shares its table), where a call of each of its functions goes in the running version, by
   * the module-wide id of the function's entry point, or why its old code runs it. Every update
   * moves all tables one version on, so no old version, handle or patch is kept for them (the
   * moves keep the mapping's metadata and transformers); there is one table per distinct code a
   * module has had, not per update.
   */
  private readonly tables = new Map<string, Table>();

  /**
   * At a commit: every table moves through this update's patch, and the versions it replaces
   * (`version`, the label of what ran until now) get theirs. A call moves as a frame suspended at
   * the function's entry would: by name, the mapping's `vars`, its stack transformer (run per
   * call). A function removed, whose entry the mapping refuses, or whose entry cannot move, keeps
   * its old code for its calls: an OldCodeEntry says why.
   */
  retarget(patch: LoadedPatch, current: ReadonlyMap<string, ModuleHandle>, version: string): void {
    const tables = mapValues(this.tables);
    for (let i = 0; i < tables.length; i++) {
      const table = tables[i];
      const entries = mapEntries(table.entries);
      for (let j = 0; j < entries.length; j++) {
        const id = entries[j][0];
        const t = entries[j][1];
        if (t.kind !== 'new') continue;
        const step = this.step(patch, t.module, t.cpId);
        if (step.kind === 'new') {
          t.module = step.module;
          t.cpId = step.cpId;
          for (let k = 0; k < step.steps.length; k++) ArrayPush(t.steps, step.steps[k]);
        } else {
          const fn = oldSite(patch, t.module, t.cpId)?.fn.id ?? `${t.module} cp id ${t.cpId}`;
          MapSet(table.entries, id, { kind: 'old', fn: t.fn, version: t.version, why: `its calls went to ${fn}, which the next update left on old code: ${step.why}`, calls: 0 });
        }
      }
    }
    const modules = mapEntries(current);
    for (let i = 0; i < modules.length; i++) {
      const id = modules[i][0];
      const h = modules[i][1];
      if (!h.stale || MapHas(this.tables, h.codeKey)) continue;
      const table: Table = { entries: new Map(), noEntry: [] };
      const withEntry = new Set<string>();
      const cps = MapGet(patch.oldCps, id);
      const sites = cps === undefined ? [] : mapEntries(cps);
      for (let j = 0; j < sites.length; j++) {
        const cpId = sites[j][0];
        const site = sites[j][1];
        if (site.cp.kind !== 'update' || site.cp.callee !== 'entry') continue;
        SetAdd(withEntry, site.fn.id);
        const step = this.step(patch, id, cpId);
        MapSet(table.entries, cpId, { ...step, fn: site.fn.id, version });
      }
      const plans = mapValues(patch.plans);
      for (let j = 0; j < plans.length; j++) {
        const plan = plans[j];
        if (plan.oldModule !== id || SetHas(withEntry, plan.oldFn.id)) continue;
        if (plan.newFn && plan.newFn.hash === plan.oldFn.hash) continue;
        const what = plan.newFn ? 'it changed' : `it is removed in ${patch.label}`;
        const why = plan.oldFn.capturable
          ? `${what}, and it has no entry (no call, loop or update point: it reads no module state), so a call of the old function runs its old code`
          : `${what}, and it was compiled unchanged (${plan.oldFn.reason ?? 'not capturable'}), so it has no entry: a call of the old function runs its old code, on its old module's bindings`;
        ArrayPush(table.noEntry, { kind: 'old', fn: plan.oldFn.id, version, why });
      }
      MapSet(this.tables, h.codeKey, table);
    }
  }

  /** The move of a call entering at (module, cpId) of the patch's base version, or why it runs the old code. */
  private step(patch: LoadedPatch, module: string, cpId: number): Omit<EntryTarget, 'fn' | 'version'> | { kind: 'old'; why: string; calls: number } {
    const old = (why: string): { kind: 'old'; why: string; calls: number } => ({ kind: 'old', why, calls: 0 });
    const site = oldSite(patch, module, cpId);
    const plan = site ? MapGet(patch.plans, site.fn.id) : undefined;
    if (!site || !plan) return old(`${patch.label} has no plan for it`);
    if (!plan.newFn || !plan.newModule) return old(`removed in ${patch.label}`);
    const to = plan.cps[site.cp.cp];
    if (to === 'refuse') return old(`its entry is refused by the mapping of ${patch.label}`);
    if (typeof to !== 'number') return old(`its entry is still 'TODO' in the mapping of ${patch.label}`);
    const next = plan.newFn.cps[to];
    if (!next || next.kind !== 'update' || next.callee !== 'entry') return old(`its entry maps to cp ${to} of ${plan.newFn.id} in ${patch.label}, which is not that function's entry`);
    let move: SiteMove;
    try {
      move = planEntry(patch, module, cpId);
    } catch (e) {
      return old(`its entry cannot move to ${patch.label}: ${(e as Error).message}`);
    }
    return { kind: 'new', module: move.module, cpId: move.cpId, steps: [move] };
  }

  /** Where a call of the function whose entry is `cpId` in the code `codeKey` goes, or why its old code runs it (undefined: no table). */
  target(codeKey: string, cpId: number): EntryTarget | OldCodeEntry | undefined {
    // Every call of a replaced function comes here: only builtins captured at start-up.
    const table = MapGet(this.tables, codeKey);
    return table === undefined ? undefined : MapGet(table.entries, cpId);
  }

  /** Every replaced function whose calls run its old code, with the calls counted so far. */
  oldCode(): OldCodeEntry[] {
    const out: OldCodeEntry[] = [];
    const tables = mapValues(this.tables);
    for (let i = 0; i < tables.length; i++) {
      const entries = mapValues(tables[i].entries);
      for (let j = 0; j < entries.length; j++) {
        const t = entries[j];
        if (t.kind === 'old') ArrayPush(out, { ...t });
      }
      const noEntry = tables[i].noEntry;
      for (let j = 0; j < noEntry.length; j++) ArrayPush(out, { ...noEntry[j] });
    }
    return out;
  }
}
