/**
 * What compiled code and the runtime share at run time: the protocol version, the reserved
 * identifiers compiled code is written with, the flag array it reads, and one interface per object
 * it reaches through those identifiers:
 *
 *   __rsR   the runtime object        RuntimeABI       (runtime/engine.ts Engine implements it)
 *   __rsM   the module's handle       ModuleHandleABI  (runtime/engine.ts ModuleHandle implements it)
 *   __rsRec a frame record            FrameRecordABI   (the runtime's FrameRecord is this type)
 *   __rsU   a patch module's loader   LoaderABI        (runtime/migrate.ts makes one per module)
 *
 * The compiler names every member through `keyof` these interfaces (compiler/runtimeRef.ts), so
 * renaming a member on one side and not the other fails the build instead of a program at run
 * time. The *_MEMBERS objects list the same names as values, for tests that look at compiled
 * output; `satisfies` keeps each in step with its interface.
 */

/**
 * CONTRACT: the version compiled code passes to `__rsR.module(...)`; the runtime refuses a module
 * compiled for another. Bump it whenever compiled output changes in a way an older runtime (or an
 * older compiled module, a newer runtime) would misread: a member renamed or removed, an argument
 * added or reordered, a flag moved. Renaming things on the TypeScript side only does not change
 * compiled output and needs no bump.
 */
export const PROTOCOL_VERSION = 1;

/** Key of the runtime object on globalThis (a registered symbol, so realms agree). */
export const RUNTIME_KEY = 'restack.runtime';

/**
 * Reserved identifiers. User code must not use the `__rs` prefix; the compiler reports a clash.
 * They are short because they appear at every call site of compiled code.
 */
export const R = {
  /** The runtime object (module header): RuntimeABI. */
  runtime: '__rsR',
  /** Int32Array of flags read by compiled code: see Flag. */
  state: '__rsS',
  /** Per-module handle returned by runtime.module(...): ModuleHandleABI. */
  module: '__rsM',
  /** Restore functions: their single parameter, the frame record (FrameRecordABI). */
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
  /**
   * `const __rsE = () => ({ get x() {...}, set x(v) {...}, ... });` first in a function with an
   * environment and continuation points: its saves pass it, and the runtime calls it at capture.
   */
  envFactory: '__rsE',
  /** Restore functions: the next frame's record while it is being rebuilt. */
  next: '__rsQ',
  /**
   * Set before a save that returns through a `try` whose `finally` tracks completions: the
   * return goes to the frame's caller, not to the frame's own catch or finally.
   */
  returnFlag: '__rsx',
  /**
   * `const __rsC = __rsR.C;` in the header of a module that calls a method read before its
   * arguments: `__rsC(f, receiver, ...args)` calls f as `receiver.m(...args)` would, without
   * consulting `f.call` (the program may replace Function.prototype.call, or give f its own).
   */
  call: '__rsC',
  /** Prefix of temporaries introduced by the compiler. */
  tempPrefix: '__rst',
  /**
   * An ES module in an import cycle: the hoisted function running its header (the header's
   * bindings are vars), called by its top-level function declarations too, which another module
   * of the cycle may call before this module's body runs.
   */
  init: '__rsInit',
  /** Hoisted function returning the module's line table (LineTableData). */
  lines: '__rsLines',
  /** Hoisted function returning the source functions' texts are sliced from (ModuleInfoABI.source). */
  source: '__rsSource',
  /**
   * Prefix of the module-level functions that return the strings object of a tagged template of
   * a capturable function (one site, so the same object for the body and its restore function).
   */
  templatePrefix: '__rsTpl',
  /** Prefix of restore functions (module-level function declarations). */
  restorePrefix: '__rsRestore',
  /** A compiled generator's wrapper: its activation (runtime GenActivation). */
  activation: '__rsI',
  /** A compiled async generator's wrapper: its activation (runtime AsyncGenActivation). */
  asyncActivation: '__rsJ',
  /** The parameter of a module state accessor's setters (a rollback assigns bindings back). */
  stateValue: '__rsV',
  /** A module of a patch bundle (loader format): its function's only parameter, LoaderABI. */
  loader: '__rsU',
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

/**
 * Marks a transaction: a function whose body starts with the directive `'restack atomic'`, or a
 * block whose first statement is that string. No update happens while a frame is inside one.
 */
export const ATOMIC = 'restack atomic';

/** Members of the module handle compiled code uses, by what they do. */
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
  /** Read at function entries: non-zero once a newer version of the module was committed. */
  superseded: 'o',
} as const satisfies Record<string, keyof ModuleHandleABI>;

/**
 * A restore function: the caller's restore function rebuilds the frame above it by calling
 * `rec.f(rec)`, and the runtime calls the bottom frame's the same way.
 */
export type RestoreFnABI<H = ModuleHandleABI> = (rec: FrameRecordABI<H>) => unknown;

