/**
 * The types of a patch bundle, exported as `restack/patch`: what a person editing `mapping.ts`
 * imports to have the mapping and its transformers checked by TypeScript, and the format of
 * `patch.json` as `restack patch` writes it.
 *
 * A mapping says, for each function that changed between two versions, where a frame suspended in
 * the old version resumes in the new one: old continuation point (CP) -> new CP, and where the
 * new frame's variables take their values from. `restack check` validates it against both
 * versions' metadata; the runtime applies it when it rebuilds the stack in the new version.
 */

import { PATCH_FORMAT } from '../contract/bundle.js';
import type { BundlePackage } from '../contract/packages.js';

/** Version of the mapping.ts format (its `format` field). */
export const MAPPING_FORMAT = 1;

/** Version of the patch.json format (defined with the bundle's layout, which the runtime reads). */
export { PATCH_FORMAT };

/**
 * Where a frame suspended at an old continuation point resumes: a CP number of the new function,
 * `'refuse'` (an update waits until no frame is suspended there), or `'TODO'`, left by the
 * generator where it could not decide: `restack check` fails until every TODO is replaced.
 */
export type CpTarget = number | 'refuse' | 'TODO';

/**
 * Where a live variable of the new frame takes its value from when it has no same-named live
 * variable in the old frame: an old variable (`{ from: 'total' }`), a constant
 * (`{ value: 0 }`), or `'transform'`: the function's `frame` transformer sets it.
 */
export type VarSource = { from: string } | { value: unknown } | 'transform' | 'TODO';

/** Compiler temporaries (`__rst…`) hold values of an expression under evaluation at a call. */
type Temporaries = { [name: `__rst${string}`]: unknown };

/** A frame of the old version as the stack transformer sees it (read-only). */
export interface OldFrame<V extends string = string> {
  /** The old continuation point the frame is suspended at. */
  readonly cp: number;
  readonly this: unknown;
  readonly locals: { readonly [K in V]?: unknown } & Readonly<Temporaries>;
}

/**
 * The frame being built for the new version: `cp` from the mapping's `cps`, `locals` already
 * filled from same-named old variables and the mapping's `vars`. The transformer edits it.
 */
export interface NewFrame<V extends string = string> {
  /** The new continuation point the frame resumes at. */
  readonly cp: number;
  this: unknown;
  locals: { [K in V]?: unknown } & Temporaries;
}

/**
 * Shared by every transformer of one update attempt (the third argument of `frame()` and of a
 * state transformer). When several frames or modules share an old object (a buffer a caller
 * passed to its callees), each transformer asks for its replacement with `once(oldObject, make)`:
 * the first call makes it, the others get the same one, so the new frames share it too. The
 * scope is new for every attempt: an update that was rolled back and tried again starts afresh.
 */
export interface UpdateScope {
  once<T>(key: object, make: () => T): T;
  /**
   * The new version's top-level bindings of a module (its path as in the metadata, e.g.
   * 'lib/client.js'): variables, classes and functions, read-only, so a transformer can call the
   * new version's code (`update.module('lib/timers.js').makeTimer(self)`). Only in instance
   * transformers: they run once the new version's modules were evaluated; stack and state
   * transformers run before, and there it throws.
   */
  module<T extends object = Readonly<ModuleState>>(id: string): T;
}

/** Top-level bindings of a module (`let`/`const`/`var`), by name. */
export type ModuleState<V extends string = string> = { [K in V]?: unknown };

/**
 * How the frames of one old function move to the new version. `to` is the new function's id, or
 * null when it has no counterpart (its frames are refused); the generator writes `'TODO'` where
 * its pairing is a guess, and `restack check` fails until a person writes the id (the proposed
 * one, to confirm it, or another) or null. `O` and `N` name the old and new function's variables.
 */
export interface FunctionMapping<O extends string = string, N extends string = string> {
  to: string | null;
  /** Old CP number -> new CP. Every CP of a capturable old function must be listed. */
  cps?: { [oldCp: number]: CpTarget };
  /** New live variables without a same-named old one, by name. */
  vars?: { [K in N]?: VarSource };
  /** Stack transformer: adjusts the new frame after `cps` and `vars` were applied. */
  frame?(old: OldFrame<O>, next: NewFrame<N>, update: UpdateScope): void;
}

