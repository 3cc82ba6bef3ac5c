/**
 * Async functions as resumable generators.
 *
 * A suspended async activation is a heap frame: to move it to a new version, restack must be able
 * to stop it at its await, save its locals and start the new version's code in its place, while
 * the promise it awaits and the promise its caller holds stay the same. Native async functions
 * cannot be resumed by anyone but the promise they await, so a capturable async function is
 * compiled into a generator that the runtime drives (`__rsR.A`): each `await e` becomes a `yield`
 * the driver awaits with a native `await` (the same number of ticks, no `then` lookups), and the
 * driver resumes whichever generator is current, so an update swaps the generator and the
 * awaited promise carries over.
 *
 * Two steps around the other passes:
 *  - prepareAsync (before the function table): marks each capturable async function with a
 *    directive and turns its own `await e` into the call `__rsAwait(e)`, so linearizeCalls orders
 *    it like any call and insertCheckpoints makes it a continuation point of kind 'await'
 *    (renamed `__rsAwaitCp`); awaits in constructs that are not continuation points keep the
 *    plain name;
 *  - finishAsync (after the restore functions exist): `__rsAwaitCp(e)` becomes `yield e`, the
 *    others `yield __rsR.F(e)` (the driver knows the activation cannot be captured there), and
 *    every marked function becomes a wrapper of the same name, parameter count and receiver
 *    around the generator: `function f(__rsp0) { return __rsR.A(function* (a) {...}, this, arguments); }`.
 *    Restore functions of async functions are generator functions (emitRestore).
 */
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { R } from '../../contract/index.js';
import { rt } from '../runtimeRef.js';
import { keepSourceText } from '../sourceText.js';

export const AWAIT = '__rsAwait';
export const AWAIT_CP = '__rsAwaitCp';
/** `yield e` of a marked generator, and its continuation-point name. */
export const YIELD = '__rsYield';
export const YIELD_CP = '__rsYieldCp';
/**
 * `yield* e` of a marked generator. The linearizer takes the iterator first, in a statement of
 * its own that is not a continuation point (GetIterator runs program code: a frame suspended
 * there is not at the yield), `let d = __rsR.D(e)`, and suspends at `__rsYieldFrom(d)`; a
 * `__rsYieldStar(e)` left in an expression it does not linearize is opaque.
 */
export const DELEGATE = '__rsYieldStar';
export const YIELD_FROM = '__rsYieldFrom';
export const YIELD_FROM_CP = '__rsYieldFromCp';
const MARK = '__rsAsync';
/** Marks the restore function of an async generator (emitRestore), whose yields differ from a generator's. */
export const ASYNC_GENERATOR = '__rsAsyncGenerator';

/**
 * Whether the runtime drives the function's body as a generator (and so its restore function is
 * one): a marked async function, generator or async generator. One with nothing to suspend at
 * stays native, and its restore function runs its body as a plain function.
 */
export function isDriven(node: t.Function): boolean {
  return (node.async === true || node.generator === true) && isMarked(node);
}

/** The markers a body suspends at, to the name each takes at a continuation point. */
export const SUSPENSIONS: ReadonlyMap<string, string> = new Map([[AWAIT, AWAIT_CP], [YIELD, YIELD_CP], [YIELD_FROM, YIELD_FROM_CP]]);
/** Every marker name: callees that are not variables. */
export const MARKERS: ReadonlySet<string> = new Set([AWAIT, YIELD, DELEGATE, YIELD_FROM]);
/** The continuation-point names of those markers. */
export const SUSPENSION_CPS: ReadonlySet<string> = new Set(SUSPENSIONS.values());

/**
 * `for await` loops of marked functions: linearizeCalls lowers them into awaits of the iterator's
 * next() (continuation points), so an activation waiting for the next value is captured there.
 */
export const capturableForAwait = new WeakSet<t.Node>();

/**
 * Why an async function, generator or async generator cannot be compiled into a body the runtime
 * drives (a generator), or null.
 */
