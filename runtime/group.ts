/**
 * Updates of several threads together: the shared words of one round of a group update, and the
 * barrier an atomic round's threads wait at.
 *
 * The coordinator (the control worker, controlWorker.ts) starts a round by handing every thread of
 * the process the same request with a slot in a fresh SharedArrayBuffer. In an atomic round each
 * thread reaches an update point, captures its stack, maps it and evaluates the new version, then
 * calls `awaitDecision`: it marks its slot prepared and sleeps until the round is decided. The
 * last thread to prepare decides COMMIT itself (no hop through another thread's event loop),
 * unless the round is delegated: the process is a child of another restack process, whose
 * coordinator decides for the whole tree (the control worker asks it and writes the answer). A
 * thread that refuses (its mapping fails, a transformer throws, its deadline passes) makes the
 * coordinator decide ABORT: every thread then rebuilds its stack in the version it was running.
 *
 * The decision is written once (compare-and-exchange from UNDECIDED), so a late COMMIT can never
 * follow an ABORT or the other way round.
 */
/** Word indexes of a round's buffer. */
export const Round = {
  /** UNDECIDED, COMMIT or ABORT. */
  decision: 0,
  /** Threads prepared so far. */
  prepared: 1,
  /** Threads expected to prepare (lowered by the coordinator when one exits). */
  expected: 2,
  /** 1: the coordinator decides (a child process asks its parent); 0: the last to prepare does. */
  delegated: 3,
  /** 1 once the coordinator raised every thread's flags (releaseHanded). */
  handed: 4,
  /** First per-thread slot: 1 once that thread prepared. */
  slots: 5,
} as const;

export const UNDECIDED = 0;
export const COMMIT = 1;
export const ABORT = 2;

export type ThreadMode = 'atomic' | 'wait-free';
export const THREAD_MODES: readonly ThreadMode[] = ['atomic', 'wait-free'];

/** A thread's part in a round, as the coordinator hands it over with the request. */
export interface GroupRole {
  mode: ThreadMode;
  /** The round's words (atomic rounds). */
  buffer: SharedArrayBuffer;
  slot: number;
}

/**
 * Size of a round's buffer for n threads: its words, then (its last 8 bytes, aligned) when the
 * threads were asked, a float64.
 */
export function roundBuffer(n: number): SharedArrayBuffer {
  return new SharedArrayBuffer(Math.ceil(((Round.slots + n) * Int32Array.BYTES_PER_ELEMENT) / 8) * 8 + Float64Array.BYTES_PER_ELEMENT);
}

/**
 * The coordinator posts a round's request to every thread first and only then raises their flags,
 * all at once: it notes that moment here (absolute ms; each thread's time to its update point
 * counts from it) before it raises the first, then calls releaseHanded.
 */
export function markHanded(buffer: SharedArrayBuffer, at: number): void {
  handedSlot(buffer)[0] = at;
}

/** The float64 at the end of a round's buffer (roundBuffer). */
function handedSlot(buffer: SharedArrayBuffer): Float64Array {
  return new Float64Array(buffer, buffer.byteLength - Float64Array.BYTES_PER_ELEMENT, 1);
}

/** The flags are up: wakes the threads waiting in awaitHanded. */
export function releaseHanded(buffer: SharedArrayBuffer): void {
  const g = roundWords(buffer);
  Atomics.store(g, Round.handed, 1);
  Atomics.notify(g, Round.handed);
}

/**
 * A thread idle in its event loop got the round's message while the coordinator was still posting
 * it to the others: it sleeps until the flags are up (at most maxMs). Taking the request at once
 * would keep a core from the coordinator when the machine has no idle one, and the threads still
 * to be asked would be asked that much later.
 */
export function awaitHanded(buffer: SharedArrayBuffer, maxMs: number): void {
  const g = roundWords(buffer);
  if (Atomics.load(g, Round.handed) === 0) Reflect.apply(nativeWait, Atomics, [g, Round.handed, 0, maxMs]);
}

/** When the round's flags were raised (absolute ms), 0 while they are not yet. */
export function handedAt(buffer: SharedArrayBuffer): number {
  return handedSlot(buffer)[0];
}

const views = new WeakMap<SharedArrayBuffer, Int32Array>();

/** The words of a round's buffer (one view per buffer: an update point consults it at every visit). */
export function roundWords(buffer: SharedArrayBuffer): Int32Array {
  let g = views.get(buffer);
  if (!g) {
    g = new Int32Array(buffer);
    views.set(buffer, g);
  }
  return g;
}

// The builtin, taken before restack's blocking calls replace it (an update must not wake this wait).
const nativeWait = Atomics.wait;

const now = (): number => performance.timeOrigin + performance.now();

/**
 * This thread is prepared: waits until the round is decided. True to commit.
 *
 * In a round of one process's threads, past `deadline` (absolute ms) it decides ABORT itself: the
 * decision word is the only one, so a late COMMIT by the last thread loses to it. In a delegated
 * round (a process tree) it never does: once every thread prepared, the process voted PREPARED,
 * and the root may have decided COMMIT; only the coordinator writes the decision here, from the
 * tree's single record of it (docs/decisions/0005-process-tree-decision.md), and it always does
 * by its give-up time (deadlines.ts).
 */
export function awaitDecision(role: GroupRole, deadline: number): boolean {
  const g = roundWords(role.buffer);
  Atomics.store(g, Round.slots + role.slot, 1);
  const prepared = Atomics.add(g, Round.prepared, 1) + 1;
  if (Atomics.load(g, Round.delegated) === 0 && prepared >= Atomics.load(g, Round.expected)) {
    Atomics.compareExchange(g, Round.decision, UNDECIDED, COMMIT);
    Atomics.notify(g, Round.decision);
  } else {
    Atomics.notify(g, Round.prepared);
  }
  for (;;) {
    const d = Atomics.load(g, Round.decision);
    if (d !== UNDECIDED) return d === COMMIT;
    if (Atomics.load(g, Round.delegated) !== 0) {
      Reflect.apply(nativeWait, Atomics, [g, Round.decision, UNDECIDED]);
      continue;
    }
    const left = deadline - now();
    if (left <= 0) {
      Atomics.compareExchange(g, Round.decision, UNDECIDED, ABORT);
      Atomics.notify(g, Round.decision);
      continue;
    }
    Reflect.apply(nativeWait, Atomics, [g, Round.decision, UNDECIDED, left]);
  }
}

/** The round was decided ABORT (another thread refused, or the deadline passed). */
export function aborted(role: GroupRole): boolean {
  return Atomics.load(roundWords(role.buffer), Round.decision) === ABORT;
}

/** Decides a round (once): true if this call's decision is the one that holds. */
export function decide(buffer: SharedArrayBuffer, decision: typeof COMMIT | typeof ABORT): boolean {
  const g = roundWords(buffer);
  const won = Atomics.compareExchange(g, Round.decision, UNDECIDED, decision) === UNDECIDED;
  Atomics.notify(g, Round.decision);
  return won;
}

/** Why a thread of an atomic round that could move did not (its report's reason). */
export const ABORTED = 'rolled back with every thread: another thread could not move, or did not reach an update point in time (the group report says which)';
