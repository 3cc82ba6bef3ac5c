/**
 * The control channel's worker thread (see control.ts), the process's coordinator: serves the Unix
 * socket, keeps the list of the process's threads (the main thread and every worker thread started
 * under restack, each with its link: link.ts), hands each valid request to them (posts it, then
 * raises the thread's pending flag the update points read) and answers the client that asked.
 *
 * An update of a process with worker threads is a round (group.ts): every thread gets the request
 * with a slot in the round's shared words; in atomic mode they commit together or all roll back,
 * in wait-free mode each moves at its own next update point. The round's report is the main
 * thread's with every thread's own inside (`threads`) and the group's figures (`group`).
 *
 * A new worker thread asks which version to start on (`boot`): the newest the process has moved
 * to; while an atomic round is undecided the answer waits for its outcome, so a thread never
 * starts on a version the others then roll back.
 *
 * Protocol on the socket: one JSON object per line each way. Requests `{ id, type: 'update',
 * patchDir, options }` or `{ id, type: 'status' }`; replies `{ id, ok: true, result }` or
 * `{ id, ok: false, error }`, with the request's id (null when it had none or could not be read).
 * A rolling update of several processes sends `{ id, progress: { pid, applied, to } }` before its
 * reply, as each process is done (a child's notes about its own children go up the tree too).
 * A malformed line gets an error reply; nothing a client sends can stop the program.
 */
import { chmodSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { resolve } from 'node:path';
import { workerData, type MessagePort } from 'node:worker_threads';
import { Flag } from '../contract/index.js';
import { claimRecord, forgetRecords, readRecord, recordPath } from './decisionRecord.js';
import {
  childTimeline, coordinatedTimeline, DEFAULT_UPDATE_TIMEOUT_MS, JOIN_PARENT_MS, ROLLING_START_WITHIN_MS, rollingChildWaitMs, STATUS_WAIT_MS,
  statusChildWaitMs, threadRoundWaitMs,
} from './deadlines.js';
import { ABORT, ABORTED, COMMIT, decide, markHanded, releaseHanded, Round, roundBuffer, roundWords, THREAD_MODES, UNDECIDED, type ThreadMode } from './group.js';
import { admit, begin, canWrite, exempt, MAX_IN_FLIGHT, MAX_LINE } from './controlConnections.js';
import { packPatch, preparePatch, versionLabel, type PreparedPatch } from './patch.js';
import { DRY_RUN, wouldApply, type ProcessVersion, type UpdateReport } from './report.js';
import { cause, failed, failedProcess, groupTimings, isObject, isReport, NOT_ASKED, PROCESS_ABORTED, PROCESS_MODES, treeReport, type ProcessMode } from './control/merge.js';
import { testSignal, type RoundRef, type TestPhase, type ToChild, type ToParent } from './treeProtocol.js';

const { flags, port: mainPort, path, parent } = workerData as { flags: SharedArrayBuffer; port: MessagePort; path: string | null; parent: string | null };

const now = (): number => performance.timeOrigin + performance.now();

function write(socket: Socket, reply: object): void {
  if (!socket.destroyed && socket.writable && canWrite(socket)) socket.write(JSON.stringify(reply) + '\n');
}

/** The update's timeout (ms) as the client gave it, else the default. */
function timeoutOf(options: Record<string, unknown>): number {
  return typeof options.timeoutMs === 'number' ? options.timeoutMs : DEFAULT_UPDATE_TIMEOUT_MS;
}

/**
 * Splits what arrives on `socket` into lines (trimmed, empty ones skipped); `tooLong` is told when
 * a line grows past MAX_LINE, and what was buffered is dropped.
 */
function readLines(socket: Socket, onLine: (line: string) => void, tooLong?: () => void): void {
  let buffer = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
      const line = buffer.slice(0, i).trim();
      buffer = buffer.slice(i + 1);
      if (line) onLine(line);
    }
    if (tooLong && buffer.length > MAX_LINE) {
      tooLong();
      buffer = '';
    }
  });
}

/** A thread of the process, as its link reaches the coordinator. */
interface Thread {
  id: number;
  name: string;
  port: MessagePort;
  /** Its engine's flags; null until it asked which version to start on. */
  S: Int32Array | null;
  /** Buffers it waits on in Atomics.wait (runtime/blocking.ts), by id. */
  waitBuffers: Map<number, Int32Array | BigInt64Array>;
  /** Why the update it was last handed waits, as it last said. */
  refused?: string;
}

const threads = new Map<number, Thread>();

/** This process's control socket, once it has one (its directory holds the decision records of the rounds it leads). */
let socketPath: string | null = path;

/** Answers the coordinator expects from threads, by the id it gave the request. */
const waiting = new Map<number, (ok: boolean, value: unknown) => void>();
let nextId = 1;

/** The version new threads start on: the newest the process moved to (null: the program's own files). */
let version: { label: string; dir: string } | null = null;

/** An atomic round in progress: new threads wait for its outcome before they start. */
let undecided: UpdateRound | null = null;
const heldBoots: Array<() => void> = [];

/** Runs `boot` now, or once the atomic round in progress is decided. */
function whenDecided(boot: () => void): void {
  if (undecided) heldBoots.push(boot);
  else boot();
}

/**
 * Wakes a thread that sleeps in Atomics.wait, so it takes the update raised in its flags. It
 * publishes the address before it checks the flags and sleeps, so a notify can come just before
 * it sleeps (or before its buffer's message got here): look again every millisecond while it stays
 * published with the update pending, 50 times at most (a call that cannot be captured sleeps on
 * unpublished).
 */
function wakeWaiter(t: Thread, tries = 0): void {
  const S = t.S;
  if (!S) return;
  const id = Atomics.load(S, Flag.waitId);
  if (id === 0 || Atomics.load(S, Flag.pending) === 0) return;
  const view = t.waitBuffers.get(id);
  if (view) {
    // Other threads may sleep on the same address: they learn the wake-up was not theirs.
    for (const other of threads.values()) if (other.S) Atomics.add(other.S, Flag.wakes, 1);
    Atomics.notify(view as Int32Array, Atomics.load(S, Flag.waitIndex));
  }
  if (tries < 50 && threads.get(t.id) === t) setTimeout(wakeWaiter, 1, t, tries + 1);
}

