/**
 * The update report: what an update did and how long each step took, for a person on a terminal
 * (formatReport) and as JSON (the object itself). Produced by the engine for every update, applied
 * or rolled back; `restack update` prints it and exits non-zero when `applied` is false.
 */
import { threadId } from 'node:worker_threads';
import type { Undone } from './update/transaction.js';
import type { InstancesReport } from './update/instances.js';

/** The reason of a dry run's report when the update would have applied: it did everything but commit. */
export const DRY_RUN = 'dry run: everything but the commit was done, then rolled back; nothing changed';

export interface FrameMove {
  /** Old function id and continuation point, e.g. 'fft.js#transform @3'. */
  from: string;
  /** New function id and continuation point, or null when the frame was not moved (rollback). */
  to: string | null;
  /** Set on a frame that could not be moved: why. */
  problem?: string;
  /** A suspended async activation (a heap frame, at an await), not a frame of the stack. */
  suspended?: boolean;
}

/**
 * What still runs old code after an update: replaced functions whose calls run their old version's
 * code (a function removed, an entry the mapping refuses: runtime/update/forward.ts), and the
 * module bindings that code does not share with the running version (runtime/update/oldState.ts).
 */
export interface OldCodeReport {
  functions: Array<{
    /** The old function's id, e.g. 'store.js#put'. */
    fn: string;
    /** The version whose code runs its calls. */
    version: string;
    why: string;
    /** In status: the calls that ran the old code since (absent: not counted, the function has no entry). */
    calls?: number;
  }>;
  /**
   * Top-level bindings of replaced modules that old code reads and writes its own copy of (the
   * update transformed them, initialised them anew, or dropped them): every other variable the
   * updates carried is shared.
   */
  unshared: Array<{ module: string; version: string; name: string; why: string }>;
}

export interface UpdateTimings {
  /**
   * From the request to the update point where it was applied. Through the control channel, from
   * when its worker thread handed the request over, after reading the bundle (readElsewhereMs).
   */
  requestToPointMs: number;
  /**
   * Reading and compiling the new version's modules (not evaluating them: that is in map), on the
   * program's thread.
   */
  loadMs: number;
  /**
   * Through the control channel: the time its worker thread spent reading the bundle (and making
   * V8 code caches) before handing it over; the program ran on meanwhile, so it is not in loadMs.
   */
  readElsewhereMs?: number;
  /**
   * Checking the stack and unwinding it into frame records, and capturing the suspended async
   * activations (each one's record at its await).
   */
  captureMs: number;
  /** Mapping continuation points, running stack and state transformers, evaluating the new modules. */
  mapMs: number;
  /**
   * Rebuilding the suspended async activations (each one's new generator run to its await) and the
   * stack, until the top frame is back at its update point.
   */
  rebuildMs: number;
  /**
   * The time the program was stopped: capture + map + rebuild, plus the load when the patch was
   * loaded where the request was noticed and the update happened there too (a request through the
   * control channel taken between events or in a blocking call).
   */
  pauseMs: number;
  /**
   * A request through the control channel taken at an update point of running code: the thread
   * stopped there this long to load the patch (loadMs of it), ran on, and the pause began at its
   * next update point. requestToPointMs is then the time to that first point (unless the update
   * was refused at the points after it: then to the one where it happened).
   */
  prepareMs?: number;
  /**
   * In an atomic update of several threads: the part of the pause this thread spent prepared,
   * waiting for the others to be (the barrier).
   */
  barrierMs?: number;
  /** When the update point was reached (absolute ms since the epoch, sub-ms): for a group's time to full quiescence. */
  reachedAt?: number;
  /** When the program stopped and ran again (absolute ms since the epoch, sub-ms): for a group's pause. */
  stoppedAt?: number;
  resumedAt?: number;
}

