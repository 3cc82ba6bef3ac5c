/**
 * linearizeCalls: puts every call of a capturable function into a statement of its own, in the
 * order the original expression evaluated it, so that each call is a continuation point at which
 * the frame can stop (save its locals and return) and later resume.
 *
 * Assumes: types stripped; update points already marked (markUpdatePoints). Runs on the body of
 * one capturable function at a time; nested functions are left to their own turn.
 * Guarantees: every call not marked opaque is a statement `let tmp = callee(atoms...)` or
 * `callee(atoms...);` registered in `tables.cpCalls`, whose callee is an identifier or
 * `atom.name`/`atom[atom]` and whose arguments are identifiers, literals (a negated number
 * included), `this`, or the call giving a tagged template's strings object (a tagged template
 * becomes a call of its tag); so the call is printed on one line and no user code other than the
 * callee's property read runs on that line. Under the 'except-builtins' policy, calls of builtin
 * methods (BUILTIN_METHODS) are not continuation points and stay in their expressions.
 *
 *   x = a.b + f(c.d) * g();     ==>   let t1 = a.b; let t2 = c.d; let t3 = f(t2);
 *                                     let t4 = g(); x = t1 + t3 * t4;
 *   if (p && q(p)) s();         ==>   let t1 = p; if (t1) { t1 = q(p); } if (t1) { s(); }
 *
 * Constructs whose calls cannot be linearized without changing meaning (calls in destructuring
 * defaults, in class heritage or computed keys, in switch case tests) are left as they are and
 * recorded as opaque: an update never unwinds through them (the runtime defers it).
 */
import { AWAIT, capturableForAwait, DELEGATE, isMethodWithComputedKey, MARKERS, YIELD, YIELD_FROM } from './asyncFunctions.js';
import * as t from '@babel/types';
import { R, type CallPointPolicy } from '../../contract/index.js';
import { generate } from '../babel.js';
import { rt } from '../runtimeRef.js';
import { keepSourceText } from '../sourceText.js';

export interface LinearizeTables {
  /** Statements that are continuation-point calls. */
  cpCalls: WeakSet<t.Statement>;
  /** Update-point marker statements (inserted by markUpdatePoints). */
  updatePoints: WeakSet<t.Statement>;
  /** Identifier nodes whose binding no call can change (locals not captured by closures). */
  stable: WeakSet<t.Identifier>;
  /** Temporaries introduced by the compiler. */
  temps: WeakSet<t.Identifier>;
  /** try statements whose finally must be skipped while unwinding (user's and desugared). */
  guardedFinally: WeakSet<t.TryStatement>;
  /** Source text of the callee of a continuation-point call (metadata), by call node. */
  calleeText: WeakMap<t.Node, string>;
  /** Which calls are continuation points. */
  callPoints: CallPointPolicy;
  opaque: (node: t.Node, why: string) => void;
  newTemp: (hint?: string) => t.Identifier;
  /**
   * An expression giving the strings object of a tagged template's literal: a call of a
   * module-level function holding the one site that makes it, so the body and the restore
   * function (a copy of the body) pass the same object at every call, as the site does natively.
   */
  templateObject: (quasi: t.TemplateLiteral) => t.Expression;
  /** A method call was compiled to `__rsC(...)`: the module header declares it (R.call). */
  usesCall: boolean;
}

/**
 * Methods of JavaScript's and Node's builtins that finish in bounded time and call no user code
 * other than implicit conversions (valueOf, toString, a Map key's nothing at all). Under the
 * 'except-builtins' policy a call `receiver.name(args)` with one of these names, no spread and no
 * call in receiver or arguments is not a continuation point: it stays in its expression, so V8
 * inlines it as it would natively (no temporary for the callee, no Function.prototype.call, no
 * check after it). A user method of the same name called this way is still compiled and still
 * has update points, but the update waits until it returns: its caller is not stopped at a
 * continuation point, so the stack check refuses to unwind through it.
 *
 * Names of blocking or long-running operations (pop, shift, take, read, wait, next, then, forEach,
 * map, sort) are left out on purpose: a user queue's `take()` that sleeps must stay interruptible.
 */
export const BUILTIN_METHODS: ReadonlySet<string> = new Set([
  // Map, Set, WeakMap, WeakSet, Array
  'get', 'set', 'has', 'delete', 'add', 'push', 'indexOf', 'lastIndexOf', 'includes', 'join',
  // String, Number, Buffer
  'charAt', 'charCodeAt', 'codePointAt', 'toLowerCase', 'toUpperCase', 'startsWith', 'endsWith',
  'slice', 'substring', 'trim', 'padStart', 'padEnd', 'toString', 'toFixed', 'fromCharCode',
  'subarray', 'concat', 'byteLength', 'isInteger', 'isSafeInteger', 'isFinite', 'isNaN',
  // Math, RegExp
  'floor', 'ceil', 'round', 'trunc', 'abs', 'min', 'max', 'sqrt', 'test',
]);

const callMemo = new WeakMap<t.Node, boolean>();
const userCallMemo = new WeakMap<t.Node, boolean>();

/**
 * Does evaluating `node` perform a call we instrument (a continuation point under `policy`)?
 * Nested functions are not entered.
 */
export function hasCall(node: t.Node | null | undefined, policy: CallPointPolicy = 'all'): boolean {
  if (!node) return false;
  const memo = policy === 'all' ? callMemo : userCallMemo;
  const known = memo.get(node);
  if (known !== undefined) return known;
  let found = false;
  if (t.isCallExpression(node) && policy === 'except-builtins' && isBuiltinCall(node)) {
    found = false;
  } else if (t.isCallExpression(node) || t.isNewExpression(node) || t.isOptionalCallExpression(node) || t.isTaggedTemplateExpression(node)) {
    found = true;
  } else if (t.isFunction(node)) {
    // A method's computed key is evaluated with the object or class that defines it.
    found = isMethodWithComputedKey(node) && hasCall(node.key, policy);
  } else if (t.isClass(node)) {
    found = true; // heritage, computed keys and static initialisers run user code
  } else {
    for (const key of t.VISITOR_KEYS[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (const c of child) if (c && typeof c === 'object' && hasCall(c as t.Node, policy)) { found = true; break; }
      } else if (child && typeof child === 'object' && hasCall(child as t.Node, policy)) {
        found = true;
      }
      if (found) break;
    }
  }
  memo.set(node, found);
  return found;
}

/** `receiver.name(args)` with a name of BUILTIN_METHODS, no spread and no call inside. */
function isBuiltinCall(call: t.CallExpression): boolean {
  const callee = call.callee;
  if (!t.isMemberExpression(callee) || callee.computed || !t.isIdentifier(callee.property)) return false;
  if (!BUILTIN_METHODS.has(callee.property.name) || t.isSuper(callee.object)) return false;
  if (hasCall(callee.object, 'except-builtins')) return false;
  return call.arguments.every((a) => t.isExpression(a) && !hasCall(a, 'except-builtins'));
}

