/**
 * Running the user's code of an update (transformers, the new version's module code) under the
 * update's deadline (decision 0004).
 *
 * A synchronous loop that never returns cannot be interrupted by anything running in its own
 * thread, and the update runs on the program's thread (it must: the frames it moves are there).
 * V8 can stop a thread's JavaScript from another thread (TerminateExecution), and Node exposes
 * exactly that as the `timeout` of a vm script: a watchdog thread stops the script and everything
 * it calls, then Node turns the stop into an ordinary exception. So the code an update runs is
 * called from a one-line script in a context of its own, with the time left before the deadline.
 *
 * A stop skips every `finally` between the watchdog and the script, the runtime's included: the
 * caller must leave nothing half-done that it cannot put back from outside (the engine forgets
 * the new version's module handles, undoes the journal and the effects).
 *
 * Cost: one watchdog per guarded call, once per update (scripts/bench-transaction.js).
 */
import vm from 'node:vm';
import { MathCeil, MathMax } from '../core/primordials.js';

const context = vm.createContext({ task: null as null | (() => unknown) });
const script = new vm.Script('task()', { filename: 'restack:update-deadline' });

export class DeadlinePassed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeadlinePassed';
  }
}

/**
 * Runs `task` and returns what it returns, or throws DeadlinePassed if it is still running
 * `ms` milliseconds from now (what it threw otherwise).
 */
export function withDeadline<T>(ms: number, task: () => T): T {
  const limit = MathMax(1, MathCeil(ms));
  const outer = context.task;
  context.task = task;
  try {
    return script.runInContext(context, { timeout: limit }) as T;
  } catch (e) {
    if ((e as { code?: string })?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw new DeadlinePassed(`stopped after ${limit} ms`);
    throw e;
  } finally {
    context.task = outer;
  }
}