export interface UpdateReport {
  applied: boolean;
  /** Version labels: the patch directory's name or the label given to the update. */
  from: string;
  to: string;
  /**
   * Whether the program stopped for this update (at an update point, or between events). False
   * when it was refused before: the patch did not load, or is for another version, or no point
   * where every frame could move came before the timeout.
   */
  reached: boolean;
  /** Why the update was rolled back (absent when applied). */
  reason?: string;
  /** Process id and thread (worker_threads threadId, 0 for the main thread) of the program. */
  pid: number;
  thread: number;
  /** The thread's name (the worker's `name` option, or its entry file). */
  threadName?: string;
  /** How the process's threads moved: all together (atomic) or each at its own point (wait-free). */
  mode?: 'atomic' | 'wait-free';
  /**
   * An update of a process with worker threads: each thread's own report (this one's fields, from
   * `frames` to `timings`, are the main thread's). `applied` is true only if every thread moved.
   */
  threads?: UpdateReport[];
  /** The group's figures: time to quiescence per thread and the whole update's pause. */
  group?: GroupTimings;
  /**
   * An update of a process with child processes (child_process.fork, cluster): how the processes
   * moved, all together or rolled back together (coordinated) or one after the other (rolling).
   */
  processMode?: 'coordinated' | 'rolling';
  /**
   * Each child process's own report (its children's follow it, depth first); this report's other
   * fields are the parent's. `applied` is true only if every process moved.
   */
  processes?: UpdateReport[];
  /**
   * A dry run (restack update --dry-run): everything but the commit was done, then rolled back.
   * `frames` and `modules` say what the update would have done, the timings what its pause was;
   * `reason` is DRY_RUN when it would have applied, else why not.
   */
  dryRun?: boolean;
  /**
   * What the rollback of an update that got as far as running transformers or the new version's
   * code put back (absent when it did not get that far, and when it committed).
   */
  undone?: Undone;
  /**
   * An update to a new version that did not commit: the phase it ended in (waiting for an update
   * point, capturing, mapping, evaluating, committing: runtime/engine.ts JobPhase).
   */
  endedIn?: string;
  /**
   * An update of a process tree: what the whole tree runs after it. 'applied' and 'rolled back'
   * only when every process that runs answered and all run the same version; 'split' otherwise
   * (some moved and some did not, or some did not answer), with each process in `versions`.
   */
  outcome?: TreeOutcome;
  /** A coordinated update: the tree's decision (absent when none was made). */
  decision?: 'commit' | 'abort';
  /** An update of a process tree: each process (this one first) and the version it runs now. */
  versions?: ProcessVersion[];
  /** Frames on the stack at the update point, top first. */
  frames: FrameMove[];
  /** An applied update: what still runs old code after it (absent when nothing does). */
  oldCode?: OldCodeReport;
  /** Modules of the new version: how their state was carried over. */
  /**
   * What threw among the effect statements and after() hooks run once the update committed: the
   * update is applied, and these did not do what they meant to.
   */
  afterErrors?: string[];
  modules: Array<{
    module: string; carried: string[]; initialised: string[]; transformed: string[];
    /** Top-level statements of the module run again (decision 0010), by key. */
    ran?: string[];
    /** Old classes and constructor functions whose instances now use the new version's prototype. */
    adopted?: string[];
    /**
     * A CommonJS module: how its running `module.exports` took the new version's (decision 0012):
     * 'repointed' (the same object or function, with the new properties), 'replaced' (a primitive,
     * or the kind changed: `module.exports` is the new value), 'same' (it exports what it did).
     */
    exports?: 'repointed' | 'replaced' | 'same';
    /** The module's after() hook ran. */
    after?: boolean;
  }>;
  /**
   * Per old class with an instance transformer (mapping.ts `instances`): how many of its live
   * instances in this thread were transformed, and the time to find them.
   */
  instances?: InstancesReport[];
  timings: UpdateTimings;
}

export type TreeOutcome = 'applied' | 'rolled back' | 'split';

/** A process of an update of a process tree, and the version it runs after the update. */
export interface ProcessVersion {
  pid: number;
  /**
   * The version it runs; null when it is not known (it did not answer after a COMMIT) or it
   * exited. A process silent after an ABORT is known to run what it ran.
   */
  version: string | null;
  /** answered: it said so itself; silent: it did not answer in time; exited: it is gone. */
  state: 'answered' | 'silent' | 'exited';
  /** A silent process: since when (absolute ms) its parent has waited for an answer from it. */
  silentSince?: number;
  /** What its parent knows of it beyond that (a silent process's last word; an answer that came late). */
  note?: string;
}

