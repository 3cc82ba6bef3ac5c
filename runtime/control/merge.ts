/**
 * Merging the reports of an update's threads and processes into the one `restack update` prints:
 * the group's figures, the reason a round did not apply, each process's version and the tree's
 * outcome. Pure (tests/unit/merge.test.js); runtime/controlWorker.ts calls it.
 */
import { ABORTED } from '../group.js';
import { DRY_RUN, newReport, treeOutcome, wouldApply, type GroupTimings, type ProcessVersion, type UpdateReport } from '../report.js';

/** A report for a process that could not answer with one; `state` says what its parent knows of its version. */
export function failedProcess(pid: number, reason: string, like?: UpdateReport, state: Omit<ProcessVersion, 'pid'> = { version: null, state: 'silent' }): UpdateReport {
  return { ...newReport(like?.from ?? '?', like?.to ?? '?'), pid, thread: 0, reason, versions: [{ pid, ...state }] };
}

/** The reports of the children, each followed by its own children's, depth first. */
export function flatten(kids: UpdateReport[]): UpdateReport[] {
  return kids.flatMap((k) => {
    const { processes, ...own } = k;
    return [own, ...(processes ?? [])];
  });
}

/** What a process's report says its subtree runs: its own versions if it led a tree, else its own move. */
export function versionsOf(r: UpdateReport): ProcessVersion[] {
  if (r.versions) return r.versions;
  const v = r.applied ? r.to : r.from;
  return [{ pid: r.pid, version: v === '?' ? null : v, state: v === '?' ? 'silent' : 'answered' }];
}

/** This process's report with its children's: each process's version, and the tree's outcome from them. */
export function treeReport(local: UpdateReport, kids: UpdateReport[], mode: ProcessMode): UpdateReport {
  const processes = flatten(kids);
  const versions = [...versionsOf({ ...local, versions: undefined }), ...kids.flatMap(versionsOf)];
  const outcome = treeOutcome(versions, local.from, local.to);
  const applied = outcome === 'applied';
  const report: UpdateReport = { ...local, applied, processMode: mode, processes, outcome, versions };
  if (applied) {
    delete report.reason;
  } else if (local.dryRun === true && wouldApply({ ...report, reason: DRY_RUN })) {
    report.reason = DRY_RUN;
  } else {
    // The first process's own reason, not the round's abort everyone else reports.
    const failing = [local, ...processes].filter((r) => !r.applied);
    // In a dry run, the processes that would apply say DRY_RUN: the reason is one that would not.
    const own = failing.find((r) => r.reason && r.reason !== DRY_RUN && !r.reason.includes(ABORTED) && !r.reason.startsWith(PROCESS_ABORTED) && !r.reason.startsWith(NOT_ASKED)) ?? failing[0];
    if (own) report.reason = own === local ? local.reason ?? 'this process did not move' : `process ${own.pid}: ${own.reason ?? 'did not move'}`;
    else report.reason = 'not every process answered';
  }
  return report;
}

export const PROCESS_ABORTED = 'rolled back with every process';
export const NOT_ASKED = 'not updated';

/** A thread that could not answer with a report of its own. */
export function failed(t: { id: number; name: string }, reason: string): UpdateReport {
  return { ...newReport('?', '?'), thread: t.id, threadName: t.name, reason };
}

/** Why a round did not apply: the first thread's own reason that is not the round's abort. */
export function cause(reports: UpdateReport[]): string {
  const own = reports.find((r) => !r.applied && r.reason && r.reason !== ABORTED && r.reason !== DRY_RUN) ?? reports.find((r) => !r.applied);
  if (!own) return 'not every thread moved';
  return `thread ${own.thread}${own.threadName ? ` (${own.threadName})` : ''}: ${own.reason ?? 'did not move'}`;
}

export function median(xs: number[]): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The group's figures from its threads' reports. */
export function groupTimings(reports: UpdateReport[]): GroupTimings {
  const reached = reports.filter((r) => r.reached);
  const q = reached.map((r) => r.timings.requestToPointMs);
  const stops = reached.map((r) => r.timings.stoppedAt).filter((x): x is number => x !== undefined);
  const resumes = reached.map((r) => r.timings.resumedAt).filter((x): x is number => x !== undefined);
  const prepares = reached.map((r) => r.timings.prepareMs).filter((x): x is number => x !== undefined);
  const points = reached.map((r) => r.timings.reachedAt).filter((x): x is number => x !== undefined);
  const timings: GroupTimings = {
    threads: reports.length,
    quiescenceMedianMs: median(q),
    quiescenceMaxMs: q.length ? Math.max(...q) : 0,
    fullQuiescenceMs: points.length ? Math.max(...points) - Math.min(...points) : 0,
    pauseMs: stops.length && resumes.length ? Math.max(...resumes) - Math.min(...stops) : 0,
    threadPauseMaxMs: reached.length ? Math.max(...reached.map((r) => Math.max(r.timings.pauseMs, r.timings.prepareMs ?? 0))) : 0,
  };
  if (prepares.length) timings.prepareMaxMs = Math.max(...prepares);
  return timings;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isReport(v: unknown): v is UpdateReport {
  return isObject(v) && typeof v.applied === 'boolean' && isObject(v.timings);
}

export type ProcessMode = 'coordinated' | 'rolling';
export const PROCESS_MODES: readonly ProcessMode[] = ['coordinated', 'rolling'];
