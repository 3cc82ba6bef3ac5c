/**
 * Name resolution the passes share, where Babel's scope information needs a correction or a
 * filter.
 */
import type { Binding, NodePath } from '@babel/traverse';
import * as t from '@babel/types';

/**
 * The binding a name used at p resolves to. Babel's getBinding applies its rule for parameter
 * defaults (they cannot see the body's declarations) to a catch clause's parameter too, and so
 * skips the clause's bindings for a name used inside its own pattern: in `catch ([x, f = () => x])`
 * it gives an outer x, where the language reads the parameter.
 */
export function bindingOf(p: NodePath, name: string): Binding | undefined {
  const b = p.scope.getBinding(name);
  let child: NodePath = p;
  for (let q = p.parentPath; q; child = q, q = q.parentPath) {
    if (b && q.node === b.scope.path.node) return b;
    if (q.isCatchClause() && child.key === 'param') {
      const own = q.scope.getOwnBinding(name);
      if (own) return own;
    }
  }
  return b;
}

/** Is this identifier path a variable reference or assignment target (not a key or label)? */
export function isVariableUse(p: NodePath<t.Identifier>): boolean {
  const parent = p.parent;
  const key = p.key;
  if ((t.isMemberExpression(parent) || t.isOptionalMemberExpression(parent)) && key === 'property' && !parent.computed) return false;
  if ((t.isObjectProperty(parent) || t.isObjectMethod(parent) || t.isClassMethod(parent) || t.isClassProperty(parent) ||
    t.isClassPrivateMethod(parent) || t.isClassPrivateProperty(parent) || t.isClassAccessorProperty(parent)) && key === 'key' && !(parent as { computed?: boolean }).computed) return false;
  if (t.isLabeledStatement(parent) || t.isBreakStatement(parent) || t.isContinueStatement(parent)) return false;
  if (t.isMetaProperty(parent) || t.isPrivateName(parent)) return false;
  if (t.isImportSpecifier(parent) || t.isExportSpecifier(parent) || t.isImportDefaultSpecifier(parent) || t.isImportNamespaceSpecifier(parent)) return false;
  return true;
}