/** Posts a request to a thread, without raising its flags yet (see raise). */
function post(t: Thread, message: Record<string, unknown>, answer: (ok: boolean, value: unknown) => void): void {
  const id = nextId++;
  waiting.set(id, answer);
  t.port.postMessage({ ...message, id });
}

/**
 * Raises a thread's flags for the requests posted to it: it takes them at its next update point.
 * wake: wake it too if it sleeps in Atomics.wait (else the caller does, with wakeWaiter).
 */
function raise(t: Thread, wake = true): void {
  // Remote before pending: the engine clears pending and then reads remote (Engine.refreshPending).
  if (t.S) {
    Atomics.store(t.S, Flag.remote, 1);
    Atomics.store(t.S, Flag.pending, 1);
    if (wake) wakeWaiter(t);
  }
}

/** Hands a request to a thread: posted first, then its flags raised (it may be deep in a loop). */
function hand(t: Thread, message: Record<string, unknown>, answer: (ok: boolean, value: unknown) => void): void {
  post(t, message, answer);
  raise(t);
}

type LinkMessage =
  | { type: 'wait-buffer'; id: number; kind: number; buffer: SharedArrayBuffer }
  | { type: 'wait-forget'; id: number }
  | { type: 'thread'; port: MessagePort; threadId: number; name: string }
  | { type: 'boot'; ask: number; flags: SharedArrayBuffer }
  | { type: 'refused'; why: string }
  | { type: 'listen'; path: string }
  | { type: 'update' | 'status'; ask: number; patchDir?: string; options?: unknown }
  | { id: number; ok: boolean; result?: unknown; error?: string; type?: undefined };

/** Listens on a thread's link. */
function adopt(t: Thread): void {
  threads.set(t.id, t);
  t.port.on('message', (m: LinkMessage) => {
    if (m.type === 'wait-buffer') {
      t.waitBuffers.set(m.id, m.kind === 2 ? new BigInt64Array(m.buffer) : new Int32Array(m.buffer));
    } else if (m.type === 'wait-forget') {
      t.waitBuffers.delete(m.id);
    } else if (m.type === 'refused') {
      t.refused = m.why;
    } else if (m.type === 'listen') {
      // The main thread forks children: they reach this coordinator on a socket.
      socketPath = m.path;
      listen(m.path, () => {});
    } else if (m.type === 'thread') {
      adopt({ id: m.threadId, name: m.name, port: m.port, S: null, waitBuffers: new Map() });
    } else if (m.type === 'boot') {
      const answer = (): void => {
        if (threads.get(t.id) !== t) return;
        t.S = new Int32Array(m.flags);
        t.port.postMessage({ answer: m.ask, ok: true, result: { version } });
      };
      whenDecided(answer);
    } else if (m.type === 'update' || m.type === 'status') {
      // The program's own update() or status() from one of its threads.
      route(m, (reply) => t.port.postMessage({ answer: m.ask, ...reply }));
    } else {
      const r = m as { id: number; ok: boolean; result?: unknown; error?: string };
      const w = waiting.get(r.id);
      if (!w) return;
      waiting.delete(r.id);
      w(r.ok, r.ok ? r.result : r.error);
    }
  });
  // The thread exited: the other side of its link closed.
  t.port.on('close', () => {
    if (threads.get(t.id) !== t) return;
    threads.delete(t.id);
    for (const r of rounds) r.exited(t);
  });
}

adopt({ id: 0, name: 'main', port: mainPort, S: new Int32Array(flags), waitBuffers: new Map() });

type Reply = { ok: true; result: unknown } | { ok: false; error: string };


/** A request from a client (the socket), from the program (a thread's link) or from the parent process, checked. */
function route(req: Record<string, unknown>, respond: (reply: Reply) => void, progress?: (note: Record<string, unknown>) => void): void {
  if (req.type === 'status') {
    const within = typeof req.withinMs === 'number' && req.withinMs > 0 ? req.withinMs : STATUS_WAIT_MS;
    return statusOf(within, respond);
  }
  const patchDir = resolve(req.patchDir as string);
  const options = { ...(isObject(req.options) ? req.options : {}) };
  if (rounds.size > 0 || trees.size > 0) return respond({ ok: false, error: 'another update is in progress' });
  if (typeof req.startBy === 'number' && now() > req.startBy) {
    return respond({ ok: false, error: `the request reached this process ${Math.round(now() - req.startBy + ROLLING_START_WITHIN_MS)} ms after its parent sent it (more than ${ROLLING_START_WITHIN_MS} ms): the parent may have given up on it, so it does not move` });
  }
  let mode: ThreadMode = 'atomic';
  if (options.mode !== undefined) {
    if (!THREAD_MODES.includes(options.mode as ThreadMode)) return respond({ ok: false, error: `option mode: expected ${THREAD_MODES.map((m) => `'${m}'`).join(' or ')}` });
    mode = options.mode as ThreadMode;
    delete options.mode;
  }
  // A child process's part in its parent's update says how the tree moves.
  let processes = PROCESS_MODES.includes(req.tree as ProcessMode) ? req.tree as ProcessMode : undefined;
  if (options.processes !== undefined) {
    if (!PROCESS_MODES.includes(options.processes as ProcessMode)) return respond({ ok: false, error: `option processes: expected ${PROCESS_MODES.map((m) => `'${m}'`).join(' or ')}` });
    processes = options.processes as ProcessMode;
    delete options.processes;
  }
  if (processes === 'coordinated' && mode === 'wait-free') {
    return respond({ ok: false, error: "option processes: 'coordinated' needs mode 'atomic' (in a wait-free update each thread moves on its own, so a process cannot move as one)" });
  }
  processes ??= mode === 'atomic' ? 'coordinated' : 'rolling';
  // The bundle is read here, with code caches for the threads: at the update point each only
  // compiles it (a busy program stops for that, not for the disk and the parse). The request
  // counts as received when it is handed over; the reading time travels with the bundle.
  const prepared = preparePatch(patchDir);
  const members = [...threads.values()].filter((t) => t.S !== null);
  const kids = [...children.values()];
  const plan: Plan = { mode, members, patchDir, options, prepared };
  if (processes === 'coordinated' && (kids.length > 0 || req.tree === 'coordinated')) {
    const round = req.tree === 'coordinated' && isRoundRef(req.round) ? req.round : null;
    if (req.tree === 'coordinated' && (!round || !upstream)) return respond({ ok: false, error: 'a coordinated update from the parent without its round' });
    // Stopped or swamped until its tree's threads had to be prepared: it does not start (its
    // parent has decided, or will, without it).
    if (round && now() > round.timeline.prepareBy) return respond({ ok: false, error: `the request reached this process ${Math.round(now() - round.timeline.prepareBy)} ms after the tree's threads had to be prepared: it does not move` });
    new CoordinatedRound(plan, kids, round ? upstream : null, round, respond).start();
  } else if (processes === 'rolling' && kids.length > 0) {
    new RollingRound(plan, kids, respond, progress).start();
  } else {
    updateThreads(plan, respond);
  }
}

