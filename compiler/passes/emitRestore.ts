/**
 * emitRestore: builds, for each capturable function with continuation points, its restore
 * function: a module-level copy of the instrumented body that starts from a frame record, runs
 * straight to the saved continuation point (skipping everything before it, taking the branch and
 * loop iteration that lead there, re-declaring each variable with its saved value) and then goes
 * on as the original would. At a call it re-issues the call through the runtime, which rebuilds the
 * callee's frame the same way; at the top frame's update point it simply continues.
 *
 *   function f(a) { let t = g(a); <check 7>; return t + 1; }
 *   ==> function __rsRestore0(__rsRec) {
 *         var __rsL = __rsRec.l, __rsT = __rsRec.cp, __rsMode = true, ...; var a = __rsL[0];
 *         let t = __rsMode ? (__rsT === 7 ? (__rsMode = false, __rsM.r()) : __rsL[1]) : g(a);
 *         <check 7, saving through __rsM.z>; return t + 1; }
 *
 * `this`, `arguments` and `new.target` come from the record; variables of enclosing functions are
 * reached through the record's environment accessors; own variables shared with closures are
 * boxes ({v}) so that closures created before the update and the rebuilt frame share them.
 *
 * Assumes: insertCheckpoints ran on the function. Guarantees: the restore function's
 * continuation-point calls and checks keep the shape contract/scanCallLines relies on.
 */
import { ASYNC_GENERATOR, AWAIT_CP, isDriven, SUSPENSION_CPS } from './asyncFunctions.js';
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { Flag, M, R } from '../../contract/index.js';
import type { FunctionInfo } from '../functionTable.js';
import type { ScopeFacts } from '../scopeFacts.js';
import { isInnerClassName, isVariableUse } from '../scopeFacts.js';
import { bindingOf } from '../bindings.js';
import { accessor, type CheckpointResult, type CpInfo } from './insertCheckpoints.js';
import { isTrackedFinally, patternNames } from '../syntax.js';
import { handle, record, recordOf, rt } from '../runtimeRef.js';

const id = (n: string): t.Identifier => t.identifier(n);
const mode = (): t.Identifier => id(R.restoring);
const notMode = (): t.UnaryExpression => t.unaryExpression('!', mode());
const undef = (): t.UnaryExpression => t.unaryExpression('void', t.numericLiteral(0));

/** The cp id of a check statement `if (__rsS[1] !== 0) return ... __rsM.s(ID, ...)`, or null. */
function checkId(s: t.Statement | undefined): number | null {
  if (!s || !t.isIfStatement(s) || !t.isReturnStatement(s.consequent)) return null;
  const test = s.test;
  if (!t.isBinaryExpression(test) || !t.isMemberExpression(test.left) || !t.isIdentifier(test.left.object, { name: R.state })) return null;
  if (!t.isNumericLiteral(test.left.property, { value: Flag.unwinding })) return null;
  return saveCallId(s.consequent.argument);
}

/** The cp id of an update-point statement `if (__rsS[0] !== 0 && __rsM.up(ID)) return ...`. */
function updateId(s: t.Statement): number | null {
  if (!t.isIfStatement(s) || !t.isLogicalExpression(s.test)) return null;
  const right = s.test.right;
  if (!t.isCallExpression(right) || !t.isMemberExpression(right.callee) || !t.isIdentifier(right.callee.object, { name: R.module })) return null;
  if (!t.isIdentifier(right.callee.property, { name: M.up })) return null;
  return (right.arguments[0] as t.NumericLiteral).value;
}

/** `const __rsE = () => ({...})`, first in an instrumented body (insertCheckpoints). */
function isEnvFactory(s: t.Statement): boolean {
  return t.isVariableDeclaration(s) && s.declarations.length === 1 && t.isIdentifier(s.declarations[0].id, { name: R.envFactory });
}

/** `__rsM.z(...)` (possibly after `__rsx = true,`): a restore function's own save. */
function isRestoredSave(e: t.Expression | null | undefined): boolean {
  if (t.isSequenceExpression(e)) e = e.expressions[e.expressions.length - 1];
  return t.isCallExpression(e) && t.isMemberExpression(e.callee) && t.isIdentifier(e.callee.object, { name: R.module }) &&
    t.isIdentifier(e.callee.property, { name: M.saveRestored });
}

function saveCallId(e: t.Expression | null | undefined): number | null {
  if (t.isSequenceExpression(e)) e = e.expressions[e.expressions.length - 1];
  if (!t.isCallExpression(e) || !t.isMemberExpression(e.callee) || !t.isIdentifier(e.callee.object, { name: R.module })) return null;
  if (!t.isIdentifier(e.callee.property, { name: M.save }) && !t.isIdentifier(e.callee.property, { name: M.saveConstructor })) return null;
  return (e.arguments[0] as t.NumericLiteral).value;
}

