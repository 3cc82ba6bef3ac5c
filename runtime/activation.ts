/**
 * Activations of compiled async functions and generators: heap frames the runtime drives and an
 * update moves in place.
 *
 * A capturable async function or generator is compiled into a generator (its body) that the
 * runtime drives: `drive` in engine.ts for async functions, `GenActivation` here for generators.
 * The driver reads the body from its activation at every step, so an update that swaps the body
 * (a rebuilt generator, or a `Parked` record standing in for one) makes the next step run the new
 * version's code, while the promise awaited, or the generator object the program holds, stays the
 * same.
 */
import { types } from 'node:util';
import { Flag } from '../contract/index.js';
import type { ModuleHandle } from './core/moduleHandle.js';
import { FunctionCall, GeneratorNext, GeneratorReturn, GeneratorThrow, ReflectApply } from './core/primordials.js';
import type { FrameRecord } from './core/records.js';

/** What a driver resumes: a body's generator, or a Parked standing in for it. */
export interface Body {
  next(v?: unknown): IteratorResult<unknown, unknown>;
  throw(e: unknown): IteratorResult<unknown, unknown>;
  return(v: unknown): IteratorResult<unknown, unknown>;
}

/**
 * Called when UNWOUND itself is called (see below), with the call's receiver, arguments and
 * new.target; the engine installs it (setUnwoundCall).
 */
let unwoundCall = (_self: unknown, _args: unknown[], _newTarget: unknown): unknown => {
  throw new Error('restack: internal error: the result of an unwound frame was called with no engine installed');
};

/** Installs the engine's handler of a call of UNWOUND (Engine.unwoundCall). */
export function setUnwoundCall(f: (self: unknown, args: unknown[], newTarget: unknown) => unknown): void {
  unwoundCall = f;
}

/**
 * What a frame returns while it unwinds. A function, and not a plain object: the one piece of
 * user code a continuation-point call's line runs besides the call is the read of its callee, so a
 * getter (or a Proxy `get` trap) that unwinds there returns this to the line, which calls it as
 * the callee (`o.m(x)`, `new o.C(x)`, o.tag`...`). That call records what the line was about to
 * do (Engine.unwoundCall), and the line's frame then unwinds in turn.
 */
export const UNWOUND = Object.freeze(function unwound(this: unknown, ...args: unknown[]): unknown {
  return unwoundCall(this, args, new.target);
});

/** Where a rebuilt async or generator frame stops: its await or yield (the driver goes on from there). */
export const PARKED = Symbol('restack.parked');

/** Returned by a restore function that became the bottom of a new capture: resume again. */
export const AGAIN = Symbol('restack.again');

const NO_LOCALS: unknown[] = [];

/**
 * Empties a record whose restore function returned (its frame finished, or was captured again
 * into a new record). The first record of a stack stays an argument of the save() call at its
 * bottom, which returns only when the program's stack does: the version its frame was rebuilt in
 * at the first update (the commit points the record at it) would stay alive as long.
 */
export function spend(rec: FrameRecord): void {
  (rec as { m: ModuleHandle | undefined }).m = undefined;
  rec.f = undefined;
  rec.l = NO_LOCALS;
  rec.s = rec.e = rec.a = rec.n = undefined;
}

/**
 * A suspended activation captured by an update, with its frame record. Once the update is over it
 * stands in for the activation's generator: the commit moved the record to the running version
 * (a rollback left it as it was), and the generator is rebuilt from it, its restore function run
 * to the await or yield, when the driver resumes the activation (the awaited promise settled, or
 * the program called next). A restore function runs no program code before that point, so
 * building the generator then or in the update is the same to the program; an update that finds
 * the activation still waiting takes the record as it is, without running any code.
 */
export class Parked implements Body {
  constructor(readonly act: Activation, readonly rec: FrameRecord) {}

