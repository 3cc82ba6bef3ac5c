/**
 * Finds every function of a module, gives it a stable id and decides whether its activations can
 * be captured. Facts about nodes live in side tables (WeakMaps), never on the nodes.
 *
 * Ids: `<module>#<enclosing names joined by '/'>` (syntax: contract/functionIds.ts). A function
 * is named by what does not move when code is inserted elsewhere in the file: its declaration,
 * the binding or member path it is assigned to (`Client.prototype.publish`), the call it is
 * passed to with that call's literal arguments (`app.get('/stats',*)`), or a tag for the place
 * it stands in (`<return>`, `<array>`, ...). Only when that name repeats in the same parent are
 * the functions told apart by order (`~2`, `~3`), and all of them are marked positional.
 */
import { driveReason, isMarked } from './passes/asyncFunctions.js';
import { createHash } from 'node:crypto';
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { quoteInId, type FunctionMeta } from '../contract/index.js';

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
  /** The id tells this function apart from another only by source order (FunctionMeta.positional). */
  positional: boolean;
}

/** Kinds of module-level bindings an update carries to the new version (not consts, functions, classes). */
const MODULE_STATE = new Set(['let', 'var', 'module']);

/** Whether a function is the value a module's top level assigns to `module.exports` (or `exports`). */
function exportedAsModule(path: NodePath<t.Function>): boolean {
  let child: NodePath = path;
  let parent = path.parentPath;
  while (parent?.isAssignmentExpression() && parent.node.right === child.node) {
    const left = parent.node.left;
    const free = (name: string): boolean => !parent!.scope.getBinding(name);
    const target = (t.isIdentifier(left, { name: 'exports' }) && free('exports')) ||
      (t.isMemberExpression(left) && !left.computed && t.isIdentifier(left.object, { name: 'module' }) && t.isIdentifier(left.property, { name: 'exports' }) && free('module'));
    if (!target) return false;
    if (parent.parentPath?.isExpressionStatement() && parent.parentPath.parentPath?.isProgram()) return true;
    child = parent;
    parent = parent.parentPath;
  }
  return false;
}

