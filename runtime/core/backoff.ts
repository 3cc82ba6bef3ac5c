/**
 * The backoff of an update point that keeps being refused (an update's, the storm's): how many
 * of its next visits go on without examining the stack.
 */
import { MathFloor, MathMax, MathMin } from './primordials.js';

/** Most of the program's time between two examinations of an update point that keeps being refused (Backoff.skips). */
export const RETRY_MS = 1;

/** Whether this visit of the point (top, cp) goes on without examining the stack (Backoff.skips); counts it. */
export function skipVisit(b: Backoff, top: object | null, cp: number): boolean {
  if (!(b.skips! > 0) || b.skipTop !== top || b.skipCp !== cp) return false;
  b.skips!--;
  return true;
}

/**
 * The examination of the point (top, cp) that started at `started` refused an update, and ended
 * at `end`: sets how many of its next visits skip (Backoff.skips).
 */
export function backOff(b: Backoff, started: number, end: number, top: object | null, cp: number): void {
  if (b.refusedAt !== undefined && b.skipTop === top && b.skipCp === cp) {
    const perVisit = MathMax((started - b.refusedAt) / (b.skipBudget! + 1), 1e-5);
    b.skipBudget = MathMax(1, MathMin(2 * b.skipBudget!, MathFloor(RETRY_MS / perVisit)));
  } else {
    b.skipTop = top;
    b.skipCp = cp;
    b.skipBudget = 0;
  }
  b.skips = b.skipBudget;
  b.refusedAt = end;
}

/** How often an update point that keeps being refused is examined again (an update's, the storm's). */
export interface Backoff {
  /**
   * After a refusal at an update point, the next `skips` times the program reaches that same
   * point (skipTop, skipCp) it goes on without examining the stack: an examination costs a stack
   * walk, and a hot loop reaches its point millions of times a second while a frame below it
   * cannot move (a callback of a builtin, a user method called like a builtin's, until it
   * returns). Each refusal at the same point doubles the count, up to about RETRY_MS of the
   * program's time between examinations, and the wait grows by at most that much. Any other point
   * is examined at once: the stack below it is another (the frame that held the update may have
   * returned). Visits that skip still call into the runtime, so a tight loop runs several times
   * slower while the update waits (scripts/bench-waiting.js). Lowering the pending flag instead,
   * and raising it again from another thread, was tried and does not work: a point reached once
   * in a while (the caller's loop, between two calls of the method that holds the update) almost
   * never comes while the flag is up, since the refused point lowers it again at once.
   */
  skips?: number;
  skipBudget?: number;
  skipTop?: object | null;
  skipCp?: number;
  /** performance.now() at the end of the last refusal. */
  refusedAt?: number;
}