  next(v?: unknown): IteratorResult<unknown, unknown> {
    return GeneratorNext(this.rebuild(), v);
  }

  throw(e: unknown): IteratorResult<unknown, unknown> {
    return GeneratorThrow(this.rebuild(), e);
  }

  return(v: unknown): IteratorResult<unknown, unknown> {
    return GeneratorReturn(this.rebuild(), v);
  }

  /** The activation's generator in the record's version, stopped at its await or yield. */
  private rebuild(): Generator<unknown, unknown, unknown> {
    const rec = this.rec;
    const gen = rec.f!(rec) as Generator<unknown, unknown, unknown>;
    const r = GeneratorNext(gen);
    spend(rec);
    if (r.done || r.value !== PARKED) throw new Error('restack: internal error: a rebuilt activation did not stop at its await or yield');
    this.act.setBody(gen);
    return gen;
  }
}

/**
 * One activation of a compiled async function or generator: the generator its body runs in
 * (swapped by an update). `ref` is its entry in the engine's set of suspended activations (weak:
 * an activation nobody can resume any more is garbage, as natively).
 */
export class Activation {
  ref: WeakRef<Activation> | undefined = undefined;
  /** Suspended at an await or yield that is not a continuation point (in a finally block, say). */
  opaque = false;
  /** At an await or yield now. */
  suspended = false;
  /** In the parking's buffer of recently parked activations (parked again, it is not stored twice). */
  queued = false;
  /** Links of the list of suspended activations it is in (Engine.park), if any. */
  older: Activation | null = null;
  newer: Activation | null = null;
  list: ParkList | null = null;
  /**
   * The body is the program's native generator (not a Parked or an OldBody standing in for it):
   * the driver resumes it through the captured generator methods. Kept with every change of the
   * body, where it is cheap; asking V8 at every step (util.types.isGeneratorObject) is a call
   * into C++ that a step would pay each time.
   */
  plain: boolean;
  constructor(public gen: Body, plain = true) {
    this.plain = plain;
  }

  /** The body changes: a rebuilt generator, or a Parked or OldBody standing in for one. */
  setBody(gen: Body): void {
    this.gen = gen;
    this.plain = !(gen instanceof OldBody) && !(gen instanceof Parked);
  }

  /**
   * A step of the body, past the swaps of a rebuilt stack: a body that was the bottom frame of a
   * captured stack returns a Swap (its rebuilt generator, already run to its next step), whose
   * generator becomes the activation's.
   */
  settle(r: IteratorResult<unknown, unknown>): IteratorResult<unknown, unknown> {
    while (r.done && r.value instanceof Swap) {
      this.setBody(r.value.gen);
      r = r.value.result;
    }
    return r;
  }

  /** The value the body awaits or yields; one that is no continuation point (Opaque) is unwrapped and marks the activation opaque. */
  unwrap(value: unknown): unknown {
    this.opaque = value instanceof Opaque;
    return this.opaque ? (value as Opaque).v : value;
  }
}

/** A doubly linked list of activations: linking and unlinking allocate nothing. */
export class ParkList {
  /** The sentinel: not an activation (it has no generator). */
  readonly head = new Activation(null as unknown as Body, false);
  constructor() {
    this.head.older = this.head.newer = this.head;
  }

  add(act: Activation): void {
    const h = this.head;
    act.newer = h.newer;
    act.older = h;
    h.newer!.older = act;
    h.newer = act;
    act.list = this;
  }

  static remove(act: Activation): void {
    act.older!.newer = act.newer;
    act.newer!.older = act.older;
    act.older = act.newer = null;
    act.list = null;
  }

  *[Symbol.iterator](): Generator<Activation> {
    for (let a = this.head.newer!; a !== this.head; a = a.newer!) yield a;
  }

  get empty(): boolean {
    return this.head.newer === this.head;
  }
}

/** An await or yield that is not a continuation point: the driver goes on with `v`, and cannot capture there. */
export class Opaque {
  constructor(readonly v: unknown) {}
}

