/**
 * The runtime's public face: installs the engine where compiled code finds it (a registered
 * symbol on globalThis), and the control functions programs and tests call.
 *
 * Importing this module installs the runtime, so `import 'restack/runtime'` before a compiled
 * module is all a program needs.
 */
import { EventEmitter } from 'node:events';
import { resolve } from 'node:path';
import { RUNTIME_KEY } from '../contract/index.js';
import { Engine, type CaptureStats } from './engine.js';
import { installToString, showAsBuiltin } from './core/sourceText.js';
import { loadPatch, patchFailure, type PreparedPatch } from './patch.js';
import { groupLink, installThreads } from './threads.js';
import { installProcesses } from './processes.js';
import { handedAt, type GroupRole, type ThreadMode } from './group.js';
import type { UpdateReport } from './report.js';

export type { CaptureStats } from './engine.js';
export type { UpdateReport, FrameMove, UpdateTimings } from './report.js';
export { formatReport } from './report.js';

const KEY = Symbol.for(RUNTIME_KEY);

/** The process's engine, created on first use. */
export function install(): Engine {
  const g = globalThis as unknown as Record<symbol, Engine | undefined>;
  let engine = g[KEY];
  if (!engine) {
    // Before any compiled function exists: their toString shows the program's text.
    const created = new Engine();
    installToString((codeKey, module, entry) => created.entryTarget(codeKey, module, entry));
    engine = created;
    engine.events = (name, data) => { emitter.emit(name, data); };
    Object.defineProperty(globalThis, KEY, { value: engine, enumerable: false, configurable: false, writable: false });
    // Explicit update points are no-ops when compiled code is not involved.
    const gg = globalThis as unknown as { UPDATE_POINT?: () => void };
    if (!gg.UPDATE_POINT) {
      gg.UPDATE_POINT = { UPDATE_POINT() {} }.UPDATE_POINT;
      showAsBuiltin(gg.UPDATE_POINT);
    }
    // The runtime object's members print as builtins.
    showRuntimeAsBuiltin(engine);
    // Workers the program starts from now on are threads of the update.
    installThreads(engine);
    // And so are the children it forks (child_process.fork, cluster).
    installProcesses(engine);
  }
  return engine;
}

/** The functions of the runtime object (compiled code's `__rsR`), its own and its class's. */
function showRuntimeAsBuiltin(engine: Engine): void {
  for (let o: object | null = engine; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    for (const key of Reflect.ownKeys(o)) {
      const value = Object.getOwnPropertyDescriptor(o, key)?.value as unknown;
      if (typeof value === 'function') showAsBuiltin(value);
    }
  }
}

/**
 * Requests an identity update (capture the whole stack at the next update point where it can be
 * captured, rebuild it in the same version). Resolves with the engine's statistics once applied.
 */
export function requestUpdate(): Promise<CaptureStats> {
  return install().requestIdentityUpdate();
}

/** Capture statistics so far. */
export function captureStats(): CaptureStats {
  return { ...install().stats };
}

export interface UpdateOptions {
  /** The version's name in reports (default: the patch directory's name). */
  label?: string;
  /** How long to wait for an update point where every frame can move (default 10 s). */
  timeoutMs?: number;
  /** When the request arrived (ms since the epoch, performance.timeOrigin + performance.now()). */
  receivedAt?: number;
  /**
   * Set by the control channel: the request is taken at an update point (or from the event loop)
   * and loading the patch stops the program, so the load counts in the pause and the time to the
   * update point ends when the request was noticed.
   */
  loadInPause?: boolean;
  /** Set by the control channel: the bundle as its worker thread read it, or why it could not. */
  prepared?: PreparedPatch;
  /** Set by the control channel: this thread's part in an update of all the process's threads. */
  group?: GroupRole;
  /**
   * With worker threads: all threads move together or all roll back ('atomic', the default), or
   * each at its own next update point ('wait-free').
   */
  mode?: ThreadMode;
  /**
   * With child processes (child_process.fork, cluster): every process moves or every one rolls
   * back ('coordinated', the default in atomic mode), or one process after the other ('rolling',
   * the default in wait-free mode).
   */
  processes?: 'coordinated' | 'rolling';
  /**
   * Do everything but commit: capture, map and transform against the live stacks and state, evaluate
   * the new version, then roll back, and report what the update would have done and how long the
   * pause was (the report's dryRun is set; applied stays false).
   */
  dryRun?: boolean;
}

/**
 * Updates the running program to the version in a patch bundle (written by `restack patch`,
 * validated by `restack check`). The update happens at the next update point where every frame on
 * the stack can be moved, or between events when no frame is live; the promise resolves with the
 * report, whether the update was applied or rolled back (the program then runs on unchanged).
 */
export function update(patchDir: string, options: UpdateOptions = {}): Promise<UpdateReport> {
  return new Promise((resolve) => requestUpdateTo(patchDir, options, resolve));
}

/**
 * The same, with a callback called synchronously when the update is done: from inside the
 * program's stack if it happened at an update point (a busy loop never returns to the event loop,
 * so a promise would not settle until it does).
 */
export function requestUpdateTo(patchDir: string, options: UpdateOptions, done: (report: UpdateReport) => void): void {
  const engine = install();
  // With worker threads or child processes, the process's coordinator updates them all (this
  // thread included).
  const link = options.group || options.prepared ? null : groupLink();
  if (link) {
    const sent: Record<string, unknown> = {};
    if (options.label !== undefined) sent.label = options.label;
    if (options.timeoutMs !== undefined) sent.timeoutMs = options.timeoutMs;
    if (options.mode !== undefined) sent.mode = options.mode;
    if (options.processes !== undefined) sent.processes = options.processes;
    if (options.dryRun) sent.dryRun = true;
    link.ask({ type: 'update', patchDir: resolve(patchDir), options: sent }).then(
      (report) => done(report as UpdateReport),
      (e: unknown) => engine.refuseRequest(options.label ?? patchDir, (e as Error).message, done));
    return;
  }
  // Taken at an update point, the request was noticed when the program saw the flags raised.
  const noticedAt = engine.seenAt ?? performance.timeOrigin + performance.now();
  let receivedAt = options.receivedAt ?? noticedAt;
  // In a round of several threads the request was posted first and the flags raised after: the
  // thread was asked when they went up, unless its event loop took the message before that.
  if (options.group) {
    const handed = handedAt(options.group.buffer);
    if (handed > receivedAt && handed <= noticedAt) receivedAt = handed;
  }
  let patch;
  try {
    patch = loadPatch(patchDir, options.label, options.prepared);
  } catch (e) {
    engine.refuseRequest(options.label ?? patchDir, patchFailure(e, 'loading'), done);
    return;
  }
  engine.requestPatch(patch, done, { receivedAt, timeoutMs: options.timeoutMs, noticedAt: options.loadInPause ? noticedAt : undefined, group: options.group, dryRun: options.dryRun });
}

/** The running version, its modules, what is pending, capture statistics and the last report. */
export function status(): ReturnType<Engine['status']> {
  return install().status();
}

const emitter = new EventEmitter();

/**
 * Update events: 'requested' ({ from, to }), 'reached' ({ frames }: the update point, before
 * capture), 'applied' and 'rolledback' (the report). Listeners run synchronously, inside the
 * update: keep them short.
 */
export function onUpdate(event: 'requested' | 'reached' | 'applied' | 'rolledback', listener: (data: unknown) => void): () => void {
  install();
  emitter.on(event, listener);
  return () => emitter.off(event, listener);
}

/** Identity update at every nth update point reached; 0 turns it off. */
export function setStorm(every: number): void {
  install().setStorm(every);
}

install();