/**
 * A saved frame. Compiled code makes none itself (the handle's save methods do) but its restore
 * functions read `l`, `cp`, `s`, `e`, `a`, `n` and call `f`. `H` is the handle type: the runtime
 * uses its own ModuleHandle class.
 */
export interface FrameRecordABI<H = ModuleHandleABI> {
  m: H;
  /**
   * The frame's restore function, called by the caller's restore function as f(record). A method
   * signature, so that a record of the runtime's own handle type is a record of this one.
   */
  f?(rec: FrameRecordABI<H>): unknown;
  /** Module-unique id of the continuation point the frame stopped at. */
  cp: number;
  /** The live locals, by slot (FunctionMeta.slots). */
  l: unknown[];
  /** `this`, the environment's accessors, `arguments` and `new.target` (undefined when unused). */
  s: unknown;
  e: unknown;
  a: unknown;
  n: unknown;
  /** The record saved before this one (the frame above): records form a stack without an array. */
  k: FrameRecordABI<H> | undefined;
  /**
   * Not a compiled frame: the top record of a stack captured in a blocking call, whose f
   * re-issues the call, or a generator's step, whose f rebuilds the generator's body. Mapping
   * leaves it as it is.
   */
  synthetic?: true;
}

/**
 * What `__rsLines()` returns: the line table of the generated code (contract/lines.ts), as lines
 * of continuation-point calls, their cp ids, park lines and generator wrapper lines.
 */
export type LineTableData = [calls: number[], ids: number[], parks: number[], wrappers?: number[]];

/** What a compiled module tells the runtime about itself (the header's last argument). */
export interface ModuleInfoABI {
  /** Module path as in the metadata. */
  id: string;
  /** sha256 of the module's source: the version a patch's base must match. */
  hash: string;
  /** Getters of the module's top-level bindings. */
  state?: () => Record<string, unknown>;
  /** Hashes of the initialisers of top-level consts (a changed one is not carried). */
  inits?: Record<string, string>;
  /** Ids of the continuation points inside transactions ('restack atomic'). */
  atomic?: number[];
  /**
   * The module's source as Function.prototype.toString shows it (TypeScript with its types
   * blanked), and the span of the function at each entry point (entry id, start, end, ...). Each
   * compiled function and class ends with the comment `/*@rs <key> <start> <end> [<entry id>]*\/`
   * (SOURCE_MARKER, sourceKey(hash)) naming its slice and the entry its calls start at.
   */
  source?: () => [string, number[]];
}

/** How a function's text names its slice of the module's source (ModuleInfoABI.source). */
export const SOURCE_MARKER = '@rs ';

/**
 * String.prototype.slice as it was when the runtime loaded: the runtime calls sourceKey on the
 * program's behalf (runtime/core/primordials.ts), and contract/ imports nothing outside itself.
 */
const StringSlice = Function.prototype.call.bind(String.prototype.slice) as (s: string, start: number, end?: number) => string;

/** The key of a module's source in the comments of its functions: the start of its hash. */
export function sourceKey(hash: string): string {
  return StringSlice(hash, 0, 16);
}

/** The per-module handle, `__rsM`. */
export interface ModuleHandleABI {
  /** Non-zero once a newer version was committed: calls of this version's functions move on. */
  o: number;
  /** At an update point (entry 1: a function entry that also forwards): capture now? */
  up(cpId: number, entry?: number): boolean;
  /** Save the record of a frame running its normal body; `e` makes the environment's accessors. */
  s(cpId: number, l: unknown[], s?: unknown, e?: () => unknown, a?: unknown, n?: unknown, f?: RestoreFnABI): unknown;
  /** The same for a constructor frame. */
  c(cpId: number, l: unknown[], s?: unknown, e?: () => unknown, a?: unknown, n?: unknown, f?: RestoreFnABI): unknown;
  /** The same for a frame running in its restore function (`e` is the environment itself). */
  z(cpId: number, l: unknown[], s?: unknown, e?: unknown, a?: unknown, n?: unknown, f?: RestoreFnABI): unknown;
  /** The top rebuilt frame is back at its update point. */
  d(): void;
}

/** A body function of a driven async function or generator (the generator compiled code made). */
type BodyFn = (...args: unknown[]) => Generator<unknown, unknown, unknown>;

/** The runtime object, `__rsR`: every member compiled code reads or calls. */
export interface RuntimeABI {
  // The module header.
  /** The flag array (Flag), `__rsS`. */
  readonly S: Int32Array;
  /** Registers a module version and returns its handle, `__rsM`. */
  module(url: string, protocol: number, restoreFns: RestoreFnABI[], cpRestore: number[], linesFn?: () => LineTableData, info?: ModuleInfoABI): ModuleHandleABI;