/**
 * What the bottom frame of a captured stack returns when it is a generator body: the rebuilt
 * generator, already run to its next await or yield (`result`); the driver goes on with it.
 */
export class Swap {
  constructor(readonly gen: Body, readonly result: IteratorResult<unknown, unknown>) {}
}

/**
 * The body of an async function or generator whose call runs its old version's code after an
 * update (its entry is kept on old code: update/forward.ts): each step, from one await or yield to
 * the next, runs on the running version's module state (update/oldState.ts). An update does not
 * capture it: it runs its old code to its end, as it began.
 */
export class OldBody implements Body {
  constructor(
    private readonly gen: Body,
    private readonly state: { runOld<T>(h: ModuleHandle, f: () => T): T },
    /** The handle of the old module whose code the body is. */
    private readonly m: ModuleHandle,
  ) {}

  next(v?: unknown): IteratorResult<unknown, unknown> {
    return this.state.runOld(this.m, () => this.gen.next(v));
  }

  throw(e: unknown): IteratorResult<unknown, unknown> {
    return this.state.runOld(this.m, () => this.gen.throw(e));
  }

  return(v: unknown): IteratorResult<unknown, unknown> {
    return this.state.runOld(this.m, () => this.gen.return(v));
  }
}

// Generators (compiler/passes/asyncFunctions.ts).

/** What a generator activation needs from the engine. */
export interface GenHost {
  readonly S: Int32Array;
  park(act: Activation): void;
  /**
   * While frames unwind: adds a record that is not a compiled frame to the captured stack, above
   * the frames still to come. Its f runs in its caller's restore function, in place of the call
   * the caller was suspended in, and returns that call's result.
   */
  step(f: () => unknown): void;
  /** The next record to rebuild. */
  pop(): FrameRecord;
}

/**
 * `yield* e` in a compiled generator or async generator: the iterator it delegates to and its next
 * method, read once (GetIterator sync or async, Engine.D or Engine.AD).
 */
export class Delegate {
  constructor(readonly it: object, readonly next: unknown) {}
}

/**
 * What a generator body is resumed with to return from its yield (compiler: linearizeCalls
 * yieldStatement): `if (x === RQ) return RV();` after each yield that is a continuation point.
 * A return statement there, rather than the generator's own return(), is what a finally block
 * with continuation points tracks, so a frame rebuilt inside such a finally still returns.
 */
export const RETURN_REQUEST = Object.freeze({});
let returning: unknown = undefined;

/** The value of the return request being made. */
export function takeReturn(): unknown {
  const v = returning;
  returning = undefined;
  return v;
}

const NEXT = 0;
const THROW = 1;
const RETURN = 2;
type Mode = typeof NEXT | typeof THROW | typeof RETURN;

/**
 * Resumes a generator's or async generator's body at its yield with a completion: a return is a
 * return request (RETURN_REQUEST) at a yield that is a continuation point, the body's own return()
 * at one that is not (no check follows it).
 */
function resumeBody(act: Activation, mode: Mode, v: unknown): IteratorResult<unknown, unknown> {
  act.suspended = false;
  if (mode === NEXT) return bodyNext(act, v);
  if (mode === THROW) return bodyThrow(act, v);
  if (act.opaque) return act.plain ? GeneratorReturn(act.gen as Generator<unknown, unknown, unknown>, v) : act.gen.return(v);
  returning = v;
  return bodyNext(act, RETURN_REQUEST);
}

/**
 * Resumes an activation's body: the program's generator through the captured generator methods
 * (Activation.plain; the call site stays monomorphic across the program's generator functions),
 * or what stands in for it after an update (Parked, OldBody).
 */
export function bodyNext(act: Activation, v?: unknown): IteratorResult<unknown, unknown> {
  return act.plain ? GeneratorNext(act.gen as Generator<unknown, unknown, unknown>, v) : act.gen.next(v);
}