/** The tree's outcome from its processes' versions: see UpdateReport.outcome. */
export function treeOutcome(versions: ProcessVersion[], from: string, to: string): TreeOutcome {
  const running = versions.filter((v) => v.state !== 'exited');
  if (running.some((v) => v.version === null)) return 'split';
  if (running.every((v) => v.version === to)) return 'applied';
  if (running.every((v) => v.version === from)) return 'rolled back';
  return 'split';
}

export interface GroupTimings {
  threads: number;
  /** Per thread, from the request to its update point: median and largest. */
  quiescenceMedianMs: number;
  quiescenceMaxMs: number;
  /**
   * From the first thread at its update point to the last: the time to full quiescence as the
   * quiescence study (QBench) measured it.
   */
  fullQuiescenceMs: number;
  /**
   * From the first thread stopping for the update (its pause, not a load before it: prepareMs) to
   * the last one running again: how long the program as a whole was not all running.
   */
  pauseMs: number;
  /** The longest any one thread stood still: its pause, or the load where it ran on, whichever was longer. */
  threadPauseMaxMs: number;
  /** The longest load a thread stopped for before it ran on to its pause (Engine.runOn), if one did. */
  prepareMaxMs?: number;
}

/** A report for an update from `from` to `to` that has not happened (yet). */
export function newReport(from: string, to: string): UpdateReport {
  return {
    applied: false, reached: false, from, to, pid: process.pid, thread: threadId, frames: [], modules: [],
    timings: { requestToPointMs: 0, loadMs: 0, captureMs: 0, mapMs: 0, rebuildMs: 0, pauseMs: 0 },
  };
}

function ms(n: number): string {
  return n >= 10 ? `${n.toFixed(1)} ms` : `${n.toFixed(3)} ms`;
}

