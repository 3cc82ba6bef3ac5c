/**
 * insertCheckpoints: turns each continuation point of a linearized capturable function into code
 * that, in the cold branch, saves the frame record and returns. Nothing else of the normal variant
 * changes, so new calls run at the original speed but for one flag read per call and per update
 * point (the shifting-gears design; measured in docs/benchmarks.md).
 *
 *   let t = g(x);       ==>  let t = g(x);
 *                            if (__rsS[1] !== 0) return __rsM.s(7, [x, t], this);
 *   UPDATE_POINT();     ==>  if (__rsS[0] !== 0 && __rsM.up(8)) return __rsM.s(8, [x, t], this);
 *
 * The record lists the variables in scope and initialised at that point, each in a fixed slot.
 * A variable shared with closures and assigned is saved as an accessor ({get v, set v}) so the
 * rebuilt frame keeps sharing it with closures created before the update; variables of enclosing
 * functions travel in one accessor object (the environment). Calls inside `finally` blocks get no
 * check: an update never unwinds through them (the runtime defers it).
 *
 * Assumes: linearizeCalls ran; own bindings have unique names (renameShadowed).
 * Guarantees: each checked call is followed by exactly one check statement naming its cp id, the
 * shape contract/scanCallLines relies on.
 */
import { AWAIT, SUSPENSIONS, YIELD_FROM } from './asyncFunctions.js';
import { ATOMIC } from '../../contract/index.js';
import { isAtomicStart } from './markUpdatePoints.js';
import * as t from '@babel/types';
import { generate } from '../babel.js';
import { Flag, M, R, type CpKind, type SourceLoc } from '../../contract/index.js';
import type { FunctionInfo } from '../functionTable.js';
import type { ScopeFacts } from '../scopeFacts.js';
import { hasCall, type LinearizeTables } from './linearizeCalls.js';
import { declaredNames, isLiveIn, Liveness } from '../liveness.js';
import { isTrackedFinally, patternNames } from '../syntax.js';
import { handle } from '../runtimeRef.js';


export interface CpInfo {
  id: number;
  cp: number;
  kind: CpKind;
  callee: string;
  loc: SourceLoc;
  live: string[];
  atomic?: boolean;
}

export interface CheckpointResult {
  slots: string[];
  /** Variables live everywhere in the function: parameters, vars, function declarations. */
  functionLevel: string[];
  cps: CpInfo[];
  /** Whether a `finally` in the function needs the root-return flag. */
  usesReturnFlag: boolean;
  /**
   * A named function expression's own name, when nothing of the function declares it again: a
   * read-only binding (assigning it throws in strict code, is ignored in sloppy code).
   */
  ownName?: string;
}

const RETURN_FLAG = R.returnFlag;


/** var names declared anywhere in the function body (not in nested functions). */
function collectVars(node: t.Node, out: string[]): void {
  if (t.isFunction(node) || t.isClass(node)) return;
  if (t.isVariableDeclaration(node) && node.kind === 'var') for (const d of node.declarations) patternNames(d.id, out);
  for (const key of t.VISITOR_KEYS[node.type] ?? []) {
    const child = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(child)) for (const c of child) { if (c && typeof c === 'object') collectVars(c as t.Node, out); }
    else if (child && typeof child === 'object') collectVars(child as t.Node, out);
  }
}

function blockFunctionNames(stmts: t.Statement[]): string[] {
  return stmts.filter((s): s is t.FunctionDeclaration => t.isFunctionDeclaration(s) && !!s.id).map((s) => s.id!.name);
}

/** `super(...);` or `let t = super(...);`: a super call as a statement of its own (after linearizeCalls). */
function isSuperStatement(s: t.Statement): boolean {
  const e = t.isExpressionStatement(s) ? s.expression : t.isVariableDeclaration(s) && s.declarations.length === 1 ? s.declarations[0].init : null;
  return t.isCallExpression(e) && t.isSuper(e.callee);
}

function lexicalNames(s: t.Statement): string[] {
  if (t.isVariableDeclaration(s) && s.kind !== 'var') return s.declarations.flatMap((d) => patternNames(d.id, []));
  if (t.isClassDeclaration(s) && s.id) return [s.id.name];
  return [];
}

