/**
 * What a capturable function's frame record must carry, read from Babel's scope information before
 * the body is rewritten: its own variables, which of them are shared with closures and assigned
 * (the restore function must keep sharing them), and which variables of enclosing functions or
 * blocks it reaches (the record carries accessors for them, since restore functions live at
 * module level).
 */
import type { Binding, NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { bindingOf, isVariableUse } from './bindings.js';
import { ownBindings } from './passes/renameShadowed.js';

export { isVariableUse };

export interface ScopeFacts {
  own: Set<string>;
  /**
   * Own variables captured by a nested function and assigned after their declaration (a var's
   * initialiser counts: the var exists, undefined, from the function's entry).
   */
  boxed: Set<string>;
  /**
   * Boxed let, const and class bindings of a switch case used in a later case or by a closure: a
   * frame may be saved in a later case with them uninitialised, so even the rebuilt frame saves
   * them through accessors.
   */
  caseShared: Set<string>;
  /** Variables of enclosing (non-module) scopes used in the function; true when constant. */
  env: Map<string, boolean>;
  /**
   * Own variables holding a closure fixed by the declaration (function declarations, and
   * let/const initialised with a function or arrow), with the own variables that closure uses.
   * Where one of those is not yet initialised at a continuation point, the old closure would keep
   * seeing it uninitialised forever: the rebuilt frame makes a new closure instead.
   */
  closureRefs: Map<string, Set<string>>;
}

function isWithin(p: NodePath | null, ancestor: NodePath): boolean {
  for (let q = p; q; q = q.parentPath) if (q.node === ancestor.node) return true;
  return false;
}

/**
 * Does this use of a class's name denote the class's own inner binding (immutable, always the
 * class)? A class expression's name has no other; for a declaration, Babel gives the inner and
 * the declared outer binding as one, so a use inside the class body is told apart here.
 */
export function isInnerClassName(p: NodePath, b: Binding): boolean {
  if (b.path.isClassExpression()) return true;
  if (!b.path.isClassDeclaration()) return false;
  return isWithin(p, b.path.get('body'));
}

export function scopeFacts(fn: NodePath<t.Function>): ScopeFacts {
  const own = new Set<string>();
  const boxed = new Set<string>();
  for (const b of ownBindings(fn)) {
    own.add(b.identifier.name);
    // A var's initialiser (or a for-in/of head) assigns a binding that exists from the function's
    // entry: a closure made before it (`function k() { return m; } ... var m = make();`) must see
    // what the rebuilt frame assigns, so the binding is shared as if it were reassigned. (Babel
    // lists a sloppy block's function declaration among its own binding's violations, for the
    // var Annex B adds: the declaration itself is no reassignment.)
    const mutated = b.constantViolations.some((v) => v.node !== b.path.node) || (b.kind === 'var' && b.path.isVariableDeclarator() &&
      (!!b.path.node.init || t.isForXStatement(b.path.parentPath?.parent)));
    if (!mutated) continue;
    const inner = (q: NodePath): boolean => q.getFunctionParent()?.node !== fn.node && !isInnerClassName(q, b);
    if (b.referencePaths.some(inner) || b.constantViolations.some(inner)) boxed.add(b.identifier.name);
  }
  const caseShared = new Set<string>();
  // A let, const or class of a switch case used in a later case (reached by falling through), or
  // by a closure (which a later case may call): a save there reaches it through a box, whose
  // accessors read it only when the rebuilt frame does (entered at that later case, the binding is
  // uninitialised, and reading it then must throw).
  for (const b of ownBindings(fn)) {
    const stmt = b.path.isVariableDeclarator() ? b.path.parentPath : b.path;
    const kase = stmt?.parentPath;
    if (!kase?.isSwitchCase() || (b.kind !== 'let' && b.kind !== 'const' && !b.path.isClassDeclaration())) continue;
    const later = (q: NodePath): boolean => (!isWithin(q, kase) && isWithin(q, kase.parentPath!)) ||
      (q.getFunctionParent()?.node !== fn.node && !isInnerClassName(q, b));
    if (b.referencePaths.some(later) || b.constantViolations.some(later)) {
      boxed.add(b.identifier.name);
      caseShared.add(b.identifier.name);
    }
  }
  const closureRefs = new Map<string, Set<string>>();
  for (const b of ownBindings(fn)) {
    const p = b.path;
    let closure: NodePath | null = null;
    if (p.isFunctionDeclaration()) closure = p;
    else if (p.isVariableDeclarator() && b.kind !== 'var') {
      const init = p.get('init');
      if (!Array.isArray(init) && (init.isFunctionExpression() || init.isArrowFunctionExpression())) closure = init;
    }
    if (!closure) continue;
    const refs = new Set<string>();
    closure.traverse({
      Identifier(q) {
        if (!isVariableUse(q)) return;
        const rb = q.scope.getBinding(q.node.name);
        if (rb && own.has(q.node.name) && rb.scope.getFunctionParent()?.path.node === fn.node) refs.add(q.node.name);
      },
    });
    closureRefs.set(b.identifier.name, refs);
  }
  const env = new Map<string, boolean>();
  const program = fn.scope.getProgramParent();
  fn.traverse({
    Identifier(p) {
      if (!isVariableUse(p)) return;
      const b = bindingOf(p, p.node.name);
      if (!b) return;
      // The class's own name, used in its body from a member: reached through the environment
      // (a restore function outside the class would otherwise see the outer, reassignable binding).
      if (isInnerClassName(p, b) && !isWithin(b.path, fn)) {
        env.set(p.node.name, true);
        return;
      }
      if (b.scope === program) return;
      if (isWithin(b.scope.path, fn)) return;
      env.set(p.node.name, b.kind === 'const' || b.kind === 'module');
    },
  });
  return { own, boxed, caseShared, env, closureRefs };
}