/**
 * A state transformer: called once per module when the new version is loaded, after bindings
 * present in both versions were carried by name; sets what the new bindings should hold.
 */
export type StateTransformer<O extends string = string, N extends string = string> =
  (old: Readonly<ModuleState<O>>, next: ModuleState<N>, update: UpdateScope) => void;

/**
 * What an update does with a top-level statement (not a declaration) of a new module the old
 * version had: 'run' it again in the new version, or 'skip' it (it ran when the old version was
 * loaded). Without an entry, a statement that sets up the module's own functions or classes runs
 * and any other is skipped (decision 0010).
 */
export type TopLevelDecision = 'run' | 'skip' | 'TODO';

/**
 * The bindings of a module of the new version once it was evaluated (functions, classes,
 * variables), read and set through its accessors (a const, function or class cannot be set).
 * The values are `any`: a hook calls the new version's functions, whose types mapping.ts cannot see.
 */
export type ModuleBindings<V extends string = string> = { [K in V]: any };

/**
 * An after-update hook: called once per module, once the update committed and the top-level
 * statements decided 'run' ran, with the old module's bindings and the new module's. Register what
 * the new version adds (a route on the live app, a listener, a re-armed timer) here when a
 * top-level statement cannot say it. It cannot refuse the update: what it throws is reported
 * (`afterErrors`) and the update stays applied (decision 0010).
 */
export type AfterHook<O extends string = string, N extends string = string> =
  (old: Readonly<ModuleState<O>>, next: ModuleBindings<N>, update: UpdateScope) => void;

/**
 * An instance transformer: called once per live instance of an old class (every object whose
 * prototype chain has the old class's prototype, instances of subclasses included) when the new
 * version's modules were evaluated, before the update commits, to give old instances what the
 * new constructor sets (fields added, renamed, or holding another type). `self` is the instance
 * (seen through the update's journal: what the transformer changes is undone if the update
 * rolls back); the old class was already adopted, so its methods are the new version's; the new
 * modules' bindings are reached through `update.module(...)`. A throw refuses the update.
 */
export type InstanceTransformer<F extends string = string> =
  // `self` is typed by the person writing the transformer (the old class's shape): any here.
  (self: { [K in F]?: any } & any, update: UpdateScope) => void;

/** The default export of mapping.ts. */
export interface Mapping {
  format: typeof MAPPING_FORMAT;
  /** Keyed by the old function's id. */
  functions: { [oldId: string]: FunctionMapping };
  /** Keyed by module path (as in the metadata's `module`). */
  state?: { [module: string]: StateTransformer };
  /** Per module path, per top-level statement key (as in the new version's metadata). */
  topLevel?: { [module: string]: { [statement: string]: TopLevelDecision } };
  /** After-update hooks, per module path. */
  after?: { [module: string]: AfterHook };
  /**
   * Keyed by the old version's class or constructor function, `module#Name` (a top-level class or
   * function declaration, or a top-level variable holding one): its transformer, or null when
   * old instances need nothing.
   */
  instances?: { [oldClass: string]: InstanceTransformer | null | 'TODO' };
}

// ---------------------------------------------------------------------------------------------
// patch.json

/**
 * How two functions were found to be the same function. 'id' and 'text' are certain: the same id
 * that does not depend on source order (or the same text), or the only two functions left with
 * the same text. 'similarity' (of texts that differ) and 'position' (the same id, but one that
 * tells functions of one name or context apart only by order, and the text changed) are guesses:
 * `FunctionEntry.guess`, and mapping.ts leaves their `to` a TODO.
 */
export type MatchInfo =
  | { by: 'id' }
  | { by: 'text' }
  | {
      by: 'position';
      /** The other new functions of the same name or context in the same parent. */
      alternatives: Array<{ id: string; score: number }>;
    }
  | {
      by: 'similarity';
      /** Weighted score in [0, 1]; matches need at least the threshold. */
      score: number;
      /** The evidence: each in [0, 1]; text is absent when a source was not available. */
      components: SimilarityComponents;
      /** Other new functions within reach of this score, best first. */
      alternatives: Array<{ id: string; score: number }>;
    };

export interface SimilarityComponents {
  name: number;
  cps?: number;
  text?: number;
  sameKind: boolean;
  sameModule: boolean;
}