export function bodyThrow(act: Activation, e: unknown): IteratorResult<unknown, unknown> {
  return act.plain ? GeneratorThrow(act.gen as Generator<unknown, unknown, unknown>, e) : act.gen.throw(e);
}

/** What an unwinding step answers the wrapper: it yields it, and its caller saves its record. */
const UNWINDING: IteratorResult<unknown, unknown> = Object.freeze({ value: UNWOUND, done: false });
const FINISHED: IteratorResult<unknown, unknown> = Object.freeze({ value: undefined, done: true });

/**
 * One activation of a compiled generator. The program holds a native generator object made by the
 * wrapper the compiler leaves in the function's place (compiler/passes/asyncFunctions.ts):
 *
 *     function* g(__rsp0) { const __rsI = __rsR.GI(body, this, arguments); return yield* __rsI; }
 *
 * The wrapper's `yield*` hands every next/throw/return to this activation, which resumes the body:
 * `yield v` in the body is a continuation point the program's next() returns from, and an update
 * captures the suspended body there (Engine.park) and swaps it. The result objects the body makes
 * are passed through as they are.
 *
 * `yield* e` in the body is delegated here: the body yields a Delegate and stays suspended at that
 * continuation point while next/throw/return go to the delegate's iterator, as the spec's yield*
 * loop does: `done` is read here (an error reading it goes into the body, at its `yield*`), a
 * finished delegation's `value` resumes the body, and a result that is not done is passed through
 * as it is. The wrapper's `yield*` reads its `done` a second time: only a result object with a
 * getter for `done` could tell. The iterator lives in the activation, not the frame: an update
 * moves the body while the delegation goes on.
 *
 * When frames unwind through a running body (an update point in it, its caller compiled), the
 * body saves its record, the step adds a record that rebuilds the body and takes its result, and
 * the wrapper yields UNWINDING to the caller, which saves its own: the rebuilt caller gets what
 * next() returns from the rebuilt body, and the wrapper, still suspended in its `yield*`, goes on
 * with the rebuilt body at the program's next call.
 */
export class GenActivation extends Activation {
  /** The body returned or threw: the activation answers as a finished generator. */
  private finished = false;
  private delegate: Delegate | null = null;

  constructor(gen: Body, private readonly host: GenHost) {
    super(gen);
  }

  [Symbol.iterator](): this {
    return this;
  }

  next(v?: unknown): IteratorResult<unknown, unknown> {
    if (this.finished) return FINISHED;
    if (this.delegate !== null) return this.forward(NEXT, v);
    return this.resume(NEXT, v);
  }

  throw(e: unknown): IteratorResult<unknown, unknown> {
    if (this.finished) throw e;
    if (this.delegate !== null) return this.forward(THROW, e);
    return this.resume(THROW, e);
  }

  return(v: unknown): IteratorResult<unknown, unknown> {
    if (this.finished) return { value: v, done: true };
    if (this.delegate !== null) return this.forward(RETURN, v);
    return this.resume(RETURN, v);
  }

  private resume(mode: Mode, v: unknown): IteratorResult<unknown, unknown> {
    let r: IteratorResult<unknown, unknown>;
    try {
      r = resumeBody(this, mode, v);
    } catch (e) {
      this.finished = true;
      throw e;
    }
    if (this.host.S[Flag.unwinding] !== 0) {
      this.host.step(() => this.rebuilt());
      return UNWINDING;
    }
    return this.after(r);
  }

  /** In the rebuilt caller, in place of the call that unwound: the body rebuilt and run on. */
  private rebuilt(): IteratorResult<unknown, unknown> {
    const rec = this.host.pop();
    const gen = rec.f!(rec) as Generator<unknown, unknown, unknown>;
    this.setBody(gen);
    let r: IteratorResult<unknown, unknown>;
    try {
      r = GeneratorNext(gen);
    } catch (e) {
      this.finished = true;
      throw e;
    } finally {
      spend(rec);
    }
    if (this.host.S[Flag.unwinding] !== 0) {
      this.host.step(() => this.rebuilt());
      return UNWINDING;
    }
    return this.after(r);
  }