export class Checkpointer {
  private slots: string[] = [];
  private slotOf = new Map<string, number>();
  private cps: CpInfo[] = [];
  private visible: string[][] = [];
  private functionLevel: string[] = [];
  private finallyDepth = 0;
  private flaggedTry = 0;
  private usesReturnFlag = false;
  private caughtCount = 0;
  private ownName: string | undefined;
  /** A let/const/class named `arguments` in the body: the save cannot read the arguments object. */
  private argumentsShadowed = false;

  constructor(
    private readonly info: FunctionInfo,
    private readonly facts: ScopeFacts,
    private readonly tables: LinearizeTables,
    private readonly upKinds: WeakMap<t.Statement, 'explicit' | 'loop' | 'entry' | 'forward'>,
    private readonly nextId: () => number,
    /** For restore functions placed in a class body: how the save names it (`C.#__rsRestore3`). */
    private readonly restoreRef: (() => t.Expression) | null = null,
    /** A `super(...)` call that must not be a continuation point (see pipeline). */
    private readonly opaqueSuperCall = false,
    /** The function is a derived class's constructor (see beforeSuper). */
    private readonly derivedConstructor = false,
  ) {}

  /**
   * In a derived constructor, until its `super(...)` statement has run: no continuation point.
   * Such a frame has no `this` yet and its restore function, a static method, cannot call
   * super(): it could not be rebuilt. The call lines are left out of the line table, so the
   * runtime finds a compiled frame it cannot unwind and the update waits until super() returns
   * (it usually does at once). Until the first `super(...)` statement of the body's own statement
   * list: one in a branch does not end it.
   */
  private beforeSuper = false;

  private slot(name: string): number {
    let i = this.slotOf.get(name);
    if (i === undefined) {
      i = this.slots.length;
      this.slots.push(name);
      this.slotOf.set(name, i);
    }
    return i;
  }

  /** Live variables after each continuation point's statement (see liveness.ts). */
  private liveAfter = new Map<t.Statement, Set<string>>();
  /** The function's parameters: an entry saves them all. */
  private params: ReadonlySet<string> = new Set();

  run(body: t.BlockStatement): CheckpointResult {
    const fn = this.info.node;
    const liveness = new Liveness((s) => this.tables.updatePoints.has(s) || this.tables.cpCalls.has(s), declaredNames(fn, body));
    liveness.analyze(body);
    this.liveAfter = liveness.after;
    const level: string[] = [];
    // A named function expression's own name, unless a let/const/class of the body shadows it.
    if (t.isFunctionExpression(fn) && fn.id && !body.body.some((s) => lexicalNames(s).includes(fn.id!.name))) level.push(fn.id.name);
    const params: string[] = [];
    for (const p of fn.params) patternNames(t.isTSParameterProperty(p) ? p.parameter : p, params);
    this.params = new Set(params);
    // `function f(a = arguments) { let arguments; }`: the body's binding, in its TDZ at entry, is
    // all the body sees; the parameters that read the arguments object have run by then.
    this.argumentsShadowed = body.body.some((s) => lexicalNames(s).includes('arguments'));
    level.push(...params);
    collectVars(body, level);
    level.push(...blockFunctionNames(body.body));
    if (level.length && t.isFunctionExpression(fn) && level[0] === fn.id?.name && level.indexOf(level[0], 1) < 0) this.ownName = level[0];
    this.functionLevel = [...new Set(level)];
    for (const n of this.functionLevel) this.slot(n);
    const atomicFn = body.directives.some((d) => d.value.value === ATOMIC);
    if (atomicFn) this.atomicDepth++;
    const calls = body.body.some((s) => !this.tables.updatePoints.has(s) && hasCall(s, 'all'));
    this.beforeSuper = this.derivedConstructor;
    body.body = this.block(body.body, []);
    if (atomicFn) this.atomicDepth--;
    if (this.cps.length === 0 && !calls && !this.info.usesModuleState) {
      // A function with no call, loop or update point is compiled unchanged (its source text, as
      // Function.prototype.toString shows it, included): no entry either. A call of such a
      // function made by a replaced version runs that version's code. A call that is not a
      // continuation point (a builtin method's) still counts: its entry forwards it. So does a
      // use of module state (a module-level let or var, an import): a replaced version's closure
      // must read and write the state the update moved, not its own copy.
      const drop = new Set(this.deferred.map((d) => d.stmt));
      body.body = body.body.filter((s) => !drop.has(s));
      this.deferred = [];
    }
    this.numberDeferred();
    if (this.usesReturnFlag) {
      body.body.unshift(t.variableDeclaration('let', [t.variableDeclarator(t.identifier(RETURN_FLAG), t.booleanLiteral(false))]));
    }
    this.placeEnv(body);
    return { slots: this.slots, functionLevel: this.functionLevel, cps: this.cps, usesReturnFlag: this.usesReturnFlag, ...(this.ownName ? { ownName: this.ownName } : {}) };
  }