/** A property key or other name as a segment: quoted when it holds a character ids give a meaning to. */
function keyText(name: string): string {
  return /[\/'\\~\u0000-\u001f\u007f\u2028\u2029]/.test(name) ? quoteInId(name) : name;
}

/** Longest string literal kept whole in a name; longer ones are cut and end in a hash of the whole. */
const MAX_LITERAL = 48;

/** A literal argument or key as written in a name, or null when the node is not such a literal. */
function literalText(node: t.Node): string | null {
  if (t.isStringLiteral(node)) return stringText(node.value);
  if (t.isTemplateLiteral(node) && node.expressions.length === 0) return stringText(node.quasis[0]?.value.cooked ?? node.quasis[0]?.value.raw ?? '');
  if (t.isNumericLiteral(node)) return String(node.value);
  if (t.isBigIntLiteral(node)) return `${node.value}n`;
  if (t.isBooleanLiteral(node)) return String(node.value);
  if (t.isNullLiteral(node)) return 'null';
  if (t.isUnaryExpression(node) && (node.operator === '-' || node.operator === '+') && (t.isNumericLiteral(node.argument) || t.isBigIntLiteral(node.argument))) {
    return node.operator + literalText(node.argument)!;
  }
  return null;
}

function stringText(value: string): string {
  if (value.length <= MAX_LITERAL) return quoteInId(value);
  return quoteInId(`${value.slice(0, MAX_LITERAL)}...${createHash('sha256').update(value).digest('hex').slice(0, 8)}`);
}

/** Type-only and grouping wrappers an expression may stand in, which do not change what it is. */
function unwrap(node: t.Node): t.Node {
  while (t.isTSAsExpression(node) || t.isTSSatisfiesExpression(node) || t.isTSNonNullExpression(node) || t.isTSTypeAssertion(node) ||
    t.isTypeCastExpression(node) || t.isParenthesizedExpression(node)) node = node.expression;
  return node;
}

/**
 * The text of a callee or an assignment target, with what could change between runs of the
 * same code left out: member paths as written (`Client.prototype.publish`, `this.handlers[0]`),
 * calls with their literal arguments (`router.route('/a').get`), anything else `_`.
 */
export function pathText(node: t.Node, self: t.Node | null = null): string {
  node = unwrap(node);
  if (node === self) return '*';
  if (t.isIdentifier(node)) return node.name;
  if (t.isThisExpression(node)) return 'this';
  if (t.isSuper(node)) return 'super';
  if (t.isMetaProperty(node)) return `${node.meta.name}.${node.property.name}`;
  if (t.isMemberExpression(node) || t.isOptionalMemberExpression(node)) {
    const dot = t.isOptionalMemberExpression(node) && node.optional ? '?.' : '.';
    const object = pathText(node.object, self);
    const prop = node.property;
    if (!node.computed && t.isIdentifier(prop)) return `${object}${dot}${prop.name}`;
    if (t.isPrivateName(prop)) return `${object}${dot}#${prop.id.name}`;
    const lit = literalText(prop);
    return `${object}${dot === '?.' ? '?.' : ''}[${lit ?? '_'}]`;
  }
  if (t.isCallExpression(node) || t.isOptionalCallExpression(node) || t.isNewExpression(node)) {
    const callee = pathText(node.callee, self);
    const args = node.arguments.map((a) => (unwrap(a) === self ? '*' : literalText(unwrap(a)) ?? '_')).join(',');
    const open = t.isOptionalCallExpression(node) && node.optional ? '?.(' : '(';
    return `${t.isNewExpression(node) ? 'new ' : ''}${callee}${open}${args})`;
  }
  return literalText(node) ?? '_';
}

/** A property key as a name: identifiers and literals as written, anything else `[computed]`. */
function keyName(key: t.Node, computed: boolean): string {
  if (t.isIdentifier(key) && !computed) return key.name;
  if (t.isStringLiteral(key) || t.isNumericLiteral(key)) return keyText(String(key.value));
  if (t.isPrivateName(key)) return '#' + key.id.name;
  if (computed) {
    const lit = literalText(unwrap(key));
    if (lit !== null) return `[${lit}]`;
  }
  return '[computed]';
}

/**
 * The name of a function: declared, or given by where it stands. Never null: an anonymous
 * function in a place without a name gets a tag of that place (`<return>`, `<array>`,
 * `<default cb>`, `<iife>`), or of its kind (`<arrow>`, `<function>`) when nothing names it.
 */
export function nameOf(path: NodePath<t.Function>): string {
  const node = path.node;
  if ((t.isFunctionDeclaration(node) || t.isFunctionExpression(node)) && node.id) return node.id.name;
  if (t.isObjectMethod(node) || t.isClassMethod(node) || t.isClassPrivateMethod(node)) {
    const base = keyName(node.key, node.computed ?? false);
    const prefix = node.kind === 'get' ? 'get ' : node.kind === 'set' ? 'set ' : '';
    const stat = (t.isClassMethod(node) || t.isClassPrivateMethod(node)) && node.static ? 'static ' : '';
    return stat + prefix + base;
  }
  if (t.isFunctionDeclaration(node) && path.parentPath.isExportDefaultDeclaration()) return 'default';
  // Climb through what does not name anything: wrappers, a choice between functions.
  let child: NodePath = path;
  let parent = path.parentPath;
  while (parent && (parent.isTSAsExpression() || parent.isTSSatisfiesExpression() || parent.isTSNonNullExpression() || parent.isTSTypeAssertion() ||
    parent.isTypeCastExpression() || parent.isParenthesizedExpression() || parent.isConditionalExpression({ consequent: child.node }) ||
    parent.isConditionalExpression({ alternate: child.node }) || parent.isLogicalExpression() || parent.isAwaitExpression() ||
    (parent.isSequenceExpression() && parent.node.expressions[parent.node.expressions.length - 1] === child.node))) {
    child = parent;
    parent = parent.parentPath;
  }
  const tag = t.isArrowFunctionExpression(node) ? '<arrow>' : '<function>';
  if (!parent) return tag;
  const p = parent.node;
  const here = child.node;
  if (t.isVariableDeclarator(p) && p.init === here) return t.isIdentifier(p.id) ? p.id.name : '<destructured>';
  if (t.isAssignmentExpression(p) && p.right === here) {
    if (t.isIdentifier(p.left)) return p.left.name;
    if (t.isMemberExpression(p.left) || t.isOptionalMemberExpression(p.left)) return pathText(p.left);
    return '<destructured>';
  }
  if (t.isObjectProperty(p) && p.value === here) return keyName(p.key, p.computed);
  if ((t.isClassProperty(p) || t.isClassPrivateProperty(p) || t.isClassAccessorProperty(p)) && p.value === here) {
    return (p.static ? 'static ' : '') + keyName(p.key, t.isClassPrivateProperty(p) ? false : p.computed);
  }
  if ((t.isCallExpression(p) || t.isOptionalCallExpression(p) || t.isNewExpression(p)) && p.callee === here) return '<iife>';
  if (t.isCallExpression(p) || t.isOptionalCallExpression(p) || t.isNewExpression(p)) return pathText(p, here);
  if (t.isMemberExpression(p) && p.object === here) {
    // `(function () {}).call(this)`, `fn.bind(x)`: named by what is done with it.
    const use = parent.parentPath;
    return use && (use.isCallExpression() || use.isOptionalCallExpression()) && use.node.callee === p ? pathText(use.node, here) : pathText(p, here);
  }
  if (t.isReturnStatement(p) || (t.isArrowFunctionExpression(p) && p.body === here)) return '<return>';
  if (t.isArrayExpression(p)) return '<array>';
  if (t.isAssignmentPattern(p) && p.right === here) return t.isIdentifier(p.left) ? `<default ${p.left.name}>` : '<default>';
  if (t.isYieldExpression(p)) return '<yield>';
  if (t.isExportDefaultDeclaration(p)) return 'default';
  if (t.isThrowStatement(p)) return '<throw>';
  if (t.isSpreadElement(p)) return '<spread>';
  return tag;
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
 * The most source text of nested functions a capturable function may hold. A function's restore
 * function is a copy of its body, nested functions included (they must close over the rebuilt
 * frame's variables), so a file's text is copied once per level of nesting: a bundle whose whole
 * code sits in one wrapper function, or a compiler whose checker is one function of thousands of
 * closures (the typescript package), would be copied whole, and compiling it would run out of
 * memory. Such a wrapper is compiled unchanged instead, its nested functions capturable as usual.
 */
export const RESTORE_NESTED_LIMIT = 1 << 20;

/** The source text of a function's nested functions (and classes' methods), each counted once. */
function nestedText(fn: t.Function): number {
  let total = 0;
  const visit = (n: t.Node): void | typeof t.traverseFast.skip => {
    if (!t.isFunction(n)) return;
    if (n.start != null && n.end != null) total += n.end - n.start;
    return t.traverseFast.skip;
  };
  for (const p of fn.params) t.traverseFast(p, visit);
  t.traverseFast(fn.body, visit);
  return total;
}

/**
 * Why a function cannot be captured, or null. Each reason is a construct whose frame state cannot
 * be saved and re-entered by a restore function; such functions run unchanged and an update waits
 * until none of their activations is between an update point and the bottom of the stack.
 */
function whyNotCapturable(path: NodePath<t.Function>): string | null {
  const node = path.node;
  const nested = nestedText(node);
  if (nested > RESTORE_NESTED_LIMIT) {
    return `its nested functions are ${(nested / 1048576).toFixed(1)} MB of source, more than a rebuilt frame's copy may hold ` +
      `(${RESTORE_NESTED_LIMIT / 1048576} MB): an update waits while it runs (a bundle's module wrapper, which runs once at load, loses nothing)`;
  }
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
  const lexical = lexicalReason(path);
  if (lexical) return lexical;
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

/**
 * A scope a restore function cannot re-enter: it is declared at module level (or in a class body),
 * so a rebuilt frame of a function nested in a `with` body, or in a function whose sloppy direct
 * eval may declare variables, would resolve the names that scope provides to outer bindings.
 */
function lexicalReason(path: NodePath<t.Function>): string | null {
  for (let q: NodePath | null = path.parentPath; q; q = q.parentPath) {
    if (q.isWithStatement()) return `inside the body of a with statement (line ${q.node.loc?.start.line ?? '?'})`;
    if (!q.isFunction()) continue;
    const line = sloppyEvalLine(q);
    if (line !== null) return `nested in a function that calls eval directly (line ${line}), which may declare variables it reads`;
  }
  return null;
}

/** Per function: the line of a sloppy-mode direct eval of its own (not of a nested function), or null. */
const sloppyEvals = new WeakMap<t.Function, number | null>();

function sloppyEvalLine(fn: NodePath<t.Function>): number | null {
  // Memoized: every function nested in fn asks, so a large module is not traversed once per function.
  if (sloppyEvals.has(fn.node)) return sloppyEvals.get(fn.node)!;
  let line: number | null = null;
  fn.traverse({
    Function(inner) { inner.skip(); },
    CallExpression(c) {
      if (line === null && t.isIdentifier(c.node.callee, { name: 'eval' }) && !c.scope.getBinding('eval') && !c.isInStrictMode()) {
        line = c.node.loc?.start.line ?? 0;
      }
    },
  });
  sloppyEvals.set(fn.node, line);
  return line;
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

  program.traverse({
    Function: {
      enter(path) {
        const parentPath = path.parentPath.findParent((p) => p.isFunction()) as NodePath<t.Function> | null;
        const parent = parentPath ? byNode.get(parentPath.node) ?? null : null;
        const kind = kindOf(path.node);
        const own = nameOf(path);
        // Declared methods keep their class's name in front; a name taken from the context does not.
        const name = (t.isClassMethod(path.node) || t.isClassPrivateMethod(path.node) ? classPrefix(path) : '') + own;
        const reason = whyNotCapturable(path);
        const text = path.node.start != null && path.node.end != null ? source.slice(path.node.start, path.node.end) : '';
        const info: FunctionInfo = {
          node: path.node,
          path,
          parent,
          index: list.length,
          // Given below, once every function of the parent is known (a name that repeats is numbered).
          id: '',
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
          positional: false,
        };
        // The function a CommonJS module exports as a whole (`module.exports = function ...`):
        // requirers hold it and an update keeps it as the export (decision 0012), so its calls
        // must move to the new version's code, as a function using module state does.
        if (exportedAsModule(path)) info.usesModuleState = true;
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

  // Ids, parents first (the list is in traversal order): `~k` for the k-th function of a name in
  // its parent, and every function of a repeated name is positional, as is all that it encloses.
  const groups = new Map<FunctionInfo | null, Map<string, FunctionInfo[]>>();
  for (const f of list) {
    const byName = groups.get(f.parent) ?? new Map<string, FunctionInfo[]>();
    groups.set(f.parent, byName);
    const group = byName.get(f.name) ?? [];
    group.push(f);
    byName.set(f.name, group);
  }
  const local = new Map<FunctionInfo, string>();
  for (const f of list) {
    const group = groups.get(f.parent)!.get(f.name)!;
    const k = group.indexOf(f) + 1;
    const segment = k > 1 ? `${f.name}~${k}` : f.name;
    const path = f.parent ? `${local.get(f.parent)!}/${segment}` : segment;
    local.set(f, path);
    f.id = `${modulePath}#${path}`;
    f.positional = group.length > 1 || (f.parent?.positional ?? false);
  }

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