/** A literal, or a negated number (`-1`): a constant no user code can affect. */
function isLiteral(e: t.Node): boolean {
  if (t.isUnaryExpression(e) && e.operator === '-' && (t.isNumericLiteral(e.argument) || t.isBigIntLiteral(e.argument))) return true;
  return t.isNumericLiteral(e) || t.isStringLiteral(e) || t.isBooleanLiteral(e) || t.isNullLiteral(e) || t.isBigIntLiteral(e) ||
    (t.isIdentifier(e) && e.name === 'undefined') || (t.isTemplateLiteral(e) && e.expressions.length === 0);
}

/** Collects names assigned anywhere in a statement (they are not stable within it). */
function assignedNames(node: t.Node, out: Set<string>): void {
  if (t.isFunction(node)) return;
  if (t.isAssignmentExpression(node)) collectPatternNames(node.left, out);
  if (t.isUpdateExpression(node) && t.isIdentifier(node.argument)) out.add(node.argument.name);
  for (const key of t.VISITOR_KEYS[node.type] ?? []) {
    const child = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(child)) for (const c of child) { if (c && typeof c === 'object') assignedNames(c as t.Node, out); }
    else if (child && typeof child === 'object') assignedNames(child as t.Node, out);
  }
}

function collectPatternNames(p: t.Node, out: Set<string>): void {
  if (t.isIdentifier(p)) out.add(p.name);
  else if (t.isArrayPattern(p)) p.elements.forEach((e) => e && collectPatternNames(e, out));
  else if (t.isObjectPattern(p)) p.properties.forEach((q) => collectPatternNames(t.isRestElement(q) ? q.argument : (q as t.ObjectProperty).value, out));
  else if (t.isAssignmentPattern(p)) collectPatternNames(p.left, out);
  else if (t.isRestElement(p)) collectPatternNames(p.argument, out);
}

/** The callee as written, for metadata and error messages. */
function calleeSource(c: t.Expression): string {
  const text = generate(c, { comments: false, compact: true }).code;
  return text.length > 60 ? text.slice(0, 57) + '...' : text;
}

/** Loop labels are attached by the caller; this tells which statements are loops. */
function isLoop(s: t.Statement): s is t.Loop {
  return t.isForStatement(s) || t.isWhileStatement(s) || t.isDoWhileStatement(s) || t.isForInStatement(s) || t.isForOfStatement(s);
}

/**
 * IteratorNext's checks on a result `step` inside a loop: it must be an object (else
 * R.notResult throws), and `done` ends the loop.
 */
function resultChecks(step: t.Identifier): t.Statement[] {
  const kind = (): t.Expression => t.unaryExpression('typeof', t.cloneNode(step));
  return [
    t.ifStatement(t.logicalExpression('||', t.binaryExpression('===', t.cloneNode(step), t.nullLiteral()),
      t.logicalExpression('&&',
        t.binaryExpression('!==', kind(), t.stringLiteral('object')),
        t.binaryExpression('!==', kind(), t.stringLiteral('function')))),
    t.expressionStatement(t.callExpression(rt('notResult'), [t.cloneNode(step)]))),
    t.ifStatement(t.memberExpression(t.cloneNode(step), t.identifier('done')), t.breakStatement()),
  ];
}

export class Linearizer {
  private out: t.Statement[] = [];
  private assigned = new Set<string>();
  /** Calls of the functions giving tagged templates' strings objects: arguments used as they are. */
  private readonly templateObjects = new WeakSet<t.Node>();

  /** asyncGenerator: the function is an async generator (its yield* takes an async iterator). */
  constructor(private readonly tables: LinearizeTables, private readonly asyncGenerator = false) {}

  private hasCall(node: t.Node | null | undefined): boolean {
    return hasCall(node, this.tables.callPoints);
  }

  /** Linearizes a statement list (a block body). */
  block(stmts: t.Statement[]): t.Statement[] {
    const saved = this.out;
    const result: t.Statement[] = [];
    for (const s of stmts) {
      this.out = result;
      this.statement(s);
    }
    this.out = saved;
    return result;
  }

  private blockOf(s: t.Statement): t.BlockStatement {
    const body = t.isBlockStatement(s) ? s.body : [s];
    const b = t.blockStatement(this.block(body));
    if (t.isBlockStatement(s)) b.directives = s.directives;
    return b;
  }

  private emit(s: t.Statement): void {
    this.out.push(s);
  }

  private temp(init?: t.Expression): t.Identifier {
    const id = this.tables.newTemp();
    this.emit(t.variableDeclaration('let', [t.variableDeclarator(id, init ?? null)]));
    return t.cloneNode(id);
  }

  private isAtom(e: t.Expression | t.Super): boolean {
    if (isLiteral(e) || t.isThisExpression(e) || t.isSuper(e)) return true;
    if (t.isIdentifier(e)) {
      // Temporaries are the compiler's own: no user code can change them.
      if (this.tables.temps.has(e) || e.name.startsWith(R.tempPrefix)) return true;
      // The await and yield markers (asyncFunctions.ts) are not variables.
      if (MARKERS.has(e.name)) return true;
      return this.tables.stable.has(e) && !this.assigned.has(e.name);
    }
    return false;
  }

  /** Evaluates e now, into a temporary unless its value cannot change before it is used. */
  private freeze(e: t.Expression): t.Expression {
    if (this.isAtom(e)) return e;
    return this.temp(e);
  }

  /** An argument of a continuation-point call: identifier, literal or `this`. */
  /**
   * A method read before its arguments, called with its receiver: `__rsC(f, receiver, ...args)`
   * (the runtime's Function.prototype.call, captured at start-up) rather than `f.call(...)`,
   * which would consult the program's Function.prototype.call or an own `call` of f.
   */
  private methodCall(callee: t.Expression, receiver: t.Expression, args: Array<t.Expression | t.SpreadElement | t.ArgumentPlaceholder>): t.CallExpression {
    this.tables.usesCall = true;
    return t.callExpression(t.identifier(R.call), [callee, receiver, ...args]);
  }

  private atomForCall(e: t.Expression): t.Expression {
    if (isLiteral(e) || t.isThisExpression(e) || t.isIdentifier(e) || t.isSuper(e)) return e;
    return this.temp(e);
  }

