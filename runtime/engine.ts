/**
 * The update engine for synchronous stacks: decides at an update point whether the stack can be
 * captured, collects frame records while frames unwind, and rebuilds the stack from them.
 *
 * Protocol with compiled code (see contract/):
 *  - an update point calls `m.up(id)`; true means: save your record and return;
 *  - while flag `unwinding` is set, every call site saves its record (`m.s`/`m.z`) and returns;
 *    the last frame to save (the bottom of the captured stack) does not return: the save call
 *    itself rebuilds the stack (`resume`) and returns the frame's final result;
 *  - a restore function re-issues the call at its continuation point with `m.r()`, which rebuilds
 *    the next frame; the top frame calls `m.d()` when it is back at its update point.
 *
 * The stack is checked before anything is unwound (design note 2): every frame between the update
 * point and the bottom must be a compiled frame suspended in a continuation-point call. A frame of
 * uncompiled code or a native builtin (Array.prototype.forEach calling back), or a compiled frame
 * in an implicit call (a getter, valueOf, a callback from a builtin) defers the update to the next
 * update point.
 */
import { types } from 'node:util';
import { sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FLAG_SLOTS, Flag, PROTOCOL_VERSION, type ModuleInfoABI, type RuntimeABI } from '../contract/index.js';
import { Parking } from './async/parking.js';
import { DEFAULT_UPDATE_TIMEOUT_MS } from './deadlines.js';
import { ModuleHandle, type RestoreFn, type StormBackoff } from './core/moduleHandle.js';
import { synthetic, type FrameRecord } from './core/records.js';
import { backOff, skipVisit, type Backoff } from './core/backoff.js';
import { ArrayIsArray, ArrayJoin, ArrayPush, ArrayReverse, defineElement, ErrorCaptureStackTrace, FunctionCall, GeneratorNext, MapClear, MapDelete, mapEntries, MapGet, MapHas, mapKeys, MapSet, mapValues, MathCeil, MathMax, MathMin, MathRound, ObjectCreate, ObjectDefineProperty, ObjectEntries, ObjectGetPrototypeOf, ObjectHasOwn, ObjectKeys, ObjectSetPrototypeOf, ReflectApply, SetAdd, SetHas, StringEndsWith, StringSlice, StringSplit } from './core/primordials.js';
import { checkStack, type CallSiteLike } from './core/stackCheck.js';
import { registerSource } from './core/sourceText.js';
import { CompiledIteration } from './helpers/iteration.js';
import { DeadlinePassed, withDeadline } from './update/deadline.js';
import { EntryTables, type OldCodeEntry } from './update/forward.js';
import { OldState, type Unshared } from './update/oldState.js';
import { Transaction } from './update/transaction.js';
import { transformInstances } from './update/instances.js';
import { adoptAll, afterCommit, evaluateVersion, frameName, mapCall, mapFrame, mapLocals, refusal, SiteError, SiteMoves, SiteTable, updateScope, UpdateRefused, type Evaluated, type MappedFrame, type SiteMove, type VersionHost } from './migrate.js';
import { ABORTED, aborted, awaitDecision, type GroupRole } from './group.js';
import type { LoadedPatch, PatchModule } from './patch.js';
import { DRY_RUN, newReport, type FrameMove, type OldCodeReport, type UpdateReport } from './report.js';
import { Activation, AGAIN, type Body, bodyNext, bodyThrow, AsyncGenActivation, Delegate, GenActivation, OldBody, Opaque, Yielded, PARKED, Parked, RETURN_REQUEST, setUnwoundCall, spend, Swap, takeReturn, UNWOUND } from './activation.js';

/** What a compiled module tells the runtime about itself (the header's last argument). */
export type ModuleInfo = ModuleInfoABI;

/**
 * Where an update to a new version is (Engine.jobPhase): waiting for an update point where every
 * frame can move; capturing (the frames unwind into records); mapping (continuation points and
 * stack transformers); evaluating (the new version's modules, state transformers); committing, or
 * rolling back (the transaction abandoned); rebuilding the stack from the records. The report of
 * an update that did not commit says in which phase it ended (UpdateReport.endedIn).
 */
export type JobPhase = 'waiting' | 'capturing' | 'mapping' | 'evaluating' | 'committing' | 'rolling back' | 'rebuilding';

/** An update to a new version, from its request to its report. */
interface UpdateJob extends Backoff {
  patch: LoadedPatch;
  /** Absolute time (ms since the epoch, sub-ms resolution) the request arrived. */
  receivedAt: number;
  deadline: number;
  done: (report: UpdateReport) => void;
  report: UpdateReport;
  /** Start of the pause (the update point, or the load when it happened there). */
  pauseFrom?: number;
  /** When the request was noticed, if loading the patch paused the program (control channel). */
  noticedAt?: number;
  /** Last reason the update was deferred (a refused frame), for the timeout's report. */
  deferredBy?: string;
  pointAt?: number;
  capturedAt?: number;
  mappedAt?: number;
  /** The between-events attempt and the timeout: cleared when the job ends (they hold the patch). */
  immediate?: NodeJS.Immediate;
  timer?: NodeJS.Timeout;
  retryTimer?: NodeJS.Timeout;
  /** Suspended async activations captured for this update (moved with the stack, or left as they were). */
  parked?: ParkedCapture;
  /** Why frames at each site must wait (the stack's and the activations'), looked up once per site. */
  refusals?: Refusals;
  /** How frames at each site move, looked up once per site. */
  sites?: SiteMoves;
  /** This thread's part in an update of all the process's threads (group.ts). */
  group?: GroupRole;
  /** The patch was loaded at an update point and the program ran on (Engine.runOn). */
  ranOn?: boolean;
  /** Do everything but commit, and report what the update would do (restack update --dry-run). */
  dryRun?: boolean;
}

const now = (): number => performance.timeOrigin + performance.now();

/** Why frames at a site cannot move now (a transaction, or the mapping refuses), or null. */
class Refusals extends SiteTable<string | null> {
  // Explicit: the implicit constructor passes its arguments on by spreading them (an array iterator).
  constructor(patch: LoadedPatch) {
    super(patch);
  }

  protected make(m: ModuleHandle, cpId: number): string | null {
    return m.inTransaction(cpId) ? transaction(this.patch, m, cpId) : refusal(this.patch, m, cpId);
  }
}

/** Why a frame inside a transaction waits: its function and continuation point. */
function transaction(patch: LoadedPatch, m: ModuleHandle, cpId: number): string {
  return `${frameName(patch, m, cpId)} is inside a transaction ('restack atomic'): the update waits until it is over`;
}

/** Suspended async activations captured for an update to a new version, checked against its patch. */
interface ParkedCapture {
  frames: Parked[];
  /** The distinct sites they wait at, in the order the activations first reach them. */
  sites: Array<SiteMove | SiteError>;
  /**
   * The activations to map one by one, in order: those at a site with a stack transformer (it
   * runs on each), and last the first at a site that cannot move (its mapping throws why).
   */
  special: number[];
}

/**
 * The captured activations' records take the new version's places (the update commits); the
 * report's moves. Sites are looked up when they change from one activation to the next (they
 * come in runs), before the record is moved.
 */
function commitParked(frames: Parked[], sites: SiteMoves, transformed: Map<number, MappedFrame> | null, moves: FrameMove[]): void {
  let lastM: ModuleHandle | undefined = undefined;
  let lastCp = -1;
  let site: SiteMove | undefined = undefined;
  for (let i = 0; i < frames.length; i++) {
    const rec = frames[i].rec;
    if (rec.m !== lastM || rec.cp !== lastCp) {
      lastM = rec.m;
      lastCp = rec.cp;
      site = sites.get(lastM, lastCp) as SiteMove;
    }
    const m = transformed === null ? undefined : MapGet(transformed, i);
    if (m !== undefined) {
      moved(m);
    } else {
      rec.m = site!.handle!;
      rec.cp = site!.cpId;
      rec.l = mapLocals(site!, rec.l);
      rec.f = site!.f;
    }
    ArrayPush(moves, { from: site!.from, to: site!.to, suspended: true });
  }
}