/**
 * This process's status with its children's, within `withinMs`: the main thread and the children
 * are asked at once; whoever has not answered by then is listed as silent (pid, since when), so a
 * stopped child does not hold up the status of the others. Each child is given one hop less, so
 * its own silent children are listed by it, not taken for its silence.
 */
function statusOf(withinMs: number, respond: (reply: Reply) => void): void {
  const started = now();
  const kids = [...children.values()];
  let own: Record<string, unknown> | null = null;
  const statuses: unknown[] = new Array(kids.length);
  let left = kids.length + 1;
  let done = false;
  const finish = (): void => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    const others = [...threads.values()].filter((t) => t.id !== 0 && t.S);
    let result: Record<string, unknown> = own ?? {
      pid: process.pid, version: version?.label ?? null, silent: true, silentSince: started,
      error: `the main thread did not answer within ${withinMs} ms${trees.size || rounds.size ? ' (an update is in progress)' : ''}`,
    };
    if (others.length) result = { ...result, threads: others.map((t) => ({ thread: t.id, name: t.name })) };
    if (lastTree) result = { ...result, lastTree };
    for (let i = 0; i < kids.length; i++) {
      statuses[i] ??= { pid: kids[i].pid, silent: true, silentSince: silentSince(kids[i]) ?? started, error: `did not answer within ${withinMs} ms` };
    }
    respond({ ok: true, result: kids.length ? { ...result, processes: statuses } : result });
  };
  const arrived = (): void => {
    if (--left === 0) finish();
  };
  const timer = setTimeout(finish, withinMs);
  hand(threads.get(0)!, { type: 'status', options: {}, receivedAt: now() }, (ok, value) => {
    if (done) return;
    if (!ok) {
      // The program's own status failed (an answer that cannot be sent): that is the answer.
      done = true;
      clearTimeout(timer);
      return respond({ ok: false, error: String(value) });
    }
    if (!isObject(value)) {
      // Not a status restack can add to: passed on as it is.
      done = true;
      clearTimeout(timer);
      return respond({ ok: true, result: value });
    }
    own = value;
    arrived();
  });
  // Each child's status (with its own children's), in the order they joined.
  kids.forEach((kid, i) => askChild(kid, { type: 'status', withinMs: statusChildWaitMs(withinMs) }, (kidOk, kidValue) => {
    if (done) return;
    statuses[i] = kidOk && isObject(kidValue) ? kidValue : { pid: kid.pid, error: kidValue === GONE ? 'exited' : String(kidValue) };
    arrived();
  }));
}

function isRoundRef(v: unknown): v is RoundRef {
  return isObject(v) && typeof v.id === 'string' && (v.record === null || typeof v.record === 'string') && isObject(v.timeline)
    && ['prepareBy', 'decideBy', 'giveUpAt', 'collectBy'].every((k) => typeof (v.timeline as Record<string, unknown>)[k] === 'number');
}

/** What an update of this process's threads needs. */
interface Plan {
  mode: ThreadMode;
  members: Thread[];
  patchDir: string;
  options: Record<string, unknown>;
  prepared: PreparedPatch;
}

/** Updates this process's threads (not its children): the only thread directly, several in a round. */
function updateThreads(plan: Plan, respond: (reply: Reply) => void): void {
  const { members, patchDir, options, prepared } = plan;
  if (members.length === 1) {
    hand(members[0], { type: 'update', patchDir, options, receivedAt: now(), prepared }, (ok, value) => {
      if (ok && isReport(value) && value.applied) version = { label: value.to, dir: patchDir };
      respond(ok ? { ok: true, result: value } : { ok: false, error: String(value) });
    });
    return;
  }
  new UpdateRound(plan, respond).start();
}

const rounds = new Set<UpdateRound>();

/** One update of all the process's threads. */
class UpdateRound {
  readonly buffer: SharedArrayBuffer;
  readonly reports = new Map<number, UpdateReport>();
  private timer: NodeJS.Timeout | undefined;
  private ended = false;
  private before = version;
  private readonly startedAt = now();
  /** Members that exited during the round: not counted in its outcome. */
  private readonly gone = new Set<number>();
  /** The bundle, serialized once for all the threads. */
  private readonly packed: SharedArrayBuffer;

  readonly mode: ThreadMode;
  readonly members: Thread[];
  readonly patchDir: string;
  readonly options: Record<string, unknown>;
  readonly prepared: PreparedPatch;

  /**
   * hooks (a round that is part of an update of a process tree): `delegated`, the decision is the
   * tree's (CoordinatedRound), not the last thread's to prepare; `refused`, a thread could not
   * move (the round is decided ABORT); `changed`, the threads expected to prepare changed.
   */
  constructor(plan: Plan, readonly respond: (reply: Reply) => void, readonly hooks: { delegated?: boolean; refused?: () => void; changed?: () => void } = {}) {
    ({ mode: this.mode, members: this.members, patchDir: this.patchDir, options: this.options, prepared: this.prepared } = plan);
    this.buffer = roundBuffer(this.members.length);
    this.packed = packPatch(this.prepared);
    const g = roundWords(this.buffer);
    Atomics.store(g, Round.expected, this.members.length);
    if (hooks.delegated) Atomics.store(g, Round.delegated, 1);
  }

