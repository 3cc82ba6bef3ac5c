/**
 * A compiled module's handle (`__rsM` in compiled code, contract ModuleHandleABI): its update
 * points and save calls go through here to the engine; it knows its line table (the stack check)
 * and its transactions.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scanLines, type LineTable, type ModuleHandleABI, type ModuleInfoABI } from '../../contract/index.js';
import { UNWOUND } from '../activation.js';
import type { Engine } from '../engine.js';
import type { Backoff } from './backoff.js';
import { MapSet, SetAdd, SetHas } from './primordials.js';
import type { RestoreFn } from './records.js';

export type { RestoreFn };

/** A set of the numbers of `list`, made without iterating it (core/primordials.ts). */
function setOf(list: readonly number[] | undefined): Set<number> {
  const set = new Set<number>();
  if (list !== undefined) for (let i = 0; i < list.length; i++) SetAdd(set, list[i]);
  return set;
}

/** Backoffs by cp id (a prototype-less record: element access never consults a prototype the program patched). */
export type StormBackoff = { [cp: number]: Backoff | undefined };

export class ModuleHandle implements ModuleHandleABI {
  private lines: LineTable | null = null;
  /** True once a newer version of this module was committed: its update points do nothing. */
  stale = false;
  /**
   * Read by compiled code at every function entry: 1 once a newer version was committed, when a
   * call of this version's functions moves to the new version's code (Engine.forward).
   */
  o = 0;
  /** Key of this version's code for Engine.entryTables: module id, source hash, cp count. */
  readonly codeKey: string;
  /** Every top-level binding of the module has been initialised (Engine.uninitialised found none in its TDZ). */
  initialised = false;
  /** The url of the module as the program first loaded it (import.meta.url of every version). */
  baseUrl: string;
  /**
   * The storm's backoff at each of this module's update points where its identity update was
   * deferred (a frame restack cannot unwind was on the stack), by cp id: as at an update's refused
   * point, the next visits go on without walking the stack, so that a loop above such a frame
   * keeps its speed. One per point, not one for the program: a loop that calls a function reaches
   * two points in turn (the loop's and, under --update-points all, the function's entry), and a
   * point reached once the frame returned is examined at once.
   */
  stormBackoff: StormBackoff | null = null;

  constructor(
    readonly engine: Engine,
    readonly url: string,
    readonly restoreFns: RestoreFn[],
    readonly cpRestore: number[],
    private readonly linesFn?: () => [number[], number[], number[], number[]?],
    readonly info?: ModuleInfoABI,
  ) {
    this.baseUrl = url;
    this.codeKey = `${info?.id ?? url}\0${info?.hash ?? ''}\0${cpRestore.length}`;
  }

  /** Continuation-point call lines and park lines of the generated code, read on first need. */
  lineTable(): LineTable {
    if (!this.lines && this.linesFn) {
      // Indexed, not destructured or spread: the first stack check may run while the program has
      // replaced Array.prototype's iterator (core/primordials.ts).
      const lines = this.linesFn();
      const callLines = lines[0];
      const ids = lines[1];
      const calls = new Map<number, number>();
      for (let i = 0; i < callLines.length; i++) MapSet(calls, callLines[i], ids[i]);
      this.lines = { calls, parks: setOf(lines[2]), wrappers: setOf(lines[3]) };
    }
    if (!this.lines) {
      let code = '';
      try {
        code = readFileSync(this.url.startsWith('file:') ? fileURLToPath(this.url) : this.url, 'utf8');
      } catch {
        code = '';
      }
      this.lines = scanLines(code);
    }
    return this.lines;
  }

  private atomicIds: Set<number> | null = null;

  /** Is this continuation point inside a transaction ('restack atomic')? */
  inTransaction(cpId: number): boolean {
    if (!this.info?.atomic) return false;
    this.atomicIds ??= setOf(this.info.atomic);
    return SetHas(this.atomicIds, cpId);
  }

  up(cpId: number, entry?: number): boolean {
    if (this.stale) return entry === 1 && this.engine.forwardNext();
    return this.engine.atUpdatePoint(this, cpId);
  }

  /** Saves a frame record of a fast-variant frame; `e` makes the environment's accessors. */
  s(cpId: number, l: unknown[], s?: unknown, e?: () => unknown, a?: unknown, n?: unknown, f?: RestoreFn): unknown {
    return this.engine.save({ m: this, cp: cpId, l, s, e: e && e(), a, n, f, k: undefined }, false);
  }

  c(cpId: number, l: unknown[], s?: unknown, e?: () => unknown, a?: unknown, n?: unknown, f?: RestoreFn): unknown {
    const r = this.engine.save({ m: this, cp: cpId, l, s, e: e && e(), a, n, f, k: undefined }, false);
    // A derived class's super() binds `this` to an object its parent constructor returns.
    return r === UNWOUND ? undefined : r;
  }

  z(cpId: number, l: unknown[], s?: unknown, e?: unknown, a?: unknown, n?: unknown, f?: RestoreFn): unknown {
    return this.engine.save({ m: this, cp: cpId, l, s, e, a, n, f, k: undefined }, true);
  }


  d(): void {
    this.engine.resumed();
  }
}

