/**
 * The contract between compiled code and the runtime: reserved identifiers, the shape of the
 * metadata the compiler emits, and the one helper both sides use to find continuation-point call
 * lines in generated code. compiler/ and runtime/ both import this module and nothing of each
 * other.
 */

/** Bumped whenever compiled code and runtime stop understanding each other. */
export const PROTOCOL_VERSION = 1;

/** Key of the runtime object on globalThis (a registered symbol, so realms agree). */
export const RUNTIME_KEY = 'restack.runtime';

/**
 * Reserved identifiers. User code must not use the `__rs` prefix; the compiler reports a clash.
 * They are short because they appear at every call site of compiled code.
 */
export const R = {
  /** The runtime object (module header). */
  runtime: '__rsR',
  /** Int32Array of flags read by compiled code: see Flag. */
  state: '__rsS',
  /** Per-module handle returned by runtime.module(...): save/resume entry points. */
  module: '__rsM',
  /** Restore functions: their single parameter, the frame record. */
  record: '__rsRec',
  /** Restore functions: saved locals array. */
  locals: '__rsL',
  /** Restore functions: module-unique id of the continuation point being re-entered. */
  target: '__rsT',
  /** Restore functions: true until the target continuation point is reached. */
  restoring: '__rsMode',
  /** Restore functions: the frame's `this`, `arguments`, `new.target` and environment. */
  self: '__rsSelf',
  args: '__rsArgs',
  newTarget: '__rsNT',
  env: '__rsEnv',
  /** Restore functions: the next frame's record while it is being rebuilt. */
  next: '__rsQ',
  /** Prefix of temporaries introduced by the compiler. */
  tempPrefix: '__rst',
  /** Hoisted function returning the module's line table: [call lines, their cp ids, park lines, wrapper lines]. */
  lines: '__rsLines',
  /** Prefix of restore functions (module-level function declarations). */
  restorePrefix: '__rsRestore',
  /** A compiled generator's wrapper: its activation (runtime GenActivation). */
  activation: '__rsI',
  /** A compiled async generator's wrapper: its activation (runtime AsyncGenActivation). */
  asyncActivation: '__rsJ',
  /** The parameter of a module state accessor's setters (a rollback assigns bindings back). */
  stateValue: '__rsV',
  prefix: '__rs',
} as const;

/** Indexes into the shared flag array. Compiled code reads them with a plain element load. */
export const Flag = {
  /** Non-zero when an update is pending: update points call into the runtime. */
  pending: 0,
  /** Non-zero while frames are being unwound: call sites save their record and return. */
  unwinding: 1,
  /**
   * Raised (with `pending`) by another thread that posted a request for this one (the control
   * channel): the runtime takes the requests at the next update point. Not read by compiled code.
   */
  remote: 2,
  /**
   * Where the thread sleeps in Atomics.wait (runtime/blocking.ts): the id of the buffer, as posted
   * to the control worker (0: not waiting), and the element index. Not read by compiled code.
   */
  waitId: 3,
  waitIndex: 4,
  /**
   * Raised by the coordinator before each notify it makes to wake a thread for an update: a
   * thread woken with 'ok' while its own update is not pending and the value unchanged compares
   * it with what it was before it slept, and sleeps on (another thread's wake-up, not its own).
   */
  wakes: 5,
} as const;

/** Number of Int32 slots of the flags buffer. */
export const FLAG_SLOTS = 8;

/** Method names on the module handle, as emitted by the compiler. */
/**
 * Marks a transaction: a function whose body starts with the directive `'restack atomic'`, or a
 * block whose first statement is that string. No update happens while a frame is inside one.
 */
export const ATOMIC = 'restack atomic';

export const M = {
  /** up(cpId): an update point asks whether to capture now. */
  up: 'up',
  /** s(cpId, locals, self, env, args, newTarget): save a normal-variant frame. */
  save: 's',
  /** z(...): save a frame running in its restore function (same arguments). */
  saveRestored: 'z',
  /** c(...): save a constructor frame (unwinds returning undefined, so `new` yields `this`). */
  saveConstructor: 'c',
  /** done(): the top frame reached its update point again; the rebuild is complete. */
  resumed: 'd',
} as const;

/**
 * A call, an update point, an await of an async function (a call the event loop resumes), or a
 * yield (or yield*) of a generator (a call the program resumes with next()).
 */
export type CpKind = 'call' | 'update' | 'await' | 'yield';

export interface SourceLoc {
  line: number;
  column: number;
}