  start(): void {
    rounds.add(this);
    if (this.mode === 'atomic') {
      undecided = this;
    } else if ('data' in this.prepared && this.options.dryRun !== true) {
      // Wait-free: the move is one way; threads started from now on start on the new version
      // (a dry run moves nothing).
      version = { label: versionLabel(this.patchDir, typeof this.options.label === 'string' ? this.options.label : undefined), dir: this.patchDir };
    }
    // Every thread gets its message first, then all flags go up together: posting is the slow
    // part (tens of microseconds a thread), and a thread's flags raised while others' messages are
    // still being posted would have it stop (in an atomic round: wait) for them.
    this.members.forEach((t, slot) => {
      t.refused = undefined;
      post(t, { type: 'update', patchDir: this.patchDir, options: this.options, receivedAt: now(), packed: this.packed, group: { mode: this.mode, buffer: this.buffer, slot } },
        (ok, value) => this.arrived(t, isReport(value) ? value : failed(t, ok ? 'the thread answered with something that is not a report' : String(value))));
    });
    // Raised before any thread is woken: a woken thread may take this thread's core.
    markHanded(this.buffer, now());
    for (const t of this.members) raise(t, false);
    releaseHanded(this.buffer);
    for (const t of this.members) wakeWaiter(t);
    // Each thread times out on its own; this is for one that cannot answer any more. In a process
    // tree the tree's round decides when to stop waiting (giveUp): a thread that prepared may only
    // move as the tree's decision says.
    if (!this.hooks.delegated) this.timer = setTimeout(() => this.giveUp(), threadRoundWaitMs(timeoutOf(this.options)));
  }

  /** Stops waiting for the threads that did not answer (an undecided round is decided ABORT). */
  giveUp(): void {
    if (this.ended) return;
    decide(this.buffer, ABORT);
    for (const t of this.members) {
      if (!this.reports.has(t.id)) this.reports.set(t.id, failed(t, `no answer within ${Math.round(now() - this.startedAt)} ms${t.refused ? ` (last refusal: ${t.refused})` : ''}`));
    }
    this.end();
  }

  private arrived(t: Thread, report: UpdateReport): void {
    if (this.ended) return;
    report.threadName ??= t.name;
    this.reports.set(t.id, report);
    if (this.mode === 'atomic' && !report.applied) {
      // In a process tree the tree's round decides (a process that voted may not abort on its own).
      if (!this.hooks.delegated) decide(this.buffer, ABORT);
      this.hooks.refused?.();
    }
    if (this.reports.size >= this.members.length) this.end();
  }

  /**
   * A decided round of a process tree stops waiting for the threads that never prepared. Those
   * that did are acting on the decision and answer as soon as they run: after a long stop of the
   * process, this can come before their answers, which must not be taken for silence.
   */
  giveUpUnprepared(): void {
    if (this.ended) return;
    const g = roundWords(this.buffer);
    this.members.forEach((t, slot) => {
      if (!this.reports.has(t.id) && Atomics.load(g, Round.slots + slot) === 0) {
        this.reports.set(t.id, failed(t, `did not prepare within ${Math.round(now() - this.startedAt)} ms${t.refused ? ` (last refusal: ${t.refused})` : ''}`));
      }
    });
    if (this.reports.size >= this.members.length) this.end();
  }

  /** A member exited during the round: the others need not wait for it. */
  exited(t: Thread): void {
    if (this.ended || !this.members.includes(t) || this.reports.has(t.id)) return;
    const g = roundWords(this.buffer);
    Atomics.sub(g, Round.expected, 1);
    if (Atomics.load(g, Round.delegated) === 0 && Atomics.load(g, Round.prepared) >= Atomics.load(g, Round.expected)) decide(this.buffer, COMMIT);
    this.gone.add(t.id);
    this.hooks.changed?.();
    this.arrived(t, failed(t, 'the thread exited during the update'));
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.timer);
    rounds.delete(this);
    const reports = this.members.filter((t) => !this.gone.has(t.id)).map((t) => this.reports.get(t.id)!);
    const live = reports.length ? reports : [...this.reports.values()];
    const main = live.find((r) => r.thread === 0) ?? live[0];
    const applied = live.every((r) => r.applied);
    const report: UpdateReport = { ...main, mode: this.mode, applied, threads: [...this.reports.values()].sort((a, b) => a.thread - b.thread), group: groupTimings(live) };
    if (applied) delete report.reason;
    else if (live.every(wouldApply)) report.reason = DRY_RUN;
    else report.reason = cause([...this.reports.values()]);
    if (this.mode === 'atomic') {
      if (applied) version = { label: main.to, dir: this.patchDir };
      undecided = null;
      for (const boot of heldBoots.splice(0)) boot();
    } else if (!live.some((r) => r.applied)) {
      version = this.before;
    }
    this.respond({ ok: true, result: report });
  }
}


/**
 * A child process forked under restack (processes.ts): its coordinator connected to this one's
 * socket and said so. Requests go to it on that connection and its answers come back on it.
 */
interface Child {
  pid: number;
  socket: Socket;
  /** The version it runs (its label; null: the program's own files), as far as this process knows. */
  runs: string | null;
  /** Answers expected from it, by request id. */
  waiting: Map<number, (ok: boolean, value: unknown) => void>;
  /** For requests still waiting: what to do with its progress notes (a rolling update of its own children). */
  notes: Map<number, (note: Record<string, unknown>) => void>;
  /** When each request it has not answered yet was sent (absolute ms), given up on or not: how long it has been silent. */
  sentAt: Map<number, number>;
  /** The coordinated round it is part of, which its `prepared` vote is for. */
  round?: CoordinatedRound;
}

const children = new Map<number, Child>();
/** The engine's label for the program's own files (engine.ts), what a process never updated runs. */
const OWN_FILES = 'initial';
const childOf = new WeakMap<Socket, Child>();
let nextChildId = 1;
/** What a child's pending answers get when it exits: it is not counted, neither for nor against. */
const GONE = Symbol('gone');

type AskChild = ToChild extends infer M ? M extends { id: number } ? Omit<M, 'id'> : never : never;

function askChild(child: Child, message: AskChild, answer: (ok: boolean, value: unknown) => void, onNote?: (note: Record<string, unknown>) => void): number {
  const id = nextChildId++;
  child.waiting.set(id, (ok, value) => {
    child.notes.delete(id);
    answer(ok, value);
  });
  if (onNote) child.notes.set(id, onNote);
  child.sentAt.set(id, now());
  send(child.socket, { ...message, id } as ToChild);
  return id;
}

function send(socket: Socket, m: ToChild | ToParent): void {
  write(socket, m);
}

