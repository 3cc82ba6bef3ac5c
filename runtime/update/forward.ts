/**
 * Calls of replaced versions' functions (decision 0002, "old closures run the new code"): for each
 * code a module has had, where a call of each of its functions goes in the running version. The
 * engine's forward() looks a call up here; each commit moves every table one version on.
 */
import type { ModuleHandle } from '../core/moduleHandle.js';
import type { LoadedPatch } from '../patch.js';

/** Where a call of a replaced function goes: the running version's function and entry. */
export interface EntryTarget {
  module: string;
  /** Module-wide id of the entry point in the running version. */
  cpId: number;
  /** Slot names of the replaced function's frame (what a forwarded call saves). */
  oldSlots: string[];
  /** For each slot of the running version's frame, the old slot its value comes from (by name), or -1. */
  from: number[];
}

export class EntryTables {
  /**
   * For each replaced version of a module's code (module id, source hash: the same code loaded
   * again shares its table), where a call of each of its functions goes in the running version, by
   * the module-wide id of the function's entry point (null: refused, the old code runs the call).
   * Every update moves all tables one version on, so no old version, handle or patch is kept for
   * them; there is one table per distinct code a module has had, not per update.
   */
  private readonly tables = new Map<string, Map<number, EntryTarget | null>>();

  /**
   * At a commit: every table moves through this update's patch, and the versions it replaces get
   * theirs. A mapping entry with variables to set or a frame transformer is not applied to calls
   * (it was written for the frames the stack holds, not for calls starting afresh): such calls run
   * the old code.
   */
  retarget(patch: LoadedPatch, current: ReadonlyMap<string, ModuleHandle>): void {
    const step = (module: string, cpId: number, oldSlots?: string[]): EntryTarget | null => {
      const site = patch.oldCps.get(module)?.get(cpId);
      const plan = site ? patch.plans.get(site.fn.id) : undefined;
      if (!site || !plan || !plan.newFn || !plan.newModule) return null;
      const to = plan.cps[site.cp.cp];
      if (typeof to !== 'number') return null;
      const next = plan.newFn.cps[to];
      if (!next || next.kind !== 'update' || next.callee !== 'entry') return null;
      if (plan.frame || Object.keys(plan.vars).length) return null;
      const slots = oldSlots ?? plan.oldFn.slots;
      return { module: plan.newModule, cpId: next.id, oldSlots: slots, from: plan.newFn.slots.map((n) => slots.indexOf(n)) };
    };
    for (const table of this.tables.values()) {
      for (const [id, t] of table) if (t) table.set(id, step(t.module, t.cpId, t.oldSlots));
    }
    for (const [id, h] of current) {
      if (!h.stale || this.tables.has(h.codeKey)) continue;
      const table = new Map<number, EntryTarget | null>();
      for (const [cpId, site] of patch.oldCps.get(id) ?? []) {
        if (site.cp.kind === 'update' && site.cp.callee === 'entry') table.set(cpId, step(id, cpId));
      }
      this.tables.set(h.codeKey, table);
    }
  }

  /** Where a call of the function whose entry is `cpId` in the code `codeKey` goes, or null/undefined (the old code runs it). */
  target(codeKey: string, cpId: number): EntryTarget | null | undefined {
    return this.tables.get(codeKey)?.get(cpId);
  }
}
