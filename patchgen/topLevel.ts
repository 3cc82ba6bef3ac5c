/**
 * The top-level statements of a changed module, compared between two versions (decision 0010):
 * what `restack patch` writes in mapping.ts's `topLevel` section and what `restack check` requires
 * to be decided. Statements are paired by key (their text with functions elided).
 */
import type { ModuleMeta, TopLevelStatement } from '../contract/index.js';

export interface StatementPlan {
  statement: TopLevelStatement;
  /**
   * 'new': an effect the old version did not have (a decision is required: patchgen proposes 'run');
   * 'on': an effect called on a definition of the module (`mixin(Thing.prototype)`), which may set up
   *   the new version's objects (a decision is required: patchgen proposes 'run');
   * 'kept': an effect the old version had too (skipped unless the mapping says 'run');
   * 'setup': runs again on the new version's objects unless the mapping says 'skip'.
   */
  fate: 'new' | 'on' | 'kept' | 'setup';
}

/** The new module's statements and their fate; `gone` lists the old module's effects the new one no longer has. */
export function compareTopLevel(oldMeta: ModuleMeta | undefined, newMeta: ModuleMeta): { plans: StatementPlan[]; gone: TopLevelStatement[] } {
  const before = new Map((oldMeta?.topLevel ?? []).map((s) => [s.key, s]));
  const after = new Set((newMeta.topLevel ?? []).map((s) => s.key));
  const plans: StatementPlan[] = (newMeta.topLevel ?? []).map((statement) => ({
    statement,
    fate: statement.kind === 'setup' ? 'setup' : statement.on ? 'on' : before.has(statement.key) ? 'kept' : 'new',
  }));
  const gone = [...before.values()].filter((s) => s.kind === 'effect' && !after.has(s.key));
  return { plans, gone };
}

/** Whether the statement needs a decision in mapping.ts (an effect that is new, or called on a definition). */
export const needsDecision = (p: StatementPlan): boolean => p.fate === 'new' || p.fate === 'on';