  private statement(s: t.Statement): void {
    if (this.tables.updatePoints.has(s) || this.tables.cpCalls.has(s)) {
      this.emit(s);
      return;
    }
    this.assigned = new Set();
    if (!t.isFunctionDeclaration(s) && !t.isClassDeclaration(s)) assignedNames(s, this.assigned);
    switch (s.type) {
      case 'ExpressionStatement':
        this.discard(s.expression);
        return;
      case 'VariableDeclaration':
        this.declaration(s);
        return;
      case 'ReturnStatement':
        this.emit(t.returnStatement(s.argument ? this.expr(s.argument) : null));
        return;
      case 'ThrowStatement':
        this.emit(t.throwStatement(this.expr(s.argument)));
        return;
      case 'IfStatement': {
        const test = this.expr(s.test);
        this.emit(t.ifStatement(test, this.blockOf(s.consequent), s.alternate ? this.blockOf(s.alternate) : null));
        return;
      }
      case 'BlockStatement':
        this.emit(this.blockOf(s));
        return;
      case 'LabeledStatement': {
        if (t.isForOfStatement(s.body)) {
          this.iteration(s.body, s.label);
          return;
        }
        const inner: t.Statement[] = [];
        const saved = this.out;
        this.out = inner;
        this.statement(s.body);
        this.out = saved;
        // The label must stay on the loop it names; statements hoisted before it go first.
        const last = inner.pop()!;
        for (const x of inner) this.emit(x);
        this.emit(t.labeledStatement(s.label, last));
        return;
      }
      case 'WhileStatement':
      case 'DoWhileStatement':
      case 'ForStatement':
      case 'ForInStatement':
      case 'ForOfStatement':
        this.loop(s);
        return;
      case 'SwitchStatement': {
        const disc = this.expr(s.discriminant);
        const cases = s.cases.map((c) => {
          if (c.test && this.hasCall(c.test)) this.tables.opaque(c.test, 'call in a switch case test');
          return t.switchCase(c.test, this.block(c.consequent));
        });
        this.emit(t.switchStatement(disc, cases));
        return;
      }
      case 'TryStatement': {
        let handler = s.handler;
        if (handler) {
          if (handler.param && this.hasCall(handler.param)) this.tables.opaque(handler.param, 'call in a catch parameter default');
          handler = t.catchClause(handler.param, this.blockOf(handler.body));
        }
        const node = t.tryStatement(this.blockOf(s.block), handler, s.finalizer ? this.blockOf(s.finalizer) : null);
        if (node.finalizer && (this.hasCall(s.finalizer) || this.containsUpdatePoint(s.finalizer!))) {
          this.emit(this.trackCompletion(node));
          return;
        }
        if (node.finalizer) this.tables.guardedFinally.add(node);
        this.emit(node);
        return;
      }
      default:
        // Function and class declarations, empty, debugger, break, continue: nothing to do.
        this.emit(s);
    }
  }

  private declaration(s: t.VariableDeclaration): void {
    if (!s.declarations.some((d) => this.hasCall(d))) {
      this.emit(s);
      return;
    }
    for (const d of s.declarations) {
      if (this.hasCall(d.id)) {
        this.tables.opaque(d.id, 'call in a destructuring default');
        this.emit(t.variableDeclaration(s.kind, [d]));
        continue;
      }
      const init = d.init ? (t.isIdentifier(d.id) ? this.expr(d.init) : this.atomForCall(this.expr(d.init))) : null;
      this.emit(t.variableDeclaration(s.kind, [t.variableDeclarator(d.id, init)]));
    }
  }

  /** Evaluates an expression for its effects only. */
  private discard(e: t.Expression): void {
    if (!this.hasCall(e)) {
      this.emit(t.expressionStatement(e));
      return;
    }
    if (t.isCallExpression(e) || t.isNewExpression(e) || t.isTaggedTemplateExpression(e)) {
      this.callStatement(e, null);
      return;
    }
    if (t.isSequenceExpression(e)) {
      for (const x of e.expressions) this.discard(x);
      return;
    }
    const v = this.expr(e);
    if (!this.isAtom(v)) this.emit(t.expressionStatement(v));
  }

  /** Linearizes e; returns an expression computing its value from already-evaluated parts. */
  expr(e: t.Expression): t.Expression {
    if (!this.hasCall(e)) return e;
    switch (e.type) {
      case 'CallExpression':
      case 'NewExpression':
      case 'TaggedTemplateExpression': {
        const id = this.tables.newTemp();
        this.callStatement(e, id);
        return t.cloneNode(id);
      }
      case 'OptionalCallExpression':
      case 'OptionalMemberExpression':
        return this.optionalChain(e);
      case 'MemberExpression': {
        const [obj, prop] = this.seq([e.object as t.Expression, e.computed ? (e.property as t.Expression) : null]);
        return t.memberExpression(obj!, e.computed ? prop! : e.property, e.computed);
      }
      case 'BinaryExpression': {
        if (t.isPrivateName(e.left)) return e;
        const [l, r] = this.seq([e.left, e.right]);
        return t.binaryExpression(e.operator, l!, r!);
      }
      case 'LogicalExpression': {
        const left = this.expr(e.left);
        if (!this.hasCall(e.right)) return t.logicalExpression(e.operator, left, e.right);
        const tmp = this.temp(left);
        const saved = this.out;
        const inner: t.Statement[] = [];
        this.out = inner;
        this.emit(t.expressionStatement(t.assignmentExpression('=', t.cloneNode(tmp), this.expr(e.right))));
        this.out = saved;
        const test = e.operator === '&&' ? t.cloneNode(tmp)
          : e.operator === '||' ? t.unaryExpression('!', t.cloneNode(tmp))
          : t.binaryExpression('==', t.cloneNode(tmp), t.nullLiteral());
        this.emit(t.ifStatement(test, t.blockStatement(inner)));
        return t.cloneNode(tmp);
      }
      case 'ConditionalExpression': {
        const test = this.expr(e.test);
        if (!this.hasCall(e.consequent) && !this.hasCall(e.alternate)) return t.conditionalExpression(test, e.consequent, e.alternate);
        const tmp = this.temp();
        const branch = (x: t.Expression): t.BlockStatement => {
          const saved = this.out;
          const inner: t.Statement[] = [];
          this.out = inner;
          this.emit(t.expressionStatement(t.assignmentExpression('=', t.cloneNode(tmp), this.expr(x))));
          this.out = saved;
          return t.blockStatement(inner);
        };
        this.emit(t.ifStatement(test, branch(e.consequent), branch(e.alternate)));
        return t.cloneNode(tmp);
      }
      case 'AssignmentExpression':
        return this.assignment(e);
      case 'UpdateExpression': {
        const arg = e.argument;
        if (t.isMemberExpression(arg)) {
          const [obj, prop] = this.seq([arg.object as t.Expression, arg.computed ? (arg.property as t.Expression) : null], true);
          return t.updateExpression(e.operator, t.memberExpression(obj!, arg.computed ? prop! : arg.property, arg.computed), e.prefix);
        }
        return e;
      }
      case 'UnaryExpression': {
        const arg = e.argument;
        if (e.operator === 'delete' && t.isMemberExpression(arg)) {
          const [obj, prop] = this.seq([arg.object as t.Expression, arg.computed ? (arg.property as t.Expression) : null], true);
          return t.unaryExpression('delete', t.memberExpression(obj!, arg.computed ? prop! : arg.property, arg.computed));
        }
        return t.unaryExpression(e.operator, this.expr(arg), e.prefix);
      }
      case 'SequenceExpression': {
        const exprs = e.expressions;
        for (let i = 0; i < exprs.length - 1; i++) this.discard(exprs[i]);
        return this.expr(exprs[exprs.length - 1]);
      }
      case 'TemplateLiteral': {
        const parts = this.seq(e.expressions as t.Expression[]);
        return t.templateLiteral(e.quasis, parts as t.Expression[]);
      }
      case 'ArrayExpression': {
        const items = e.elements.map((el) => (el === null ? null : t.isSpreadElement(el) ? el.argument : el));
        const vals = this.seq(items);
        return t.arrayExpression(e.elements.map((el, i) => (el === null ? null : t.isSpreadElement(el) ? t.spreadElement(vals[i]!) : vals[i]!)));
      }
      case 'ObjectExpression': {
        const items: (t.Expression | null)[] = [];
        for (const p of e.properties) {
          if (t.isSpreadElement(p)) items.push(p.argument);
          else if (t.isObjectProperty(p)) {
            items.push(p.computed ? (p.key as t.Expression) : null);
            items.push(p.value as t.Expression);
          } else items.push(p.computed ? (p.key as t.Expression) : null);
        }
        const vals = this.seq(items);
        let k = 0;
        const props = e.properties.map((p) => {
          if (t.isSpreadElement(p)) return t.spreadElement(vals[k++]!);
          if (t.isObjectProperty(p)) {
            const keyVal = vals[k++];
            const key = p.computed ? keyVal! : p.key;
            const value = vals[k++]!;
            const shorthand = p.shorthand && t.isIdentifier(value) && t.isIdentifier(key) && value.name === key.name;
            return t.objectProperty(key, value, p.computed, shorthand);
          }
          if (p.computed) {
            const key = vals[k++]!;
            const method = t.objectMethod(p.kind, key, p.params, p.body, true, p.generator, p.async);
            keepSourceText(p, method);
            return method;
          }
          k++;
          return p;
        });
        return t.objectExpression(props);
      }
      case 'ClassExpression':
        this.tables.opaque(e, 'class expression evaluated with calls');
        return e;
      case 'AwaitExpression':
      case 'YieldExpression':
        this.tables.opaque(e, e.type);
        return e;
      default:
        this.tables.opaque(e, `call inside ${e.type}`);
        return e;
    }
  }

