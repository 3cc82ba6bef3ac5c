/**
 * Calls of replaced versions' functions (decision 0002, "old closures run the new code"): for each
 * code a module has had, where a call of each of its functions goes in the running version, or why
 * it runs its old code. The engine's forward() looks a call up here; each commit moves every table
 * one version on.
 */
import type { ModuleHandle } from '../core/moduleHandle.js';
import { MapGet } from '../core/primordials.js';
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
    for (const table of this.tables.values()) {
      for (const [id, t] of table.entries) {
        if (t.kind !== 'new') continue;
        const step = this.step(patch, t.module, t.cpId);
        if (step.kind === 'new') {
          t.module = step.module;
          t.cpId = step.cpId;
          t.steps.push(...step.steps);
        } else {
          const fn = patch.oldCps.get(t.module)?.get(t.cpId)?.fn.id ?? `${t.module} cp id ${t.cpId}`;
          table.entries.set(id, { kind: 'old', fn: t.fn, version: t.version, why: `its calls went to ${fn}, which the next update left on old code: ${step.why}`, calls: 0 });
        }
      }
    }
    for (const [id, h] of current) {
      if (!h.stale || this.tables.has(h.codeKey)) continue;
      const table: Table = { entries: new Map(), noEntry: [] };
      const withEntry = new Set<string>();
      for (const [cpId, site] of patch.oldCps.get(id) ?? []) {
        if (site.cp.kind !== 'update' || site.cp.callee !== 'entry') continue;
        withEntry.add(site.fn.id);
        const step = this.step(patch, id, cpId);
        table.entries.set(cpId, { ...step, fn: site.fn.id, version });
      }
      for (const plan of patch.plans.values()) {
        if (plan.oldModule !== id || withEntry.has(plan.oldFn.id)) continue;
        if (plan.newFn && plan.newFn.hash === plan.oldFn.hash) continue;
        const what = plan.newFn ? 'it changed' : `it is removed in ${patch.label}`;
        const why = plan.oldFn.capturable
          ? `${what}, and it has no entry (no call, loop or update point: it reads no module state), so a call of the old function runs its old code`
          : `${what}, and it was compiled unchanged (${plan.oldFn.reason ?? 'not capturable'}), so it has no entry: a call of the old function runs its old code, on its old module's bindings`;
        table.noEntry.push({ kind: 'old', fn: plan.oldFn.id, version, why });
      }
      this.tables.set(h.codeKey, table);
    }
  }

  /** The move of a call entering at (module, cpId) of the patch's base version, or why it runs the old code. */
  private step(patch: LoadedPatch, module: string, cpId: number): Omit<EntryTarget, 'fn' | 'version'> | { kind: 'old'; why: string; calls: number } {
    const old = (why: string): { kind: 'old'; why: string; calls: number } => ({ kind: 'old', why, calls: 0 });
    const site = patch.oldCps.get(module)?.get(cpId);
    const plan = site ? patch.plans.get(site.fn.id) : undefined;
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
    for (const table of this.tables.values()) {
      for (const t of table.entries.values()) if (t.kind === 'old') out.push({ ...t });
      for (const t of table.noEntry) out.push({ ...t });
    }
    return out;
  }
}