/** Drops a request's answer, whenever it comes (the asker gave up on it); the child still counts as silent until it comes. */
function forgetAsk(child: Child, id: number): void {
  child.waiting.delete(id);
  child.notes.delete(id);
}

/** Since when a child has left a request unanswered (absolute ms), if it has. */
function silentSince(child: Child): number | undefined {
  let first: number | undefined;
  for (const at of child.sentAt.values()) if (first === undefined || at < first) first = at;
  return first;
}

/**
 * The outcomes of the coordinated rounds this process took part in, by round id, so a child that
 * votes after the decision (it was stopped) is told it. The last few are kept: a child is never
 * more than one round behind (it refuses a new round while it is in doubt about the last).
 */
const outcomes = new Map<string, boolean>();
const KEEP_OUTCOMES = 16;

function remember(round: string, commit: boolean): void {
  outcomes.set(round, commit);
  for (const old of outcomes.keys()) {
    if (outcomes.size <= KEEP_OUTCOMES) break;
    outcomes.delete(old);
  }
}

/** A line from a child: its answer to a request, a progress note, or its vote in a coordinated round. */
function fromChild(child: Child, m: Record<string, unknown>): void {
  const line = m as ToParent;
  if ('type' in line && line.type === 'prepared') {
    if (child.round && child.round.ref.id === line.round) {
      child.round.kidPrepared(child);
    } else if (outcomes.has(line.round)) {
      // A vote after the decision (the child was stopped): it learns the outcome instead of guessing.
      send(child.socket, { type: 'decision', round: line.round, commit: outcomes.get(line.round)! });
    }
    return;
  }
  if (typeof m.id !== 'number') return;
  child.sentAt.delete(m.id);
  if (isObject(m.progress)) {
    child.sentAt.set(m.id, now());
    child.notes.get(m.id)?.(m.progress);
    return;
  }
  const answer = child.waiting.get(m.id);
  if (!answer) return;
  child.waiting.delete(m.id);
  answer(m.ok === true, m.ok === true ? m.result : m.error);
}

function childGone(child: Child): void {
  if (children.get(child.pid) !== child) return;
  children.delete(child.pid);
  for (const answer of child.waiting.values()) answer(false, GONE);
  child.waiting.clear();
  child.round?.kidGone(child);
}


/** A child's answer to an update request as a report (a failed one when it is not a report). */
function kidReport(kid: Child, ok: boolean, value: unknown): UpdateReport {
  if (ok && isReport(value)) return value;
  // A refusal before anything moved: it runs what it ran.
  return failedProcess(kid.pid, ok ? 'the process answered with something that is not a report' : String(value), undefined, { version: kid.runs ?? OWN_FILES, state: 'answered' });
}

/** This process's threads' reply as a report. */
function localReport(reply: Reply): UpdateReport {
  return reply.ok && isReport(reply.result) ? reply.result : failedProcess(process.pid, reply.ok ? 'no report' : reply.error);
}


const trees = new Set<CoordinatedRound | RollingRound>();

/**
 * The last update of a process tree this process led or took part in, as its report's summary,
 * kept up to date when a child's report comes after the round ended (`restack status` shows it).
 */
let lastTree: { outcome: string; decision?: string; from: string; to: string; versions: ProcessVersion[] } | null = null;

function keepTree(r: UpdateReport): void {
  lastTree = { outcome: r.outcome ?? (r.applied ? 'applied' : 'rolled back'), decision: r.decision, from: r.from, to: r.to, versions: r.versions ?? [] };
}

/** Rounds of coordinated updates this process led (the root), numbered for their records. */
let rootRounds = 0;

/**
 * The test hook (treeProtocol.ts): signals this process at `phase` if a test asked for it; with
 * `socket`, once what was written on it before has gone out.
 */
function atPhase(phase: TestPhase, socket?: Socket): void {
  const signal = testSignal(phase);
  if (!signal) return;
  // An empty line (the reader skips it) whose callback runs once the vote before it was written.
  if (socket) socket.write('\n', () => signalSelf(signal));
  else signalSelf(signal);
}

/**
 * Sends `signal` to this process and, for SIGSTOP, does not go on before the stop has happened: the
 * kernel stops the threads only once one of them takes the signal, and on a busy machine this
 * thread could otherwise claim, decide and send for a while first. It sleeps in short steps until
 * a step takes much longer than asked (it was stopped, and continued), 2 s at most.
 */
function signalSelf(signal: NodeJS.Signals): void {
  process.kill(process.pid, signal);
  if (signal !== 'SIGSTOP') return;
  const nap = new Int32Array(new SharedArrayBuffer(4));
  for (const end = now() + 2000; now() < end;) {
    const before = now();
    Atomics.wait(nap, 0, 0, 10);
    if (now() - before > 200) return;
  }
}

/**
 * An update of a process tree, all or nothing, whatever a slow, stopped or dying process does
 * (docs/decisions/0005-process-tree-decision.md). Every process runs one of these: its threads
 * prepare (a delegated round), its children are asked, and once its threads and every child (each
 * for its own subtree) are prepared, a child votes PREPARED to its parent and the root decides.
 *
 * Who decides what: before it votes, a process may abort its part (a thread refused, a child voted
 * against, its time ran out). Only the root decides COMMIT, only with every vote in before
 * decideBy, and by claiming the round's record. After it voted, a process never decides on its
 * own: it takes its parent's decision, or past giveUpAt asks the record and claims ABORT there only
 * if nobody decided. The record is claimed once, so every process ends with the same outcome.
 */
class CoordinatedRound {
  private local!: UpdateRound;
  private readonly votes = new Set<number>();
  private readonly reports = new Map<number, UpdateReport>();
  private readonly gone = new Set<number>();
  private localReport: UpdateReport | null = null;
  /** The outcome, once known here; null while undecided. */
  private outcome: boolean | null = null;
  private voted = false;
  private ended = false;
  private readonly timers: NodeJS.Timeout[] = [];
  readonly ref: RoundRef;
  private report: UpdateReport | null = null;