/** A mapped record takes its new version's place (the update commits). */
function moved(m: MappedFrame): void {
  const rec = m.rec;
  rec.m = m.site.handle!;
  rec.cp = m.site.cpId;
  rec.l = m.l;
  rec.s = m.s;
  rec.f = m.site.f;
}

const isGeneratorFunction = types.isGeneratorFunction;
const ASYNC_FUNCTION_PROTOTYPE = Object.getPrototypeOf(async function () {}) as object;

// util.types.isAsyncFunction asks V8 what kind of function it has: a compiled async function is a
// plain function driving a generator, so it answers for those too.
{
  const native = types.isAsyncFunction;
  const isAsyncFunction = (v: unknown): boolean =>
    native(v) || (typeof v === 'function' && ObjectGetPrototypeOf(v) === ASYNC_FUNCTION_PROTOTYPE && !isGeneratorFunction(v));
  (types as { isAsyncFunction: typeof isAsyncFunction }).isAsyncFunction = isAsyncFunction;
}
const promiseReject = Promise.reject.bind(Promise);


/**
 * Runs an async function's generator: each yield is an await, made here with a native await (the
 * same ticks as the original, and no `then` looked up on native promises). The generator is read
 * from the activation at every step, so an update that swaps it resumes the new version's code
 * with what the awaited promise settles to.
 */
async function drive(engine: Engine, act: Activation): Promise<unknown> {
  let r = bodyNext(act);
  for (;;) {
    r = act.settle(r);
    if (r.done) return r.value;
    let value = act.unwrap(r.value);
    engine.park(act);
    let threw = false;
    try {
      value = await value;
    } catch (e) {
      threw = true;
      value = e;
    }
    act.suspended = false;
    r = threw ? bodyThrow(act, value) : bodyNext(act, value);
  }
}

type Sites = { n: number; [i: number]: { m: ModuleHandle; cp: number } };

/** No sites (nothing examined, or examined already). */
const NO_SITES: Sites = Object.freeze(Object.assign(Object.create(null) as Sites, { n: 0 }));

export interface CaptureStats {
  captures: number;
  /** Calls of a replaced version's functions run in the newest version, and those that could not be. */
  forwards: number;
  forwardsRefused: number;
  /**
   * Stretches of old code (a call kept on its old version) in which both it and new code it called
   * directly changed one shared module binding: the old code's value was kept (update/oldState.ts).
   */
  oldStateConflicts: number;
  deferred: number;
  framesUnwound: number;
  maxDepth: number;
  lastPauseMs: number;
  maxPauseMs: number;
  totalPauseMs: number;
}

const RUNTIME_DIR = new URL('.', import.meta.url).href;
/**
 * Stack depth the storm captures at its own period: a capture of a deeper stack waits for
 * ceil(depth / STORM_DEPTH) periods before the next one (see begin()).
 */
const STORM_DEPTH = 64;

/** Captured at startup: the program may replace Reflect's functions. */
const { apply, construct } = Reflect;

export class Engine extends CompiledIteration implements VersionHost, RuntimeABI {
  /** Flags read by compiled code (see contract Flag); shared memory so other threads can raise them. */
  readonly S = new Int32Array(new SharedArrayBuffer(FLAG_SLOTS * Int32Array.BYTES_PER_ELEMENT));
  readonly modules = new Map<string, ModuleHandle>();
  readonly stats: CaptureStats = { captures: 0, forwards: 0, forwardsRefused: 0, oldStateConflicts: 0, deferred: 0, framesUnwound: 0, maxDepth: 0, lastPauseMs: 0, maxPauseMs: 0, totalPauseMs: 0 };

  constructor() {
    super();
    setUnwoundCall((self, args, newTarget) => this.unwoundCall(self, args, newTarget));
  }

  private stormEvery = 0;
  private stormCountdown = 0;
  private requested = 0;
  private remaining = 0;
  // Saved records, a linked stack: arrays would go through Array.prototype, which programs patch.
  private records: FrameRecord | undefined = undefined;
  private recordCount = 0;
  private started = 0;
  private waiters: Array<(s: CaptureStats) => void> = [];
  private poll: (() => void) | null = null;

  /**
   * Another thread may post requests for this one and raise S[remote] and S[pending] (the control
   * channel): then `poll` is called at the next update point to take them (synchronously, e.g.
   * with receiveMessageOnPort).
   */
  setPoll(poll: (() => void) | null): void {
    this.poll = poll;
  }

  /** Another thread posted requests: take them. */
  private takeRequests(): void {
    // Cleared before polling: a request posted after this poll raises the flag again.
    Atomics.store(this.S, Flag.remote, 0);
    // The program stopped here: taking the request (a message to read, a bundle to unpack) is
    // already part of the pause.
    this.noticing(() => this.poll?.());
    this.refreshPending();
  }

  /**
   * Runs `take`, which takes requests another thread posted, with seenAt set to now (unless a
   * caller up the stack already set it): the requests count as noticed from here.
   */
  noticing(take: () => void): void {
    if (this.seenAt !== undefined) return take();
    this.seenAt = now();
    try {
      take();
    } finally {
      this.seenAt = undefined;
    }
  }

  /**
   * Told each time the reason a pending update waits changes (the coordinator keeps the last one
   * per thread: a thread asleep in a call that cannot be interrupted cannot answer for itself).
   */
  onRefusal: ((why: string) => void) | null = null;

  /** While requests raised in the flags are taken: when the program saw them (absolute ms). */
  seenAt: number | undefined = undefined;

  /** The running version's modules by id, and its label. */
  readonly current = new Map<string, ModuleHandle>();
  version = 'initial';
  updates = 0;
  lastReport: UpdateReport | null = null;
  private loading: Map<string, ModuleHandle> | null = null;
  private job: UpdateJob | null = null;
  private jobPhase: JobPhase = 'waiting';
  /**
   * (module, cp id) of each frame found by the stack check, top first, when an update to a new
   * version waits; emptied once examined (they hold the version's module handles). Not an array:
   * element stores would consult prototypes programs patch.
   */
  private sites: Sites = NO_SITES;

  module(url: string, protocol: number, restoreFns: RestoreFn[], cpRestore: number[], linesFn?: () => [number[], number[], number[]], info?: ModuleInfo): ModuleHandle {
    if (protocol !== PROTOCOL_VERSION) {
      throw new Error(`restack: ${url} was compiled for protocol ${protocol}, this runtime speaks ${PROTOCOL_VERSION}; recompile it`);
    }
    const handle = new ModuleHandle(this, url, restoreFns, cpRestore, linesFn, info);
    registerSource(handle);
    MapSet(this.modules, url, handle);
    if (this.loading) MapSet(this.loading, url, handle);
    else if (info) MapSet(this.current, info.id, handle);
    return handle;
  }

  beginLoading(): Map<string, ModuleHandle> {
    this.loading = new Map();
    return this.loading;
  }

  endLoading(): void {
    this.loading = null;
  }

  registered(url: string): ModuleHandle | undefined {
    return MapGet(this.modules, url);
  }

  forget(handles: Iterable<ModuleHandle>): void {
    if (ArrayIsArray(handles)) {
      for (let i = 0; i < handles.length; i++) MapDelete(this.modules, (handles[i] as ModuleHandle).url);
      return;
    }
    for (const h of handles) MapDelete(this.modules, h.url);
  }