  /**
   * Linearizes a list of operands evaluated left to right. An operand is frozen into a temporary
   * when a later operand performs a call that could change it. `forceFreeze` freezes all (for
   * references read again after the operands, as in `o[k] += f()`).
   */
  private seq(items: (t.Expression | null)[], forceFreeze = false): (t.Expression | null)[] {
    let lastCall = -1;
    items.forEach((x, i) => { if (x && this.hasCall(x)) lastCall = i; });
    return items.map((x, i) => {
      if (!x) return null;
      const v = this.expr(x);
      return i < lastCall || forceFreeze ? this.freeze(v) : v;
    });
  }

  private assignment(e: t.AssignmentExpression): t.Expression {
    const left = e.left;
    const logical = e.operator === '||=' || e.operator === '&&=' || e.operator === '??=';
    if (t.isIdentifier(left)) {
      if (logical) {
        const tmp = this.temp(left);
        const saved = this.out;
        const inner: t.Statement[] = [];
        this.out = inner;
        const v = this.expr(e.right);
        this.emit(t.expressionStatement(t.assignmentExpression('=', t.cloneNode(tmp), t.assignmentExpression('=', t.cloneNode(left), v))));
        this.out = saved;
        this.emit(t.ifStatement(this.logicalTest(e.operator, tmp), t.blockStatement(inner)));
        return t.cloneNode(tmp);
      }
      if (e.operator === '=') return t.assignmentExpression('=', left, this.expr(e.right));
      // x op= f(): x is read before f runs.
      const old = this.freeze(left);
      const v = this.expr(e.right);
      const op = e.operator.slice(0, -1) as t.BinaryExpression['operator'];
      return t.assignmentExpression('=', t.cloneNode(left), t.binaryExpression(op, old, v));
    }
    if (t.isMemberExpression(left)) {
      const [obj, prop] = this.seq([left.object as t.Expression, left.computed ? (left.property as t.Expression) : null], true);
      const target = (): t.MemberExpression => t.memberExpression(t.cloneNode(obj!), left.computed ? t.cloneNode(prop!) : t.cloneNode(left.property), left.computed);
      if (e.operator === '=') return t.assignmentExpression('=', target(), this.expr(e.right));
      if (logical) {
        const tmp = this.temp(target());
        const saved = this.out;
        const inner: t.Statement[] = [];
        this.out = inner;
        const v = this.expr(e.right);
        this.emit(t.expressionStatement(t.assignmentExpression('=', t.cloneNode(tmp), t.assignmentExpression('=', target(), v))));
        this.out = saved;
        this.emit(t.ifStatement(this.logicalTest(e.operator, tmp), t.blockStatement(inner)));
        return t.cloneNode(tmp);
      }
      const old = this.temp(target());
      const v = this.expr(e.right);
      const op = e.operator.slice(0, -1) as t.BinaryExpression['operator'];
      return t.assignmentExpression('=', target(), t.binaryExpression(op, old, v));
    }
    // Destructuring assignment.
    if (this.hasCall(left)) {
      this.tables.opaque(left, 'call in a destructuring default');
      return e;
    }
    return t.assignmentExpression(e.operator, left, this.atomForCall(this.expr(e.right)));
  }

  private logicalTest(op: string, tmp: t.Identifier): t.Expression {
    if (op === '&&=') return t.cloneNode(tmp);
    if (op === '||=') return t.unaryExpression('!', t.cloneNode(tmp));
    return t.binaryExpression('==', t.cloneNode(tmp), t.nullLiteral());
  }