  /** ref: the round as the parent sent it (a child); null at the root, which starts one. */
  constructor(readonly plan: Plan, readonly kids: Child[], readonly up: Upstream | null, ref: RoundRef | null, readonly respond: (reply: Reply) => void) {
    if (ref) {
      this.ref = ref;
    } else {
      const seq = ++rootRounds;
      const record = socketPath ? recordPath(socketPath, seq) : null;
      this.ref = { id: record ?? `${process.pid}.${seq}`, record, timeline: coordinatedTimeline(now(), timeoutOf(plan.options)) };
      // A process of a round this old is long done (it refuses new rounds while in doubt).
      if (socketPath) forgetRecords(socketPath, seq - KEEP_OUTCOMES);
    }
  }

  start(): void {
    trees.add(this);
    if (this.up) this.up.round = this;
    const { timeline } = this.ref;
    // The threads prepare by the tree's prepareBy, wherever in the tree they are.
    const localPlan = { ...this.plan, options: { ...this.plan.options, timeoutMs: Math.max(1, timeline.prepareBy - now()) } };
    this.local = new UpdateRound(localPlan, (reply) => this.localDone(reply), {
      delegated: true,
      refused: () => this.abortUnvoted(),
      changed: () => this.check(),
    });
    this.local.start();
    this.watch();
    const { patchDir, options } = this.plan;
    const round: RoundRef = { ...this.ref, timeline: childTimeline(timeline) };
    for (const kid of this.kids) {
      kid.round = this;
      askChild(kid, { type: 'update', patchDir, options: { ...options, mode: 'atomic' }, tree: 'coordinated', round }, (ok, value) => {
        if (value === GONE) return this.kidGone(kid);
        this.kidDone(kid, kidReport(kid, ok, value));
      });
    }
    const at = (when: number, f: () => void): void => {
      this.timers.push(setTimeout(f, Math.max(0, when - now())));
    };
    // Votes missing at decideBy: the root aborts; so may a child that has not voted.
    at(timeline.decideBy, () => this.abortUnvoted());
    // In doubt past giveUpAt: the record says what was decided, or nobody did and it never will.
    at(timeline.giveUpAt, () => this.settle(false));
    // After a long stop every timer is due at once and runs before the lines waiting on the
    // sockets are read: collecting one turn of the event loop later counts the answers that came.
    at(timeline.collectBy, () => setImmediate(() => this.collect()));
  }

  /** Looks again each time one of this process's threads prepares. */
  private watch(): void {
    if (this.outcome !== null || this.voted || this.ended) return;
    const g = roundWords(this.local.buffer);
    const seen = Atomics.load(g, Round.prepared);
    this.check();
    const w = (Atomics as unknown as { waitAsync(a: Int32Array, i: number, v: number): { async: boolean; value: Promise<unknown> | string } }).waitAsync(g, Round.prepared, seen);
    if (w.async) void (w.value as Promise<unknown>).then(() => this.watch());
    else setImmediate(() => this.watch());
  }

  kidPrepared(kid: Child): void {
    this.votes.add(kid.pid);
    this.check();
  }

  kidGone(kid: Child): void {
    if (this.reports.has(kid.pid) && !this.gone.has(kid.pid)) return;
    this.gone.add(kid.pid);
    this.reports.set(kid.pid, failedProcess(kid.pid, 'the process exited during the update', undefined, { version: null, state: 'exited' }));
    if (this.ended) return this.late(kid.pid);
    this.check();
    this.maybeEnd();
  }

  private kidDone(kid: Child, report: UpdateReport): void {
    if (this.reports.has(kid.pid) && !this.gone.has(kid.pid) && !this.ended) return;
    this.reports.set(kid.pid, report);
    if (report.applied) kid.runs = report.to;
    if (this.ended) return this.late(kid.pid);
    // A report before the decision is a vote against (the child could not prepare).
    if (!report.applied && this.outcome === null) this.abortUnvoted();
    this.maybeEnd();
  }

  /** Every thread here and every child's subtree prepared: a child votes, the root decides. */
  check(): void {
    if (this.outcome !== null || this.voted || this.ended) return;
    const g = roundWords(this.local.buffer);
    if (Atomics.load(g, Round.decision) !== UNDECIDED) return;
    if (Atomics.load(g, Round.prepared) < Atomics.load(g, Round.expected)) return;
    if (this.kids.some((k) => !this.votes.has(k.pid) && !this.gone.has(k.pid))) return;
    if (this.up) {
      this.voted = true;
      send(this.up.socket, { type: 'prepared', round: this.ref.id });
      atPhase('prepared', this.up.socket);
      return;
    }
    const commit = now() < this.ref.timeline.decideBy;
    // A root paused here has chosen but not claimed: the record still decides (decisionRecord.ts).
    atPhase('prepared');
    this.settle(commit);
  }

  /** Aborts if this process may still (it has not voted); after its vote only the tree decides. */
  private abortUnvoted(): void {
    if (this.outcome === null && !this.voted) this.settle(false);
  }

  /**
   * Decides through the record: a claim, then what the record says (the first claim's outcome).
   * Only the root ever proposes COMMIT; without a readable record it cannot commit safely.
   */
  private settle(commit: boolean): void {
    if (this.outcome !== null) return;
    // A dry run is decided ABORT whatever the votes: no record of it can make a process commit.
    // Each process's report says whether its part would apply (it got as far as its vote).
    if (this.plan.options.dryRun === true) commit = false;
    let outcome = commit;
    if (this.ref.record) {
      const recorded = claimRecord(this.ref.record, commit ? 'commit' : 'abort');
      outcome = recorded === null ? false : recorded === 'commit';
    }
    this.apply(outcome);
  }

  /** The parent's decision. */
  fromParent(round: string, commit: boolean): void {
    if (round === this.ref.id) this.apply(commit);
  }

  /**
   * The parent's connection closed. Before its vote this process aborts; after it, the decision
   * may have been made (the root may even have committed and died): the record says, else it
   * waits for giveUpAt like any process in doubt.
   */
  parentGone(): void {
    if (this.outcome !== null) return;
    if (!this.voted) return this.settle(false);
    const recorded = this.ref.record ? readRecord(this.ref.record) : null;
    if (recorded) this.apply(recorded === 'commit');
  }

  /** The outcome is known here: this process's threads and its children follow it. */
  private apply(commit: boolean): void {
    if (this.outcome !== null) return;
    this.outcome = commit;
    remember(this.ref.id, commit);
    atPhase('decided');
    decide(this.local.buffer, commit ? COMMIT : ABORT);
    // The watcher waiting on the prepared count (watch) need not wait any more.
    Atomics.notify(roundWords(this.local.buffer), Round.prepared);
    for (const kid of this.kids) {
      if (!this.gone.has(kid.pid) && children.get(kid.pid) === kid) send(kid.socket, { type: 'decision', round: this.ref.id, commit });
    }
    if (this.ended) return;
    this.maybeEnd();
  }