export interface ClassPlacement {
  /** The class, by its inner name. */
  classRef: () => t.Expression;
  /** Static members' `super` is the parent class; others' the parent prototype. */
  isStatic: boolean;
  /** How saves name the restore function (`C.#__rsRestore3`). */
  restoreRef: () => t.Expression;
}

export class RestoreEmitter {
  private slotOf = new Map<string, number>();
  /** Identifiers this emitter wrote that already denote boxes: rewriteNames leaves them alone. */
  private raw = new WeakSet<t.Identifier>();

  private rawId(name: string): t.Identifier {
    const node = id(name);
    this.raw.add(node);
    return node;
  }
  private cpById = new Map<number, CpInfo>();

  constructor(
    private readonly info: FunctionInfo,
    private readonly facts: ScopeFacts,
    private readonly result: CheckpointResult,
    /** Set when the restore function lives in a class body (super, private names, constructors). */
    private readonly placement: ClassPlacement | null = null,
  ) {
    result.slots.forEach((n, i) => this.slotOf.set(n, i));
    for (const cp of result.cps) this.cpById.set(cp.id, cp);
  }

  private boxed(name: string): boolean {
    return this.facts.boxed.has(name) && this.slotOf.has(name);
  }

  private restored(name: string): t.Expression {
    const i = this.slotOf.get(name);
    return i === undefined ? undef() : t.memberExpression(id(R.locals), t.numericLiteral(i), true);
  }

  /** The lowest and highest own cp id in a node, memoized (guards ask for every nesting level). */
  private span(node: t.Node): [number, number] | null {
    if (this.spans.has(node)) return this.spans.get(node)!;
    let lo = Infinity, hi = -Infinity;
    const add = (r: [number, number] | null): void => {
      if (r) { lo = Math.min(lo, r[0]); hi = Math.max(hi, r[1]); }
    };
    if (!t.isFunction(node) && !t.isClass(node)) {
      if (t.isStatement(node)) {
        const c = checkId(node);
        if (c !== null) add([c, c]);
        const u = updateId(node);
        if (u !== null) add([u, u]);
      }
      for (const key of t.VISITOR_KEYS[node.type] ?? []) {
        const child = (node as unknown as Record<string, unknown>)[key];
        if (Array.isArray(child)) for (const c of child) { if (c && typeof c === 'object') add(this.span(c as t.Node)); }
        else if (child && typeof child === 'object') add(this.span(child as t.Node));
      }
    }
    const r: [number, number] | null = lo <= hi ? [lo, hi] : null;
    this.spans.set(node, r);
    return r;
  }
  private spans = new WeakMap<t.Node, [number, number] | null>();

  private inRange(node: t.Node): t.Expression | null {
    const r = this.span(node);
    if (!r) return null;
    const [lo, hi] = r;
    if (lo === hi) return t.binaryExpression('===', id(R.target), t.numericLiteral(lo));
    return t.logicalExpression('&&',
      t.binaryExpression('>=', id(R.target), t.numericLiteral(lo)),
      t.binaryExpression('<=', id(R.target), t.numericLiteral(hi)));
  }

  /** `if (!mode || inRange) { s }`, or `if (!mode) { s }` when s holds no continuation point. */
  private guard(s: t.Statement, node: t.Node = s): t.Statement {
    const range = this.inRange(node);
    const test = range ? t.logicalExpression('||', notMode(), range) : notMode();
    return t.ifStatement(test, t.isBlockStatement(s) ? s : t.blockStatement([s]));
  }

  build(body: t.BlockStatement, restoreName: string): t.FunctionDeclaration {
    // An async function's or generator's body runs as a generator driven by the runtime: so does its restore.
    return t.functionDeclaration(id(restoreName), [id(R.record)], this.buildBody(body), isDriven(this.info.node));
  }