  /** Emits the call as a continuation-point statement, its result in `result` if given. */
  private callStatement(e: t.CallExpression | t.NewExpression | t.TaggedTemplateExpression, result: t.Identifier | null): void {
    const marker = t.isCallExpression(e) && t.isIdentifier(e.callee) ? e.callee.name : '';
    if (marker === YIELD || marker === DELEGATE) {
      this.yieldStatement(e as t.CallExpression, marker === DELEGATE, result);
      return;
    }
    if (t.isTaggedTemplateExpression(e)) {
      // A call of the tag (its receiver kept, read before the substitutions) with the strings
      // object its site's own function returns, then the substitutions.
      const strings = this.tables.templateObject(e.quasi);
      this.templateObjects.add(strings);
      const tagged = t.callExpression(e.tag as t.Expression, [strings, ...(e.quasi.expressions as t.Expression[])]);
      tagged.loc = e.loc;
      this.callStatement(tagged, result);
      return;
    }
    // Arguments that are not plain names or literals are evaluated into temporaries before the
    // call's line. The callee's value (and the receiver) must be read before them, and a name
    // read on the call's line must not be one they change: what comes before the last such
    // argument is frozen in evaluation order.
    const simple = (a: t.Node): boolean => isLiteral(a) || t.isThisExpression(a) || t.isIdentifier(a) || this.templateObjects.has(a);
    let lastHoisted = -1;
    e.arguments.forEach((a, i) => { if (!simple(a)) lastHoisted = i; });
    const ordered = lastHoisted >= 0;
    const c = e.callee as t.Expression;
    let callee: t.Expression;
    let receiver: t.Expression | null = null;
    if (ordered && (t.isMemberExpression(c) && !t.isSuper(c.object))) {
      // o.m(f()): o.m is read before f() runs (a getter, or o undefined, acts first); the call
      // then goes through Function.prototype.call with the receiver read at the same time.
      const obj = this.freeze(this.expr(c.object as t.Expression));
      const prop = c.computed ? this.freeze(this.expr(c.property as t.Expression)) : c.property;
      callee = this.temp(t.memberExpression(obj, prop, c.computed));
      if (!t.isNewExpression(e)) receiver = t.cloneNode(obj);
    } else {
      callee = this.callee(c, ordered);
    }
    const args = e.arguments.map((a, i) => {
      if (t.isSpreadElement(a)) {
        // Spread into an array first, so no iterator code runs on the call's line.
        const v = this.expr(a.argument);
        return t.spreadElement(this.temp(t.arrayExpression([t.spreadElement(v)])));
      }
      if (t.isArgumentPlaceholder(a) || t.isJSXNamespacedName(a) || this.templateObjects.has(a)) return a;
      const v = this.expr(a as t.Expression);
      return i < lastHoisted ? this.freeze(v) : this.atomForCall(v);
    });
    if (receiver) {
      // The callability check comes after the arguments, as in a direct call, with its message.
      this.emit(t.ifStatement(t.binaryExpression('!==', t.unaryExpression('typeof', t.cloneNode(callee)), t.stringLiteral('function')),
        t.expressionStatement(t.callExpression(rt('notCallable'),
          [t.stringLiteral(calleeSource(c))]))));
    }
    const call = receiver
      ? this.methodCall(callee, receiver, args)
      : t.isNewExpression(e) ? t.newExpression(callee, args) : t.callExpression(callee, args);
    this.tables.calleeText.set(call, (t.isNewExpression(e) ? 'new ' : '') + calleeSource(c));
    call.loc = e.loc;
    const stmt = result
      ? t.variableDeclaration('let', [t.variableDeclarator(result, call)])
      : t.expressionStatement(call);
    this.tables.cpCalls.add(stmt);
    this.emit(stmt);
  }

  /**
   * A yield of a generator (asyncFunctions.ts): `yield* e` takes its iterator first, outside the
   * continuation point. The runtime resumes a yield with a return request (rather than the
   * generator's own return()) so that the return is a statement here, which a finally block with
   * continuation points tracks like any other (trackCompletion).
   */
  private yieldStatement(e: t.CallExpression, delegate: boolean, result: t.Identifier | null): void {
    let arg = this.atomForCall(this.expr(e.arguments[0] as t.Expression));
    if (delegate) arg = this.temp(t.callExpression(rt(this.asyncGenerator ? 'AD' : 'D'), [arg]));
    const call = t.callExpression(t.identifier(delegate ? YIELD_FROM : YIELD), [arg]);
    call.loc = e.loc;
    const id = result ?? this.tables.newTemp();
    const stmt = t.variableDeclaration('let', [t.variableDeclarator(id, call)]);
    this.tables.cpCalls.add(stmt);
    this.emit(stmt);
    this.emit(t.ifStatement(t.binaryExpression('===', t.cloneNode(id), rt('RQ')), t.returnStatement(t.callExpression(rt('RV'), []))));
  }

  /** The callee of a continuation-point call: identifier, or member of an atom. */
  private callee(c: t.Expression, argsFirst: boolean): t.Expression {
    if (t.isSuper(c) || t.isImport(c as t.Node)) return c;
    if (t.isMemberExpression(c)) {
      const obj = this.atomForCall(this.expr(c.object as t.Expression));
      const prop = c.computed ? this.atomForCall(this.expr(c.property as t.Expression)) : c.property;
      return t.memberExpression(obj, prop, c.computed);
    }
    if (t.isIdentifier(c)) return argsFirst && !this.isAtom(c) ? this.temp(c) : c;
    return this.temp(this.expr(c));
  }

  /**
   * a?.b.c(x)?.d: each optional link tests its object and, when it is nullish, the whole chain
   * yields undefined without evaluating the rest.
   */
  private optionalChain(e: t.Expression): t.Expression {
    const result = this.temp();
    const label = this.tables.newTemp('chain');
    const saved = this.out;
    const inner: t.Statement[] = [];
    this.out = inner;
    const value = this.chainLink(e, label, result);
    this.emit(t.expressionStatement(t.assignmentExpression('=', t.cloneNode(result), value)));
    this.out = saved;
    this.emit(t.labeledStatement(label, t.blockStatement(inner)));
    return t.cloneNode(result);
  }