  private localDone(reply: Reply): void {
    this.localReport = localReport(reply);
    if (!this.localReport.applied) this.abortUnvoted();
    this.maybeEnd();
  }

  /** collectBy: whoever has not answered is listed as silent, with what this process knows of it. */
  private collect(): void {
    if (this.ended) return;
    // Decided by now (decideBy and giveUpAt came first); this only ends the waiting.
    this.local.giveUpUnprepared();
    for (const kid of this.kids) {
      if (this.reports.has(kid.pid) || this.gone.has(kid.pid)) continue;
      // Under ABORT a silent child is known to run what it ran (only a COMMIT moves a process);
      // under COMMIT it moves when it runs again, and nobody can say when: unknown.
      const note = this.outcome ? 'voted prepared; the decision (commit) was sent to it' : `${this.votes.has(kid.pid) ? 'voted prepared' : 'did not vote'}; the decision is abort, so it cannot have moved`;
      const known = this.outcome ? null : kid.runs ?? OWN_FILES;
      this.reports.set(kid.pid, failedProcess(kid.pid, `no answer by the round's end (${note})`, undefined, { version: known, state: 'silent', silentSince: silentSince(kid) ?? now(), note }));
    }
    this.maybeEnd();
  }

  private maybeEnd(): void {
    if (this.ended || !this.localReport || this.outcome === null) return;
    if (this.kids.some((k) => !this.reports.has(k.pid))) return;
    this.ended = true;
    for (const t of this.timers) clearTimeout(t);
    trees.delete(this);
    if (this.up?.round === this) this.up.round = undefined;
    for (const kid of this.kids) if (kid.round === this) kid.round = undefined;
    this.report = this.build();
    keepTree(this.report);
    this.respond({ ok: true, result: this.report });
  }

  private build(): UpdateReport {
    const kids = this.kids.filter((k) => !this.gone.has(k.pid) || this.reports.has(k.pid)).map((k) => this.reports.get(k.pid)!);
    const report = treeReport(this.localReport!, kids, 'coordinated');
    report.decision = this.outcome ? 'commit' : 'abort';
    for (const p of report.processes ?? []) {
      if (!report.applied && p.applied === false && p.reason?.includes(ABORTED)) p.reason = `${PROCESS_ABORTED}: ${report.reason}`;
    }
    return report;
  }

  /**
   * A child answered (or exited) after the round ended: the tree's summary that `restack status`
   * shows says so (the client has its report already; this is the truth since).
   */
  private late(pid: number): void {
    if (!this.report) return;
    const report = this.build();
    const noted = report.versions?.find((v) => v.pid === pid);
    if (noted) noted.note = `answered after the report (${new Date().toISOString()})`;
    this.report = report;
    keepTree(report);
  }
}


/**
 * An update of a process tree one process at a time: each child (with its own subtree) moves, then
 * this process; the others run on meanwhile (a cluster keeps serving). It stops at the first
 * process that cannot move: those that moved stay moved (undoing them would take the reverse
 * patch), those after it are not asked, and the report says which is which.
 */
class RollingRound {
  private readonly reports: UpdateReport[] = [];

  /**
   * progress: told after each process of the tree has moved or not (this process's children's and
   * theirs), for the client: a rolling update of many processes takes longer than one's timeout.
   */
  constructor(readonly plan: Plan, readonly kids: Child[], readonly respond: (reply: Reply) => void, readonly progress?: (note: Record<string, unknown>) => void) {}

  start(): void {
    trees.add(this);
    this.next(0);
  }

  /**
   * Updates one child (and its own children, rolling): its report, or a failed one if it exited or
   * gave no news for longer than an update of one process may take (its progress notes count).
   */
  private updateKid(kid: Child, then: () => void): void {
    const { patchDir, options, mode } = this.plan;
    const limitMs = rollingChildWaitMs(timeoutOf(options));
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    const settle = (report: UpdateReport | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (report) {
        if (report.applied) kid.runs = report.to;
        this.reports.push(report);
        this.progress?.({ pid: report.pid, applied: report.applied, to: report.to });
      }
      then();
    };
    // The child must start within ROLLING_START_WITHIN_MS of the request's sending: it then ends
    // before this process stops waiting for it (deadlines.ts), and
    // a child that could not read the request in time (stopped, swamped) does not move after
    // this process has reported it as not moved.
    const startBy = now() + ROLLING_START_WITHIN_MS;
    const id = askChild(kid, { type: 'update', patchDir, options: { ...options, mode }, tree: 'rolling', startBy }, (ok, value) => {
      settle(value === GONE ? null : kidReport(kid, ok, value));
    }, (note) => {
      // A grandchild moved: the child is alive and working through its own children.
      arm();
      this.progress?.(note);
    });
    const arm = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        forgetAsk(kid, id);
        settle(failedProcess(kid.pid, `no answer within ${limitMs / 1000} s`, undefined, { version: null, state: 'silent', silentSince: silentSince(kid) }));
      }, limitMs);
    };
    arm();
  }

  private next(i: number): void {
    // A dry run goes on through every process: each one's would apply.
    const stopped = this.reports.find((r) => !r.applied && !wouldApply(r));
    if (i < this.kids.length && !stopped) {
      const kid = this.kids[i];
      if (children.get(kid.pid) !== kid) return this.next(i + 1);
      this.updateKid(kid, () => this.next(i + 1));
      return;
    }
    if (stopped) {
      const why = `${NOT_ASKED}: process ${stopped.pid} could not move, and a rolling update stops there`;
      // Not asked: they run what they ran.
      for (const kid of this.kids.slice(i)) this.reports.push(failedProcess(kid.pid, why, stopped, { version: kid.runs ?? OWN_FILES, state: 'answered', note: 'not asked' }));
      return this.end(failedProcess(process.pid, why, stopped, { version: version?.label ?? OWN_FILES, state: 'answered', note: 'not asked' }));
    }
    updateThreads(this.plan, (reply) => this.end(localReport(reply)));
  }

  private end(local: UpdateReport): void {
    // Children forked while this update went on started on the version this process ran then: once
    // it has moved, they follow, so none is left behind on the old version.
    const late = local.applied ? [...children.values()].filter((k) => !this.kids.includes(k) && k.runs !== version?.label) : [];
    if (late.length === 0) {
      trees.delete(this);
      const report = treeReport(local, this.reports, 'rolling');
      keepTree(report);
      this.respond({ ok: true, result: report });
      return;
    }
    const kid = late[0];
    this.kids.push(kid);
    this.updateKid(kid, () => this.end(local));
  }
}

