/**
 * Every deadline of the control plane, in one place, because their order is what makes an update
 * of a process tree end the same way everywhere (docs/decisions/0005-process-tree-decision.md).
 *
 * A coordinated update with timeout T (ms), on one clock (absolute ms, the same in every process of
 * the machine), counted from when the root took the request:
 *
 *   prepareBy  < decideBy  < giveUpAt  < collectBy(deepest) < ... < collectBy(root) < client's wait
 *   (T)          (+vote)     (+decision)  (+acks)                    (one hop per level)  (+grace)
 *
 * - prepareBy: a thread that has not prepared by then gives up (it has not voted: it may).
 * - decideBy: the root decides COMMIT only before it, and ABORT at it if votes are missing; the
 *   votes of threads that prepared just in time have VOTE_TRAVEL_MS to reach it.
 * - giveUpAt: a participant that voted PREPARED and has not heard the decision asks the decision
 *   record (and claims ABORT there only if it is empty). Later than decideBy by DECISION_TRAVEL_MS,
 *   so a decision the root made in time normally reaches everyone before anyone asks. Safety does
 *   not depend on this order (the record is claimed once), only how often the record is needed.
 * - collectBy: a parent stops waiting for a child's report and lists it as not answering. A child
 *   stops waiting for its own children one hop earlier than its parent stops waiting for it, so a
 *   stopped grandchild is reported by its parent, not mistaken for a silent child.
 * - The client waits longer than the root collects, so it always gets the report.
 *
 * Rolling updates and status requests have their own chains, below, with the same rule: whoever
 * waits for an answer waits longer than the one who answers waits for anything.
 */

/** The update timeout when the client gives none: how long threads may take to prepare. */
export const DEFAULT_UPDATE_TIMEOUT_MS = 10_000;

/** For the last votes to reach the root after the last thread prepared just before prepareBy. */
export const VOTE_TRAVEL_MS = 1000;
/** For the root's decision to reach every participant before any asks the record. */
export const DECISION_TRAVEL_MS = 1000;
/** For threads to resume after the decision and their reports to reach the root. */
export const ACK_TRAVEL_MS = 1500;
/** Each level of the tree stops collecting this much before the level above it. */
export const COLLECT_HOP_MS = 250;
/** Deepest tree the hops are budgeted for; deeper levels collect at giveUpAt plus a little. */
export const MAX_DEPTH = 4;
/** The client's margin over the program's last deadline (a loaded machine, the reply's travel). */
export const CLIENT_GRACE_MS = 2000;

/** A round of one process's threads (no children): their report comes at most this long after T. */
export const THREAD_ANSWER_GRACE_MS = 2000;

/** A child of a rolling update must take its parent's request within this of the sending. */
export const ROLLING_START_WITHIN_MS = 2500;

/**
 * Status: how long the root waits for its main thread's and its children's status (a main thread
 * mid-update, or a stopped child, is then listed as silent); each level waits one hop less.
 */
export const STATUS_WAIT_MS = 2000;
export const STATUS_HOP_MS = 300;

/** How long a child keeps trying to reach its parent's socket (the parent may still be opening it). */
export const JOIN_PARENT_MS = 5000;

/** The absolute deadlines of one coordinated update, shared by every process of the tree. */
export interface Timeline {
  prepareBy: number;
  decideBy: number;
  giveUpAt: number;
  /** This process stops waiting for its children's reports (it differs per level: childTimeline). */
  collectBy: number;
}

/** The root's timeline for an update with timeout `timeoutMs` taken at `start` (absolute ms). */
export function coordinatedTimeline(start: number, timeoutMs: number): Timeline {
  const prepareBy = start + timeoutMs;
  const decideBy = prepareBy + VOTE_TRAVEL_MS;
  const giveUpAt = decideBy + DECISION_TRAVEL_MS;
  return { prepareBy, decideBy, giveUpAt, collectBy: giveUpAt + ACK_TRAVEL_MS + MAX_DEPTH * COLLECT_HOP_MS };
}

/** The timeline a child gets: the same, but it stops collecting one hop before its parent. */
export function childTimeline(parent: Timeline): Timeline {
  return { ...parent, collectBy: Math.max(parent.giveUpAt + COLLECT_HOP_MS, parent.collectBy - COLLECT_HOP_MS) };
}

/** How long `restack update` waits for a coordinated update's report. */
export function clientWaitMs(timeoutMs: number): number {
  const t = coordinatedTimeline(0, timeoutMs);
  return Math.max(t.collectBy, rollingChildWaitMs(timeoutMs)) + CLIENT_GRACE_MS;
}

/** A round of one process's threads: when the coordinator stops waiting for a thread's report. */
export function threadRoundWaitMs(timeoutMs: number): number {
  return timeoutMs + THREAD_ANSWER_GRACE_MS;
}

/**
 * Rolling: how long a parent waits for a child's news (its report or a progress note). The child
 * starts within ROLLING_START_WITHIN_MS or not at all, then takes at most its own round's wait,
 * or collects its coordinated subtree: either way it answers before this.
 */
export function rollingChildWaitMs(timeoutMs: number): number {
  const own = Math.max(threadRoundWaitMs(timeoutMs), coordinatedTimeline(0, timeoutMs).collectBy);
  return ROLLING_START_WITHIN_MS + own + COLLECT_HOP_MS;
}

/** Rolling: the client's wait for the next note or the report (re-armed at each note). */
export function rollingClientWaitMs(timeoutMs: number): number {
  return rollingChildWaitMs(timeoutMs) + CLIENT_GRACE_MS;
}

/** Status: how long a process that was given `withinMs` waits for its children's answers. */
export function statusChildWaitMs(withinMs: number): number {
  return Math.max(STATUS_HOP_MS, withinMs - STATUS_HOP_MS);
}

/** How long `restack status` waits for the whole tree's answer. */
export const STATUS_CLIENT_WAIT_MS = STATUS_WAIT_MS + CLIENT_GRACE_MS;