  private chainLink(e: t.Expression, label: t.Identifier, result: t.Identifier): t.Expression {
    const shortCircuit = (obj: t.Expression): void => {
      this.emit(t.ifStatement(t.binaryExpression('==', t.cloneNode(obj), t.nullLiteral()),
        t.blockStatement([
          t.expressionStatement(t.assignmentExpression('=', t.cloneNode(result), t.identifier('undefined'))),
          t.breakStatement(t.cloneNode(label)),
        ])));
    };
    if (t.isOptionalMemberExpression(e) || t.isMemberExpression(e)) {
      const obj = this.atomForCall(this.chainLink(e.object as t.Expression, label, result));
      if (t.isOptionalMemberExpression(e) && e.optional) shortCircuit(obj);
      const prop = e.computed ? this.atomForCall(this.expr(e.property as t.Expression)) : e.property;
      return t.memberExpression(obj, prop, e.computed);
    }
    if (t.isOptionalCallExpression(e) || t.isCallExpression(e)) {
      const c = e.callee as t.Expression;
      let callee: t.Expression;
      // A method read before the arguments are evaluated (`o.f?.(g())`, `o?.f(g())`): the call
      // goes through Function.prototype.call with that receiver, so the method is read once.
      let receiver: t.Expression | null = null;
      const simple = (a: t.Node): boolean => isLiteral(a) || t.isThisExpression(a) || t.isIdentifier(a);
      const optional = t.isOptionalCallExpression(e) && e.optional;
      if (t.isOptionalMemberExpression(c) || t.isMemberExpression(c)) {
        const obj = this.atomForCall(this.chainLink(c.object as t.Expression, label, result));
        if (t.isOptionalMemberExpression(c) && c.optional) shortCircuit(obj);
        const prop = c.computed ? this.atomForCall(this.expr(c.property as t.Expression)) : c.property;
        callee = t.memberExpression(obj, prop, c.computed);
        if (optional || !e.arguments.every(simple)) {
          callee = this.temp(callee);
          receiver = t.isSuper(obj) ? t.thisExpression() : t.cloneNode(obj);
          if (optional) shortCircuit(callee);
        }
      } else {
        callee = this.atomForCall(this.chainLink(c, label, result));
        if (optional) shortCircuit(callee);
      }
      const args = e.arguments.map((a) => {
        if (t.isSpreadElement(a)) return t.spreadElement(this.temp(t.arrayExpression([t.spreadElement(this.expr(a.argument))])));
        return this.atomForCall(this.expr(a as t.Expression));
      });
      if (receiver) {
        // The callability check comes after the arguments, as in a direct call, with its message.
        this.emit(t.ifStatement(t.binaryExpression('!==', t.unaryExpression('typeof', t.cloneNode(callee)), t.stringLiteral('function')),
          t.expressionStatement(t.callExpression(rt('notCallable'), [t.stringLiteral(calleeSource(c))]))));
      }
      const id = this.tables.newTemp();
      const call = receiver
        ? this.methodCall(callee, receiver, args)
        : t.callExpression(callee, args);
      call.loc = e.loc;
      const stmt = t.variableDeclaration('let', [t.variableDeclarator(id, call)]);
      this.tables.cpCalls.add(stmt);
      this.emit(stmt);
      return t.cloneNode(id);
    }
    return this.expr(e);
  }

  private loop(s: t.Loop): void {
    if (t.isForInStatement(s) || t.isForOfStatement(s)) {
      this.iteration(s);
      return;
    }
    if (t.isWhileStatement(s)) {
      if (!this.hasCall(s.test)) {
        this.emit(t.whileStatement(s.test, this.blockOf(s.body)));
        return;
      }
      const pre = this.testBlock(s.test);
      this.emit(t.whileStatement(t.booleanLiteral(true), t.blockStatement([...pre, ...this.blockOf(s.body).body])));
      return;
    }
    if (t.isDoWhileStatement(s)) {
      if (!this.hasCall(s.test)) {
        this.emit(t.doWhileStatement(s.test, this.blockOf(s.body)));
        return;
      }
      const first = this.tables.newTemp('first');
      const pre = this.testBlock(s.test);
      const body = this.blockOf(s.body).body;
      this.emit(t.forStatement(
        t.variableDeclaration('let', [t.variableDeclarator(first, t.booleanLiteral(true))]), null,
        t.assignmentExpression('=', t.cloneNode(first), t.booleanLiteral(false)),
        t.blockStatement([t.ifStatement(t.unaryExpression('!', t.cloneNode(first)), t.blockStatement(pre)), ...body])));
      return;
    }
    const f = s as t.ForStatement;
    let init = f.init;
    if (init && this.hasCall(init)) {
      if (t.isVariableDeclaration(init)) {
        // Calls in the initialisers are evaluated before the loop, in order; the bindings stay in
        // the loop head so each iteration keeps its own copy.
        const decls = init.declarations.map((d) => {
          if (this.hasCall(d.id)) { this.tables.opaque(d.id, 'call in a destructuring default'); return d; }
          return t.variableDeclarator(d.id, d.init ? this.freezeAll(this.expr(d.init)) : null);
        });
        init = t.variableDeclaration(init.kind, decls);
      } else {
        this.discard(init);
        init = null;
      }
    }
    if (!this.hasCall(f.test) && !this.hasCall(f.update)) {
      this.emit(t.forStatement(init, f.test, f.update, this.blockOf(f.body)));
      return;
    }
    const first = this.tables.newTemp('first');
    const update: t.Statement[] = f.update ? this.block([t.expressionStatement(f.update)]) : [];
    const test = f.test ? this.testBlock(f.test) : [];
    this.emit(t.variableDeclaration('let', [t.variableDeclarator(first, t.booleanLiteral(true))]));
    this.emit(t.forStatement(init, null, null, t.blockStatement([
      t.ifStatement(t.cloneNode(first), t.expressionStatement(t.assignmentExpression('=', t.cloneNode(first), t.booleanLiteral(false))), t.blockStatement(update)),
      ...test,
      ...this.blockOf(f.body).body,
    ])));
  }

  private freezeAll(e: t.Expression): t.Expression {
    return this.isAtom(e) ? e : this.temp(e);
  }

  /** Statements that evaluate a loop test and leave the loop when it is false. */
  private testBlock(test: t.Expression): t.Statement[] {
    const saved = this.out;
    const pre: t.Statement[] = [];
    this.out = pre;
    this.assigned = new Set();
    assignedNames(test, this.assigned);
    const v = this.expr(test);
    this.emit(t.ifStatement(t.unaryExpression('!', v), t.breakStatement()));
    this.out = saved;
    return pre;
  }