export function driveReason(path: NodePath<t.Function>): string | null {
  const node = path.node;
  const what = node.generator ? (node.async ? 'async generator' : 'generator') : 'async function';
  let reason: string | null = null;
  const arrow = t.isArrowFunctionExpression(node);
  path.traverse({
    Function(inner) {
      // Arrows share this, arguments, new.target and super with the function around them.
      if (!inner.isArrowFunctionExpression()) inner.skip();
    },
    Super() {
      reason ??= node.generator
        ? `${what} method using super (its body cannot reach its home object)`
        : 'async method using super (a generator cannot reach its home object)';
    },
    MetaProperty(p) {
      if (arrow && p.node.meta.name === 'new') reason ??= 'async arrow function using new.target';
    },
    Identifier(p) {
      // Sloppy code may name a variable yield: the generator the function becomes may not.
      if (p.node.name === 'yield') reason ??= `${what} using 'yield' as a name`;
      // Sloppy code may assign to eval or arguments: the body's own arguments would take it.
      const name = p.node.name;
      if ((name === 'eval' || name === 'arguments') && !p.isReferencedIdentifier()) {
        reason ??= `${what} assigning to '${name}'`;
      }
      if (arrow && p.node.name === 'arguments' && p.isReferencedIdentifier() && !p.scope.getBinding('arguments')) {
        reason ??= 'async arrow function using the arguments of the function around it';
      }
    },
  });
  return reason;
}

/** An object or class method whose key is computed (an expression of the function around it). */
export function isMethodWithComputedKey(node: t.Node): node is t.ObjectMethod | t.ClassMethod {
  return (t.isObjectMethod(node) || t.isClassMethod(node)) && node.computed;
}

/**
 * The function whose evaluation evaluates the node: the nearest function around it, passing over
 * methods whose computed key holds it.
 */
function evaluatingFunction(p: NodePath): NodePath<t.Function> | null {
  let child: NodePath = p;
  for (let q = p.parentPath; q; child = q, q = q.parentPath) {
    if (q.isFunction() && !(isMethodWithComputedKey(q.node) && child.key === 'key')) return q;
  }
  return null;
}

export function isMarked(node: t.Function): boolean {
  return t.isBlockStatement(node.body) && node.body.directives.some((d) => d.value.value === MARK);
}

/**
 * Marks capturable async functions and turns their awaits into `__rsAwait(e)` calls; returns how
 * many it marked (finishAsync has nothing to do without them). `entries`: every function entry is
 * an update point (policy `all`), so every one is marked: a frame captured at the entry of an
 * async function left native would be rebuilt by a plain restore function, which returns its
 * value bare instead of a promise.
 */
export function prepareAsync(program: NodePath<t.Program>, entries: boolean): number {
  let marked = 0;
  program.traverse({
    Function(path) {
      const node = path.node;
      if ((!node.async && !node.generator) || driveReason(path) !== null) return;
      // Nothing to capture in it (no await, yield, call or loop, no entry update point): it stays native.
      let work = entries;
      t.traverseFast(node.body, (n) => {
        if (t.isAwaitExpression(n) || t.isYieldExpression(n) || t.isCallExpression(n) || t.isNewExpression(n) || t.isTaggedTemplateExpression(n) ||
          t.isOptionalCallExpression(n) || t.isLoop(n) || t.isClass(n)) work = true;
      });
      if (!work) return;
      if (!t.isBlockStatement(node.body)) {
        node.body = t.blockStatement([t.returnStatement(node.body)]);
      }
      const marker = (name: string, arg: t.Expression, at: t.Node): t.CallExpression => {
        const call = t.callExpression(t.identifier(name), [arg]);
        // The continuation point is the await's or yield's: the mapping file shows its source line.
        call.loc = at.loc;
        call.start = at.start;
        call.end = at.end;
        return call;
      };
      path.get('body').traverse({
        Function(inner) {
          // A method's computed key is evaluated by the function that defines the method.
          if (isMethodWithComputedKey(inner.node)) {
            inner.skipKey('params');
            inner.skipKey('body');
            inner.skipKey('returnType');
            inner.skipKey('typeParameters');
          } else {
            inner.skip();
          }
        },
        ForOfStatement(p) {
          if (p.node.await) capturableForAwait.add(p.node);
        },
        AwaitExpression(p) {
          p.replaceWith(marker(AWAIT, p.node.argument, p.node));
        },
        YieldExpression(p) {
          const arg = p.node.argument ?? t.unaryExpression('void', t.numericLiteral(0));
          p.replaceWith(marker(p.node.delegate ? DELEGATE : YIELD, arg, p.node));
        },
      });
      node.body.directives.push(t.directive(t.directiveLiteral(MARK)));
      marked++;
    },
  });
  return marked;
}