/** The report as lines for a terminal. */
export function formatReport(r: UpdateReport): string {
  const out: string[] = [];
  if (r.outcome === 'split') {
    out.push(`restack: update ${r.from} -> ${r.to} SPLIT (pid ${r.pid}): the processes do not all run the same version, or not all answered${r.decision ? ` (decision: ${r.decision})` : ''}`);
    formatVersions(r, out);
    if (r.reason) out.push(`  reason: ${r.reason}`);
    formatProcesses(r, out);
    return out.join('\n');
  }
  if (r.dryRun) {
    out.push(r.reason === DRY_RUN
      ? `restack: dry run of update ${r.from} -> ${r.to} (pid ${r.pid}): it would apply; nothing was changed, still running ${r.from}`
      : `restack: dry run of update ${r.from} -> ${r.to} (pid ${r.pid}): it would NOT apply; nothing was changed, still running ${r.from}`);
    if (r.reason !== DRY_RUN && r.reason) out.push(`  reason: ${r.reason}`);
  } else {
    out.push(r.applied
      ? `restack: updated ${r.from} -> ${r.to} (pid ${r.pid})`
      : `restack: update ${r.from} -> ${r.to} ROLLED BACK (pid ${r.pid}): still running ${r.from}`);
    if (r.reason) out.push(`  reason: ${r.reason}${r.endedIn ? ` (while ${r.endedIn})` : ''}`);
  }
  if (r.undone) formatUndone(r.undone, out);
  const t = r.timings;
  if (!r.reached) {
    out.push(`  nothing was captured: the update was refused before the program stopped${t.loadMs > 0 ? ` (load ${ms(t.loadMs)})` : ''}`);
    formatProcesses(r, out);
    return out.join('\n');
  }
  const read = t.readElsewhereMs !== undefined ? ` (bundle read off the main thread before: ${ms(t.readElsewhereMs)})` : '';
  if (t.prepareMs !== undefined) {
    out.push(`  request -> update point ${ms(t.requestToPointMs)}${read}; stopped there ${ms(t.prepareMs)} to load ${ms(t.loadMs)}, ran on; ` +
      `pause at the next update point ${ms(t.pauseMs)} (capture ${ms(t.captureMs)}, map+transform ${ms(t.mapMs)}, rebuild ${ms(t.rebuildMs)})`);
  } else {
    out.push(`  request -> update point ${ms(t.requestToPointMs)}${read}; pause ${ms(t.pauseMs)} ` +
      `(load ${ms(t.loadMs)}, capture ${ms(t.captureMs)}, map+transform ${ms(t.mapMs)}, rebuild ${ms(t.rebuildMs)})`);
  }
  if (!r.frames.length) out.push(r.applied ? '  frames: none (the update happened between events)' : '  frames: none moved');
  else out.push(`  frames (${r.frames.length}, top first):`);
  const width = Math.min(60, Math.max(0, ...r.frames.map((f) => f.from.length)));
  for (const f of r.frames) {
    const line = `    ${f.from.padEnd(width)} -> ${f.to ?? '(not moved)'}`;
    out.push(f.problem ? `${line}   ${f.problem}` : line);
  }
  if (r.threads && r.group && r.threads.length > 1) {
    const g = r.group;
    out.push(`  threads (${g.threads}, ${r.mode ?? 'atomic'}): time to update point median ${ms(g.quiescenceMedianMs)}, max ${ms(g.quiescenceMaxMs)}, ` +
      `first to last at its point ${ms(g.fullQuiescenceMs)}; ` +
      `program paused ${ms(g.pauseMs)} (first stop to last resume), longest thread pause ${ms(g.threadPauseMaxMs)}`);
    for (const t of r.threads) {
      const who = `thread ${t.thread}${t.threadName ? ` (${t.threadName})` : ''}`;
      if (!t.reached) {
        out.push(`    ${who}: not stopped${t.reason ? `: ${t.reason}` : ''}`);
        continue;
      }
      const barrier = t.timings.barrierMs !== undefined ? `, waiting for the others ${ms(t.timings.barrierMs)}` : '';
      const moved = t.applied ? `${t.frames.length} frame${t.frames.length === 1 ? '' : 's'} moved` : wouldMove(t) ?? `rolled back${t.reason ? `: ${t.reason}` : ''}`;
      const prepare = t.timings.prepareMs !== undefined ? `, load ${ms(t.timings.prepareMs)} there and ran on` : '';
      out.push(`    ${who}: request -> update point ${ms(t.timings.requestToPointMs)}${prepare}, pause ${ms(t.timings.pauseMs)}${barrier}; ${moved}`);
    }
  }
  formatProcesses(r, out);
  for (const e of r.afterErrors ?? []) out.push(`  AFTER THE COMMIT: ${e}`);
  for (const m of r.modules) {
    const parts: string[] = [];
    if (m.carried.length) parts.push(`carried ${m.carried.join(', ')}`);
    if (m.initialised.length) parts.push(`initialised ${m.initialised.join(', ')}`);
    if (m.transformed.length) parts.push(`transformed ${m.transformed.join(', ')}`);
    if (m.adopted?.length) parts.push(`instances adopted by ${m.adopted.join(', ')}`);
    if (m.ran?.length) parts.push(`ran ${m.ran.length} top-level statement${m.ran.length === 1 ? '' : 's'} again (${m.ran.map((k) => k.length > 40 ? `${k.slice(0, 37)}...` : k).join('; ')})`);
    if (m.after) parts.push('after() hook ran');
    if (m.exports === 'repointed') parts.push('module.exports re-pointed to the new version');
    if (m.exports === 'replaced') parts.push('module.exports replaced (a primitive, or its kind changed: requirers that kept the old value keep it)');
    if (parts.length) out.push(`  state ${m.module}: ${parts.join('; ')}`);
  }
  if (r.oldCode) formatOldCode(r.oldCode, out);
  for (const c of r.instances ?? []) {
    out.push(`  instances ${c.class}: ${c.transformed} ${r.applied ? 'transformed' : 'seen by the transformer, put back'} (found in ${ms(c.findMs)}, transformed in ${ms(c.transformMs)})`);
  }
  return out.join('\n');
}