  /**
   * for-in and for-of become index and iterator loops whose state lives in locals, so a frame
   * suspended inside the body can be saved and resumed.
   *
   *   for (const k in o) B   ==>  const ks = R.keys(o), ob = Object(o);
   *                               for (let i = 0; i < ks.length; i++) {
   *                                 if (!(ks[i] in ob)) continue; const k = ks[i]; B }
   *
   * for-of keeps the iterator protocol exactly: next() is a continuation point, and the iterator
   * is closed (return()) on break, return and throw, but not while unwinding for an update.
   */
  private iteration(s: t.ForInStatement | t.ForOfStatement, label?: t.Identifier): void {
    const labelled = (x: t.Statement): t.Statement => (label ? t.labeledStatement(label, x) : x);
    if (!this.hasCall(s.body) && !this.bodyHasUpdatePoint(s.body) && !this.hasCall(s.right)) {
      this.emit(labelled(s));
      return;
    }
    if (s.type === 'ForOfStatement' && s.await) {
      if (capturableForAwait.has(s)) {
        this.forAwait(s, labelled);
        return;
      }
      this.tables.opaque(s, 'for await');
      this.emit(labelled(s));
      return;
    }
    const right = this.atomForCall(this.expr(s.right));
    const bind = (value: t.Expression): t.Statement => {
      const left = s.left;
      if (t.isVariableDeclaration(left)) {
        return t.variableDeclaration(left.kind, [t.variableDeclarator(left.declarations[0].id, value)]);
      }
      return t.expressionStatement(t.assignmentExpression('=', left as t.LVal, value));
    };
    if (t.isForInStatement(s)) {
      const keys = this.temp(t.callExpression(rt('keys'), [right]));
      // The builtin, whatever the program binds to the name Object.
      const obj = this.temp(t.callExpression(t.memberExpression(t.identifier('globalThis'), t.identifier('Object')), [t.cloneNode(right)]));
      const i = this.tables.newTemp('i');
      const key = t.memberExpression(t.cloneNode(keys), t.cloneNode(i), true);
      const body = this.blockOf(s.body).body;
      this.emit(labelled(t.forStatement(
        t.variableDeclaration('let', [t.variableDeclarator(i, t.numericLiteral(0))]),
        t.binaryExpression('<', t.cloneNode(i), t.memberExpression(t.cloneNode(keys), t.identifier('length'))),
        t.updateExpression('++', t.cloneNode(i)),
        t.blockStatement([
          t.ifStatement(t.unaryExpression('!', t.binaryExpression('in', key, t.cloneNode(obj))), t.continueStatement()),
          ...this.block([bind(t.cloneNode(key))]),
          ...body,
        ]))));
      return;
    }
    // Arrays with the built-in iterator are walked by index (what their iterator does, without
    // an iterator object per loop and a result object per step); anything else uses the protocol.
    const arr = this.temp(t.callExpression(rt('array'), [right]));
    const isArray = (): t.Expression => t.binaryExpression('!==', t.cloneNode(arr), t.nullLiteral());
    const it = this.temp(t.conditionalExpression(isArray(), t.nullLiteral(), t.callExpression(rt('iter'), [t.cloneNode(right)])));
    const index = this.temp(t.numericLiteral(0));
    const state = this.temp(t.numericLiteral(1));
    const step = this.tables.newTemp('step');
    const value = this.tables.newTemp('value');
    const next = t.variableDeclaration('let', [t.variableDeclarator(step, t.callExpression(t.memberExpression(t.cloneNode(it), t.identifier('next')), []))]);
    this.tables.cpCalls.add(next);
    const setState = (n: number): t.Statement => t.expressionStatement(t.assignmentExpression('=', t.cloneNode(state), t.numericLiteral(n)));
    const assign = (target: t.Identifier, v: t.Expression): t.Statement => t.expressionStatement(t.assignmentExpression('=', t.cloneNode(target), v));
    const loopBody = t.blockStatement([
      setState(1),
      t.variableDeclaration('let', [t.variableDeclarator(value)]),
      t.ifStatement(isArray(), t.blockStatement([
        t.ifStatement(t.binaryExpression('>=', t.cloneNode(index), t.memberExpression(t.cloneNode(arr), t.identifier('length'))), t.breakStatement()),
        assign(value, t.memberExpression(t.cloneNode(arr), t.cloneNode(index), true)),
        t.expressionStatement(t.updateExpression('++', t.cloneNode(index))),
      ]), t.blockStatement([
        next,
        ...resultChecks(step),
        assign(value, t.memberExpression(t.cloneNode(step), t.identifier('value'))),
      ])),
      setState(0),
      ...this.block([bind(t.cloneNode(value))]),
      ...this.blockOf(s.body).body,
    ]);
    const open = (): t.Expression => t.logicalExpression('&&',
      t.binaryExpression('===', t.cloneNode(state), t.numericLiteral(0)),
      t.binaryExpression('!==', t.cloneNode(it), t.nullLiteral()));
    const err = this.tables.newTemp('err');
    const tryStmt = t.tryStatement(
      t.blockStatement([labelled(t.forStatement(null, null, null, loopBody))]),
      t.catchClause(err, t.blockStatement([
        t.ifStatement(open(), t.expressionStatement(t.callExpression(rt('closeAfterThrow'), [t.cloneNode(it)]))),
        setState(1),
        t.throwStatement(t.cloneNode(err)),
      ])),
      t.blockStatement([
        t.ifStatement(open(), t.expressionStatement(t.callExpression(rt('close'), [t.cloneNode(it)]))),
      ]));
    this.tables.guardedFinally.add(tryStmt);
    this.emit(tryStmt);
  }

  /**
   * `for await` in an async function compiled into a generator: the protocol of ForIn/OfBodyEvaluation
   * spelled out, so that the await of each next() result is a continuation point.
   *
   *   for await (x of e) B  ==>  const r = R.asyncIter(e); let open = 1;
   *     try { for (;;) { open = 1; let p = R.asyncNext(r); let step = __rsAwait(p);
   *                      if (step is not an object) R.notResult(step); if (step.done) break;
   *                      let v = step.value; open = 0; x = v; B } }
   *     catch (err) { if (!open) { AsyncIteratorClose, errors ignored } open = 1; throw err; }
   *     finally { if (!open) { AsyncIteratorClose: await return(), its result must be an object } }
   *
   * The closing awaits are in catch and finally blocks: not continuation points.
   */
  private forAwait(s: t.ForOfStatement, labelled: (x: t.Statement) => t.Statement): void {
    const awaitOf = (e: t.Expression): t.CallExpression => t.callExpression(t.identifier(AWAIT), [e]);
    const rec = this.temp(t.callExpression(rt('asyncIter'), [this.atomForCall(this.expr(s.right))]));
    const state = this.temp(t.numericLiteral(1));
    const promise = this.tables.newTemp('next');
    const step = this.tables.newTemp('step');
    const value = this.tables.newTemp('value');
    const callNext = t.variableDeclaration('let', [t.variableDeclarator(promise, t.callExpression(rt('asyncNext'), [t.cloneNode(rec)]))]);
    const awaitNext = t.variableDeclaration('let', [t.variableDeclarator(step, awaitOf(t.cloneNode(promise)))]);
    this.tables.cpCalls.add(callNext);
    this.tables.cpCalls.add(awaitNext);
    const setState = (n: number): t.Statement => t.expressionStatement(t.assignmentExpression('=', t.cloneNode(state), t.numericLiteral(n)));
    const left = s.left;
    const bind = t.isVariableDeclaration(left)
      ? t.variableDeclaration(left.kind, [t.variableDeclarator(left.declarations[0].id, t.cloneNode(value))])
      : t.expressionStatement(t.assignmentExpression('=', left as t.LVal, t.cloneNode(value)));
    const loopBody = t.blockStatement([
      setState(1),
      callNext,
      awaitNext,
      ...resultChecks(step),
      t.variableDeclaration('let', [t.variableDeclarator(value, t.memberExpression(t.cloneNode(step), t.identifier('value')))]),
      setState(0),
      ...this.block([bind]),
      ...this.blockOf(s.body).body,
    ]);
    const isOpen = (): t.Expression => t.binaryExpression('===', t.cloneNode(state), t.numericLiteral(0));
    const none = (): t.Expression => rt('NONE');
    const err = this.tables.newTemp('err');
    const closing = this.tables.newTemp('close');
    const closed = this.tables.newTemp('closed');
    const tryStmt = t.tryStatement(
      t.blockStatement([labelled(t.forStatement(null, null, null, loopBody))]),
      t.catchClause(err, t.blockStatement([
        t.ifStatement(isOpen(), t.blockStatement([
          t.variableDeclaration('let', [t.variableDeclarator(closing, t.callExpression(rt('asyncCloseAfterThrow'), [t.cloneNode(rec)]))]),
          t.ifStatement(t.binaryExpression('!==', t.cloneNode(closing), none()),
            t.tryStatement(t.blockStatement([t.expressionStatement(awaitOf(t.cloneNode(closing)))]), t.catchClause(null, t.blockStatement([])))),
        ])),
        setState(1),
        t.throwStatement(t.cloneNode(err)),
      ])),
      t.blockStatement([
        t.ifStatement(isOpen(), t.blockStatement([
          setState(1),
          t.variableDeclaration('let', [t.variableDeclarator(closing, t.callExpression(rt('asyncClose'), [t.cloneNode(rec)]))]),
          t.ifStatement(t.binaryExpression('!==', t.cloneNode(closing), none()), t.blockStatement([
            t.variableDeclaration('let', [t.variableDeclarator(closed, awaitOf(t.cloneNode(closing)))]),
            t.expressionStatement(t.callExpression(rt('closedResult'), [t.cloneNode(closed)])),
          ])),
        ])),
      ]));
    this.tables.guardedFinally.add(tryStmt);
    this.emit(tryStmt);
  }