/** Number of parameters `length` counts: those before the first default or rest. */
function expectedLength(params: t.Function['params']): number {
  let n = 0;
  for (const p of params) {
    if (t.isAssignmentPattern(p) || t.isRestElement(p)) break;
    n++;
  }
  return n;
}

/** Awaits become yields; marked functions become wrappers around their generator. */
export function finishAsync(program: NodePath<t.Program>): void {
  genCounter = 0;
  annexCounter = 0;
  // An async generator's body (and restore function) yields awaits as they are and its own
  // yields wrapped (__rsR.Y).
  const asyncGen = new WeakMap<t.Node, boolean>();
  const inAsyncGenerator = (p: NodePath): boolean => {
    const fn = evaluatingFunction(p);
    if (!fn) return false;
    let known = asyncGen.get(fn.node);
    if (known === undefined) {
      const body = fn.node.body;
      known = (fn.node.async && fn.node.generator) ||
        (t.isBlockStatement(body) && body.directives.some((d) => d.value.value === ASYNC_GENERATOR));
      asyncGen.set(fn.node, known);
    }
    return known;
  };
  program.traverse({
    CallExpression(p) {
      const callee = p.node.callee;
      if (!t.isIdentifier(callee)) return;
      const arg = p.node.arguments[0] as t.Expression;
      const agen = (callee.name === YIELD || callee.name === YIELD_CP || callee.name === DELEGATE) && inAsyncGenerator(p);
      switch (callee.name) {
        case AWAIT_CP:
        case YIELD_FROM_CP:
          p.replaceWith(t.yieldExpression(arg));
          break;
        case YIELD_CP:
          p.replaceWith(t.yieldExpression(agen ? t.callExpression(rt('Y'), [arg]) : arg));
          break;
        case AWAIT:
        case YIELD_FROM:
          p.replaceWith(t.yieldExpression(t.callExpression(rt('F'), [arg])));
          break;
        case YIELD:
          p.replaceWith(t.yieldExpression(t.callExpression(rt('F'), [agen ? t.callExpression(rt('Y'), [arg]) : arg])));
          break;
        case DELEGATE:
          p.replaceWith(t.yieldExpression(t.callExpression(rt('F'), [t.callExpression(rt(agen ? 'AD' : 'D'), [arg])])));
          break;
      }
    },
  });
  program.traverse({
    Function(p) {
      const body = p.node.body;
      if (t.isBlockStatement(body)) body.directives = body.directives.filter((d) => d.value.value !== ASYNC_GENERATOR);
    },
  });
  const marked: NodePath<t.Function>[] = [];
  program.traverse({
    Function(p) {
      if (isMarked(p.node)) marked.push(p);
    },
  });
  // Innermost last does not matter: each wrapper only moves its own node.
  for (const p of marked) wrap(p);
}

/**
 * The name an anonymous function expression gets from where it stands (`const f = async () => {}`
 * is named f): as an argument of `__rsR.AF` it would get none, so AF is told.
 */