/** The lines saying what still runs old code (the report's and status's). */
export function formatOldCode(o: OldCodeReport, out: string[], indent = '  '): void {
  if (!o.functions.length) return;
  out.push(`${indent}still running old code (${o.functions.length} function${o.functions.length === 1 ? '' : 's'}: a call of the old function runs its old version):`);
  for (const f of o.functions) {
    const calls = f.calls === undefined ? '' : `, ${f.calls} call${f.calls === 1 ? '' : 's'} since`;
    out.push(`${indent}  ${f.fn} (${f.version}${calls}): ${f.why}`);
  }
  if (o.unshared.length) {
    out.push(`${indent}  old code shares the running version's module variables, except (it reads and writes its own):`);
    for (const u of o.unshared) out.push(`${indent}    ${u.module}: ${u.name} (${u.version}'s; ${u.why})`);
  } else {
    out.push(`${indent}  old code reads and writes the running version's module variables`);
  }
}

/**
 * A dry run's report says the update would apply: every thread of every process got as far as
 * its vote (each one's own reason is DRY_RUN; a merged report's reason may name a thread).
 */
export function wouldApply(r: UpdateReport): boolean {
  if (r.dryRun !== true) return false;
  const threads = r.threads ?? [];
  if (threads.length > 0 ? !threads.every(wouldApply) : r.reason !== DRY_RUN) return false;
  return (r.processes ?? []).every(wouldApply);
}

/** A thread's or process's line in a dry run that would apply. */
function wouldMove(r: UpdateReport): string | null {
  if (!r.dryRun || r.reason !== DRY_RUN) return null;
  return `would move ${r.frames.length} frame${r.frames.length === 1 ? '' : 's'} (dry run)`;
}

/** What a rollback put back, and what it could not. */
function formatUndone(u: Undone, out: string[]): void {
  const parts: string[] = [];
  parts.push(`${u.objects} old object${u.objects === 1 ? '' : 's'} a transformer changed put back`);
  if (u.timers) parts.push(`${u.timers} timer${u.timers === 1 ? '' : 's'} or tick${u.timers === 1 ? '' : 's'} of the new version cancelled`);
  if (u.listeners) parts.push(`${u.listeners} listener${u.listeners === 1 ? '' : 's'} removed`);
  if (u.handles) parts.push(`${u.handles} server${u.handles === 1 ? '' : 's'} or socket${u.handles === 1 ? '' : 's'} closed`);
  out.push(`  rolled back: ${parts.join(', ')}; globals and builtins as they were`);
  if (u.kept.length) out.push(`  not undone: the new version's code opened ${u.kept.join(', ')} (rollback cannot close these)`);
}

/** After a split update: each process and the version it runs, as far as its parent knows. */
function formatVersions(r: UpdateReport, out: string[]): void {
  for (const v of r.versions ?? []) {
    const what = v.state === 'answered' ? `runs ${v.version ?? '?'}`
      : v.state === 'exited' ? 'exited during the update'
        : v.version !== null ? `runs ${v.version}, did not answer${v.silentSince !== undefined ? ` (waited since ${new Date(v.silentSince).toISOString()})` : ''}`
        : `unknown: did not answer${v.silentSince !== undefined ? ` (waited since ${new Date(v.silentSince).toISOString()})` : ''}`;
    out.push(`  pid ${v.pid}: ${what}${v.note ? ` (${v.note})` : ''}`);
  }
}

/** The lines for each child process of an update of a process tree. */
function formatProcesses(r: UpdateReport, out: string[]): void {
  if (!r.processes) return;
  out.push(`  processes (${r.processes.length + 1}, ${r.processMode ?? 'coordinated'}): this one (pid ${r.pid}) and`);
  for (const p of r.processes) {
    const threads = p.group && p.group.threads > 1 ? `, ${p.group.threads} threads` : '';
    if (!p.reached) {
      out.push(`    pid ${p.pid}${threads}: ${p.applied ? 'moved between events' : `not moved${p.reason ? `: ${p.reason}` : ''}`}`);
      continue;
    }
    const moved = p.applied ? `${p.frames.length} frame${p.frames.length === 1 ? '' : 's'} moved` : wouldMove(p) ?? `rolled back${p.reason ? `: ${p.reason}` : ''}`;
    out.push(`    pid ${p.pid}${threads}: request -> update point ${ms(p.timings.requestToPointMs)}, pause ${ms(p.group?.pauseMs ?? p.timings.pauseMs)}; ${moved}`);
  }
}