  buildBody(body: t.BlockStatement): t.BlockStatement {
    const header = t.variableDeclaration('var', [
      t.variableDeclarator(id(R.locals), record('l')),
      t.variableDeclarator(id(R.target), record('cp')),
      t.variableDeclarator(mode(), t.booleanLiteral(true)),
      t.variableDeclarator(id(R.self), record('s')),
      t.variableDeclarator(id(R.env), record('e')),
      t.variableDeclarator(id(R.args), record('a')),
      t.variableDeclarator(id(R.newTarget), record('n')),
      t.variableDeclarator(id(R.next)),
    ]);
    const fnDecls = new Set(body.body.filter((s): s is t.FunctionDeclaration => t.isFunctionDeclaration(s)).map((s) => s.id!.name));
    // A named function expression's own name stays read-only in strict code: assigning it throws.
    // (In sloppy code, where such an assignment is ignored, the rebuilt frame's binding takes it.)
    const own = this.result.ownName !== undefined && isStrict(this.info.path) ? this.result.ownName : undefined;
    const levelVars = this.result.functionLevel.filter((n) => !fnDecls.has(n) && n !== own);
    const stmts: t.Statement[] = [header];
    if (own !== undefined) stmts.push(t.variableDeclaration('const', [t.variableDeclarator(id(own), this.restored(own))]));
    if (levelVars.length) stmts.push(t.variableDeclaration('var', levelVars.map((n) => t.variableDeclarator(id(n), this.restored(n)))));
    // The environment's arrow is not copied: a restore function's saves pass its record's environment.
    stmts.push(...this.block(body.body.filter((s) => !isEnvFactory(s))));
    if (this.info.kind === 'function' || this.info.kind === 'constructor') {
      // A frame entered by `new` (or Reflect.construct) yields its object, whatever the call
      // site that rebuilds it looks like: its returns go through the construct rule.
      // A derived constructor's rule differs: only an object or undefined may be returned.
      const derived = this.info.kind === 'constructor' && !!(this.info.path.parentPath?.parentPath?.node as t.Class | undefined)?.superClass;
      const made = (arg: t.Expression): t.Expression => derived
        ? t.callExpression(rt('madeDerived'), [arg, id(R.self)])
        : t.callExpression(rt('made'), [arg, id(R.self), id(R.newTarget)]);
      const visit = (n: t.Node): void => {
        if (t.isFunction(n) || t.isClass(n)) return;
        if (t.isReturnStatement(n)) {
          if (saveCallId(n.argument) === null && !isRestoredSave(n.argument)) n.argument = made(n.argument ?? undef());
          return;
        }
        for (const key of t.VISITOR_KEYS[n.type] ?? []) {
          const child = (n as unknown as Record<string, unknown>)[key];
          if (Array.isArray(child)) child.forEach((c) => c && typeof c === 'object' && visit(c as t.Node));
          else if (child && typeof child === 'object') visit(child as t.Node);
        }
      };
      stmts.forEach(visit);
      stmts.push(t.returnStatement(made(undef())));
    }
    const directives: t.Directive[] = [];
    // Strict code stays strict when rebuilt: a module-level copy in a sloppy script would
    // otherwise lose the directive of the function (or of an enclosing one).
    if (!this.placement && isStrict(this.info.path) && !strictProgram(this.info.path)) directives.push(t.directive(t.directiveLiteral('use strict')));
    // finishAsync tells an async generator's restore function by this directive (its yields differ).
    if (this.info.kind === 'async generator' && isDriven(this.info.node)) directives.push(t.directive(t.directiveLiteral(ASYNC_GENERATOR)));
    return t.blockStatement(stmts, directives);
  }

  /** Hoisted function declarations get back the closures the frame had. */
  private functionRestores(names: string[]): t.Statement[] {
    const live = names.filter((n) => this.slotOf.has(n));
    if (!live.length) return [];
    // A slot left empty at the target means: keep the new closure (see scopeFacts.closureRefs).
    return [t.ifStatement(mode(), t.blockStatement(live.map((n) =>
      t.ifStatement(this.present(n), t.expressionStatement(t.assignmentExpression('=', id(n), this.restored(n)))))))];
  }

  private present(name: string): t.Expression {
    return t.binaryExpression('in', t.numericLiteral(this.slotOf.get(name)!), id(R.locals));
  }