function inferredName(path: NodePath<t.Function>): t.StringLiteral[] {
  const parent = path.parent;
  let key: t.Node | null = null;
  if (t.isVariableDeclarator(parent) && parent.init === path.node) key = parent.id;
  else if (t.isAssignmentExpression(parent) && parent.right === path.node && parent.operator === '=') key = parent.left;
  else if (t.isAssignmentPattern(parent) && parent.right === path.node) key = parent.left;
  else if ((t.isObjectProperty(parent) || t.isClassProperty(parent)) && parent.value === path.node && !parent.computed) key = parent.key;
  if (t.isIdentifier(key)) return [t.stringLiteral(key.name)];
  if (t.isStringLiteral(key)) return [t.stringLiteral(key.value)];
  if (t.isNumericLiteral(key)) return [t.stringLiteral(String(key.value))];
  return [];
}

let genCounter = 0;

/**
 * Declares `function* __rsG<n>(...)` next to the statement the async function stands in, and
 * returns its name; null when a scope lies between that statement and the function (a loop head
 * with per-iteration bindings, a parameter list, a named function expression's own binding, a
 * class body using private names or a class expression's own name), where the generator must be
 * made where the function is.
 */
function hoistGenerator(path: NodePath<t.Function>, gen: t.FunctionExpression): t.Identifier | null {
  const node = path.node;
  if (t.isFunctionExpression(node) && node.id) {
    const name = node.id.name;
    let self = false;
    t.traverseFast(node.body, (n) => { if (t.isIdentifier(n, { name })) self = true; });
    if (self) return null;
  }
  let p: NodePath = path;
  for (;;) {
    const parent = p.parentPath;
    if (!parent) return null;
    if ((parent.isProgram() || parent.isBlockStatement() || parent.isSwitchCase()) && p.isStatement() && p.listKey) break;
    if (parent.isFunction() || parent.isLoop() || parent.isCatchClause() || parent.isWithStatement()) return null;
    if (parent.isClassBody()) {
      const cls = parent.parentPath!;
      if (cls.isClassExpression() && cls.node.id) return null;
      let priv = false;
      t.traverseFast(gen, (n) => { if (t.isPrivateName(n)) priv = true; });
      if (priv) return null;
    }
    p = parent;
  }
  const id = t.identifier(`${R.prefix}G${genCounter++}`);
  p.insertBefore(t.functionDeclaration(id, gen.params, gen.body, true, false));
  return t.identifier(id.name);
}

/**
 * A generator stays a generator function (its prototype, its objects' brand and prototype chain,
 * `new` refused, as natively) whose body hands every step to its activation (runtime
 * GenActivation), which calls the body function:
 *
 *     function* g(__rsp0) { const __rsI = __rsR.GI(body, this, arguments); return yield* __rsI; }
 *
 * With simple parameters, binding them runs no code, so the activation is made when the generator
 * starts, and the wrapper keeps the body's directives (a 'use strict' decides its `this`). Other
 * parameter lists (defaults, patterns, rest) are evaluated when g is called, and such a function
 * has no directive of its own: the activation is made then, by a parameter default nothing can
 * pass (nothing has the key GK), after a rest parameter that keeps `length`:
 *
 *     function* g(__rsp0, ...{ [__rsR.GK]: __rsI = __rsR.GI(body, this, arguments) }) { return yield* __rsI; }
 *
 * The `yield*` line is where a running body's wrapper frame stands (scanLines: wrapper lines).
 */
function wrapGenerator(node: t.Function, gen: t.Expression, n: number, directives: t.Directive[]): void {
  // An async generator's wrapper is not a wrapper line (its body is not captured through it).
  const act = (): t.Identifier => t.identifier(node.async ? R.asyncActivation : R.activation);
  const make = t.callExpression(rt(node.async ? 'AGI' : 'GI'), [gen, t.thisExpression(), t.identifier('arguments')]);
  const simple = node.params.every((p) => t.isIdentifier(p));
  const params: t.Function['params'] = Array.from({ length: n }, (_, i) => t.identifier(`${R.prefix}p${i}`));
  const body: t.Statement[] = [];
  if (simple) {
    body.push(t.variableDeclaration('const', [t.variableDeclarator(act(), make)]));
  } else {
    params.push(t.restElement(t.objectPattern([t.objectProperty(rt('GK'), t.assignmentPattern(act(), make), true)])));
  }
  body.push(t.returnStatement(t.yieldExpression(act(), true)));
  node.params = params;
  node.body = t.blockStatement(body, simple ? directives : []);
}

