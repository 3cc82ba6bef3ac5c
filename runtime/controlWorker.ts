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
 * A malformed line gets an error reply; nothing a client sends can stop the program.
 */
import { chmodSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { resolve } from 'node:path';
import { workerData, type MessagePort } from 'node:worker_threads';
import { Flag } from '../contract/index.js';
import { ABORT, ABORTED, COMMIT, decide, Round, roundBuffer, roundWords, THREAD_MODES, type ThreadMode } from './group.js';
import { packPatch, preparePatch, versionLabel, type PreparedPatch } from './patch.js';
import { newReport, type GroupTimings, type UpdateReport } from './report.js';

const { flags, port: mainPort, path } = workerData as { flags: SharedArrayBuffer; port: MessagePort; path: string | null };

/** Longest request line accepted. */
const MAX_LINE = 1 << 20;

const now = (): number => performance.timeOrigin + performance.now();

function write(socket: Socket, reply: object): void {
  if (!socket.destroyed && socket.writable) socket.write(JSON.stringify(reply) + '\n');
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

/** Answers the coordinator expects from threads, by the id it gave the request. */
const waiting = new Map<number, (ok: boolean, value: unknown) => void>();
let nextId = 1;

/** The version new threads start on: the newest the process moved to (null: the program's own files). */
let version: { label: string; dir: string } | null = null;

/** An atomic round in progress: new threads wait for its outcome before they start. */
let undecided: UpdateRound | null = null;
const heldBoots: Array<() => void> = [];

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

/** Hands a request to a thread: posted first, then its flags raised (it may be deep in a loop). */
function hand(t: Thread, message: Record<string, unknown>, answer: (ok: boolean, value: unknown) => void): void {
  const id = nextId++;
  waiting.set(id, answer);
  t.port.postMessage({ ...message, id });
  // Remote before pending: the engine clears pending and then reads remote (Engine.refreshPending).
  if (t.S) {
    Atomics.store(t.S, Flag.remote, 1);
    Atomics.store(t.S, Flag.pending, 1);
    wakeWaiter(t);
  }
}

type LinkMessage =
  | { type: 'wait-buffer'; id: number; kind: number; buffer: SharedArrayBuffer }
  | { type: 'wait-forget'; id: number }
  | { type: 'thread'; port: MessagePort; threadId: number; name: string }
  | { type: 'boot'; ask: number; flags: SharedArrayBuffer }
  | { type: 'refused'; why: string }
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
    } else if (m.type === 'thread') {
      adopt({ id: m.threadId, name: m.name, port: m.port, S: null, waitBuffers: new Map() });
    } else if (m.type === 'boot') {
      const answer = (): void => {
        if (threads.get(t.id) !== t) return;
        t.S = new Int32Array(m.flags);
        t.port.postMessage({ answer: m.ask, ok: true, result: { version } });
      };
      if (undecided) heldBoots.push(answer);
      else answer();
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

function isReport(v: unknown): v is UpdateReport {
  return isObject(v) && typeof v.applied === 'boolean' && isObject(v.timings);
}

/** A request from a client (the socket) or from the program (a thread's link), checked. */
function route(req: Record<string, unknown>, respond: (reply: Reply) => void): void {
  if (req.type === 'status') {
    const main = threads.get(0)!;
    hand(main, { type: 'status', options: {}, receivedAt: now() }, (ok, value) => {
      if (!ok) return respond({ ok: false, error: String(value) });
      const others = [...threads.values()].filter((t) => t.id !== 0 && t.S);
      respond({ ok: true, result: others.length && isObject(value) ? { ...value, threads: others.map((t) => ({ thread: t.id, name: t.name })) } : value });
    });
    return;
  }
  const patchDir = resolve(req.patchDir as string);
  const options = { ...(isObject(req.options) ? req.options : {}) };
  if (rounds.size > 0) return respond({ ok: false, error: 'another update is in progress' });
  let mode: ThreadMode = 'atomic';
  if (options.mode !== undefined) {
    if (!THREAD_MODES.includes(options.mode as ThreadMode)) return respond({ ok: false, error: `option mode: expected ${THREAD_MODES.map((m) => `'${m}'`).join(' or ')}` });
    mode = options.mode as ThreadMode;
    delete options.mode;
  }
  // The bundle is read here, with code caches for the threads: at the update point each only
  // compiles it (a busy program stops for that, not for the disk and the parse). The request
  // counts as received when it is handed over; the reading time travels with the bundle.
  const prepared = preparePatch(patchDir);
  const members = [...threads.values()].filter((t) => t.S !== null);
  if (members.length === 1) {
    hand(members[0], { type: 'update', patchDir, options, receivedAt: now(), prepared }, (ok, value) => {
      if (ok && isReport(value) && value.applied) version = { label: value.to, dir: patchDir };
      respond(ok ? { ok: true, result: value } : { ok: false, error: String(value) });
    });
    return;
  }
  const round = new UpdateRound(mode, members, patchDir, options, prepared, respond);
  rounds.add(round);
  round.start();
}

const rounds = new Set<UpdateRound>();

/** One update of all the process's threads. */
class UpdateRound {
  readonly buffer: SharedArrayBuffer;
  readonly reports = new Map<number, UpdateReport>();
  private timer: NodeJS.Timeout | undefined;
  private ended = false;
  private before = version;
  /** Members that exited during the round: not counted in its outcome. */
  private readonly gone = new Set<number>();
  /** The bundle, serialized once for all the threads. */
  private readonly packed: SharedArrayBuffer;

  constructor(
    readonly mode: ThreadMode,
    readonly members: Thread[],
    readonly patchDir: string,
    readonly options: Record<string, unknown>,
    readonly prepared: PreparedPatch,
    readonly respond: (reply: Reply) => void,
  ) {
    this.buffer = roundBuffer(members.length);
    this.packed = packPatch(prepared);
    Atomics.store(roundWords(this.buffer), Round.expected, members.length);
  }

  start(): void {
    if (this.mode === 'atomic') {
      undecided = this;
    } else if ('data' in this.prepared) {
      // Wait-free: the move is one way; threads started from now on start on the new version.
      version = { label: versionLabel(this.patchDir, typeof this.options.label === 'string' ? this.options.label : undefined), dir: this.patchDir };
    }
    this.members.forEach((t, slot) => {
      t.refused = undefined;
      hand(t, { type: 'update', patchDir: this.patchDir, options: this.options, receivedAt: now(), packed: this.packed, group: { mode: this.mode, buffer: this.buffer, slot } },
        (ok, value) => this.arrived(t, isReport(value) ? value : failed(t, ok ? 'the thread answered with something that is not a report' : String(value))));
    });
    const timeoutMs = typeof this.options.timeoutMs === 'number' ? this.options.timeoutMs : 10_000;
    // Each thread times out on its own; this is for one that cannot answer any more.
    this.timer = setTimeout(() => {
      decide(this.buffer, ABORT);
      for (const t of this.members) {
        if (!this.reports.has(t.id)) this.reports.set(t.id, failed(t, `no answer within ${timeoutMs} ms${t.refused ? ` (last refusal: ${t.refused})` : ''}`));
      }
      this.end();
    }, timeoutMs + 2000);
  }

  private arrived(t: Thread, report: UpdateReport): void {
    if (this.ended) return;
    report.threadName ??= t.name;
    this.reports.set(t.id, report);
    if (this.mode === 'atomic' && !report.applied) decide(this.buffer, ABORT);
    if (this.reports.size >= this.members.length) this.end();
  }

  /** A member exited during the round: the others need not wait for it. */
  exited(t: Thread): void {
    if (this.ended || !this.members.includes(t) || this.reports.has(t.id)) return;
    const g = roundWords(this.buffer);
    Atomics.sub(g, Round.expected, 1);
    if (Atomics.load(g, Round.delegated) === 0 && Atomics.load(g, Round.prepared) >= Atomics.load(g, Round.expected)) decide(this.buffer, COMMIT);
    this.gone.add(t.id);
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

/** A thread that could not answer with a report of its own. */
function failed(t: Thread, reason: string): UpdateReport {
  return { ...newReport('?', '?'), thread: t.id, threadName: t.name, reason };
}

/** Why a round did not apply: the first thread's own reason that is not the round's abort. */
function cause(reports: UpdateReport[]): string {
  const own = reports.find((r) => !r.applied && r.reason && r.reason !== ABORTED) ?? reports.find((r) => !r.applied);
  if (!own) return 'not every thread moved';
  return `thread ${own.thread}${own.threadName ? ` (${own.threadName})` : ''}: ${own.reason ?? 'did not move'}`;
}

function median(xs: number[]): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The group's figures from its threads' reports. */
function groupTimings(reports: UpdateReport[]): GroupTimings {
  const reached = reports.filter((r) => r.reached);
  const q = reached.map((r) => r.timings.requestToPointMs);
  const stops = reached.map((r) => r.timings.stoppedAt).filter((x): x is number => x !== undefined);
  const resumes = reached.map((r) => r.timings.resumedAt).filter((x): x is number => x !== undefined);
  return {
    threads: reports.length,
    quiescenceMedianMs: median(q),
    quiescenceMaxMs: q.length ? Math.max(...q) : 0,
    pauseMs: stops.length && resumes.length ? Math.max(...resumes) - Math.min(...stops) : 0,
    threadPauseMaxMs: reached.length ? Math.max(...reached.map((r) => r.timings.pauseMs)) : 0,
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
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
  const clientId = req.id ?? null;
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
  // An answer for a client that left is dropped.
  route(req, (reply) => write(socket, { id: clientId, ...reply }));
}

const server = createServer((socket) => {
  let buffer = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
      const line = buffer.slice(0, i).trim();
      buffer = buffer.slice(i + 1);
      if (line) request(socket, line);
    }
    if (buffer.length > MAX_LINE) {
      write(socket, { id: null, ok: false, error: `malformed request: a line longer than ${MAX_LINE} bytes` });
      socket.end();
      buffer = '';
    }
  });
  socket.on('error', () => {});
});
server.on('error', (e) => mainPort.postMessage({ control: 'error', message: e.message }));
if (path === null) {
  // No socket: the channel only coordinates the process's threads.
  mainPort.postMessage({ control: 'listening' });
} else {
  server.listen(path, () => {
    // The directory (0700) is the access control; the socket's own mode is a second fence.
    try {
      chmodSync(path, 0o600);
    } catch (e) {
      mainPort.postMessage({ control: 'error', message: `chmod 600 failed: ${(e as Error).message}` });
      server.close();
      return;
    }
    mainPort.postMessage({ control: 'listening' });
  });
}