  /**
   * Asks for an update to the patch's version: applied at the next update point where every frame
   * on the stack can be moved, or between events when no frame is live. `done` is called (once,
   * synchronously, possibly deep in the program's stack) with the report, applied or rolled back.
   */
  requestPatch(patch: LoadedPatch, done: (report: UpdateReport) => void, options: { receivedAt?: number; timeoutMs?: number; noticedAt?: number; group?: GroupRole; dryRun?: boolean } = {}): void {
    const receivedAt = options.receivedAt ?? now();
    const report = newReport(this.version, patch.label);
    report.timings.loadMs = patch.loadMs;
    if (patch.readElsewhereMs !== undefined) report.timings.readElsewhereMs = patch.readElsewhereMs;
    // The deadline counts from the request: the time the control channel spent reading the
    // bundle before handing it over is part of it (the client's wait started before).
    const deadline = receivedAt + (options.timeoutMs ?? DEFAULT_UPDATE_TIMEOUT_MS) - (patch.readElsewhereMs ?? 0);
    const job: UpdateJob = { patch, receivedAt, deadline, done, report, noticedAt: options.noticedAt, group: options.group, dryRun: options.dryRun === true };
    if (job.group) report.mode = job.group.mode;
    if (job.dryRun) report.dryRun = true;
    if (this.job) return this.finish(job, 'another update is in progress');
    const mismatch = this.baseMismatch(patch);
    if (mismatch) return this.finish(job, mismatch);
    this.job = job;
    this.jobPhase = 'waiting';
    this.refreshPending();
    this.events?.('requested', { from: this.version, to: patch.label });
    // With no frame live (the program is between events), the update applies from the event loop.
    this.attemptBetweenEvents(job);
    job.timer = setTimeout(() => {
      if (this.job === job && this.jobPhase === 'waiting') this.timedOut(job);
    }, MathMax(0, deadline - now()) + 5);
    job.timer.unref();
  }

  /**
   * Starts this thread on a version of a patch bundle instead of the program's own files: the
   * module whose file is `entryFile` (a file of the program) runs from the bundle, with what it
   * imports, top-level code included. Throws (an UpdateRefused saying why) if it cannot.
   */
  boot(patch: LoadedPatch, entryFile: string): void {
    let entry: PatchModule | undefined;
    const modules = mapValues(patch.modules);
    for (let i = 0; i < modules.length; i++) {
      const pm = modules[i];
      const rel = ArrayJoin(StringSplit(pm.rel, '/'), sep);
      if ((entryFile === rel || StringEndsWith(entryFile, sep + rel)) && (!entry || rel.length > entry.rel.length)) entry = pm;
    }
    if (!entry) throw new UpdateRefused(`version ${patch.label} (${patch.dir}) has no module for ${entryFile}`);
    const root = StringSlice(entryFile, 0, entryFile.length - entry.rel.length);
    const evaluated = evaluateVersion(patch, this, updateScope(), { roots: [entry.id], urlOf: (rel) => pathToFileURL(root + rel).href });
    const handles = mapEntries(evaluated.handles);
    for (let i = 0; i < handles.length; i++) MapSet(this.current, handles[i][0], handles[i][1]);
    this.version = patch.label;
  }

  /** Reports a request that never became an update (its patch could not be loaded). */
  refuseRequest(label: string, reason: string, done: (report: UpdateReport) => void): void {
    const report = newReport(this.version, label);
    report.reason = reason;
    this.lastReport = report;
    this.events?.('rolledback', report);
    done(report);
  }

  /** Events for the control API: requested, reached, applied, rolledback. */
  events: ((name: string, data: unknown) => void) | null = null;