/** Does a named function expression's body use its own name (the binding only the function has)? */
function ownNameUsed(path: NodePath<t.Function>): boolean {
  const id = t.isFunctionExpression(path.node) ? path.node.id : null;
  if (!id) return false;
  const binding = path.scope.getOwnBinding(id.name);
  return !binding || binding.kind !== 'local' || binding.referenced || binding.constantViolations.length > 0;
}

const STRICT_RESERVED = new Set(['eval', 'arguments', 'implements', 'interface', 'let', 'package', 'private', 'protected', 'public', 'static', 'yield']);

function wrap(path: NodePath<t.Function>): void {
  const node = path.node;
  const body = node.body as t.BlockStatement;
  body.directives = body.directives.filter((d) => d.value.value !== MARK);
  const strict = body.directives.filter((d) => d.value.value === 'use strict').map((d) => t.cloneNode(d));
  const genExpr = t.functionExpression(null, node.params as t.FunctionExpression['params'], body, true, false);
  // The generator function is made once per scope where possible (a sibling declaration): a
  // generator function's first call makes its instances' prototype and map, about 2 us, too much
  // to pay on every call of the async function.
  const gen = hoistGenerator(path, genExpr) ?? genExpr;
  const n = expectedLength(node.params);
  if (node.generator) {
    wrapGenerator(node, gen, n, strict);
    return;
  }
  // `__rsR.AF(fn, length)` gives the wrapper AsyncFunction.prototype (its constructor, toString
  // tag and instanceof are an async function's) and, for an arrow, its length.
  if (t.isArrowFunctionExpression(node)) {
    const rest = t.identifier(`${R.prefix}A`);
    const call = t.callExpression(rt('A'), [gen, t.thisExpression(), rest]);
    const wrapper = t.arrowFunctionExpression([t.restElement(rest)], call);
    keepSourceText(node, wrapper);
    path.replaceWith(t.callExpression(rt('AF'), [wrapper, t.numericLiteral(n), ...inferredName(path)]));
    return;
  }
  const sloppy = !path.isInStrictMode();
  const params = Array.from({ length: n }, (_, i) => t.identifier(`${R.prefix}p${i}`));
  const call = t.callExpression(rt('A'), [gen, t.thisExpression(), t.identifier('arguments')]);
  node.params = params;
  // The wrapper of an expression is a method: like a native async function it has no
  // 'prototype', cannot be constructed, and has no own 'caller' and 'arguments' whatever its mode,
  // so it keeps the original's mode (a sloppy one passes `this` boxed, as it would). Its key gives
  // it the function's name. An expression whose body uses its own name keeps that binding as a
  // function, and so does a declaration (hoisted).
  const asMethod = t.isFunctionExpression(node) && !ownNameUsed(path);
  // A function has no own 'caller' and 'arguments' when strict: the wrapper is, unless its name
  // is one strict mode forbids, or the generator is nested in it (it reads the function's own
  // name): a sloppy body must stay sloppy (its own name and undeclared names assignable), which
  // matters more than the two properties. Its body only passes `this` and `arguments` on; a
  // hoisted generator keeps the original's mode.
  const own = t.isFunctionDeclaration(node) || t.isFunctionExpression(node) ? node.id : null;
  if (!asMethod && !strict.length && gen !== genExpr && !(own && STRICT_RESERVED.has(own.name))) strict.push(t.directive(t.directiveLiteral('use strict')));
  node.body = t.blockStatement([t.returnStatement(call)], strict);
  node.async = false;
  if (asMethod) {
    const name = (node as t.FunctionExpression).id?.name ?? inferredName(path)[0]?.value ?? '';
    const method = t.objectMethod('method', t.stringLiteral(name), node.params, node.body);
    keepSourceText(node, method);
    path.replaceWith(t.callExpression(rt('AF'), [t.memberExpression(t.objectExpression([method]), t.stringLiteral(name), true), t.numericLiteral(-1)]));
  } else if (t.isFunctionExpression(node)) {
    path.replaceWith(t.callExpression(rt('AF'), [node, t.numericLiteral(-1), ...(node.id ? [] : inferredName(path))]));
  } else if (t.isFunctionDeclaration(node)) {
    declaredWrapper(path as NodePath<t.FunctionDeclaration>, sloppy);
  }
}

