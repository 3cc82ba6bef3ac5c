/**
 * Finds every function of a module, gives it a stable id and decides whether its activations can
 * be captured. Facts about nodes live in side tables (WeakMaps), never on the nodes.
 *
 * Ids: `<module>#<enclosing names joined by '/'>`. A function is named by its declaration, by the
 * binding or property it is assigned to, or, when anonymous, `<kind>@<n>` with n its index among
 * its parent's anonymous functions in source order, so ids survive edits elsewhere in the file.
 */
import { driveReason, isMarked } from './passes/asyncFunctions.js';
import { createHash } from 'node:crypto';
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { FunctionMeta } from '../contract/index.js';

export interface FunctionInfo {
  node: t.Function;
  path: NodePath<t.Function>;
  parent: FunctionInfo | null;
  index: number;
  id: string;
  name: string;
  kind: FunctionMeta['kind'];
  capturable: boolean;
  reason?: string;
  /** True when the body (or a nested arrow) reads `this`, `arguments`, `new.target`. */
  usesThis: boolean;
  usesArguments: boolean;
  usesNewTarget: boolean;
  /**
   * The body (not a nested function's) reads or writes a module-level `let`/`var` or an import:
   * state an update moves to the new version, so a replaced version's closure must forward its
   * calls there (insertCheckpoints keeps its entry even without a call).
   */
  usesModuleState: boolean;
  hash: string;
}

/** Kinds of module-level bindings an update carries to the new version (not consts, functions, classes). */
const MODULE_STATE = new Set(['let', 'var', 'module']);

export function nameOf(path: NodePath<t.Function>): string | null {
  const node = path.node;
  if ((t.isFunctionDeclaration(node) || t.isFunctionExpression(node)) && node.id) return node.id.name;
  if (t.isObjectMethod(node) || t.isClassMethod(node) || t.isClassPrivateMethod(node)) {
    const key = node.key;
    let base: string;
    if (t.isIdentifier(key) && !node.computed) base = key.name;
    else if (t.isStringLiteral(key) || t.isNumericLiteral(key)) base = String(key.value);
    else if (t.isPrivateName(key)) base = '#' + key.id.name;
    else base = '[computed]';
    const prefix = node.kind === 'get' ? 'get ' : node.kind === 'set' ? 'set ' : '';
    const stat = (t.isClassMethod(node) || t.isClassPrivateMethod(node)) && node.static ? 'static ' : '';
    return stat + prefix + base;
  }
  const parent = path.parentPath;
  if (parent?.isVariableDeclarator() && t.isIdentifier(parent.node.id)) return parent.node.id.name;
  if (parent?.isAssignmentExpression() && t.isIdentifier(parent.node.left)) return parent.node.left.name;
  if (parent?.isAssignmentExpression() && t.isMemberExpression(parent.node.left) && t.isIdentifier(parent.node.left.property) && !parent.node.left.computed) {
    return parent.node.left.property.name;
  }
  if (parent?.isObjectProperty() && !parent.node.computed) {
    const key = parent.node.key;
    if (t.isIdentifier(key)) return key.name;
    if (t.isStringLiteral(key)) return key.value;
  }
  if (parent?.isClassProperty() && !parent.node.computed && t.isIdentifier(parent.node.key)) return parent.node.key.name;
  return null;
}

function kindOf(node: t.Function): FunctionMeta['kind'] {
  if (node.async) return node.generator ? 'async generator' : 'async';
  if (node.generator) return 'generator';
  if (t.isArrowFunctionExpression(node)) return 'arrow';
  if (t.isClassMethod(node) && node.kind === 'constructor') return 'constructor';
  if ((t.isObjectMethod(node) || t.isClassMethod(node) || t.isClassPrivateMethod(node))) {
    if (node.kind === 'get') return 'getter';
    if (node.kind === 'set') return 'setter';
    return 'method';
  }
  return 'function';
}

/** Enclosing class name for methods, so ids read `Server.handle`. */
function classPrefix(path: NodePath<t.Function>): string {
  if (!(t.isClassMethod(path.node) || t.isClassPrivateMethod(path.node))) return '';
  const cls = path.parentPath?.parentPath;
  if (cls && (cls.isClassDeclaration() || cls.isClassExpression())) {
    if (cls.node.id) return cls.node.id.name + '.';
    const p = cls.parentPath;
    if (p?.isVariableDeclarator() && t.isIdentifier(p.node.id)) return p.node.id.name + '.';
    return 'class.';
  }
  return '';
}