  private block(stmts: t.Statement[]): t.Statement[] {
    const out: t.Statement[] = [];
    const fnNames = stmts.filter((s): s is t.FunctionDeclaration => t.isFunctionDeclaration(s)).map((s) => s.id!.name);
    for (let i = 0; i < stmts.length; i++) {
      const s = stmts[i];
      const cpId = checkId(stmts[i + 1]);
      if (cpId !== null && checkId(s) === null) {
        out.push(this.callSite(s, cpId));
        out.push(this.check(stmts[i + 1] as t.IfStatement, cpId));
        i++;
        continue;
      }
      out.push(...this.statement(s));
    }
    if (!fnNames.length) return out;
    // A function declaration reassigned and read by a closure is boxed: its binding holds the box
    // (the frame's, while restoring, shared with the closures made before the update; else a new
    // one), made where the declaration is hoisted, at the top of its block.
    const boxedFns = stmts.filter((s): s is t.FunctionDeclaration => t.isFunctionDeclaration(s) && this.facts.boxed.has(s.id!.name)).map((s) => {
      const name = s.id!.name;
      // Named by a property ({ h: function () {} }.h): its own name inside reads the binding, as
      // a declaration's does, not the function itself, as a named function expression's would.
      const fn = t.memberExpression(t.objectExpression([t.objectProperty(id(name),
        t.functionExpression(null, s.params, s.body, s.generator, s.async))]), id(name));
      const box = t.objectExpression([t.objectProperty(id('v'), fn)]);
      return t.variableDeclaration('let', [t.variableDeclarator(id(name), this.slotOf.has(name)
        ? t.conditionalExpression(t.logicalExpression('&&', mode(), this.present(name)), this.restored(name), box) : box)]);
    });
    return [...boxedFns, ...this.functionRestores(fnNames.filter((n) => !this.facts.boxed.has(n))), ...out];
  }

  /** The call at a continuation point: re-issued through the runtime when it is the target. */
  private callSite(s: t.Statement, cpId: number): t.Statement {
    const call = t.isVariableDeclaration(s) ? s.declarations[0].init : (s as t.ExpressionStatement).expression;
    // The callee's restore function is called from here directly (one stack frame per rebuilt
    // level, as in the original stack): q = next record; q.f(q).
    const q = (): t.Identifier => id(R.next);
    const rebuilt = t.callExpression(recordOf(q(), 'f'), [q()]);
    // A derived constructor's super(): the rebuilt parent constructor returns the object `this`
    // is bound to (the one it made, or the one it returned instead); the saved `this` is not it,
    // as the frame saved itself before super() had bound it.
    const superCall = t.isCallExpression(call) && (t.isSuper(call.callee) ||
      (t.isMemberExpression(call.callee) && t.isIdentifier(call.callee.property, { name: 'unreachable' }) && t.isIdentifier(call.callee.object, { name: R.runtime })));
    const reissue = t.sequenceExpression([
      t.assignmentExpression('=', mode(), t.booleanLiteral(false)),
      t.assignmentExpression('=', q(), t.callExpression(rt('pop'), [])),
      t.isNewExpression(call) ? t.callExpression(rt('constructed'), [q(), rebuilt])
        : superCall ? t.assignmentExpression('=', id(R.self), rebuilt)
        : rebuilt,
    ]);
    const isTarget = t.binaryExpression('===', id(R.target), t.numericLiteral(cpId));
    if (t.isCallExpression(call) && t.isIdentifier(call.callee) && SUSPENSION_CPS.has(call.callee.name)) {
      // An await or yield: the frame parks there (yields the runtime's marker) and the driver
      // resumes it with what the promise it was awaiting settles to, or what the program's next
      // step passes (a yield* delegating goes on in the driver); nothing is re-issued.
      reissue.expressions = [reissue.expressions[0], t.callExpression(id(AWAIT_CP), [rt('P')])];
    }
    if (t.isVariableDeclaration(s)) {
      const d = s.declarations[0];
      const name = (d.id as t.Identifier).name;
      const init = t.conditionalExpression(mode(), t.conditionalExpression(isTarget, reissue, this.restored(name)), d.init!);
      return t.variableDeclaration(s.kind, [t.variableDeclarator(d.id, init)]);
    }
    const expr = (s as t.ExpressionStatement).expression;
    return t.expressionStatement(t.conditionalExpression(mode(), t.logicalExpression('&&', isTarget, reissue), expr));
  }

  /** The check after a call, saving through the restore-variant entry point. */
  private check(s: t.IfStatement, cpId: number): t.Statement {
    const ret = s.consequent as t.ReturnStatement;
    const save = this.saveCall(cpId);
    const arg = t.isSequenceExpression(ret.argument)
      ? t.sequenceExpression([...ret.argument.expressions.slice(0, -1), save])
      : save;
    return t.ifStatement(s.test, t.returnStatement(arg));
  }

  private saveCall(cpId: number): t.CallExpression {
    const cp = this.cpById.get(cpId)!;
    const elems: (t.Expression | null)[] = this.result.slots.map(() => null);
    // A box of an earlier switch case is reached through accessors (rewriteNames makes them read
    // the box): the binding may be uninitialised here, and only a read of it may throw.
    for (const n of cp.live) elems[this.slotOf.get(n)!] = this.facts.caseShared.has(n) ? accessor('v', n, false) : this.rawId(n);
    while (elems.length && elems[elems.length - 1] === null) elems.pop();
    return t.callExpression(handle(M.saveRestored), [
      t.numericLiteral(cpId), t.arrayExpression(elems), id(R.self), id(R.env), id(R.args), id(R.newTarget),
      ...(this.placement ? [this.placement.restoreRef()] : []),
    ]);
  }