  /** What the body's step gave: a value it yields, a delegation it starts, or its return. */
  private after(step: IteratorResult<unknown, unknown>): IteratorResult<unknown, unknown> {
    const r = this.settle(step);
    if (r.done) {
      if (r.value === AGAIN || r.value === UNWOUND) throw new Error('restack: internal error: a generator body unwound past its driver');
      this.finished = true;
      return r;
    }
    const value = this.unwrap(r.value);
    this.host.park(this);
    if (value instanceof Delegate) {
      this.delegate = value;
      return this.forward(NEXT, undefined);
    }
    return this.opaque ? { value, done: false } : r;
  }

  /**
   * A step of the body's `yield*` (the spec's yield* loop): the delegate's next, throw or return
   * with v. An abrupt completion or a protocol error is thrown into the body at its `yield*`.
   */
  private forward(mode: Mode, v: unknown): IteratorResult<unknown, unknown> {
    const d = this.delegate!;
    const it = d.it as { throw?: unknown; return?: unknown };
    if (mode === NEXT) {
      // The common step, without the closures of call(): the delegate's next, its result passed on.
      const next = d.next;
      let inner: unknown;
      try {
        if (typeof next !== 'function') throw new TypeError(`${describeCallee(next)} is not a function`);
        inner = FunctionCall(next, it, v);
      } catch (e) {
        this.delegate = null;
        return this.resume(THROW, e);
      }
      if (this.host.S[Flag.unwinding] !== 0) return this.rebuildCall((r) => this.received(NEXT, r));
      return this.received(NEXT, inner);
    }
    const method = mode === THROW ? it.throw : it.return;
    if (method == null) {
      this.delegate = null;
      if (mode === RETURN) return this.resume(RETURN, v);
      // The protocol is violated: the iterator is closed (IteratorClose: its return() called, what
      // it gives must be an object), then the body gets a TypeError.
      const close = it.return;
      if (close == null) return this.resume(THROW, new TypeError(NO_THROW));
      return this.call(() => {
        if (typeof close !== 'function') throw new TypeError(`${describeCallee(close)} is not a function`);
        return ReflectApply(close, it, []);
      }, (r) => this.resume(THROW, Object(r) === r ? new TypeError(NO_THROW) : new TypeError(`Iterator result ${describe(r)} is not an object`)));
    }
    return this.call(() => {
      if (typeof method !== 'function') throw new TypeError(`${describeCallee(method)} is not a function`);
      return ReflectApply(method, it, [v]);
    }, (inner) => this.received(mode, inner));
  }

  /**
   * A call of the delegate's method (`call`), then `then` with what it returned; what it throws is
   * thrown into the body at its `yield*`. The method may be compiled code whose frames unwind (an
   * update point in it, a getter it reads): its call is then rebuilt in place, and goes on the same
   * way, however many times it unwinds.
   */
  private call(call: () => unknown, then: (inner: unknown) => IteratorResult<unknown, unknown>): IteratorResult<unknown, unknown> {
    let inner: unknown;
    try {
      inner = call();
    } catch (e) {
      this.delegate = null;
      return this.resume(THROW, e);
    }
    if (this.host.S[Flag.unwinding] !== 0) return this.rebuildCall(then);
    return then(inner);
  }

  /** A delegate's method call that unwound: rebuilt in place in the rebuilt caller, then `then`. */
  private rebuildCall(then: (inner: unknown) => IteratorResult<unknown, unknown>): IteratorResult<unknown, unknown> {
    this.host.step(() => {
      const rec = this.host.pop();
      return this.call(() => rec.f!(rec), then);
    });
    return UNWINDING;
  }