  private containsUpdatePoint(node: t.Node): boolean {
    let found = false;
    t.traverseFast(node, (n) => { if (t.isStatement(n) && this.tables.updatePoints.has(n)) found = true; });
    return found;
  }

  /**
   * A finally block with continuation points: how it was entered (normal completion, return,
   * throw, or a break/continue leaving the try) is kept in two locals, so a frame rebuilt inside
   * the finally can complete the same way when the block ends (emitRestore re-applies it).
   *
   *   try { B } catch (e) { C } finally { F }
   *   ==> let c = 0, v;
   *       try { try { B } catch (e) { C } } catch (x) { c = -1; v = x; throw x; } finally { F }
   *   with `return X` in B, C ==> { v = X; c = 1; return v; }, `break L` ==> { c = 2; break L; }
   */
  private trackCompletion(node: t.TryStatement): t.TryStatement {
    const c = this.tables.newTemp('fc');
    const v = this.tables.newTemp('fv');
    this.emit(t.variableDeclaration('let', [t.variableDeclarator(c, t.numericLiteral(0))]));
    this.emit(t.variableDeclaration('let', [t.variableDeclarator(v)]));
    let code = 2;
    const rewrite = (stmts: t.Statement[], loops: number, labels: string[], switches: number): t.Statement[] => stmts.map((st) => visit(st, loops, labels, switches));
    const setC = (n: number): t.Statement => t.expressionStatement(t.assignmentExpression('=', t.cloneNode(c), t.numericLiteral(n)));
    const visit = (st: t.Statement, loops: number, labels: string[], switches: number): t.Statement => {
      if (t.isReturnStatement(st)) {
        return t.blockStatement([
          t.expressionStatement(t.assignmentExpression('=', t.cloneNode(v), st.argument ?? t.identifier('undefined'))),
          setC(1),
          t.returnStatement(t.cloneNode(v)),
        ]);
      }
      if (t.isBreakStatement(st) || t.isContinueStatement(st)) {
        const leaves = st.label ? !labels.includes(st.label.name) : t.isBreakStatement(st) ? loops + switches === 0 : loops === 0;
        if (!leaves) return st;
        return t.blockStatement([setC(code++), st]);
      }
      if (t.isFunctionDeclaration(st) || t.isClassDeclaration(st)) return st;
      if (t.isBlockStatement(st)) return t.blockStatement(rewrite(st.body, loops, labels, switches));
      if (t.isIfStatement(st)) return t.ifStatement(st.test, visit(st.consequent, loops, labels, switches), st.alternate ? visit(st.alternate, loops, labels, switches) : null);
      if (t.isLabeledStatement(st)) return t.labeledStatement(st.label, visit(st.body, loops, [...labels, st.label.name], switches));
      if (t.isForStatement(st)) return t.forStatement(st.init, st.test, st.update, visit(st.body, loops + 1, labels, switches));
      if (t.isWhileStatement(st)) return t.whileStatement(st.test, visit(st.body, loops + 1, labels, switches));
      if (t.isDoWhileStatement(st)) return t.doWhileStatement(st.test, visit(st.body, loops + 1, labels, switches));
      if (t.isForInStatement(st)) return t.forInStatement(st.left, st.right, visit(st.body, loops + 1, labels, switches));
      if (t.isForOfStatement(st)) return t.forOfStatement(st.left, st.right, visit(st.body, loops + 1, labels, switches), st.await);
      if (t.isSwitchStatement(st)) return t.switchStatement(st.discriminant, st.cases.map((k) => t.switchCase(k.test, rewrite(k.consequent, loops, labels, switches + 1))));
      if (t.isTryStatement(st)) {
        const copy = t.tryStatement(visit(st.block, loops, labels, switches) as t.BlockStatement,
          st.handler ? t.catchClause(st.handler.param, visit(st.handler.body, loops, labels, switches) as t.BlockStatement) : null,
          st.finalizer ? (visit(st.finalizer, loops, labels, switches) as t.BlockStatement) : null);
        if (this.tables.guardedFinally.has(st)) this.tables.guardedFinally.add(copy);
        return copy;
      }
      return st;
    };
    const body = t.blockStatement(rewrite(node.block.body, 0, [], 0));
    const handler = node.handler ? t.catchClause(node.handler.param, t.blockStatement(rewrite(node.handler.body.body, 0, [], 0))) : null;
    const inner: t.Statement = handler ? t.tryStatement(body, handler) : body;
    const err = this.tables.newTemp('fin');
    const outer = t.tryStatement(t.blockStatement([inner]),
      t.catchClause(err, t.blockStatement([
        setC(-1),
        t.expressionStatement(t.assignmentExpression('=', t.cloneNode(v), t.cloneNode(err))),
        t.throwStatement(t.cloneNode(err)),
      ])),
      node.finalizer);
    this.tables.guardedFinally.add(outer);
    return outer;
  }

  private bodyHasUpdatePoint(body: t.Statement): boolean {
    if (this.tables.updatePoints.has(body)) return true;
    if (t.isBlockStatement(body)) return body.body.some((s) => this.tables.updatePoints.has(s));
    return false;
  }
}

export { isLoop };