export interface CpMeta {
  /** Number of the continuation point within its function, in source order, from 0. */
  cp: number;
  /** Module-unique id (what compiled code passes to the runtime). */
  id: number;
  kind: CpKind;
  /** Source text of the callee for calls; 'UPDATE_POINT', 'loop' or 'entry' for update points. */
  callee: string;
  loc: SourceLoc;
  /** Names of the variables saved there (in scope and initialised), in slot order. */
  live: string[];
  /** Inside a transaction ('restack atomic'): an update never happens while a frame is here. */
  atomic?: boolean;
}

export interface FunctionMeta {
  /** Stable id: module path + '#' + enclosing names. */
  id: string;
  name: string;
  kind: 'function' | 'arrow' | 'method' | 'getter' | 'setter' | 'constructor' | 'generator' | 'async' | 'async generator';
  loc: SourceLoc;
  /** sha256 of the function's source text, to tell changed functions from unchanged ones. */
  hash: string;
  /** False when activations of this function cannot be captured; reason says why. */
  capturable: boolean;
  reason?: string;
  /** Local variable of each record slot. */
  slots: string[];
  cps: CpMeta[];
}

export interface Diagnostic {
  kind: 'non-updatable';
  message: string;
  function: string;
  loc: SourceLoc;
}

export interface ModuleMeta {
  protocol: number;
  /** Module path as given to the compiler (relative to the compile root). */
  module: string;
  sourceKind: 'module' | 'commonjs';
  updatePoints: UpdatePointPolicy;
  /** Which calls are continuation points (absent in metadata written before the option: 'all'). */
  callPoints?: CallPointPolicy;
  functions: FunctionMeta[];
  diagnostics: Diagnostic[];
  /** Generated line (1-based) of each continuation-point call, keyed by module-unique cp id. */
  callLines: Record<string, number>;
}

export type UpdatePointPolicy = 'explicit' | 'loops' | 'all';

/**
 * 'all': every call is a continuation point. 'except-builtins': a direct call of a method whose
 * name is in BUILTIN_METHODS (compiler/passes/linearizeCalls.ts), with no call in its receiver or
 * arguments, is not: it stays as written, and a frame inside it waits for it to return.
 */
export type CallPointPolicy = 'all' | 'except-builtins';

/** The compile settings continuation-point numbers depend on: both versions of a patch need the same. */
export interface CpPolicies {
  updatePoints: UpdatePointPolicy;
  callPoints: CallPointPolicy;
}

const CHECK_LINE = /^\s*if \(__rsS\[1\] !== 0\) return (?:__rsx = true, )?__rsM\.[szc]\((\d+),/;
const WRAPPER_LINE = /^\s*return yield\* __rsI;/;
const UPDATE_LINE = /^\s*if \((?:!__rsMode && )?(?:__rsS\[0\] !== 0|\(__rsS\[0\] !== 0 \|\| __rsM\.o !== 0\)|__rsM\.o !== 0) && __rsM\.up\((\d+)(?:, 1)?\)\)/;

/**
 * Finds, in generated code, the line of every continuation-point call. The compiler prints each
 * such call as one statement immediately followed by its unwinding check, and the check names
 * the cp id; V8 reports a frame suspended in that call at the call's line. Returns a map from
 * 1-based line to cp id. Both the compiler (for metadata) and the runtime (to validate a stack
 * before unwinding it) use this, so they cannot disagree.
 */
export function scanCallLines(code: string): Map<number, number> {
  return scanLines(code).calls;
}

/** Lines of generated code the runtime checks a stack against (scanLines). */
export interface LineTable {
  /** Line of each continuation-point call, to its module-unique cp id. */
  calls: Map<number, number>;
  /**
   * Lines where a frame can be parked: the save statements (check and update-point lines). A
   * frame that was the bottom of a rebuilt stack waits there, inside the runtime, for its restore
   * function to finish; it is a base like the event loop, not a frame to unwind.
   */
  parks: Set<number>;
  /**
   * The `yield*` lines of compiled generators' wrappers: a wrapper frame stands between a running
   * generator body and the frame that called next() on the generator.
   */
  wrappers: Set<number>;
}

export function scanLines(code: string): LineTable {
  const calls = new Map<number, number>();
  const parks = new Set<number>();
  const wrappers = new Set<number>();
  const lines = code.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = CHECK_LINE.exec(lines[i]);
    if (m) {
      if (i > 0) calls.set(i, Number(m[1]));
      parks.add(i + 1);
    } else if (UPDATE_LINE.test(lines[i])) {
      parks.add(i + 1);
    } else if (WRAPPER_LINE.test(lines[i])) {
      wrappers.add(i + 1);
    }
  }
  return { calls, parks, wrappers };
}