  private statement(s: t.Statement): t.Statement[] {
    const up = updateId(s);
    if (up !== null) {
      const ifs = s as t.IfStatement;
      const ret = ifs.consequent as t.ReturnStatement;
      const save = this.saveCall(up);
      const arg = t.isSequenceExpression(ret.argument) ? t.sequenceExpression([...ret.argument.expressions.slice(0, -1), save]) : save;
      return [
        t.ifStatement(t.logicalExpression('&&', notMode(), ifs.test), t.returnStatement(arg)),
        t.ifStatement(t.logicalExpression('&&', mode(), t.binaryExpression('===', id(R.target), t.numericLiteral(up))),
          t.blockStatement([
            t.expressionStatement(t.assignmentExpression('=', mode(), t.booleanLiteral(false))),
            t.expressionStatement(t.callExpression(handle(M.resumed), [])),
          ])),
      ];
    }
    // A statement holding no continuation point is never entered while restoring: it stays as it
    // is, skipped as a whole (declarations excepted: their bindings belong to this block).
    if (!t.isDeclaration(s) && this.span(s) === null) return [this.guard(s)];
    switch (s.type) {
      case 'VariableDeclaration':
        return this.declaration(s);
      case 'FunctionDeclaration':
        // A boxed one is declared at the top of its block (block()).
        return this.facts.boxed.has(s.id!.name) ? [] : [s];
      case 'ClassDeclaration': {
        const name = s.id!.name;
        const expr = t.classExpression(s.id, s.superClass, s.body, s.decorators);
        const value = this.boxed(name) ? t.objectExpression([t.objectProperty(id('v'), expr)]) : expr;
        return [t.variableDeclaration('let', [t.variableDeclarator(id(name),
          this.slotOf.has(name) ? t.conditionalExpression(mode(), this.restored(name), value) : value)])];
      }
      case 'BlockStatement':
        return [this.guard(t.blockStatement(this.block(s.body)), s)];
      case 'IfStatement': {
        const consRange = this.inRange(s.consequent);
        const test = t.conditionalExpression(mode(), consRange ?? t.booleanLiteral(false), s.test);
        const node = t.ifStatement(test, this.sub(s.consequent), s.alternate ? this.sub(s.alternate) : null);
        return [this.guard(node, s)];
      }
      case 'LabeledStatement': {
        const inner = this.loopOrStatement(s.body);
        return [this.guard(t.labeledStatement(s.label, inner), s)];
      }
      case 'WhileStatement':
      case 'DoWhileStatement':
      case 'ForStatement':
      case 'ForInStatement':
      case 'ForOfStatement':
        return [this.guard(this.loopOrStatement(s), s)];
      case 'SwitchStatement':
        return [this.guard(this.switchStatement(s), s)];
      case 'TryStatement':
        return [this.guard(this.tryStatement(s), s)];
      default:
        return [this.guard(s)];
    }
  }

  private sub(s: t.Statement): t.BlockStatement {
    return t.blockStatement(this.block(t.isBlockStatement(s) ? s.body : [s]));
  }

  private loopOrStatement(s: t.Statement): t.Statement {
    if (t.isWhileStatement(s)) return t.whileStatement(t.logicalExpression('||', mode(), s.test), this.sub(s.body));
    if (t.isDoWhileStatement(s)) return t.doWhileStatement(s.test, this.sub(s.body));
    if (t.isForStatement(s)) {
      let init: t.ForStatement['init'] = s.init;
      let update = s.update;
      if (t.isVariableDeclaration(init)) {
        if (init.kind === 'var') {
          const assigns = init.declarations.filter((d) => d.init).map((d) => t.assignmentExpression('=', d.id as t.LVal, d.init!));
          init = assigns.length ? t.conditionalExpression(mode(), undef(), assigns.length === 1 ? assigns[0] : t.sequenceExpression(assigns)) : null;
        } else {
          const kind = init.kind;
          init = t.variableDeclaration(kind === 'const' ? 'const' : 'let', init.declarations.map((d) => {
            const name = (d.id as t.Identifier).name;
            const fresh = d.init ?? undef();
            const value = this.boxed(name) ? t.objectExpression([t.objectProperty(id('v'), fresh)]) : fresh;
            return t.variableDeclarator(d.id, this.slotOf.has(name) ? t.conditionalExpression(mode(), this.restored(name), value) : value);
          }));
          // A boxed loop variable gets a fresh box per iteration, as the binding would.
          const boxedHead = init.declarations.map((d) => (d.id as t.Identifier).name).filter((n) => this.boxed(n));
          if (boxedHead.length) {
            const copies = boxedHead.map((n) => t.assignmentExpression('=', this.rawId(n), t.objectExpression([t.objectProperty(id('v'), t.memberExpression(this.rawId(n), id('v')))])));
            update = t.sequenceExpression([...copies, ...(update ? [update] : [])]);
          }
        }
      } else if (init) {
        init = t.conditionalExpression(mode(), undef(), init);
      }
      const test = s.test ? t.logicalExpression('||', mode(), s.test) : null;
      return t.forStatement(init, test, update, this.sub(s.body));
    }
    if (t.isForInStatement(s) || t.isForOfStatement(s)) return s; // only without continuation points
    return this.statement(s).length === 1 ? this.statement(s)[0] : t.blockStatement(this.statement(s));
  }