  // Restore functions.
  /** The next record to rebuild. */
  pop(): FrameRecordABI;
  /** A rebuilt frame's return under the construct rule. */
  made(result: unknown, self: unknown, newTarget: unknown): unknown;
  /** A rebuilt derived constructor's return: an object, or undefined for `this`; anything else throws. */
  madeDerived(result: unknown, self: unknown): unknown;
  /** The result of a rebuilt `new` expression. */
  constructed(rec: FrameRecordABI, result: unknown): unknown;
  /** Reached only if a rebuilt derived constructor ran its super() call again. */
  unreachable(): never;
  /** Switch re-entry: a case matched, none matched, and the exception that re-enters a catch. */
  readonly K: symbol;
  readonly NO: symbol;
  readonly REENTER: symbol;

  // Linearized iteration and calls.
  keys(o: unknown): ArrayLike<string>;
  array(o: unknown): unknown[] | null;
  iter(o: unknown): Iterator<unknown>;
  close(it: Iterator<unknown>): void;
  closeAfterThrow(it: Iterator<unknown>): void;
  notResult(r: unknown): never;
  notCallable(text: string): never;
  /** Function.prototype.call uncurried, captured at start-up: `C(f, self, ...args)`. */
  readonly C: (f: unknown, self: unknown, ...args: unknown[]) => unknown;

  // `for await` in driven async functions: an async iterator record the compiled code only passes back.
  readonly NONE: symbol;
  asyncIter(o: unknown): object;
  asyncNext(r: object): unknown;
  asyncClose(r: object): unknown;
  asyncCloseAfterThrow(r: object): unknown;
  closedResult(v: unknown): void;

  // Async functions and generators driven by the runtime.
  A(genFn: BodyFn, self: unknown, args: ArrayLike<unknown>): Promise<unknown>;
  AF(fn: object, n: number, name?: string): object;
  /** An await (or yield) that is not a continuation point. */
  F(v: unknown): unknown;
  /** Where a rebuilt async or generator frame waits to be resumed. */
  readonly P: unknown;
  readonly GK: symbol;
  GI(genFn: BodyFn, self: unknown, args: ArrayLike<unknown>): object;
  AGI(genFn: BodyFn, self: unknown, args: ArrayLike<unknown>): object;
  D(o: unknown): unknown;
  AD(o: unknown): unknown;
  Y(v: unknown): unknown;
  /** A yield resumed with a return request, and the value to return. */
  readonly RQ: unknown;
  RV(): unknown;
}

/** `import.meta` of a module loaded by an update. */
export interface LoaderMeta {
  url: string;
  filename?: string;
  dirname?: string;
  resolve(spec: string): string;
}

/** The loader context a module function of a patch bundle runs with, `__rsU` (compiler/passes/loaderFormat.ts). */
export interface LoaderABI {
  url: string;
  meta: LoaderMeta;
  import(spec: string): object;
  exports(getters: object): void;
  reexport(ns: object): void;
  carry(name: string, init: () => unknown): unknown;
  adopt(name: string, cls: unknown): void;
  dynamicImport(spec: string): Promise<unknown>;
  /** True when a thread starts on this version: top-level statements run (loaderFormat bootOnly). */
  boot: boolean;
  /** Whether the top-level statement with this key runs in this load (decision 0010). */
  top(key: string): boolean;
  /** Runs an effect statement decided 'run' once the update commits (at once when booting). */
  later(run: () => void): void;
  /** A top-level statement that cannot run synchronously was reached while booting. */
  cannotBoot(why: string): never;
}

type Members<T> = { readonly [K in keyof T]-?: true };

/** The members of RuntimeABI, as values (tests compare compiled output with them). */
export const RUNTIME_MEMBERS = {
  S: true, module: true,
  pop: true, made: true, madeDerived: true, constructed: true, unreachable: true, K: true, NO: true, REENTER: true,
  keys: true, array: true, iter: true, close: true, closeAfterThrow: true, notResult: true, notCallable: true, C: true,
  NONE: true, asyncIter: true, asyncNext: true, asyncClose: true, asyncCloseAfterThrow: true, closedResult: true,
  A: true, AF: true, F: true, P: true, GK: true, GI: true, AGI: true, D: true, AD: true, Y: true, RQ: true, RV: true,
} as const satisfies Members<RuntimeABI>;

export const MODULE_HANDLE_MEMBERS = { o: true, up: true, s: true, c: true, z: true, d: true } as const satisfies Members<ModuleHandleABI>;

export const FRAME_RECORD_MEMBERS = {
  m: true, f: true, cp: true, l: true, s: true, e: true, a: true, n: true, k: true, synthetic: true,
} as const satisfies Members<FrameRecordABI>;

export const LOADER_MEMBERS = {
  url: true, meta: true, import: true, exports: true, reexport: true, carry: true, adopt: true, dynamicImport: true, boot: true, cannotBoot: true, top: true, later: true,
} as const satisfies Members<LoaderABI>;

export const MODULE_INFO_MEMBERS = { id: true, hash: true, state: true, inits: true, atomic: true, source: true } as const satisfies Members<ModuleInfoABI>;