  /** Processes a block body; `initial` are names visible from the block's start (loop heads, catch params). */
  /** Depth of transactions ('restack atomic') around the statement being processed. */
  private atomicDepth = 0;

  private block(stmts: t.Statement[], initial: string[]): t.Statement[] {
    const atomic = isAtomicStart(stmts[0]);
    if (atomic) this.atomicDepth++;
    try {
      return this.blockBody(stmts, initial);
    } finally {
      if (atomic) this.atomicDepth--;
    }
  }

  private blockBody(stmts: t.Statement[], initial: string[]): t.Statement[] {
    const names = [...initial, ...blockFunctionNames(stmts)];
    for (const n of names) this.slot(n);
    this.visible.push(names);
    const out: t.Statement[] = [];
    for (const s of stmts) {
      for (const x of this.statement(s)) out.push(x);
      for (const n of lexicalNames(s)) {
        this.slot(n);
        names.push(n);
      }
    }
    this.visible.pop();
    return out;
  }

  private live(after?: Set<string>, keep?: ReadonlySet<string>): string[] {
    const set = new Set<string>(this.functionLevel);
    for (const level of this.visible) for (const n of level) set.add(n);
    // A closure using a variable not initialised yet is rebuilt, not restored (scopeFacts).
    for (const [name, refs] of this.facts.closureRefs) {
      if (set.has(name) && [...refs].some((r) => !set.has(r))) set.delete(name);
    }
    // Only what the rest of the function may read (variables shared with closures always), and
    // what the caller keeps in any case.
    if (after) for (const name of set) if (!this.facts.boxed.has(name) && !keep?.has(name) && !isLiveIn(after, name)) set.delete(name);
    return [...set].sort((a, b) => this.slotOf.get(a)! - this.slotOf.get(b)!);
  }

  private statement(s: t.Statement): t.Statement[] {
    if (this.beforeSuper && this.visible.length === 1 && isSuperStatement(s)) {
      // The frame has its `this` once this call returns: the call itself is a continuation point
      // (the rebuilt frame takes the object the rebuilt parent constructor made).
      const out = this.checkpoint(s, true);
      this.beforeSuper = false;
      return out;
    }
    return this.checkpoint(s, false);
  }