  private declaration(s: t.VariableDeclaration): t.Statement[] {
    if (s.kind === 'var') {
      // vars were restored at the top; their declarations become assignments skipped while restoring.
      const assigns = s.declarations.filter((d) => d.init).map((d) => t.assignmentExpression('=', d.id as t.LVal, d.init!));
      if (!assigns.length) return [];
      return [t.ifStatement(notMode(), t.blockStatement(assigns.map((a) => t.expressionStatement(a))))];
    }
    const out: t.Statement[] = [];
    for (const d of s.declarations) {
      if (t.isIdentifier(d.id)) {
        const name = d.id.name;
        const fresh = d.init ?? undef();
        const value = this.boxed(name) ? t.objectExpression([t.objectProperty(id('v'), fresh)]) : fresh;
        const restoring = this.facts.closureRefs.has(name) ? t.logicalExpression('&&', mode(), this.present(name)) : mode();
        const init = this.slotOf.has(name) ? t.conditionalExpression(restoring, this.restored(name), value) : value;
        out.push(t.variableDeclaration(s.kind, [t.variableDeclarator(d.id, init)]));
        continue;
      }
      // Patterns: declare each name (from the record while restoring), then destructure.
      const names = patternNames(d.id, []);
      // An empty pattern (`let {} = v`) declares nothing, and still checks v when it runs.
      if (names.length) out.push(t.variableDeclaration('let', names.map((n) => t.variableDeclarator(id(n),
        t.conditionalExpression(mode(), this.restored(n), this.boxed(n) ? t.objectExpression([t.objectProperty(id('v'), undef())]) : undef())))));
      if (d.init) {
        out.push(t.ifStatement(notMode(), t.blockStatement([t.expressionStatement(
          t.assignmentExpression('=', patternToAssignment(d.id as t.LVal), d.init))])));
      }
    }
    return out;
  }

  /**
   * switch: while restoring, the discriminant and the case tests are replaced so control lands in
   * the case holding the target; case tests are not evaluated then. A case declaring let, const or
   * class bindings that a later case may use (natively reached by falling through) is landed in
   * instead when the target lies in it or after it: control falls through to the target, running
   * only declarations on the way (which take their saved values), so none is left uninitialised.
   */
  private switchStatement(s: t.SwitchStatement): t.Statement {
    const hit = rt('K');
    const miss = rt('NO');
    const cases = s.cases.map((c, i) => {
      const declares = c.consequent.some((x) => t.isClassDeclaration(x) || (t.isVariableDeclaration(x) && x.kind !== 'var'));
      const landing = declares ? s.cases.slice(i).flatMap((d) => d.consequent) : c.consequent;
      const range = this.inRange(t.blockStatement(landing));
      const body = this.block(c.consequent);
      if (!c.test) return t.switchCase(null, body);
      const restoreTest = range ? t.conditionalExpression(range, t.cloneNode(hit), t.cloneNode(miss)) : t.cloneNode(miss);
      return t.switchCase(t.conditionalExpression(mode(), restoreTest, c.test), body);
    });
    return t.switchStatement(t.conditionalExpression(mode(), t.cloneNode(hit), s.discriminant), cases);
  }

