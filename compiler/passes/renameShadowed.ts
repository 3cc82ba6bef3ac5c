/**
 * renameShadowed: gives every local binding of a capturable function a name unique within that
 * function (nested functions excluded), so a frame record can name each variable by its name and
 * the restore function can redeclare them all in the same block structure.
 *
 *   function f() { for (let i ...) {}  for (let i ...) {} }
 *   ==> function f() { for (let i ...) {}  for (let _i ...) {} }
 *
 * Assumes: Babel scope information is current. Guarantees: within each capturable function, no two
 * own bindings share a name.
 */
import type { NodePath, Scope, Binding } from '@babel/traverse';
import type * as t from '@babel/types';
import { bindingOf, isVariableUse } from '../bindings.js';

/** All scopes that belong to the function itself: its own and its blocks', not nested functions'. */
export function ownScopes(fn: NodePath<t.Function>): Scope[] {
  const scopes: Scope[] = [fn.scope];
  fn.traverse({
    Scopable(p) {
      if (p.isFunction() || p.isClass()) {
        p.skip();
        return;
      }
      if (p.scope !== fn.scope && !scopes.includes(p.scope)) scopes.push(p.scope);
    },
  });
  return scopes;
}

export function ownBindings(fn: NodePath<t.Function>): Binding[] {
  const out: Binding[] = [];
  for (const scope of ownScopes(fn)) {
    for (const name of Object.keys(scope.bindings)) {
      const b = scope.bindings[name];
      if (!out.includes(b)) out.push(b);
    }
  }
  return out;
}

export function renameShadowed(fn: NodePath<t.Function>): void {
  const seen = new Set<string>();
  for (const b of ownBindings(fn)) {
    if (seen.has(b.identifier.name)) {
      const name = b.identifier.name;
      const fresh = b.scope.generateUid(name);
      // Babel's rename finds references by its getBinding, which misses those in the clause's own
      // pattern (bindingOf): they are renamed here.
      const inPattern = b.scope.path.isCatchClause() ? catchPatternUses(b.scope.path, name, b) : [];
      b.scope.rename(name, fresh);
      for (const id of inPattern) id.name = fresh;
      seen.add(fresh);
    } else {
      seen.add(b.identifier.name);
    }
  }
}

/** The identifiers in a catch clause's parameter that name its binding b (other than b's own). */
function catchPatternUses(clause: NodePath<t.CatchClause>, name: string, b: Binding): t.Identifier[] {
  const out: t.Identifier[] = [];
  const param = clause.get('param');
  if (!param.node) return out;
  param.traverse({
    Identifier(p) {
      if (p.node.name === name && p.node !== b.identifier && isVariableUse(p) && bindingOf(p, name) === b) out.push(p.node);
    },
  });
  return out;
}