/** A child process's connection to its parent's coordinator. */
interface Upstream {
  socket: Socket;
  /** The coordinated round the parent's decision is for. */
  round?: CoordinatedRound;
}

let upstream: Upstream | null = null;

/**
 * Joins the parent's coordinator (a child process): says who it is, learns the version to start
 * on, then serves the parent's requests on the same connection. The parent may still be opening
 * its socket (it opens it when it forks its first child): connecting is retried for a while.
 */
function joinParent(socketPath: string, joined: (version: { label: string; dir: string } | null, warning?: string) => void): void {
  const started = now();
  const attempt = (): void => {
    const socket = connect(socketPath);
    let hello = false;
    socket.on('connect', () => write(socket, { id: 0, type: 'child', pid: process.pid }));
    socket.on('error', (e: NodeJS.ErrnoException) => {
      if (hello) return;
      if ((e.code === 'ENOENT' || e.code === 'ECONNREFUSED') && now() - started < JOIN_PARENT_MS) {
        setTimeout(attempt, 20);
        return;
      }
      hello = true;
      joined(null, `cannot reach the parent process's control socket ${socketPath}: ${e.message}`);
    });
    socket.on('close', () => {
      if (!hello || upstream?.socket !== socket) return;
      // The parent is gone: a round this process voted in may have been decided all the same.
      const round = upstream.round;
      upstream = null;
      round?.parentGone();
    });
    readLines(socket, (line) => {
      let m: unknown;
      try {
        m = JSON.parse(line);
      } catch {
        return;
      }
      if (!isObject(m)) return;
      if (!hello) {
        hello = true;
        const result = isObject(m.result) ? m.result : {};
        upstream = { socket };
        joined(isObject(result.version) ? result.version as { label: string; dir: string } : null);
      } else if (m.type === 'decision' && typeof m.round === 'string') {
        upstream?.round?.fromParent(m.round, m.commit === true);
      } else if (m.type === 'update' || m.type === 'status') {
        const id = m.id;
        route(m, (reply) => write(socket, { id, ...reply }), (note) => write(socket, { id, progress: note }));
      }
    });
  };
  attempt();
}


function request(socket: Socket, line: string): void {
  let req: unknown;
  try {
    req = JSON.parse(line);
  } catch {
    write(socket, { id: null, ok: false, error: 'malformed request: not JSON' });
    return;
  }
  if (!isObject(req)) {
    write(socket, { id: null, ok: false, error: 'malformed request: expected a JSON object' });
    return;
  }
  const child = childOf.get(socket);
  if (child) return fromChild(child, req);
  const clientId = req.id ?? null;
  if (req.type === 'child' && Number.isInteger(req.pid)) {
    // A child process's coordinator joins: it starts on the version this process runs (once an
    // atomic round in progress is decided), and takes part in every update from now on.
    const kid: Child = { pid: req.pid as number, socket, waiting: new Map(), notes: new Map(), sentAt: new Map(), runs: null };
    exempt(socket);
    childOf.set(socket, kid);
    children.set(kid.pid, kid);
    whenDecided(() => {
      kid.runs = version?.label ?? null;
      write(socket, { id: clientId, ok: true, result: { version } });
    });
    return;
  }
  const fail = (error: string): void => write(socket, { id: clientId, ok: false, error });
  if (req.type !== 'update' && req.type !== 'status') {
    fail(`unknown request type ${JSON.stringify(req.type) ?? 'undefined'} (expected 'update' or 'status')`);
    return;
  }
  if (req.type === 'update' && (typeof req.patchDir !== 'string' || !req.patchDir)) {
    fail('an update request needs patchDir (a non-empty string)');
    return;
  }
  if (req.options !== undefined && !isObject(req.options)) {
    fail('options must be a JSON object');
    return;
  }
  const answered = begin(socket);
  if (!answered) {
    fail(`too many requests in flight on this connection (at most ${MAX_IN_FLIGHT}); wait for their replies`);
    return;
  }
  // An answer for a client that left is dropped.
  route(req, (reply) => {
    answered();
    write(socket, { id: clientId, ...reply });
  }, (note) => write(socket, { id: clientId, progress: note }));
}

// Connections are bounded in number, in requests in flight and in idle time: controlConnections.ts.
const server = createServer((socket) => {
  if (!admit(socket)) return;
  readLines(socket, (line) => request(socket, line), () => {
    write(socket, { id: null, ok: false, error: `malformed request: a line longer than ${MAX_LINE} bytes` });
    socket.end();
  });
  socket.on('error', () => {});
  socket.on('close', () => {
    const child = childOf.get(socket);
    if (child) childGone(child);
  });
});
server.on('error', (e) => mainPort.postMessage({ control: 'error', message: e.message }));

/** Listens on the socket at `at`, then calls `listening`. */
function listen(at: string, listening: () => void): void {
  server.listen(at, () => {
    // The directory (0700) is the access control; the socket's own mode is a second fence.
    try {
      chmodSync(at, 0o600);
    } catch (e) {
      mainPort.postMessage({ control: 'error', message: `chmod 600 failed: ${(e as Error).message}` });
      server.close();
      return;
    }
    listening();
  });
}

// Ready once the socket listens (if there is one) and the parent answered (a child process).
let steps = (path === null ? 0 : 1) + (parent === null ? 0 : 1);
let warning: string | undefined;
const stepDone = (): void => {
  if (--steps <= 0) mainPort.postMessage({ control: 'listening', version, warning });
};
if (steps === 0) {
  // No socket: the channel only coordinates the process's threads.
  steps = 1;
  stepDone();
}
if (path !== null) listen(path, stepDone);
if (parent !== null) {
  joinParent(parent, (v, why) => {
    version = v;
    warning = why;
    stepDone();
  });
}