  /** The delegate's result: passed through while not done; its value resumes the body when done. */
  private received(mode: Mode, inner: unknown): IteratorResult<unknown, unknown> {
    let value: unknown;
    try {
      if (Object(inner) !== inner) throw new TypeError(`Iterator result ${describe(inner)} is not an object`);
      const result = inner as IteratorResult<unknown, unknown>;
      if (!result.done) return result;
      value = result.value;
    } catch (e) {
      this.delegate = null;
      return this.resume(THROW, e);
    }
    this.delegate = null;
    return this.resume(mode === RETURN ? RETURN : NEXT, value);
  }
}

const isPromise = types.isPromise;

/** The TypeError of a `yield*` thrown into when its iterator has no throw method. */
const NO_THROW = 'The iterator does not provide a \'throw\' method.';

/** IteratorClose with a normal completion. */
export function closeIterator(it: { return?: unknown }): void {
  const method = it.return;
  if (method == null) return;
  if (typeof method !== 'function') throw new TypeError(`${describeCallee(method)} is not a function`);
  const r = ReflectApply(method, it, []);
  if (Object(r) !== r) throw new TypeError(`Iterator result ${describe(r)} is not an object`);
}

/**
 * A value called as an iterator method that is not a function, as V8 names it in that TypeError
 * ("number 5 is not a function", "object null is not a function"): its type, then the value of a
 * number, string or boolean.
 */
export function describeCallee(o: unknown): string {
  if (o === undefined) return 'undefined';
  if (o === null) return 'object null';
  if (typeof o === 'number' || typeof o === 'boolean') return `${typeof o} ${String(o)}`;
  if (typeof o === 'string') return `string "${o}"`;
  return typeof o;
}

/** A value in the iteration protocol's other TypeErrors ("Iterator result 5 is not an object"). */
export function describe(o: unknown): string {
  if (o === null) return 'null';
  if (o === undefined) return 'undefined';
  if (typeof o === 'function') return 'function';
  if (typeof o === 'object') return 'object';
  return String(o);
}

// Async generators.

/** `yield v` of an async generator's body (an await is yielded as it is). */
export class Yielded {
  constructor(readonly v: unknown) {}
}

/**
 * One activation of a compiled async generator: as GenActivation, the wrapper (a native async
 * generator, which queues the program's requests) hands each next/throw/return to it with
 * `yield*`, one at a time; this drives the body through its awaits to its next yield, awaiting as
 * the original would, and answers with a promise of the step's result. Suspended at an await or
 * a yield, the body is captured like any suspended activation. Unlike a generator, a body running
 * synchronously under its wrapper (before its first await of a step) is not captured through the
 * wrapper: an update point there waits until the body awaits or yields, and the body then moves
 * at its next update point as the bottom of the stack.
 */
export class AsyncGenActivation extends Activation {
  private finished = false;
  private delegate: Delegate | null = null;