/**
 * The class member a function belongs to for `super` and private names: a method, accessor or
 * constructor of a class, or an arrow nested (through arrows only) in one. Their restore
 * functions live in the class body, where private names resolve.
 */
export function classMemberOf(path: NodePath<t.Function>): { cls: NodePath<t.Class>; member: t.ClassMethod | t.ClassPrivateMethod } | null {
  let p: NodePath | null = path;
  while (p && p.isArrowFunctionExpression()) p = p.parentPath?.getFunctionParent() ?? null;
  if (!p || !(p.isClassMethod() || p.isClassPrivateMethod())) return null;
  const cls = p.parentPath?.parentPath;
  if (!cls || !(cls.isClassDeclaration() || cls.isClassExpression())) return null;
  return { cls: cls as NodePath<t.Class>, member: p.node as t.ClassMethod | t.ClassPrivateMethod };
}

/** True when the class defines instance elements initialised when `super()` returns. */
function hasInstanceElements(cls: t.Class): boolean {
  return cls.body.body.some((e) =>
    ((t.isClassProperty(e) || t.isClassPrivateProperty(e) || t.isClassAccessorProperty(e)) && !e.static) ||
    (t.isClassPrivateMethod(e) && !e.static));
}

/**
 * Why a function cannot be captured, or null. Each reason is a construct whose frame state cannot
 * be saved and re-entered by a restore function; such functions run unchanged and an update waits
 * until none of their activations is between an update point and the bottom of the stack.
 */
function whyNotCapturable(path: NodePath<t.Function>): string | null {
  const node = path.node;
  // A marked function passed driveReason in prepareAsync already.
  if ((node.async || node.generator) && !isMarked(node)) {
    const why = driveReason(path);
    if (why) return why;
  }
  const member = classMemberOf(path);
  if (t.isClassMethod(node) && node.kind === 'constructor' && member?.cls.node.superClass) {
    // A derived constructor: `this` exists only after super(); capturable when super(...) is a
    // statement of the body's top level with no call before it.
    const body = node.body.body;
    const at = body.findIndex((s) => t.isExpressionStatement(s) && t.isCallExpression(s.expression) && t.isSuper(s.expression.callee));
    if (at < 0) return 'derived constructor whose super() call is not a top-level statement';
    if (body.slice(0, at).some((s) => hasCallIn(s))) return 'derived constructor with calls before super()';
    let nested = 0;
    path.traverse({
      Function(inner) { inner.skip(); },
      CallExpression(c) { if (t.isSuper(c.node.callee)) nested++; },
    });
    if (nested !== 1) return 'derived constructor with more than one super() call';
  }
  let reason: string | null = null;
  if (!t.isArrowFunctionExpression(node) && !path.isInStrictMode() && node.params.every((p) => t.isIdentifier(p))) {
    // Sloppy-mode `arguments` is mapped onto the parameters of this very activation; a rebuilt
    // frame has new parameter bindings, so the aliasing could not be kept.
    path.traverse({
      Function(inner) { if (!inner.isArrowFunctionExpression()) inner.skip(); },
      Identifier(p) {
        if (p.node.name === 'arguments' && p.isReferencedIdentifier() && !p.scope.getBinding('arguments')) {
          reason ??= 'sloppy-mode function using arguments (mapped onto its parameters)';
        }
      },
    });
  }
  path.traverse({
    Function(inner) {
      // Nested arrows share this function's `super` and private-name scope; other functions are
      // judged on their own.
      if (!inner.isArrowFunctionExpression()) inner.skip();
    },
    Super(p) {
      if (!member) reason ??= `uses super outside a class (line ${p.node.loc?.start.line ?? '?'})`;
      const parent = p.parentPath;
      if (parent?.isMemberExpression() && (parent.parentPath?.isAssignmentExpression({ left: parent.node }) ||
        parent.parentPath?.isUpdateExpression() || parent.parentPath?.isUnaryExpression({ operator: 'delete' }))) {
        reason ??= `assigns through super (line ${p.node.loc?.start.line ?? '?'})`;
      }
      if (parent?.isCallExpression() && p.getFunctionParent()?.node !== node) reason ??= 'calls super() from an arrow';
    },
    PrivateName(p) {
      if (!member) reason ??= `uses private name #${p.node.id.name} outside a class method`;
    },
    WithStatement() {
      reason ??= 'contains a with statement';
    },
    CallExpression(p) {
      if (t.isIdentifier(p.node.callee, { name: 'eval' }) && !p.scope.getBinding('eval')) reason ??= 'calls eval directly';
    },
  });
  return reason;
}

