/**
 * markUpdatePoints: places the update points of each capturable function, as marker statements
 * `UPDATE_POINT();` registered in a side table, for insertCheckpoints to expand.
 *
 * Explicit `UPDATE_POINT();` statements are always update points. Policy `loops` (the default)
 * adds one at the head of every loop body, so a long loop notices a pending update on each
 * iteration; `all` adds one at every function entry too. In functions that cannot be captured and
 * at module top level, explicit markers are removed (and reported), since nothing could be saved
 * there.
 *
 *   while (c) step();   ==>   while (c) { UPDATE_POINT(); step(); }
 */
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { ATOMIC, type UpdatePointPolicy } from '../../contract/index.js';

export const UPDATE_POINT_NAME = 'UPDATE_POINT';

export function isUpdatePointCall(node: t.Node): node is t.CallExpression {
  return t.isCallExpression(node) && t.isIdentifier(node.callee, { name: UPDATE_POINT_NAME }) && node.arguments.length === 0;
}

function marker(loc: t.SourceLocation | null | undefined, table: WeakSet<t.Statement>): t.ExpressionStatement {
  const s = t.expressionStatement(t.callExpression(t.identifier(UPDATE_POINT_NAME), []));
  s.loc = loc ?? null;
  table.add(s);
  return s;
}

export interface UpdatePointSite {
  /**
   * 'forward': the entry of a function under policies other than `all`, where a call of a
   * function whose version was replaced moves to the new version's code; 'entry' under `all` is
   * an update point as well.
   */
  kind: 'explicit' | 'loop' | 'entry' | 'forward';
}

export function markUpdatePoints(
  fn: NodePath<t.Function>,
  policy: UpdatePointPolicy,
  table: WeakSet<t.Statement>,
  kinds: WeakMap<t.Statement, UpdatePointSite['kind']>,
): void {
  fn.traverse({
    Function(p) {
      p.skip();
    },
    ExpressionStatement(p) {
      if (isUpdatePointCall(p.node.expression) && !table.has(p.node)) {
        table.add(p.node);
        kinds.set(p.node, 'explicit');
      }
    },
    Loop: {
      exit(p) {
        if (policy === 'explicit' || inTransaction(p, fn)) return;
        const body = p.node.body;
        const m = marker(p.node.loc, table);
        kinds.set(m, 'loop');
        p.node.body = t.isBlockStatement(body) ? t.blockStatement([m, ...body.body], body.directives) : t.blockStatement([m, body]);
      },
    },
  });
  const derivedConstructor = t.isClassMethod(fn.node) && fn.node.kind === 'constructor' &&
    !!(fn.parentPath.parentPath?.node as t.Class | undefined)?.superClass;
  // A derived constructor has no `this` to save before super(): no entry point there.
  if (!derivedConstructor) {
    const node = fn.node;
    if (!t.isBlockStatement(node.body)) node.body = t.blockStatement([t.returnStatement(node.body)]);
    const m = marker(node.loc, table);
    kinds.set(m, policy === 'all' ? 'entry' : 'forward');
    node.body.body.unshift(m);
  }
}

/** Does a block whose first statement is this one make a transaction (`'restack atomic';`)? */
export function isAtomicStart(first: t.Statement | undefined): boolean {
  return t.isExpressionStatement(first) && t.isStringLiteral(first.expression, { value: ATOMIC });
}

/** Inside a 'restack atomic' function body or block (up to the function `fn`)? */
export function inTransaction(p: NodePath, fn: NodePath<t.Function>): boolean {
  for (let q: NodePath | null = p; q && q.node !== fn.node; q = q.parentPath) {
    if (q.isBlockStatement() && isAtomicStart(q.node.body[0])) return true;
  }
  const body = fn.node.body;
  return t.isBlockStatement(body) && body.directives.some((d) => d.value.value === ATOMIC);
}

/** Removes explicit markers where no update can happen; returns where they were. */
export function dropUpdatePoints(path: NodePath, skipFunctions: boolean): t.SourceLocation[] {
  const dropped: t.SourceLocation[] = [];
  path.traverse({
    Function(p) {
      if (skipFunctions) p.skip();
    },
    CallExpression(p) {
      if (!isUpdatePointCall(p.node) || p.scope.hasBinding(UPDATE_POINT_NAME)) return;
      if (p.parentPath.isExpressionStatement()) {
        const f = p.getFunctionParent();
        if (f && skipFunctions === false) return;
        if (p.node.loc) dropped.push(p.node.loc);
        p.parentPath.remove();
      } else {
        if (p.node.loc) dropped.push(p.node.loc);
        p.replaceWith(t.unaryExpression('void', t.numericLiteral(0)));
      }
    },
  });
  return dropped;
}