/** Where the values of a mapped frame's variables come from, as inferred. */
export interface VarMap {
  /** Variables live in both frames under the same name: carried as they are. */
  same?: string[];
  /** New temporary name -> old temporary name (compiler temporaries are renumbered freely). */
  renamed?: Record<string, string>;
  /** New live variables with no source in the old frame (need `vars` in mapping.ts). */
  fresh?: string[];
  /** Old live variables the new frame does not keep. */
  dropped?: string[];
}

/** The inferred fate of one old continuation point. */
export interface CpMapping {
  old: number;
  /** The new CP when the inference is confident, else null. */
  new: number | null;
  confident: boolean;
  /** A candidate for a person to confirm when not confident. */
  proposed: number | null;
  /** Why the mapping is not confident (or what is worth knowing about it). */
  reason?: string;
  vars?: VarMap;
  /**
   * Set when the frame would carry compiler temporaries into the proposed CP although the code
   * that computed them changed: the CP is then a TODO, and mapped to the proposed CP each of
   * these temporaries needs a source in `vars` (`restack check` requires one).
   */
  partials?: PartialResults;
}

/**
 * Partial results of an expression (compiler temporaries) that a frame would carry from an old CP
 * into a new one whose surrounding code computes them differently.
 */
export interface PartialResults {
  /** New temporary -> the old temporary it would take its value from. */
  temps: Record<string, string>;
  /**
   * The code that computes them, in each version (the loop heads around the CP, then its
   * statement's text before it, one per line), or null where the source was not available.
   */
  old: string | null;
  new: string | null;
}

export type FunctionStatus = 'unchanged' | 'changed' | 'added' | 'removed';

export interface FunctionEntry {
  status: FunctionStatus;
  old: string | null;
  new: string | null;
  match: MatchInfo | null;
  /** True when mapping.ts has an entry for it (changed, renamed, moved, or not fully inferred). */
  inMapping: boolean;
  /** Present (true) when the pairing is a guess: mapping.ts has `to: 'TODO'` until a person decides. */
  guess?: true;
  /** One per old CP, for functions present in both versions. */
  cps?: CpMapping[];
  /** For removed functions: the best candidate, below the threshold. */
  bestCandidate?: { id: string; score: number };
}

export interface PatchFile {
  format: typeof PATCH_FORMAT;
  generator: string;
  /** Paths relative to the patch directory. */
  old: { root: string; kind: 'compiled' | 'source'; updatePoints: string; callPoints: string };
  new: { root: string; kind: 'compiled' | 'source'; updatePoints: string; callPoints: string; dir: string };
  /** Minimum similarity score of a guessed match. */
  threshold: number;
  /** Old metadata, copied into the bundle (relative to the patch directory). */
  baseDir: string;
  /**
   * The version this patch applies to, per module: sha256 of the compiled code and of the source.
   * An update against another base is refused.
   */
  base: Record<string, { code: string | null; source: string | null }>;
  /**
   * kept: modules of npm packages the update leaves running (the same release at the same place
   * in both installs; not in the bundle, decision 0013).
   */
  modules: { unchanged: string[]; changed: string[]; added: string[]; removed: string[]; kept?: string[] };
  /** The new install's packages and what the update does with each (decision 0013). */
  packages?: Record<string, BundlePackage>;
  summary: {
    unchanged: number; changed: number; added: number; removed: number;
    /** Pairings that are guesses (by similarity of different texts, or by a positional id). */
    guesses: number;
    /** Open decisions in the generated mapping.ts: CPs, variables and guessed pairings. */
    todos: number;
  };
  functions: FunctionEntry[];
  /**
   * Classes whose constructor sets different fields in the new version, by old key
   * ('module#Name'): each needs an `instances` entry in mapping.ts (a transformer, or null).
   */
  instances?: InstancesEntry[];
  /** Keys of the old version's top-level classes and constructor functions (what `instances` may name). */
  oldClasses?: string[];
}

/** A class whose constructor's fields changed (mapping.ts `instances`). */
export interface InstancesEntry {
  class: string;
  /** The new version's key (another name when the class was renamed). */
  new: string;
  /** Fields the new constructor sets that the old did not; that it no longer sets; that it sets from another expression. */
  added: string[];
  removed: string[];
  changed: string[];
}