  constructor(gen: Body, private readonly host: GenHost) {
    super(gen);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(v?: unknown): Promise<IteratorResult<unknown, unknown>> {
    return this.run(NEXT, v);
  }

  throw(e: unknown): Promise<IteratorResult<unknown, unknown>> {
    return this.run(THROW, e);
  }

  return(v: unknown): Promise<IteratorResult<unknown, unknown>> {
    return this.run(RETURN, v);
  }

  /** One request of the program: delivered to the delegate or the body, run to the step's result. */
  private async run(mode: Mode, v: unknown): Promise<IteratorResult<unknown, unknown>> {
    if (this.finished) {
      if (mode === THROW) throw v;
      return { value: mode === RETURN ? v : undefined, done: true };
    }
    let r: IteratorResult<unknown, unknown> | undefined = undefined;
    for (;;) {
      if (r === undefined) {
        const d = this.delegate;
        if (d !== null) {
          // A step of the body's `yield*` over an async iterator (the spec's loop, async).
          const it = d.it as { throw?: unknown; return?: unknown };
          try {
            let inner: unknown;
            if (mode === NEXT) {
              if (typeof d.next !== 'function') throw new TypeError(`${describeCallee(d.next)} is not a function`);
              inner = await ReflectApply(d.next, it, [v]);
            } else if (mode === THROW) {
              const method = it.throw;
              if (method == null) {
                this.delegate = null;
                await closeAsyncIterator(it);
                throw new TypeError(NO_THROW);
              }
              if (typeof method !== 'function') throw new TypeError(`${describeCallee(method)} is not a function`);
              inner = await ReflectApply(method, it, [v]);
            } else {
              const method = it.return;
              if (method == null) {
                // The body returns with the value (awaited below, as for a return at a yield).
                this.delegate = null;
                continue;
              }
              if (typeof method !== 'function') throw new TypeError(`${describeCallee(method)} is not a function`);
              inner = await ReflectApply(method, it, [v]);
            }
            if (Object(inner) !== inner) throw new TypeError(`Iterator result ${describe(inner)} is not an object`);
            const result = inner as IteratorResult<unknown, unknown>;
            if (!result.done) return { value: result.value, done: false };
            v = result.value;
            if (mode !== RETURN) mode = NEXT;
          } catch (e) {
            mode = THROW;
            v = e;
          }
          this.delegate = null;
          continue;
        }
        if (mode === RETURN) {
          // A return at a yield awaits its value first.
          try {
            v = await v;
          } catch (e) {
            mode = THROW;
            v = e;
          }
        }
        try {
          r = resumeBody(this, mode, v);
        } catch (e) {
          this.finished = true;
          throw e;
        }
        if (this.host.S[Flag.unwinding] !== 0) throw new Error('restack: internal error: an async generator body unwound past its driver');
      }
      r = this.settle(r);
      if (r.done) {
        const rv: unknown = r.value;
        if (rv === AGAIN || rv === UNWOUND) throw new Error('restack: internal error: an async generator body unwound past its driver');
        this.finished = true;
        return { value: rv, done: true };
      }
      const value = this.unwrap(r.value);
      this.host.park(this);
      r = undefined;
      if (value instanceof Yielded) {
        // A yield awaits its value (a rejection is thrown into the body at the yield). The
        // wrapper's yield* awaits this step's promise too: a value that is no thenable is not
        // awaited here, so the step takes as many ticks as the original yield.
        const y = value.v;
        const promise = isPromise(y);
        let then: unknown = undefined;
        try {
          if (y !== null && (typeof y === 'object' || typeof y === 'function') && !promise) then = (y as { then?: unknown }).then;
          if (typeof then === 'function') {
            // A thenable: its then (read once) is called in a job, as Await would.
            const method = then;
            const thenable: PromiseLike<unknown> = { then: (res, rej) => ReflectApply(method, y, [res, rej]) as PromiseLike<never> };
            return { value: await thenable, done: false };
          }
          return { value: promise ? await y : y, done: false };
        } catch (e) {
          mode = THROW;
          v = e;
          continue;
        }
      }
      if (value instanceof Delegate) {
        this.delegate = value;
        mode = NEXT;
        v = undefined;
        continue;
      }
      try {
        v = await value;
        mode = NEXT;
      } catch (e) {
        v = e;
        mode = THROW;
      }
    }
  }
}

/** AsyncIteratorClose with a normal completion. */
async function closeAsyncIterator(it: { return?: unknown }): Promise<void> {
  const method = it.return;
  if (method == null) return;
  if (typeof method !== 'function') throw new TypeError(`${describeCallee(method)} is not a function`);
  const r = await ReflectApply(method, it, []);
  if (Object(r) !== r) throw new TypeError(`Iterator result ${describe(r)} is not an object`);
}
