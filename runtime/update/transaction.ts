/**
 * One update attempt as a transaction (decision 0004): what it changed of the old version (the
 * journal), what the new version's code did to the world (the effects), its deadline, and what
 * user code it is running now (for the message when the deadline stops it). Either commit() or
 * abandon() ends it; abandon() puts everything back.
 */
import { types } from 'node:util';
import { ArrayIsArray, ArrayPush, defineElement, GeneratorNext, MapIteratorNext, ObjectGetOwnPropertyDescriptor, ObjectKeys, SetIteratorNext } from '../core/primordials.js';
import { Effects } from './effects.js';
import { Journal } from './journal.js';

/** What a rollback undid, for the report. */
export interface Undone {
  /** Old objects a transformer changed, put back as they were. */
  objects: number;
  /** Timers, ticks and listeners the new version's code made, removed. */
  timers: number;
  listeners: number;
  /** Servers and sockets the new version's code opened, closed. */
  handles: number;
  /** Kinds of resources the new version's code opened that could not be undone (they stay). */
  kept: string[];
}

/** The mutable top-level bindings of the running version's modules, as they were (saveBindings). */
interface SavedBinding {
  accessors: Record<string, unknown>;
  name: string;
  value: unknown;
}

export class Transaction {
  private bindings: SavedBinding[] = [];
  /** Undo steps of changes made outside the journal (class adoption), run last-first by abandon(). */
  private undoSteps: Array<() => void> = [];
  readonly journal = new Journal(process.env.RESTACK_JOURNAL === 'off');
  readonly effects = new Effects();
  /** The user code running now, for messages: 'the state transformer of store.ts'. */
  doing = 'mapping the frames';
  private ended = false;

  constructor(readonly deadline: number) {}

  /** Runs user code, saying what it is. */
  run<T>(doing: string, f: () => T): T {
    const before = this.doing;
    this.doing = doing;
    try {
      return f();
    } finally {
      // Skipped when the deadline stops f: `doing` then still names what was stopped.
      this.doing = before;
    }
  }

  /**
   * Remembers the value of every mutable top-level binding (`let`, `var`) of the running modules:
   * an old function a transformer calls may assign one through its closure, which the journal
   * cannot see. A binding not initialised yet is left out (the update waits for those anyway).
   */
  saveBindings(modules: Iterable<{ info?: { state?: () => Record<string, unknown> } }>): void {
    const list = valuesOf(modules);
    for (let i = 0; i < list.length; i++) {
      const accessors = list[i].info?.state?.();
      if (!accessors) continue;
      const names = ObjectKeys(accessors);
      for (let j = 0; j < names.length; j++) {
        const name = names[j];
        if (!ObjectGetOwnPropertyDescriptor(accessors, name)?.set) continue;
        try {
          ArrayPush(this.bindings, { accessors, name, value: accessors[name] });
        } catch {
          // In its temporal dead zone.
        }
      }
    }
  }

  private clone: typeof structuredClone | null = null;

  /**
   * The user's code of the update starts: effects are recorded from here, and structuredClone takes
   * values from the journal (it refuses a proxy: a transformer copying an old object would fail).
   */
  enter(): void {
    this.effects.open();
    const original = globalThis.structuredClone;
    this.clone = original;
    const journal = this.journal;
    globalThis.structuredClone = function structuredClone(value: unknown, options?: StructuredSerializeOptions) {
      return original(journal.seal(value), options);
    } as typeof structuredClone;
  }

  /** The user's code of the update is over (or was stopped). */
  leave(): void {
    if (this.clone) globalThis.structuredClone = this.clone;
    this.clone = null;
    this.effects.close();
  }

  commit(): void {
    if (this.ended) return;
    this.ended = true;
    this.bindings = [];
    this.undoSteps = [];
    this.journal.close();
    this.effects.commit();
  }

  /** Registers how to undo a change the journal does not see; abandon() runs it. */
  onAbandon(undo: () => void): void {
    ArrayPush(this.undoSteps, undo);
  }

  abandon(): Undone {
    if (this.ended) return { objects: 0, timers: 0, listeners: 0, handles: 0, kept: [] };
    this.ended = true;
    for (let i = this.undoSteps.length - 1; i >= 0; i--) this.undoSteps[i]();
    this.undoSteps = [];
    const objects = this.journal.changed;
    this.journal.undo();
    for (let i = 0; i < this.bindings.length; i++) {
      const b = this.bindings[i];
      if (b.accessors[b.name] !== b.value) b.accessors[b.name] = b.value;
    }
    this.bindings = [];
    const e = this.effects.undo();
    return { objects, timers: e.timers, listeners: e.listeners, handles: e.handles, kept: e.kept };
  }
}

/** The values of an array, a generator, or a Map's or Set's iterator (engine.ts passes one), in order. */
function valuesOf<T>(items: Iterable<T>): readonly T[] {
  if (ArrayIsArray(items)) return items as readonly T[];
  const next = types.isMapIterator(items) ? MapIteratorNext : types.isSetIterator(items) ? SetIteratorNext : types.isGeneratorObject(items) ? GeneratorNext : null;
  const out: T[] = [];
  if (next === null) {
    for (const v of items) ArrayPush(out, v);
    return out;
  }
  const it = items as unknown as Generator<T>;
  for (let r = next(it); !r.done; r = next(it)) defineElement(out, out.length, r.value as T);
  return out;
}
