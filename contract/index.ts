/**
 * The contract between compiled code and the runtime, and between the compiler and patchgen:
 *  - compiled.ts: the protocol version, reserved identifiers, flags, and the typed interfaces of
 *    what compiled code reaches at run time (RuntimeABI, ModuleHandleABI, FrameRecordABI,
 *    LoaderABI);
 *  - lines.ts: the line-table scan of generated code, shared by compiler and runtime;
 *  - functionIds.ts: the syntax of function ids (quoting, splitting), shared by compiler and patchgen;
 *  - here: the shape of the metadata the compiler emits and patchgen reads.
 * compiler/ and runtime/ both import contract/ and nothing of each other; contract/ imports
 * nothing of the project outside itself (tests/unit/layering.test.js).
 */
export * from './compiled.js';
export * from './lines.js';
export * from './functionIds.js';

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
  /** Stable id: module path + '#' + enclosing names (syntax: functionIds.ts). */
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
  /**
   * Slots that hold a box rather than the value: a variable shared with closures, saved as an
   * object whose `v` is the variable. A value moved into such a slot (a mapping's `vars`, a
   * variable boxed in one version only) is boxed or unboxed on the way. Absent when none.
   */
  boxed?: string[];
  cps: CpMeta[];
  /**
   * Present (true) when the id tells this function apart from another one only by source order:
   * its name or context (or an enclosing function's) occurs more than once in the same parent,
   * so it carries a `~k` ordinal or is the first of such a group. Inserting a function of the
   * same name or context before it renumbers them: a pairing by such an id is not certain.
   */
  positional?: true;
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
  /** 'script': a global script (compile()'s sourceType 'script'), run by a host, never patched. */
  sourceKind: 'module' | 'commonjs' | 'script';
  updatePoints: UpdatePointPolicy;
  /** Which calls are continuation points (absent in metadata written before the option: 'all'). */
  callPoints?: CallPointPolicy;
  functions: FunctionMeta[];
  diagnostics: Diagnostic[];
  /** Generated line (1-based) of each continuation-point call, keyed by module-unique cp id. */
  callLines: Record<string, number>;
  /**
   * The top-level statements that are not declarations, in source order (compiler/topLevel.ts):
   * what an update loading this version runs of them is decided per statement (decision 0010).
   * Absent in metadata written before it existed.
   */
  topLevel?: TopLevelStatement[];
  /**
   * The top-level variables (`let`/`const`/`var` not bound to a function or class), in source
   * order: what a state transformer's `old` holds. Absent in metadata written before it existed.
   */
  variables?: string[];
  /**
   * Those of `variables` an update computes again instead of carrying (what `require` returns, a
   * const read off the imports): not in a state transformer's `next`. Absent when none.
   */
  recomputed?: string[];
  /**
   * What the compiler did to the source besides stripping types (compiler/sourceTransforms.ts):
   * `restack patch` compiles the module again with the same. Absent when nothing applied.
   */
  transforms?: SourceTransforms;
}

/** How JSX is compiled: React's automatic runtime (`jsx` from `<importSource>/jsx-runtime`) or a classic factory call. */
export type JsxTransform =
  | { runtime: 'automatic'; importSource?: string; development?: boolean }
  | { runtime: 'classic'; pragma?: string; pragmaFrag?: string };

/** Source transforms recorded in a module's metadata (decision 0011). */
export interface SourceTransforms {
  decorators?: 'legacy' | '2023-11';
  jsx?: JsxTransform;
  /** Import specifiers rewritten in the output (a `.ts` extension, a tsconfig paths alias): original -> output. */
  specifiers?: Record<string, string>;
}

/** A top-level statement that is not a declaration, as an update sees it (compiler/topLevel.ts). */
export interface TopLevelStatement {
  /** Its text with functions and classes elided, one line (with ` #n` when it repeats): stable under edits elsewhere. */
  key: string;
  /**
   * 'setup': sets up a function or class the module defines (runs again on the new version's
   * objects); 'effect': acts on the running program (runs again only when the mapping says 'run').
   */
  kind: 'setup' | 'effect';
  /** Source line (1-based). */
  line: number;
  /** An effect whose call takes a definition of the module first (`mixin(Thing.prototype)`): its name. */
  on?: string;
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