  /** try: a target in the catch body is reached by throwing a marker from the try block. */
  private tryStatement(s: t.TryStatement): t.Statement {
    const block = this.block(s.block.body);
    let handler = s.handler;
    if (handler) {
      const range = this.inRange(handler.body);
      if (range) {
        block.unshift(t.ifStatement(t.logicalExpression('&&', mode(), range),
          t.throwStatement(rt('REENTER'))));
      }
      const caught = id('__rsEx');
      const body: t.Statement[] = [];
      if (handler.param) {
        body.push(...this.declaration(t.variableDeclaration('let', [t.variableDeclarator(handler.param, caught)])));
      }
      body.push(...this.block(handler.body.body));
      handler = t.catchClause(handler.param ? t.cloneNode(caught) : null, t.blockStatement(body));
    }
    let finalizer = s.finalizer ? t.blockStatement(this.block(s.finalizer.body)) : null;
    if (finalizer && isTrackedFinally(s)) finalizer = this.completeFinally(s, finalizer);
    return t.tryStatement(t.blockStatement(block), handler, finalizer);
  }

  /**
   * At the end of a finally entered while rebuilding, complete the way it was entered: the
   * recorded return, throw, break or continue (natively entered, this repeats what the engine
   * does anyway).
   */
  private completeFinally(s: t.TryStatement, finalizer: t.BlockStatement): t.BlockStatement {
    const assigns = s.handler!.body.body
      .filter((x): x is t.ExpressionStatement => t.isExpressionStatement(x) && t.isAssignmentExpression(x.expression))
      .map((x) => (x.expression as t.AssignmentExpression).left as t.Identifier);
    const [c, v] = assigns;
    const is = (n: number): t.Expression => t.binaryExpression('===', id(c.name), t.numericLiteral(n));
    const tail: t.Statement[] = [
      t.ifStatement(is(-1), t.throwStatement(id(v.name))),
      t.ifStatement(is(1), t.returnStatement(id(v.name))),
    ];
    t.traverseFast(s.block, (n) => {
      if (!t.isBlockStatement(n) || n.body.length !== 2) return;
      const set = n.body[0];
      // A jump leaving several tracked trys sets each one's completion: `{ c = 2; { c2 = 2; continue; } }`.
      let jump = n.body[1];
      while (t.isBlockStatement(jump) && jump.body.length > 0 && jump.body.slice(0, -1).every((x) => t.isExpressionStatement(x))) jump = jump.body[jump.body.length - 1];
      if (!t.isExpressionStatement(set) || !t.isAssignmentExpression(set.expression) || !t.isIdentifier(set.expression.left, { name: c.name })) return;
      if (!t.isNumericLiteral(set.expression.right) || !(t.isBreakStatement(jump) || t.isContinueStatement(jump))) return;
      tail.push(t.ifStatement(is(set.expression.right.value), t.cloneNode(jump)));
    });
    // The finally body is wrapped in its unwinding guard (the `if` testing __rsx): complete
    // inside it, so nothing of this runs while unwinding.
    let inner: t.BlockStatement = finalizer;
    t.traverseFast(finalizer, (n) => {
      if (inner !== finalizer || !t.isIfStatement(n) || !t.isBlockStatement(n.consequent)) return;
      let mentions = false;
      t.traverseFast(n.test, (m) => { if (t.isIdentifier(m, { name: R.returnFlag })) mentions = true; });
      if (mentions) inner = n.consequent;
    });
    inner.body.push(...tail);
    return finalizer;
  }

