// The job queue: a ring of job ids in a SharedArrayBuffer, filled by the main thread (the only
// producer) and emptied by the workers, with a limit on the number of jobs in progress at once.
// Int32 slots:
//
//   HEAD    the next slot to take; only grows (a worker advances it with compareExchange)
//   TAIL    the next slot to fill; only grows (the main thread alone writes it)
//   SEQ     bumped by every enqueue and by close: the word idle workers sleep on (Atomics.wait)
//   CLOSED  1 once the main thread has enqueued the last job
//   CAP     the ring's capacity; the ring itself starts at slot RING
//   ACTIVE  jobs in progress: a worker counts itself in before it takes a job, out when it is done
//   LIMIT   at most this many in progress; workers over the limit sleep on ACTIVE (Atomics.wait)
//
// Every version reads and writes this layout the same way.

const HEAD = 0;
const TAIL = 1;
const SEQ = 2;
const CLOSED = 3;
const CAP = 4;
const ACTIVE = 5;
const LIMIT = 6;
const RING = 8;

/**
 * A new empty queue of `capacity` job ids with at most `limit` jobs in progress at once: its
 * SharedArrayBuffer (workers get it in workerData).
 */
export function createQueue(capacity, limit) {
  const buffer = new SharedArrayBuffer((RING + capacity) * 4);
  const q = new Int32Array(buffer);
  q[CAP] = capacity;
  q[LIMIT] = limit;
  return buffer;
}

/** Appends a job id (main thread only); false if the ring is full. Wakes one sleeping worker. */
export function enqueue(q, job) {
  const tail = Atomics.load(q, TAIL);
  if (tail - Atomics.load(q, HEAD) >= q[CAP]) return false;
  Atomics.store(q, RING + (tail % q[CAP]), job);
  Atomics.store(q, TAIL, tail + 1);
  Atomics.add(q, SEQ, 1);
  Atomics.notify(q, SEQ, 1);
  return true;
}

/** No more jobs will come (main thread only): wakes every worker sleeping on the queue. */
export function closeQueue(q) {
  Atomics.store(q, CLOSED, 1);
  Atomics.add(q, SEQ, 1);
  Atomics.notify(q, SEQ);
}

/** Counts the caller out of the jobs in progress, and wakes one worker waiting to count in. */
export function release(q) {
  Atomics.sub(q, ACTIVE, 1);
  Atomics.notify(q, ACTIVE, 1);
}

/**
 * Takes the next job id: counts the caller in among the jobs in progress (sleeping in
 * Atomics.wait while LIMIT are), then takes the oldest job (sleeping while the queue is empty).
 * The caller calls release(q) once the job is done. Returns -1, counted out, once the queue is
 * closed and empty. A slot is read before the compareExchange that claims it: the producer cannot
 * overwrite it while HEAD has not passed it. Every wait is in a loop: a wake-up only means "look
 * again".
 */
export function take(q) {
  for (;;) {
    const active = Atomics.load(q, ACTIVE);
    if (active >= q[LIMIT]) Atomics.wait(q, ACTIVE, active);
    else if (Atomics.compareExchange(q, ACTIVE, active, active + 1) === active) break;
  }
  for (;;) {
    const seq = Atomics.load(q, SEQ);
    const head = Atomics.load(q, HEAD);
    if (head < Atomics.load(q, TAIL)) {
      const job = Atomics.load(q, RING + (head % q[CAP]));
      if (Atomics.compareExchange(q, HEAD, head, head + 1) === head) return job;
    } else if (Atomics.load(q, CLOSED) === 1) {
      release(q);
      return -1;
    } else {
      Atomics.wait(q, SEQ, seq);
    }
  }
}