  private checkpoint(s: t.Statement, superCall: boolean): t.Statement[] {
    if (this.tables.updatePoints.has(s)) {
      if (this.finallyDepth > 0 || this.beforeSuper) return [];
      const kind = this.upKinds.get(s) ?? 'explicit';
      if (kind === 'forward') return [this.forwardPoint(s)];
      const cp = this.newCp('update', kind === 'explicit' ? 'UPDATE_POINT' : kind, s.loc, this.liveAfter.get(s));
      // The entry of a function (policy all) also forwards calls of a replaced version (below).
      const pending = t.binaryExpression('!==', this.flag(Flag.pending), t.numericLiteral(0));
      const test = t.logicalExpression('&&',
        kind === 'entry' ? t.logicalExpression('||', pending, stale()) : pending,
        t.callExpression(handle(M.up), kind === 'entry' ? [t.numericLiteral(cp.id), t.numericLiteral(1)] : [t.numericLiteral(cp.id)]));
      return [t.ifStatement(test, this.saveReturn(cp))];
    }
    if (this.tables.cpCalls.has(s)) {
      if (this.finallyDepth > 0 || (this.beforeSuper && !superCall)) return [s];
      const call = t.isVariableDeclaration(s) ? s.declarations[0].init! : (s as t.ExpressionStatement).expression;
      if (this.opaqueSuperCall && t.isCallExpression(call) && t.isSuper(call.callee)) return [s];
      const callee = t.isTaggedTemplateExpression(call) ? call.tag : (call as t.CallExpression).callee;
      const text = this.tables.calleeText.get(call) ??
        (t.isNewExpression(call) ? 'new ' + generate(callee as t.Node).code : generate(callee as t.Node).code);
      // An await or yield marker (asyncFunctions.ts) becomes its continuation-point name.
      const marker = t.isCallExpression(call) && t.isIdentifier(call.callee) ? call.callee.name : '';
      const suspends = SUSPENSIONS.get(marker);
      if (suspends) ((call as t.CallExpression).callee as t.Identifier).name = suspends;
      const kind = !suspends ? 'call' : marker === AWAIT ? 'await' : 'yield';
      const cp = this.newCp(kind, !suspends ? text : marker === AWAIT ? 'await' : marker === YIELD_FROM ? 'yield*' : 'yield', call.loc, this.liveAfter.get(s));
      const check = t.ifStatement(t.binaryExpression('!==', this.flag(Flag.unwinding), t.numericLiteral(0)), this.saveReturn(cp));
      const out: t.Statement[] = [s, check];
      // The call's own result is in scope after it, not at it.
      return out;
    }
    switch (s.type) {
      case 'BlockStatement':
        s.body = this.block(s.body, []);
        return [s];
      case 'IfStatement':
        s.consequent = this.sub(s.consequent, []);
        if (s.alternate) s.alternate = this.sub(s.alternate, []);
        return [s];
      case 'LabeledStatement': {
        const inner = this.statement(s.body);
        s.body = inner.length === 1 ? inner[0] : t.blockStatement(inner);
        return [s];
      }
      case 'WhileStatement':
      case 'DoWhileStatement':
        s.body = this.sub(s.body, []);
        return [s];
      case 'ForStatement': {
        const head = s.init && t.isVariableDeclaration(s.init) && s.init.kind !== 'var' ? lexicalNames(s.init) : [];
        for (const n of head) this.slot(n);
        s.body = this.sub(s.body, head);
        return [s];
      }
      case 'ForInStatement':
      case 'ForOfStatement': {
        const head = t.isVariableDeclaration(s.left) && s.left.kind !== 'var' ? lexicalNames(s.left) : [];
        for (const n of head) this.slot(n);
        s.body = this.sub(s.body, head);
        return [s];
      }
      case 'SwitchStatement': {
        // Each case is its own sequence for liveness: a `let` of an earlier case may be
        // uninitialised when control enters a later one. Those used in a later case are boxed
        // (scopeFacts.caseShared): saved there through accessors, read only if the program does.
        const earlier: string[] = [];
        for (const c of s.cases) {
          c.consequent = this.block(c.consequent, earlier.slice());
          for (const x of c.consequent) for (const n of lexicalNames(x)) if (this.facts.caseShared.has(n)) earlier.push(n);
        }
        return [s];
      }
      case 'TryStatement': {
        // A frame at the bottom of a rebuilt stack waits inside its save call, possibly inside
        // this try, while its restore function runs the rest; what that throws must go to the
        // frame's caller, not to this frame's catch or finally. The flag __rsx, set by the
        // save's return, makes the catch rethrow and the finally stand aside.
        const guarded = this.tables.guardedFinally.has(s);
        this.flaggedTry++;
        s.block.body = this.block(s.block.body, []);
        if (!guarded) this.flaggedTry--;
        if (s.handler) {
          const param = s.handler.param ? patternNames(s.handler.param, []) : [];
          for (const n of param) this.slot(n);
          s.handler.body.body = this.block(s.handler.body.body, param);
          this.usesReturnFlag = true;
          let caught: t.Identifier;
          if (t.isIdentifier(s.handler.param)) {
            caught = s.handler.param;
          } else {
            caught = t.identifier(`${R.tempPrefix}_caught${this.caughtCount++}`);
            if (s.handler.param) s.handler.body.body.unshift(t.variableDeclaration('let', [t.variableDeclarator(s.handler.param, t.cloneNode(caught))]));
            s.handler.param = caught;
          }
          s.handler.body.body.unshift(t.ifStatement(t.identifier(RETURN_FLAG), t.throwStatement(t.cloneNode(caught))));
        }
        if (guarded) this.flaggedTry--;
        if (s.finalizer) {
          // A finally whose entry is tracked (linearizeCalls.trackCompletion) can be resumed;
          // any other cannot, and its calls are left unchecked.
          const tracked = isTrackedFinally(s);
          if (!tracked) this.finallyDepth++;
          s.finalizer.body = this.block(s.finalizer.body, []);
          if (!tracked) this.finallyDepth--;
          if (guarded) {
            this.usesReturnFlag = true;
            // Skip the finally while unwinding for an update and when a rebuilt root returns.
            const skip = t.logicalExpression('&&',
              t.binaryExpression('===', this.flag(Flag.unwinding), t.numericLiteral(0)),
              t.unaryExpression('!', t.identifier(RETURN_FLAG)));
            s.finalizer = t.blockStatement([t.ifStatement(skip, s.finalizer)]);
          }
        }
        return [s];
      }
      default:
        return [s];
    }
  }