  /**
   * Rewrites names in the restore function once it is in the program: `this`, `arguments`,
   * `new.target` of the function; variables of enclosing scopes (through the environment); own
   * boxed variables (`x` -> `x.v`).
   */
  rewriteNames(path: NodePath<t.Function>): void {
    const fnNode = path.node;
    const facts = this.facts;
    const raw = this.raw;
    const placement = this.placement;
    // super.x of the function, in a restore function that is not a method of the same home:
    // Reflect.get(Object.getPrototypeOf(home), 'x', self).
    const superBase = (): t.Expression => {
      const home = placement!.isStatic ? placement!.classRef() : t.memberExpression(placement!.classRef(), id('prototype'));
      return t.callExpression(t.memberExpression(id('Object'), id('getPrototypeOf')), [home]);
    };
    const superGet = (m: t.MemberExpression): t.Expression => t.callExpression(t.memberExpression(id('Reflect'), id('get')), [
      superBase(), m.computed ? (m.property as t.Expression) : t.stringLiteral((m.property as t.Identifier).name), id(R.self),
    ]);
    const ownFunction = (p: NodePath): boolean => {
      // True when `this`/`arguments` at p belong to the restore function (only arrows between).
      for (let q = p.parentPath; q; q = q.parentPath) {
        if (q.node === fnNode) return true;
        if (q.isFunction() && !q.isArrowFunctionExpression()) return false;
        if (q.isClassProperty() || q.isClassPrivateProperty() || q.isStaticBlock() || q.isClassAccessorProperty()) return false;
      }
      return false;
    };
    const isWithin = (scopePath: NodePath): boolean => {
      for (let q: NodePath | null = scopePath; q; q = q.parentPath) if (q.node === fnNode) return true;
      return false;
    };
    path.traverse({
      VariableDeclaration(p) {
        // A var of a statement kept whole (no continuation point in it) that binds a boxed
        // variable: the restore function declares it at its top already (the declarations
        // directly in its body), so the declaration becomes assignments, which the Identifier
        // visitor then makes assign the box.
        if (p.node.kind !== 'var' || p.parent === fnNode.body || p.getFunctionParent()?.node !== fnNode) return;
        if (!p.node.declarations.some((d) => patternNames(d.id, []).some((n) => facts.boxed.has(n)))) return;
        if (p.parentPath.isForXStatement() && p.key === 'left') {
          p.replaceWith(p.node.declarations[0].id);
          return;
        }
        const assigns = p.node.declarations.filter((d) => d.init).map((d) => t.assignmentExpression('=', d.id as t.LVal, d.init!));
        const expr = assigns.length === 1 ? assigns[0] : assigns.length ? t.sequenceExpression(assigns) : null;
        if (p.parentPath.isForStatement() && p.key === 'init') {
          if (expr) p.replaceWith(expr);
          else p.remove();
        } else {
          p.replaceWith(expr ? t.expressionStatement(expr) : t.emptyStatement());
        }
      },
      ThisExpression(p) {
        if (ownFunction(p)) p.replaceWith(id(R.self));
      },
      Super(p) {
        if (!placement || !ownFunction(p)) return;
        const parent = p.parentPath;
        if (parent.isCallExpression() && parent.node.callee === p.node) {
          // Never runs: a rebuilt derived constructor resumes after its super() call.
          parent.replaceWith(t.callExpression(rt('unreachable'), []));
          return;
        }
        if (!parent.isMemberExpression()) return;
        const call = parent.parentPath;
        if (call?.isCallExpression() && call.node.callee === parent.node) {
          call.replaceWith(t.callExpression(rt('C'), [superGet(parent.node), id(R.self), ...call.node.arguments]));
          return;
        }
        parent.replaceWith(superGet(parent.node));
      },
      MetaProperty(p) {
        if (p.node.meta.name === 'new' && ownFunction(p)) p.replaceWith(id(R.newTarget));
      },
      Identifier(p) {
        if (!isVariableUse(p) || raw.has(p.node)) return;
        const name = p.node.name;
        if (name.startsWith(R.prefix)) return;
        const b = bindingOf(p, name);
        if (name === 'arguments' && (!b || !isWithin(b.scope.path)) && ownFunction(p)) {
          p.replaceWith(id(R.args));
          return;
        }
        // The class's own name inside a class body copied here: it names the copy, as it should.
        if (b && isInnerClassName(p, b) && isWithin(b.path)) return;
        if (b && isWithin(b.scope.path)) {
          const owner = b.scope.getFunctionParent();
          if (owner?.path.node !== fnNode || !facts.boxed.has(name)) return;
          if (b.identifier === p.node) return;
          if (p.parentPath.isVariableDeclarator() && p.key === 'id') return;
          const parent = p.parent;
          if (t.isObjectProperty(parent) && parent.shorthand) parent.shorthand = false;
          p.replaceWith(t.memberExpression(id(name), id('v')));
          p.skip();
          return;
        }
        if (facts.env.has(name)) {
          const parent = p.parent;
          if (t.isObjectProperty(parent) && parent.shorthand) parent.shorthand = false;
          p.replaceWith(t.memberExpression(id(R.env), id(name)));
          p.skip();
        }
      },
    });
  }
}

/**
 * Is the function's code strict: its own directive (which Babel's isInStrictMode, starting from
 * the parent, does not see), an enclosing function's, the script's, a class body or a module.
 */
function isStrict(path: NodePath<t.Function>): boolean {
  const body = path.node.body;
  return (t.isBlockStatement(body) && body.directives.some((d) => d.value.value === 'use strict')) || path.isInStrictMode();
}

/** Is all code at the program's top level strict (an ES module, or a 'use strict' script)? */
function strictProgram(path: NodePath): boolean {
  const program = path.scope.getProgramParent().path.node as t.Program;
  return program.sourceType === 'module' || program.directives.some((d) => d.value.value === 'use strict');
}

/** `{a, b: [c = 1]}` as a declaration pattern, reused as an assignment target. */
function patternToAssignment(p: t.LVal): t.LVal {
  return t.cloneNode(p);
}