  private baseMismatch(patch: LoadedPatch): string | null {
    const bases = ObjectEntries(patch.base);
    for (let i = 0; i < bases.length; i++) {
      const id = bases[i][0];
      const base = bases[i][1];
      // Without the hash nothing says the patch was made for this code: refused, not skipped.
      if (typeof base?.source !== 'string' || !base.source) return `patch.json's base entry for ${id} has no source hash, so nothing says the patch is for the running code; write the bundle again with \`restack patch\``;
      const h = MapGet(this.current, id);
      if (!h) continue; // not loaded (yet) by this program: nothing of it to move
      if (!h.info?.hash) return `${id} was compiled without module information; compile it again with this restack`;
      if (h.info.hash !== base.source) return `the patch is for another version of ${id} (running ${this.version}): its base does not match the running code`;
    }
    const ids = mapKeys(this.current);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      if (!ObjectHasOwn(patch.base, id)) return `the patch is for another program: its base version has no module ${id}`;
    }
    return null;
  }

  /** Ends a job: reports, resolves, and clears the pending flag when nothing else wants it. */
  private finish(job: UpdateJob, reason?: string): void {
    const r = job.report;
    // A job that ends without committing says where (an abandoned transaction said it already).
    if (reason !== undefined && r.endedIn === undefined && this.job === job) r.endedIn = this.jobPhase;
    if (reason) {
      r.applied = false;
      r.reason = reason;
    }
    if (job.immediate) clearImmediate(job.immediate);
    if (job.timer) clearTimeout(job.timer);
    if (job.retryTimer) clearTimeout(job.retryTimer);
    job.immediate = job.timer = job.retryTimer = undefined;
    if (this.job === job) {
      this.job = null;
      this.refreshPending();
    }
    this.lastReport = r;
    this.events?.(r.applied ? 'applied' : 'rolledback', r);
    job.done(r);
  }

  /**
   * With no frame live (the program is between events), the update applies from the event loop;
   * while a module's top-level code has not initialised its bindings yet (it awaits at its top
   * level), the attempt is repeated until the job's deadline.
   */
  private attemptBetweenEvents(job: UpdateJob, delayMs = 0): void {
    const attempt = (): void => {
      if (this.job !== job || this.jobPhase !== 'waiting' || this.S[Flag.unwinding] !== 0) return;
      if (this.groupAborted(job)) return;
      const at = now();
      const pending = this.uninitialised(job.patch) ?? this.takeParked(job);
      if (!pending) return this.applyBetweenEvents(job, at);
      job.deferredBy = pending;
      this.stats.deferred++;
      this.attemptBetweenEvents(job, MathMin(50, MathMax(1, delayMs * 2)));
    };
    if (delayMs === 0) {
      // Referenced: an unreferenced immediate does not stop the event loop from sleeping in its
      // poll phase, so an idle program would take the update only at its next event. It runs
      // once, in this turn of the loop: it keeps no program alive.
      job.immediate = setImmediate(attempt);
    } else {
      job.immediate = undefined;
      job.retryTimer = setTimeout(attempt, delayMs);
      job.retryTimer.unref();
    }
  }

  /**
   * A top-level binding of a module the patch replaces that the old version has not initialised
   * yet: its module's top-level code is still running (a call it made is on the stack, or it
   * awaits). The new version could only run the initialiser again (its side effects twice), so
   * the update waits until the old code has initialised it.
   */
  private uninitialised(patch: LoadedPatch): string | null {
    const modules = mapEntries(this.current);
    for (let i = 0; i < modules.length; i++) {
      const id = modules[i][0];
      const h = modules[i][1];
      if (h.initialised || !MapHas(patch.modules, id) || !h.info?.state) continue;
      const getters = h.info.state() as Record<string, unknown>;
      const names = ObjectKeys(getters);
      for (let k = 0; k < names.length; k++) {
        const name = names[k];
        try {
          void getters[name];
        } catch {
          return `${id}: '${name}' is not initialised yet (the module's top-level code is still running); the update waits until it is`;
        }
      }
      // A binding once initialised stays so: the module is not read again.
      h.initialised = true;
    }
    return null;
  }

  /**
   * Captures the suspended async activations for an update to a new version (job.parked), or
   * says why the update must wait: one is at an await restack cannot capture, or at a
   * continuation point the mapping refuses (those captured stay as they were).
   */
  private takeParked(job: UpdateJob): string | null {
    const acts = this.parking.suspended();
    if (typeof acts === 'string') return acts;
    const capture = this.captureParked(acts, job);
    if (typeof capture === 'string') return capture;
    job.parked = capture;
    return null;
  }

  private applyBetweenEvents(job: UpdateJob, at: number): void {
    this.jobPhase = 'capturing';
    job.pointAt = at;
    job.capturedAt = now();
    this.startTimes(job, at);
    this.events?.('reached', { frames: 0 });
    const reason = this.migrate(job);
    const end = now();
    const t = job.report.timings;
    t.captureMs = job.capturedAt - at;
    t.mapMs = job.mappedAt! - job.capturedAt;
    t.rebuildMs = end - job.mappedAt!;
    t.pauseMs = end - job.pauseFrom!;
    t.stoppedAt = job.pauseFrom!;
    t.resumedAt = end;
    this.finish(job, reason ?? undefined);
  }

  /**
   * The request was taken at an update point of running code, and its patch loaded there (the
   * control channel): the program runs on, and the update starts at its next update point, with
   * the new version compiled. The load is a stop of its own (prepareMs), before the pause; in an
   * update of several threads the others are not held at the barrier while this one compiles.
   * (A thread asleep in a blocking call, or between events, goes on to the capture at once: it
   * would have to be woken again.)
   */
  private runOn(job: UpdateJob, top: ModuleHandle, cpId: number): void {
    job.ranOn = true;
    job.report.timings.prepareMs = now() - job.noticedAt!;
    job.report.timings.requestToPointMs = job.noticedAt! - job.receivedAt;
    job.report.timings.reachedAt = job.noticedAt!;
    job.skips = 1;
    job.skipTop = top;
    job.skipCp = cpId;
  }

  /**
   * The time to the update point, and where the pause starts: when the patch was loaded right
   * where the request was noticed (the control channel) and the update happens there too, the
   * load stopped the program as part of the pause. After runOn the pause starts here, and the
   * thread reached its update point where it loaded the patch, unless the update was refused in
   * between (then here).
   */
  private startTimes(job: UpdateJob, at: number): void {
    job.report.reached = true;
    if (job.ranOn) {
      job.pauseFrom = at;
      // Refused at the next points, the update came at a later one: the one where it happened is
      // where the thread was quiescent.
      if (job.deferredBy !== undefined) {
        job.report.timings.reachedAt = at;
        job.report.timings.requestToPointMs = at - job.receivedAt;
      }
      return;
    }
    const loadedHere = job.noticedAt !== undefined && job.deferredBy === undefined;
    job.pauseFrom = loadedHere ? job.noticedAt! : at;
    job.report.timings.reachedAt = job.pauseFrom;
    job.report.timings.requestToPointMs = job.pauseFrom - job.receivedAt;
  }

  /**
   * Maps the captured records (bottom first in `this.records`) to the new version, evaluates it and
   * commits; returns null when applied, else why not (the records are then left as they were).
   * Sets job.mappedAt where the rebuild starts (the suspended activations' first).
   */
  private migrate(job: UpdateJob): string | null {
    const parked = job.parked ?? { frames: [], sites: [], special: [] };
    job.parked = undefined;
    const reason = this.migrateFrames(job, parked);
    // When the update did not happen, the records were left as they were: each activation is
    // rebuilt in its own version when it resumes.
    if (reason !== null) job.mappedAt = now();
    return reason;
  }

  private migrateFrames(job: UpdateJob, capture: ParkedCapture): string | null {
    const patch = job.patch;
    const parked = capture.frames;
    const mapped: MappedFrame[] = [];
    const scope = updateScope();
    const sites = (job.sites ??= new SiteMoves(patch));
    // The report's moves when nothing moved: the stack's frames (top first), then the activations.
    const unmoved = (stackFroms: string[], problemAt = -1, problem?: string): FrameMove[] => {
      const moves: FrameMove[] = [];
      for (let i = stackFroms.length - 1; i >= 0; i--) ArrayPush(moves, { from: stackFroms[i], to: null });
      for (let i = 0; i < parked.length; i++) {
        const move: FrameMove = { from: this.describe(parked[i].rec, patch), to: null, suspended: true };
        if (i === problemAt) move.problem = problem;
        ArrayPush(moves, move);
      }
      return moves;
    };
    const mappedFroms = (): string[] => {
      const froms: string[] = [];
      for (let i = 0; i < mapped.length; i++) ArrayPush(froms, mapped[i].site.from);
      return froms;
    };
    // The stack's frames, top first, when mapping failed at `at` (those not examined stay too).
    const failedAt = (at: FrameRecord, err: UpdateRefused): FrameMove[] => {
      const moves: FrameMove[] = [];
      for (let i = 0; i < mapped.length; i++) ArrayPush(moves, { from: mapped[i].site.from, to: null });
      ArrayPush(moves, { from: err.frame ?? this.describe(at, patch), to: null, problem: err.message });
      for (let rest = at.k; rest; rest = rest.k) if (!rest.synthetic) ArrayPush(moves, { from: this.describe(rest, patch), to: null });
      ArrayReverse(moves);
      for (let i = 0; i < parked.length; i++) ArrayPush(moves, { from: this.describe(parked[i].rec, patch), to: null, suspended: true });
      return moves;
    };

    // Everything the update changes before its commit goes through this transaction, and every way
    // it can end without committing goes through `abandon`: the new modules are forgotten, the old
    // version's objects put back as they were, the new version's effects undone (decision 0004).
    const tx = new Transaction(job.deadline);
    tx.saveBindings(mapValues(this.current));
    let evaluated: Evaluated | undefined;
    const abandon = (reason: string, frames: FrameMove[]): string => {
      job.report.endedIn = this.jobPhase;
      this.jobPhase = 'rolling back';
      if (this.loading) {
        // The deadline stopped the new version's evaluation (its own cleanup did not run).
        this.forget(mapValues(this.loading));
        this.endLoading();
      }
      if (evaluated) this.forget(mapValues(evaluated.handles));
      job.report.undone = tx.abandon();
      job.report.frames = frames;
      return reason;
    };
    const budget = (): number => job.deadline - now();
    if (budget() <= 0) return abandon(`the update's deadline passed before its transformers could run (${this.deadlineText(job)})`, unmoved([]));

    // Mapping (stack transformers) and the new version's evaluation (state transformers, module
    // code) are the user's code: they run under the update's deadline, with the effects recorded.
    const failure: { frame?: [FrameRecord, UpdateRefused]; activation?: [number, UpdateRefused]; evaluation?: unknown } = {};
    let transformed: Map<number, MappedFrame> | null = null;
    tx.enter();
    try {
      withDeadline(budget(), () => {
        this.jobPhase = 'mapping';
        for (let r = this.records; r; r = r.k) {
          if (r.synthetic) continue;
          try {
            ArrayPush(mapped, mapFrame(sites, r, scope, tx));
          } catch (e) {
            failure.frame = [r, e as UpdateRefused];
            return;
          }
        }
        // The activations' sites were looked up at their capture; those to map one by one are
        // mapped now, in order, after the stack's frames. The others' locals move at the commit.
        const special = capture.special;
        for (let k = 0; k < special.length; k++) {
          const i = special[k];
          try {
            MapSet((transformed ??= new Map()), i, mapFrame(sites, parked[i].rec, scope, tx));
          } catch (e) {
            failure.activation = [i, e as UpdateRefused];
            return;
          }
        }
        try {
          this.jobPhase = 'evaluating';
          evaluated = evaluateVersion(patch, this, scope, undefined, tx);
          // Old instances get the new prototypes (undone if the update does not commit; decision 0010).
          adoptAll(evaluated, tx);
          // Then old instances get what the new constructors set (mapping.ts `instances`).
          job.report.instances = transformInstances(patch, this.current, evaluated, scope, tx);
        } catch (e) {
          failure.evaluation = e;
        }
      });
    } catch (e) {
      if (e instanceof DeadlinePassed) {
        return abandon(`the update's deadline passed while running ${tx.doing} (${this.deadlineText(job)}): it was stopped and the update rolled back`, unmoved(mappedFroms()));
      }
      return abandon(`restack: internal error while mapping the frames: ${(e as Error)?.stack ?? String(e)}`, unmoved(mappedFroms()));
    } finally {
      tx.leave();
    }
    if (failure.frame) {
      const at = failure.frame[0];
      const err = failure.frame[1];
      return abandon(err.message ?? String(err), failedAt(at, err));
    }
    if (failure.activation) {
      const i = failure.activation[0];
      const err = failure.activation[1];
      return abandon(err.message ?? String(err), unmoved(mappedFroms(), i, err.message));
    }
    if (failure.evaluation !== undefined || !evaluated) return abandon((failure.evaluation as Error)?.message ?? String(failure.evaluation), unmoved(mappedFroms()));
    const ready = evaluated;
    job.report.modules = ready.modules;
    // Every record must find its restore function in the new modules before anything changes
    // (looked up once per site: the frames suspended at one site share it).
    const mappedSites: SiteMove[] = [];
    for (let i = 0; i < mapped.length; i++) ArrayPush(mappedSites, mapped[i].site);
    const lists = [mappedSites, capture.sites as SiteMove[]];
    for (let l = 0; l < lists.length; l++) {
      const list = lists[l];
      for (let i = 0; i < list.length; i++) {
        const site = list[i];
        if (site.f !== undefined) continue;
        const h = MapGet(ready.handles, site.module) ?? MapGet(ready.kept, site.module);
        const index = h ? h.cpRestore[site.cpId] : undefined;
        const f = h && index !== undefined && index >= 0 ? h.restoreFns[index] : undefined;
        if (!f) {
          return abandon(`${site.to}: its restore function is a private method of its class (constructors, methods using super or #private names); such frames cannot move to a new version yet`, unmoved(mappedFroms()));
        }
        site.handle = h;
        site.f = f;
      }
    }
    // The vote (in an atomic round) and the commit.
    this.jobPhase = 'committing';
    if (budget() <= 0) return abandon(`the update's deadline passed before it could commit (${this.deadlineText(job)})`, unmoved(mappedFroms()));
    // Everything is ready here; in an atomic round every other thread must be too.
    let commit = true;
    if (job.group?.mode === 'atomic') {
      const waitFrom = now();
      commit = awaitDecision(job.group, job.deadline);
      job.report.timings.barrierMs = now() - waitFrom;
    }
    // A dry run ends here, reporting the moves it would have made.
    if (job.dryRun) {
      const moves: FrameMove[] = [];
      for (let i = mapped.length - 1; i >= 0; i--) ArrayPush(moves, { from: mapped[i].site.from, to: mapped[i].site.to });
      for (let i = 0; i < parked.length; i++) {
        const p = parked[i];
        const site = sites.get(p.rec.m, p.rec.cp) as SiteMove;
        ArrayPush(moves, { from: site.from, to: site.to, suspended: true });
      }
      // This thread got as far as the vote: its part would apply. Whether the whole would is every
      // other participant's report (a dry run of a process tree is always decided ABORT, so no
      // decision it records can make anything commit).
      return abandon(DRY_RUN, moves);
    }
    if (!commit) return abandon(ABORTED, unmoved(mappedFroms()));
    // Commit.
    tx.commit();
    const replaced: ModuleHandle[] = [];
    const running = mapEntries(this.current);
    for (let i = 0; i < running.length; i++) {
      const id = running[i][0];
      const h = running[i][1];
      if (MapGet(ready.handles, id) === h || MapGet(ready.kept, id) === h) continue;
      h.stale = true;
      h.o = 1;
      MapDelete(this.modules, h.url);
      ArrayPush(replaced, h);
    }
    this.entries.retarget(patch, this.current, this.version);
    MapClear(this.current);
    const kept = mapEntries(ready.kept);
    for (let i = 0; i < kept.length; i++) MapSet(this.current, kept[i][0], kept[i][1]);
    const loaded = mapEntries(ready.handles);
    for (let i = 0; i < loaded.length; i++) MapSet(this.current, loaded[i][0], loaded[i][1]);
    this.oldState.commit(replaced, this.version, patch.label, ready.modules);
    const oldCode = this.oldCode(false);
    if (oldCode.functions.length) job.report.oldCode = oldCode;
    // The new version's own effects: statements decided 'run', after() hooks (decision 0010).
    const afterErrors = afterCommit(patch, ready, scope);
    if (afterErrors.length) job.report.afterErrors = afterErrors;
    const moves: FrameMove[] = [];
    for (let i = mapped.length - 1; i >= 0; i--) {
      const m = mapped[i];
      moved(m);
      ArrayPush(moves, { from: m.site.from, to: m.site.to });
    }
    commitParked(parked, sites, transformed, moves);
    job.report.frames = moves;
    job.mappedAt = now();
    this.stats.framesUnwound += parked.length;
    job.report.applied = true;
    this.version = patch.label;
    this.updates++;
    return null;
  }

  /** The update's timeout as the request gave it, for messages. */
  private deadlineText(job: UpdateJob): string {
    return `timeout ${MathRound(job.deadline - job.receivedAt + (job.patch.readElsewhereMs ?? 0))} ms from the request`;
  }

  private describe(r: FrameRecord, patch: LoadedPatch): string {
    return frameName(patch, r.m, r.cp);
  }

  /** The version's status for the control channel. */
  status(): { pid: number; version: string; updates: number; modules: Array<{ id: string; url: string }>; pending: string | null; phase: JobPhase | null; stats: CaptureStats; oldCode?: OldCodeReport; lastReport: UpdateReport | null } {
    const oldCode = this.oldCode(true);
    const running = mapEntries(this.current);
    const modules: Array<{ id: string; url: string }> = [];
    for (let i = 0; i < running.length; i++) ArrayPush(modules, { id: running[i][0], url: running[i][1].baseUrl });
    return {
      pid: process.pid,
      version: this.version,
      updates: this.updates,
      modules,
      pending: this.job ? this.job.patch.label : null,
      phase: this.job ? this.jobPhase : null,
      stats: { ...this.stats, oldStateConflicts: this.oldState.conflicts },
      ...(oldCode.functions.length ? { oldCode } : {}),
      lastReport: this.lastReport,
    };
  }

  /**
   * What still runs old code: each replaced function whose calls run its old version (with the
   * calls counted, for status), and the module bindings such code does not share with the running
   * version (update/oldState.ts).
   */
  private oldCode(withCalls: boolean): OldCodeReport {
    const entries: OldCodeEntry[] = this.entries.oldCode();
    const functions: OldCodeReport['functions'] = [];
    const versions = new Set<string>();
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i];
      const f: OldCodeReport['functions'][number] = { fn: e.fn, version: e.version, why: e.why };
      if (withCalls && e.calls !== undefined) f.calls = e.calls;
      ArrayPush(functions, f);
      SetAdd(versions, f.version);
    }
    const unshared: Unshared[] = functions.length ? this.oldState.unshared(versions) : [];
    const report: OldCodeReport = { functions, unshared: [] };
    for (let i = 0; i < unshared.length; i++) {
      const { module, version, name, why } = unshared[i];
      ArrayPush(report.unshared, { module, version, name, why });
    }
    return report;
  }

  /** Identity update at every nth update point reached (0: off). */
  setStorm(every: number): void {
    this.stormEvery = every;
    this.stormCountdown = every;
    this.refreshPending();
  }

  /** Asks for an identity update at the next update point where the stack can be captured. */
  requestIdentityUpdate(): Promise<CaptureStats> {
    this.requested++;
    this.refreshPending();
    return new Promise((resolve) => ArrayPush(this.waiters, resolve));
  }

  private refreshPending(): void {
    if (this.stormEvery > 0 || this.requested > 0 || this.job) {
      Atomics.store(this.S, Flag.pending, 1);
      return;
    }
    // Clear, then look for a request another thread raised meanwhile: it stores remote before
    // pending, so either we see remote here or its pending store comes after ours.
    Atomics.store(this.S, Flag.pending, 0);
    if (Atomics.load(this.S, Flag.remote) !== 0) Atomics.store(this.S, Flag.pending, 1);
  }

  atUpdatePoint(top: ModuleHandle, cpId: number): boolean {
    if (this.S[Flag.unwinding] !== 0) return false;
    if (this.S[Flag.remote] !== 0) {
      const before = this.job;
      this.takeRequests();
      if (this.job && this.job !== before && this.jobPhase === 'waiting' && this.job.noticedAt !== undefined) this.runOn(this.job, top, cpId);
    }
    const job = this.job && this.jobPhase === 'waiting' ? this.job : null;
    if (this.requested === 0 && !job) {
      if (this.stormEvery === 0) return false;
      if (--this.stormCountdown > 0) return false;
    }
    return this.begin(job, top, cpId, ModuleHandle.prototype.up, null);
  }

  /**
   * A blocking call (runtime/blocking.ts) woke up for a pending update: captures the stack at the
   * caller of `fn`, a compiled frame suspended in that call, as at an update point. `reissue` runs
   * in the caller's place when the stack is rebuilt, in the running version: it makes the call
   * again. False when no update is due or the stack cannot be captured here (the call goes on).
   */
  interruptCall(fn: Function, reissue: () => unknown): boolean {
    if (this.S[Flag.unwinding] !== 0 || this.parkedCapture) return false;
    if (this.S[Flag.remote] !== 0) this.takeRequests();
    const job = this.job && this.jobPhase === 'waiting' ? this.job : null;
    if (this.requested === 0 && !job) return false;
    return this.begin(job, null, -1, fn, reissue);
  }

  /**
   * An atomic round this thread has not reached yet was aborted (another thread refused, or the
   * deadline passed): the job ends here, rolled back, without stopping the program.
   */
  private groupAborted(job: UpdateJob): boolean {
    if (!job.group || job.group.mode !== 'atomic' || !aborted(job.group)) return false;
    // A thread that kept being refused says why: it may be the one the others waited for.
    this.finish(job, job.deferredBy ? `no update point where every frame could move was reached before the update was given up (last refusal: ${job.deferredBy})` : ABORTED);
    return true;
  }

  private begin(job: UpdateJob | null, top: ModuleHandle | null, topCp: number, from: Function, reissue: (() => unknown) | null): boolean {
    if (job !== null && job.group !== undefined && this.groupAborted(job)) return false;
    // Only update points skip: a blocking call that is not interrupted sleeps on unwakeable.
    if (job !== null && top !== null && this.requested === 0 && skipVisit(job, top, topCp)) return false;
    if (job === null && this.requested === 0 && top !== null && top.stormBackoff !== null) {
      const b = top.stormBackoff[topCp];
      if (b !== undefined && skipVisit(b, top, topCp)) return false;
    }
    const started = performance.now();
    const depth = this.checkStack(top, topCp, from);
    // Kept past this check, the sites would keep the version this update leaves reachable.
    const sites = this.sites;
    this.sites = NO_SITES;
    if (depth === 0) {
      if (job) this.defer(job, 'the stack cannot be captured here (a frame restack cannot unwind is on it)', started, top, topCp);
      else {
        this.stats.deferred++;
        if (top !== null) {
          const backoffs = (top.stormBackoff ??= ObjectCreate(null) as StormBackoff);
          const b = (backoffs[topCp] ??= { skips: 0, skipBudget: 0, skipTop: top, skipCp: topCp, refusedAt: undefined });
          backOff(b, started, performance.now(), top, topCp);
        }
      }
      return false;
    }
    if (job) {
      const pending = this.uninitialised(job.patch);
      if (pending) {
        this.defer(job, pending, started, top, topCp);
        return false;
      }
      // Refused frames are found before anything is unwound: the update waits for a better point.
      const refusals = (job.refusals ??= new Refusals(job.patch));
      for (let k = 0; k < sites.n; k++) {
        const site = sites[k];
        const why = refusals.get(site.m, site.cp);
        if (why) {
          this.defer(job, why, started, top, topCp);
          return false;
        }
      }
      // The pause started at this update point: checking the stack and capturing the suspended
      // activations are part of it.
      const pointAt = performance.timeOrigin + started;
      const parkedWhy = this.takeParked(job);
      if (parkedWhy) {
        this.defer(job, parkedWhy, started, top, topCp);
        return false;
      }
      job.pointAt = pointAt;
      this.startTimes(job, pointAt);
      this.jobPhase = 'capturing';
      this.events?.('reached', { frames: depth });
    }
    // A storm's capture costs the depth of the stack: after a deep one the storm waits for
    // proportionally more update points, so a recursion reaching an update point at each level
    // costs linear time, not quadratic (a deep stack is still captured, at every level range).
    this.stormCountdown = this.stormEvery * (depth > STORM_DEPTH ? MathCeil(depth / STORM_DEPTH) : 1);
    this.started = started;
    this.remaining = depth;
    this.records = reissue === null ? undefined : synthetic(() => {
      // The rebuilt stack is complete: the update is done before the call starts again.
      this.resumed();
      return reissue();
    }, undefined);
    this.recordCount = 0;
    this.S[Flag.unwinding] = 1;
    return true;
  }

  /**
   * The update waits for a later update point (see Backoff.skips for how often this one is
   * examined again); past the deadline it ends here, since a busy loop never lets the job's timer
   * run.
   */
  private defer(job: UpdateJob, why: string, started: number, top: ModuleHandle | null, topCp: number): void {
    if (job.deferredBy !== why) this.onRefusal?.(why);
    job.deferredBy = why;
    const end = performance.now();
    backOff(job, started, end, top, topCp);
    this.stats.deferred++;
    if (now() > job.deadline) this.timedOut(job);
  }

  private timedOut(job: UpdateJob): void {
    const ms = MathRound(job.deadline - job.receivedAt);
    this.finish(job, `no update point where every frame could move was reached in ${ms} ms${job.deferredBy ? ` (last refusal: ${job.deferredBy})` : ''}`);
  }

  /**
   * Number of frames to unwind (the update point's frame and its callers down to the first frame
   * that is not ours), or 0 when the stack cannot be captured now (core/stackCheck.ts).
   */
  private checkStack(top: ModuleHandle | null, topCp: number, from: Function): number {
    const prepare = Error.prepareStackTrace;
    const limit = Error.stackTraceLimit;
    let sites: CallSiteLike[];
    try {
      Error.prepareStackTrace = (_e, cs) => cs;
      Error.stackTraceLimit = Infinity;
      const holder: { stack?: CallSiteLike[] } = {};
      ErrorCaptureStackTrace(holder, from);
      sites = holder.stack ?? [];
    } finally {
      Error.prepareStackTrace = prepare;
      Error.stackTraceLimit = limit;
    }
    // Sites are collected only for an update to a new version (its refusals are checked on them):
    // identity updates, the storm included, need only the depth.
    let out: Sites | null = null;
    if (this.job) {
      out = ObjectCreate(null) as Sites;
      out.n = 0;
    }
    const depth = checkStack(sites, top, topCp, this.modules, RUNTIME_DIR, out);
    if (out && depth > 0) this.sites = out;
    return depth;
  }

  save(rec: FrameRecord, restored: boolean): unknown {
    rec.f ??= rec.m.restoreFns[rec.m.cpRestore[rec.cp]];
    if (this.parkedCapture) {
      // A suspended async activation saving its record at its await (captureParked).
      this.parkedRecord = rec;
      return UNWOUND;
    }
    if (this.forwarding) {
      this.forwarding = false;
      return this.forward(rec);
    }
    rec.k = this.records;
    this.records = rec;
    this.recordCount++;
    // An unwinding frame returns an object: its caller ignores the value, and engine-invoked
    // callers that insist on an object (a Proxy construct trap) do not throw first.
    if (--this.remaining > 0) return UNWOUND;
    // This frame is the bottom of the captured stack: rebuild from here.
    this.S[Flag.unwinding] = 0;
    this.stats.framesUnwound += this.recordCount;
    if (this.recordCount > this.stats.maxDepth) this.stats.maxDepth = this.recordCount;
    // In a call of its own: the bottom frame's save() call stays on the stack while the program
    // runs, and a value it read (the job: its patch, the version it loaded) would stay as long.
    this.captured();
    // A restored frame returns AGAIN to the resume loop that called it. A rebuilt async body the
    // loop ran to its await is resumed later by its driver instead: it rebuilds from here.
    if (restored && (this.firstRun || !isGeneratorFunction(rec.f))) return AGAIN;
    return this.resume();
  }

  /** The stack is captured: an update to a new version moves the records (or leaves them, refused). */
  private captured(): void {
    const job = this.job;
    if (!job || this.jobPhase !== 'capturing') {
      this.identityParked();
      return;
    }
    job.capturedAt = now();
    const reason = this.migrate(job);
    if (reason) job.report.reason = reason;
    this.jobPhase = 'rebuilding';
  }

  readonly resume = (): unknown => {
    for (;;) {
      const rec = this.pop();
      const f = rec.f!;
      if (isGeneratorFunction(f)) {
        // The bottom frame is an async function's body: its new generator runs until its next
        // await (or until it is captured again), and its driver goes on with it.
        const gen = f(rec) as Generator<unknown, unknown, unknown>;
        const outer = this.firstRun;
        this.firstRun = true;
        let r: IteratorResult<unknown, unknown>;
        try {
          r = GeneratorNext(gen);
        } finally {
          this.firstRun = outer;
        }
        spend(rec);
        if (r.done && r.value === AGAIN) continue;
        return new Swap(gen, r);
      }
      const result = f(rec);
      spend(rec);
      if (result !== AGAIN) return result;
    }
  };

  /**
   * A call line called the value an unwinding frame returned (UNWOUND): that frame was a getter
   * or a Proxy `get` trap reading the line's callee. A record in its place, between the accessor's
   * record and the line's frame, rebuilds the accessor and then makes the call with the method it
   * returns, the same receiver and the same arguments; its result is the call's result the line's
   * frame resumes with. An accessor captured again while it is rebuilt returns UNWOUND once more,
   * and the call of it records the call again.
   */
  private unwoundCall(self: unknown, args: unknown[], newTarget: unknown): unknown {
    if (this.S[Flag.unwinding] === 0 || !this.records) throw new Error('restack: internal error: the result of an unwound frame was called while no stack was being captured');
    this.step(() => {
      const accessor = this.pop();
      const method = accessor.f!(accessor);
      if (typeof method !== 'function') throw new TypeError(`the callee read by a getter or a Proxy trap is not a function (it is ${method === null ? 'null' : typeof method})`);
      return newTarget !== undefined ? construct(method, args) : apply(method, self, args);
    });
    return UNWOUND;
  }

  /** The next frame to rebuild (its caller's restore function calls rec.f(rec)). */
  pop(): FrameRecord {
    const rec = this.records;
    if (!rec) throw new Error('restack: internal error: no frame record to rebuild');
    this.records = rec.k;
    rec.k = undefined;
    return rec;
  }

  /** A rebuilt frame's return under the construct rule: entered by new, it yields an object. */
  made(result: unknown, self: unknown, newTarget: unknown): unknown {
    if (newTarget === undefined) return result;
    return result !== null && (typeof result === 'object' || typeof result === 'function') ? result : self;
  }

  /**
   * A rebuilt derived constructor's return, under its construct rule: an object is the result,
   * undefined gives `this`, anything else is a TypeError (as V8 throws it).
   */
  madeDerived(result: unknown, self: unknown): unknown {
    if (result !== null && (typeof result === 'object' || typeof result === 'function')) return result;
    if (result === undefined) return self;
    throw new TypeError('Derived constructors may only return object or undefined');
  }

  /** Result of a rebuilt `new` expression: the returned object, else the frame's `this`. */
  constructed(rec: FrameRecord, result: unknown): unknown {
    if (result !== null && (typeof result === 'object' || typeof result === 'function')) return result;
    // A frame a `new` rebuilt without having entered it by `new` (a function's record always
    // holds its new.target) was called on the way: a Proxy's construct trap, whose result must
    // be an object (V8 does not show the construct step in the stack, so it is rebuilt too).
    if (rec.n === undefined) throw new TypeError(`'construct' on proxy: trap returned non-object ('${String(result)}')`);
    return rec.s;
  }

  /** An iterator's next() returned something other than an object. */
  notResult(r: unknown): never {
    throw new TypeError(`Iterator result ${typeof r === 'symbol' ? 'Symbol()' : String(r)} is not an object`);
  }

  /** Calls a method read before its arguments (R.call): Function.prototype.call as it was at start-up. */
  readonly C = FunctionCall;

  /** A call whose callee was read before its arguments turned out not to be callable. */
  notCallable(text: string): never {
    throw new TypeError(`${text} is not a function`);
  }

  /** Reached only if a rebuilt derived constructor ran its super() call again (never). */
  unreachable(): never {
    throw new Error('restack: internal error: super() re-run in a rebuilt constructor');
  }

  resumed(): void {
    if (this.forwardsRunning > 0) {
      // A forwarded call's frame reached its entry in the new version (Engine.forward).
      this.forwardsRunning--;
      return;
    }
    const job = this.job;
    if (job && this.jobPhase === 'rebuilding') {
      const end = now();
      const t = job.report.timings;
      t.captureMs = job.capturedAt! - job.pointAt!;
      t.mapMs = job.mappedAt! - job.capturedAt!;
      t.rebuildMs = end - job.mappedAt!;
      t.pauseMs = end - job.pauseFrom!;
      t.stoppedAt = job.pauseFrom!;
      t.resumedAt = end;
      this.finish(job);
    }
    const pause = performance.now() - this.started;
    this.stats.captures++;
    this.stats.lastPauseMs = pause;
    this.stats.totalPauseMs += pause;
    if (pause > this.stats.maxPauseMs) this.stats.maxPauseMs = pause;
    if (this.requested > 0) {
      this.requested = 0;
      this.refreshPending();
      const waiters = this.waiters;
      this.waiters = [];
      for (let i = 0; i < waiters.length; i++) waiters[i]({ ...this.stats });
    }
  }

  // Calls of replaced versions (compiler/passes/insertCheckpoints.ts, forwardPoint).

  private forwarding = false;
  private forwardsRunning = 0;

  /**
   * Where a call entering a function of the version `codeKey` of `module` at `entry` goes now,
   * when that version was replaced: the source hash of the running version and its entry there;
   * undefined for the running version, or when the call runs the old code (toString follows it).
   */
  entryTarget(codeKey: string, module: string, entry: number): { hash: string; entry: number } | undefined {
    const running = MapGet(this.current, module);
    if (running === undefined || running.codeKey === codeKey) return undefined;
    const target = this.entries.target(codeKey, entry);
    if (target === undefined || target.kind !== 'new') return undefined;
    const handle = MapGet(this.current, target.module);
    return handle?.info ? { hash: handle.info.hash, entry: target.cpId } : undefined;
  }

  /** A function of a replaced version was called: its entry saves a record for forward(). */
  forwardNext(): boolean {
    if (this.S[Flag.unwinding] !== 0 || this.parkedCapture) return false;
    this.forwarding = true;
    return true;
  }

  /**
   * Runs a call of a replaced version's function in the running version: the frame, saved at its
   * entry, goes where its code's entry table says (update/forward.ts, kept by retarget), moved as
   * a frame suspended at the entry would be (arguments by name, the mapping's `vars`, its stack
   * transformer, run for this call), and is rebuilt there; the new code runs the call, whose
   * result is the old function's. The variables it shares with the functions around it travel as
   * accessors, so it reads and writes the closure's own. Where the table keeps the old code (the
   * function was removed, its entry is refused), the old code runs the call
   * (stats.forwardsRefused) on the running version's module state (update/oldState.ts).
   */
  private forward(rec: FrameRecord): unknown {
    const target = this.entries.target(rec.m.codeKey, rec.cp);
    if (target !== undefined && target.kind === 'new') {
      const h = MapGet(this.current, target.module);
      const index = h ? h.cpRestore[target.cpId] : undefined;
      const f = h && index !== undefined && index >= 0 ? h.restoreFns[index] : undefined;
      if (h && f) {
        const steps = target.steps;
        for (let i = 0; i < steps.length; i++) {
          const step = steps[i];
          if (step.locals === 'same' && step.transform === undefined) continue;
          try {
            const next = mapCall(step, rec, updateScope());
            rec.l = next.l;
            rec.s = next.s;
          } catch (e) {
            const message = (e as Error)?.message ?? String(e);
            throw new Error(`restack: a call of ${target.fn} (version ${target.version}) forwarded to the running version failed at its entry: ${message}`);
          }
        }
        rec.m = h;
        rec.cp = target.cpId;
        rec.f = f;
        this.stats.forwards++;
        rec.k = this.records;
        this.records = rec;
        this.forwardsRunning++;
        return this.oldState.inOld ? this.oldState.runNew(this.resume) : this.resume();
      }
    }
    this.stats.forwardsRefused++;
    if (target !== undefined && target.kind === 'old' && target.calls !== undefined) target.calls++;
    const h = rec.m;
    rec.k = this.records;
    this.records = rec;
    this.forwardsRunning++;
    return this.oldState.runOld(h, () => {
      // An async function's or generator's body goes on as old code, each step on the running
      // version's state.
      const r = this.resume();
      return r instanceof Swap ? new Swap(new OldBody(r.gen, this.oldState, h), r.result) : r;
    });
  }

  /** Module state of the versions updates replaced, shared with old code that still runs. */
  private readonly oldState = new OldState(this.current);

  /** Where calls of replaced versions' functions go (update/forward.ts). */
  private readonly entries = new EntryTables();

  // Async functions (compiler/passes/asyncFunctions.ts).

  /** The async activations that may be suspended (async/parking.ts). */
  private readonly parking = new Parking();
  private parkedCapture = false;
  /** True while resume() runs a rebuilt async body to its first await. */
  private firstRun = false;
  private parkedRecord: FrameRecord | undefined = undefined;

  /** Calls a compiled async function: its body is the generator `genFn` makes. */
  readonly A = (genFn: (...args: unknown[]) => Generator<unknown, unknown, unknown>, self: unknown, args: ArrayLike<unknown>): Promise<unknown> => {
    let gen: Generator<unknown, unknown, unknown>;
    try {
      gen = ReflectApply(genFn, self, args);
    } catch (e) {
      // Parameter initialisers that throw reject the call's promise.
      return promiseReject(e);
    }
    return drive(this, new Activation(gen));
  };

  /** An async function's wrapper looks like one: AsyncFunction.prototype, and an arrow's length. */
  readonly AF = (fn: object, n: number, name?: string): object => {
    ObjectSetPrototypeOf(fn, ASYNC_FUNCTION_PROTOTYPE);
    if (n > 0) ObjectDefineProperty(fn, 'length', { value: n });
    if (name !== undefined) ObjectDefineProperty(fn, 'name', { value: name });
    return fn;
  };

  /** An await that is not a continuation point. */
  readonly F = (v: unknown): Opaque => new Opaque(v);

  /** Where a rebuilt async or generator frame waits to be resumed. */
  readonly P = PARKED;

  // Generators (compiler/passes/asyncFunctions.ts, runtime/activation.ts GenActivation).

  /** The key a generator wrapper's parameter default is read under (nothing has it: the default runs). */
  readonly GK = Symbol('restack.generator');

  /** Calls a compiled generator's body function: its activation, which the wrapper delegates to. */
  readonly GI = (genFn: (...args: unknown[]) => Generator<unknown, unknown, unknown>, self: unknown, args: ArrayLike<unknown>): GenActivation =>
    new GenActivation(ReflectApply(genFn, self, args), this);

  /** `yield* e`: GetIterator(e), its next method read once. */
  readonly D = (o: unknown): Delegate => {
    const it = this.iter(o) as unknown as { next: unknown };
    return new Delegate(it, it.next);
  };

  /** Calls a compiled async generator's body function: its activation, which the wrapper delegates to. */
  readonly AGI = (genFn: (...args: unknown[]) => Generator<unknown, unknown, unknown>, self: unknown, args: ArrayLike<unknown>): AsyncGenActivation =>
    new AsyncGenActivation(ReflectApply(genFn, self, args), this);

  /** `yield v` in an async generator's body. */
  readonly Y = (v: unknown): Yielded => new Yielded(v);

  /** `yield* e` in an async generator's body: GetIterator(e, async). */
  readonly AD = (o: unknown): Delegate => {
    const r = this.asyncIter(o);
    return new Delegate(r.i, r.n);
  };

  /** A generator body resumed to return from its yield, and the value it returns. */
  readonly RQ = RETURN_REQUEST;
  readonly RV = takeReturn;

  /** A step of a generator's delegation that unwinds: see GenActivation. */
  step(f: () => unknown): void {
    this.records = synthetic(f, this.records);
  }

  park(act: Activation): void {
    this.parking.park(act);
  }

  /**
   * Captures suspended async activations: each one's generator is resumed with the unwinding
   * flag up, so its body saves its record at the await's check and returns; a Parked with the
   * record stands in for the generator from then on (one captured by an earlier update and not
   * resumed since is one already). Their awaited promises are untouched: the drivers await them
   * still. For an update to a new version (job), the activations' sites are checked on the way,
   * once per run of activations at one site: a refused one stops the capture (the update waits).
   */
  private captureParked(acts: Activation[], job: UpdateJob | null): ParkedCapture | string {
    const frames: Parked[] = new Array(acts.length);
    const sites: Array<SiteMove | SiteError> = [];
    const special: number[] = [];
    const refusals = job === null ? null : (job.refusals ??= new Refusals(job.patch));
    const moves = job === null ? null : (job.sites ??= new SiteMoves(job.patch));
    const seen = new Set<SiteMove | SiteError>();
    let lastM: ModuleHandle | undefined = undefined;
    let lastCp = -1;
    let site: SiteMove | SiteError | undefined = undefined;
    let stopped = false;
    this.parkedCapture = true;
    const flag = this.S[Flag.unwinding];
    this.S[Flag.unwinding] = 1;
    try {
      for (let i = 0; i < acts.length; i++) {
        const act = acts[i];
        const body = act.gen;
        let p: Parked;
        if (body instanceof Parked) {
          p = body;
        } else {
          this.parkedRecord = undefined;
          bodyNext(act);
          const rec = this.parkedRecord as FrameRecord | undefined;
          if (!rec) throw new Error('restack: internal error: a suspended async function did not save its record');
          p = new Parked(act, rec);
          act.setBody(p);
        }
        defineElement(frames, i, p);
        if (refusals === null) continue;
        const rec = p.rec;
        if (rec.m !== lastM || rec.cp !== lastCp) {
          const m = (lastM = rec.m);
          lastCp = rec.cp;
          const why = refusals.get(m, lastCp);
          if (why !== null) return `a suspended async function: ${why}`;
          site = moves!.get(m, lastCp);
          if (!SetHas(seen, site)) {
            SetAdd(seen, site);
            defineElement(sites, sites.length, site);
          }
        }
        if (stopped) continue;
        if (site instanceof SiteError) {
          defineElement(special, special.length, i);
          stopped = true;
        } else if (site!.transform !== undefined) {
          defineElement(special, special.length, i);
        }
      }
    } finally {
      this.S[Flag.unwinding] = flag;
      this.parkedCapture = false;
      this.parkedRecord = undefined;
    }
    return { frames, sites, special };
  }

  /**
   * An identity update moves the suspended async activations too: each is captured, to be rebuilt
   * in its own version when it resumes (the storm exercises the path an update to a new version
   * takes).
   */
  private identityParked(): void {
    const acts = this.parking.suspended();
    if (typeof acts === 'string' || acts.length === 0) return;
    this.captureParked(acts, null);
    this.stats.framesUnwound += acts.length;
  }
}