  private sub(s: t.Statement, initial: string[]): t.Statement {
    const body = t.isBlockStatement(s) ? s.body : [s];
    return t.blockStatement(this.block(body, initial));
  }

  /**
   * The entry of a function: `if (__rsM.o !== 0 && __rsM.up(id, 1)) return __rsM.s(id, ...)`.
   * Once a newer version of the module is committed (o = 1), a call of this version's function (a
   * closure, listener or callback made before the update) saves its frame there and the runtime
   * rebuilds it in the new version, which runs the call. Its continuation point is numbered after
   * the function's others (assigned when the body is done), so adding it renumbered nothing.
   */
  private forwardPoint(s: t.Statement): t.Statement {
    // Every parameter, read by this version or not: the version the call is forwarded to may read
    // one this one ignores, and at the entry nothing has changed them yet.
    const live = this.live(this.liveAfter.get(s), this.params);
    const placeholder = -1 - this.deferred.length;
    const cp: CpInfo = { id: placeholder, cp: -1, kind: 'update', callee: 'entry', loc: s.loc ? { line: s.loc.start.line, column: s.loc.start.column } : { line: 0, column: 0 }, live };
    const test = t.logicalExpression('&&', stale(),
      t.callExpression(handle(M.up), [t.numericLiteral(placeholder), t.numericLiteral(1)]));
    const stmt = t.ifStatement(test, this.saveReturn(cp));
    this.deferred.push({ cp, stmt });
    return stmt;
  }

  private deferred: Array<{ cp: CpInfo; stmt: t.Statement }> = [];

  /** Numbers the deferred entry points after the function's other continuation points. */
  private numberDeferred(): void {
    for (const { cp, stmt } of this.deferred) {
      const placeholder = cp.id;
      cp.id = this.nextId();
      cp.cp = this.cps.length;
      this.cps.push(cp);
      t.traverseFast(stmt, (n) => {
        if (t.isNumericLiteral(n) && n.value === placeholder) n.value = cp.id;
      });
    }
    this.deferred = [];
  }

  private flag(index: number): t.MemberExpression {
    return t.memberExpression(t.identifier(R.state), t.numericLiteral(index), true);
  }

  private newCp(kind: CpKind, callee: string, loc: t.SourceLocation | null | undefined, after?: Set<string>): CpInfo {
    const cp: CpInfo = {
      id: this.nextId(),
      cp: this.cps.length,
      kind,
      callee: callee.length > 60 ? callee.slice(0, 57) + '...' : callee,
      loc: loc ? { line: loc.start.line, column: loc.start.column } : { line: 0, column: 0 },
      live: this.live(after),
      ...(this.atomicDepth > 0 ? { atomic: true } : {}),
    };
    this.cps.push(cp);
    return cp;
  }

  /** The saves that name the environment's arrow (run declares it, or puts it back inline in a lone one). */
  private envSites: t.Expression[][] = [];

  private envFactory(args: t.Expression[]): t.Identifier {
    this.envSites.push(args);
    return t.identifier(R.envFactory);
  }