/**
 * A wrapper that is a declaration, hoisted: the first statement of its scope gives it the
 * prototype before any code can see it (in a switch, the first statement of every case, as any of
 * them may be where the switch enters). `export default async function () {}` gets a local name
 * for that, and keeps the name 'default'.
 *
 * A sloppy async function declared in a block is not hoisted to the function's scope by Annex B
 * (B.3.3 is for plain functions only), but its wrapper is a plain function, which would be: code
 * after the block would see the wrapper instead of an outer binding or a ReferenceError. The
 * block is put in one that declares the name with `let`, so the var a `var` in its place would
 * be is an early error and Annex B leaves the wrapper alone (the `let` is never read: the block's
 * own declaration shadows it). A switch's discriminant is evaluated before that block.
 */
function declaredWrapper(path: NodePath<t.FunctionDeclaration>, sloppy: boolean): void {
  const node = path.node;
  let stmt: NodePath = path;
  const named: t.StringLiteral[] = [];
  if (path.parentPath.isExportNamedDeclaration() || path.parentPath.isExportDefaultDeclaration()) {
    stmt = path.parentPath;
    if (!node.id) {
      node.id = t.identifier(`${R.prefix}default`);
      named.push(t.stringLiteral('default'));
    }
  }
  if (!node.id) return;
  const name = node.id.name;
  const af = (): t.Statement => t.expressionStatement(t.callExpression(rt('AF'), [t.identifier(name), t.numericLiteral(-1), ...named.map((n) => t.cloneNode(n))]));
  const container = stmt.parentPath;
  if (!container) return;
  if (container.isProgram() || container.isBlockStatement()) container.node.body.unshift(af());
  else if (container.isSwitchCase()) for (const c of (container.parent as t.SwitchStatement).cases) c.consequent.unshift(af());
  else return;
  const functionScope = container.isProgram() || (container.isBlockStatement() && (container.parentPath.isFunction() || container.parentPath.isStaticBlock()));
  if (sloppy && !functionScope) guardAnnexB(container.isSwitchCase() ? container.parentPath as NodePath<t.SwitchStatement> : container as NodePath<t.BlockStatement>, name);
}

/** The `let` declarations guardAnnexB put around a block or switch, by that block or switch. */
const annexGuards = new WeakMap<t.Node, t.VariableDeclaration>();

function guardAnnexB(block: NodePath<t.BlockStatement | t.SwitchStatement>, name: string): void {
  const known = annexGuards.get(block.node);
  if (known) {
    if (!known.declarations.some((d) => t.isIdentifier(d.id, { name }))) known.declarations.push(t.variableDeclarator(t.identifier(name)));
    return;
  }
  const guard = t.variableDeclaration('let', [t.variableDeclarator(t.identifier(name))]);
  annexGuards.set(block.node, guard);
  const inner = block.node;
  let replacement: t.BlockStatement = t.blockStatement([guard, inner]);
  if (t.isSwitchStatement(inner)) {
    const d = t.identifier(`${R.prefix}D${annexCounter++}`);
    const discriminant = inner.discriminant;
    inner.discriminant = t.identifier(d.name);
    replacement = t.blockStatement([t.variableDeclaration('const', [t.variableDeclarator(d, discriminant)]), replacement]);
  }
  block.replaceWith(replacement);
}

let annexCounter = 0;