function hasCallIn(node: t.Node): boolean {
  let found = false;
  t.traverseFast(node, (n) => {
    if (t.isCallExpression(n) || t.isNewExpression(n) || t.isTaggedTemplateExpression(n) || t.isOptionalCallExpression(n)) found = true;
    if (t.isLoop(n)) found = true;
  });
  return found;
}

export { hasInstanceElements };

export interface FunctionTable {
  list: FunctionInfo[];
  byNode: WeakMap<t.Function, FunctionInfo>;
}

export function buildFunctionTable(program: NodePath<t.Program>, modulePath: string, source: string): FunctionTable {
  const list: FunctionInfo[] = [];
  const byNode = new WeakMap<t.Function, FunctionInfo>();
  const anonCount = new Map<FunctionInfo | null, Map<string, number>>();
  const usedIds = new Set<string>();

  program.traverse({
    Function: {
      enter(path) {
        const parentPath = path.parentPath.findParent((p) => p.isFunction()) as NodePath<t.Function> | null;
        const parent = parentPath ? byNode.get(parentPath.node) ?? null : null;
        const kind = kindOf(path.node);
        let name = nameOf(path);
        if (name === null) {
          const counts = anonCount.get(parent) ?? new Map<string, number>();
          anonCount.set(parent, counts);
          const tag = kind === 'arrow' ? 'arrow' : 'function';
          const n = (counts.get(tag) ?? 0) + 1;
          counts.set(tag, n);
          name = `${tag}@${n}`;
        } else {
          name = classPrefix(path) + name;
        }
        let id = `${modulePath}#${parent ? parent.id.slice(parent.id.indexOf('#') + 1) + '/' : ''}${name}`;
        if (usedIds.has(id)) {
          let k = 2;
          while (usedIds.has(`${id}~${k}`)) k++;
          id = `${id}~${k}`;
        }
        usedIds.add(id);
        const reason = whyNotCapturable(path);
        const text = path.node.start != null && path.node.end != null ? source.slice(path.node.start, path.node.end) : '';
        const info: FunctionInfo = {
          node: path.node,
          path,
          parent,
          index: list.length,
          id,
          name,
          kind,
          capturable: reason === null,
          reason: reason ?? undefined,
          // A plain function may be called with `new`: its record keeps the object under
          // construction, which the rebuilt `new` expression must yield.
          usesThis: kind === 'function' || kind === 'constructor',
          usesArguments: false,
          // Constructed frames are rebuilt to yield their object (emitRestore): they keep new.target.
          usesNewTarget: kind === 'function' || kind === 'constructor',
          usesModuleState: false,
          hash: createHash('sha256').update(text).digest('hex').slice(0, 16),
        };
        list.push(info);
        byNode.set(path.node, info);
      },
    },
    ThisExpression(path) {
      markUse(path, 'usesThis');
    },
    // super.m() and super.x read `this` too: a restore function reaches them through its record's
    // `this` (Reflect.get(parent, 'm', self)).
    Super(path) {
      markUse(path, 'usesThis');
    },
    MetaProperty(path) {
      if (path.node.meta.name === 'new') markUse(path, 'usesNewTarget');
    },
    Identifier(path) {
      if (path.node.name === 'arguments' && path.isReferencedIdentifier() && !path.scope.getBinding('arguments')) markUse(path, 'usesArguments');
      if (path.isReferencedIdentifier() || (path as NodePath).isBindingIdentifier()) {
        const binding = path.scope.getBinding(path.node.name);
        if (binding && binding.scope.path.isProgram() && MODULE_STATE.has(binding.kind) && binding.identifier !== path.node) {
          const fn = path.getFunctionParent();
          const info = fn ? byNode.get(fn.node) : undefined;
          if (info) info.usesModuleState = true;
        }
      }
    },
  });

  function markUse(path: NodePath, field: 'usesThis' | 'usesArguments' | 'usesNewTarget'): void {
    // The use belongs to the nearest non-arrow function, and to every arrow in between.
    let p = path.parentPath;
    while (p) {
      if (p.isFunction()) {
        const info = byNode.get(p.node);
        if (info) info[field] = true;
        if (!p.isArrowFunctionExpression()) return;
      }
      p = p.parentPath;
    }
  }

  return { list, byNode };
}