  /**
   * Declares the environment's arrow first in the body, when more than one save passes it; a lone
   * save (most often the entry's) gets it inline, where nothing is made while no save runs.
   */
  private placeEnv(body: t.BlockStatement): void {
    if (!this.envSites.length) return;
    const kept = callArguments(body);
    const sites = this.envSites.filter((args) => kept.has(args));
    if (!sites.length) return;
    const arrow = (): t.ArrowFunctionExpression => t.arrowFunctionExpression([], t.objectExpression([...this.facts.env].flatMap(([n, c]) => accessorProps(n, n, c))));
    if (sites.length === 1) {
      const args = sites[0];
      args[args.findIndex((a) => t.isIdentifier(a, { name: R.envFactory }))] = arrow();
      return;
    }
    body.body.unshift(t.variableDeclaration('const', [t.variableDeclarator(t.identifier(R.envFactory), arrow())]));
  }

  private saveReturn(cp: CpInfo): t.ReturnStatement {
    const isCtor = t.isClassMethod(this.info.node) && this.info.node.kind === 'constructor';
    const save = t.callExpression(handle(isCtor ? M.saveConstructor : M.save), this.saveArgs(cp));
    if (this.flaggedTry > 0) this.usesReturnFlag = true;
    return t.returnStatement(this.flaggedTry > 0
      ? t.sequenceExpression([t.assignmentExpression('=', t.identifier(RETURN_FLAG), t.booleanLiteral(true)), save])
      : save);
  }

  private saveArgs(cp: CpInfo): t.Expression[] {
    const elems: (t.Expression | null)[] = this.slots.map(() => null);
    for (const name of cp.live) {
      const i = this.slotOf.get(name)!;
      elems[i] = this.facts.boxed.has(name) ? accessor('v', name, false) : t.identifier(name);
    }
    while (elems.length && elems[elems.length - 1] === null) elems.pop();
    const args: t.Expression[] = [t.numericLiteral(cp.id), t.arrayExpression(elems)];
    const info = this.info;
    const extra: t.Expression[] = [
      info.usesThis ? t.thisExpression() : t.identifier('undefined'),
      // The environment's accessors are made by an arrow the runtime calls at capture, declared
      // once first in the body (run): an object literal of getters and setters per save would
      // make the function's bytecode several times larger, and V8 stops inlining it into its
      // callers; an arrow per save repeats the text at every save and costs V8 more than one
      // declared once, which it does not allocate while no save runs.
      this.facts.env.size ? t.identifier(R.envFactory) : t.identifier('undefined'),
      info.usesArguments && !this.argumentsShadowed ? t.identifier('arguments') : t.identifier('undefined'),
      info.usesNewTarget ? t.metaProperty(t.identifier('new'), t.identifier('target')) : t.identifier('undefined'),
      this.restoreRef ? this.restoreRef() : t.identifier('undefined'),
    ];
    while (extra.length && t.isIdentifier(extra[extra.length - 1], { name: 'undefined' })) extra.pop();
    const all = [...args, ...extra];
    if (this.facts.env.size) this.envFactory(all);
    return all;
  }
}

/** `__rsM.o !== 0`: a newer version of this module was committed. */
function stale(): t.Expression {
  return t.binaryExpression('!==', handle(M.superseded), t.numericLiteral(0));
}

/**
 * The argument arrays of the calls in `node`: a save's are still there unless it was dropped with
 * the entry of a function left unchanged (no call, loop or update point).
 */
function callArguments(node: t.Node): Set<unknown[]> {
  const out = new Set<unknown[]>();
  t.traverseFast(node, (n) => {
    if (t.isCallExpression(n)) out.add(n.arguments);
  });
  return out;
}

function accessorProps(key: string, name: string, readOnly: boolean): t.ObjectMethod[] {
  const props: t.ObjectMethod[] = [
    t.objectMethod('get', t.identifier(key), [], t.blockStatement([t.returnStatement(t.identifier(name))])),
  ];
  if (!readOnly) {
    props.push(t.objectMethod('set', t.identifier(key), [t.identifier('__rsv')],
      t.blockStatement([t.expressionStatement(t.assignmentExpression('=', t.identifier(name), t.identifier('__rsv')))])));
  }
  return props;
}

/** `{ get key() { return name; }, set key(v) { name = v; } }`: a box over a binding, read only when used. */
export function accessor(key: string, name: string, readOnly: boolean): t.ObjectExpression {
  return t.objectExpression(accessorProps(key, name, readOnly));
}
