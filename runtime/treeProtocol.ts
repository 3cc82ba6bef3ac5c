/**
 * The lines a parent's and a child's coordinators exchange on the child's connection (one JSON
 * object per line), and the shape of one coordinated round as it travels down the tree. The
 * decision protocol they carry is docs/decisions/0005-process-tree-decision.md.
 */
import type { Timeline } from './deadlines.js';

/** One coordinated update of a tree, as every process of it knows it. */
export interface RoundRef {
  /** The round's id: its decision record's path (unique per root and round). */
  id: string;
  /** The record to ask or claim; null when the root has no socket directory (then nobody may claim). */
  record: string | null;
  /** The tree's deadlines, absolute; collectBy is this process's own (deadlines.childTimeline). */
  timeline: Timeline;
}

/** From a parent to a child. */
export type ToChild =
  | { id: number; type: 'update'; patchDir: string; options: Record<string, unknown>; tree: 'coordinated'; round: RoundRef }
  | { id: number; type: 'update'; patchDir: string; options: Record<string, unknown>; tree: 'rolling'; startBy: number }
  /** withinMs: answer within this, with the children that answered by then. */
  | { id: number; type: 'status'; withinMs: number }
  /** The round's outcome: sent once decided, and again to a child that votes after it. */
  | { type: 'decision'; round: string; commit: boolean };

/** From a child to its parent. */
export type ToParent =
  | { id: 0; type: 'child'; pid: number }
  /** Every thread of the child and its whole subtree prepared: it votes to commit, and waits. */
  | { type: 'prepared'; round: string }
  | { id: number; progress: Record<string, unknown> }
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: string };

/**
 * A test hook, not an interface: RESTACK_TEST_SIGNAL=<phase>:<signal> makes a process signal
 * itself at a phase of a coordinated update, so a test stops (or kills) a participant exactly
 * there, not at a moment guessed by sleeping. Phases: `prepared`, a child right after its vote is
 * written to its parent, the root once every vote is in and it has chosen, before it claims the
 * record; `decided`, any process once the decision is known to it (the root: once recorded),
 * before it passes it on or acts on it.
 */
export type TestPhase = 'prepared' | 'decided';

const hook = /^(prepared|decided):(SIG[A-Z0-9]+)$/.exec(process.env.RESTACK_TEST_SIGNAL ?? '');

/** The signal the test hook asks for at `phase`, if any. */
export function testSignal(phase: TestPhase): NodeJS.Signals | null {
  return hook && hook[1] === phase ? hook[2] as NodeJS.Signals : null;
}
