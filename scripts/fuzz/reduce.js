/**
 * The fuzzer's reducer: shrinks a program while a predicate (the same difference persists) holds.
 *
 * It works over the Babel AST. A candidate edit is one of: drop a statement (any statement list:
 * program, block, switch case; outer statements come first, so whole functions and features go
 * early), drop a class member, object property, array element or call argument, drop a directive,
 * replace a compound statement by its body (if, loops, try, labels, blocks spliced into their
 * list), a function's body by `return` of its first parameter, an expression by one of its parts
 * (operands, branches, a call's first argument, the last of a sequence) or by 0, a number by 0
 * or 1, a string by "". An edit is kept when the printed program is shorter and the predicate
 * holds; the passes repeat until none is kept or the budget is spent.
 */
import { parse } from '@babel/parser';
import * as t from '@babel/types';
import { generate, traverse } from '../../dist/compiler/babel.js';

export function parseProgram(code, sourceType) {
  return parse(code, { sourceType, errorRecovery: false });
}

export function print(ast) {
  return generate(ast, { comments: false }).code + '\n';
}

/** Every edit of the tree, in pre-order: [{ apply() }]; apply mutates the tree it was collected on. */
function candidates(ast) {
  const edits = [];
  const add = (apply) => edits.push(apply);
  const zero = () => t.numericLiteral(0);
  traverse(ast, {
    enter(path) {
      const node = path.node;
      // Statement lists: drop one statement.
      if (path.listKey && (path.listKey === 'body' || path.listKey === 'consequent') && t.isStatement(node)) {
        add(() => path.remove());
      }
      if (t.isDirective(node)) add(() => path.remove());
      if (t.isClassMethod(node) || t.isClassProperty(node) || t.isClassPrivateProperty(node) || t.isStaticBlock(node) || t.isClassPrivateMethod(node)) add(() => path.remove());
      if ((t.isObjectProperty(node) || t.isObjectMethod(node) || t.isSpreadElement(node)) && path.listKey) add(() => path.remove());
      if (path.listKey === 'elements' || (path.listKey === 'arguments' && t.isExpression(node))) add(() => path.remove());
      if (path.listKey === 'params' && !t.isIdentifier(node)) add(() => path.remove());
      if (t.isAssignmentPattern(node) && path.listKey === 'params') add(() => path.replaceWith(node.left));
      // Compound statements: keep only a body.
      if (t.isIfStatement(node)) {
        add(() => path.replaceWith(node.consequent));
        if (node.alternate) {
          add(() => path.replaceWith(node.alternate));
          add(() => { node.alternate = null; });
        }
      }
      if (t.isLoop(node)) add(() => path.replaceWith(node.body));
      if (t.isLabeledStatement(node)) add(() => path.replaceWith(node.body));
      if (t.isTryStatement(node)) {
        add(() => path.replaceWith(node.block));
        if (node.finalizer && node.handler) add(() => { node.finalizer = null; });
        if (node.finalizer && node.handler) add(() => { node.handler = null; });
      }
      if (t.isBlockStatement(node) && path.listKey && Array.isArray(path.container)) add(() => path.replaceWithMultiple(node.body));
      if (t.isFunction(node) && t.isBlockStatement(node.body) && node.body.body.length > 1) {
        add(() => { node.body.body = [t.returnStatement(t.isIdentifier(node.params[0]) ? t.identifier(node.params[0].name) : zero())]; });
      }
      // Expressions: keep a part.
      if (t.isExpression(node)) {
        const parts = [];
        if (t.isBinaryExpression(node) || t.isLogicalExpression(node)) parts.push(node.left, node.right);
        if (t.isConditionalExpression(node)) parts.push(node.consequent, node.alternate, node.test);
        if (t.isSequenceExpression(node)) parts.push(node.expressions[node.expressions.length - 1]);
        if ((t.isCallExpression(node) || t.isOptionalCallExpression(node) || t.isNewExpression(node)) && t.isExpression(node.arguments[0])) parts.push(node.arguments[0]);
        if (t.isAwaitExpression(node) || t.isUnaryExpression(node)) parts.push(node.argument);
        if (t.isTemplateLiteral(node) && node.expressions[0]) parts.push(node.expressions[0]);
        for (const part of parts) if (t.isExpression(part) && !t.isPrivateName(part)) add(() => path.replaceWith(t.cloneNode(part)));
        if (isReplaceable(path)) add(() => path.replaceWith(zero()));
      }
      if (t.isNumericLiteral(node)) {
        for (const v of [0, 1]) if (node.value !== v && Math.abs(node.value) > v) add(() => { node.value = v; delete node.extra; });
      }
      if (t.isStringLiteral(node) && node.value.length > 1 && !t.isObjectProperty(path.parent) && !t.isDirective(path.parent) && !t.isImportDeclaration(path.parent)) {
        add(() => { node.value = ''; delete node.extra; });
      }
    },
  });
  return edits;
}

/** An expression that may become 0: not an assignment target, a callee, a pattern or a literal already. */
function isReplaceable(path) {
  const { node, parent, key } = path;
  if (t.isNumericLiteral(node) || t.isIdentifier(node) && t.isFunction(parent) || t.isPattern(node)) return false;
  if ((t.isAssignmentExpression(parent) || t.isAssignmentPattern(parent)) && key === 'left') return false;
  if (t.isUpdateExpression(parent) || t.isForXStatement(parent) && key === 'left') return false;
  if ((t.isCallExpression(parent) || t.isOptionalCallExpression(parent) || t.isNewExpression(parent)) && key === 'callee') return false;
  if ((t.isMemberExpression(parent) || t.isOptionalMemberExpression(parent)) && key === 'property' && !parent.computed) return false;
  if (t.isVariableDeclarator(parent) && key === 'id') return false;
  if (t.isClass(parent) || t.isFunction(parent) && key !== 'body' || t.isLabeledStatement(parent) || t.isCatchClause(parent)) return false;
  if (t.isObjectProperty(parent) && key === 'key' && !parent.computed || t.isObjectMethod(parent) || t.isClassMethod(parent)) return false;
  if (t.isTaggedTemplateExpression(parent) || t.isTemplateLiteral(node) && t.isTaggedTemplateExpression(parent)) return false;
  if (t.isMetaProperty(node) || t.isSuper(node) || t.isMetaProperty(parent)) return false;
  return t.isExpression(node);
}

/**
 * Reduces `code` while `holds(candidate)` resolves true. Options: sourceType ('module' or
 * 'script'), deadline (ms timestamp), onStep(code) for progress. Resolves with the smallest
 * program found and the number of predicate calls.
 */
export async function reduce(code, holds, { sourceType = 'module', deadline = Infinity, onStep } = {}) {
  let best = print(parseProgram(code, sourceType));
  let tries = 0;
  if (best.length < code.length && await holds(best)) tries++;
  else best = code;
  // Top-level statements first, in halves, quarters, ... (the features of a generated program).
  for (let size = Math.floor(parseProgram(best, sourceType).program.body.length / 2); size >= 2 && Date.now() < deadline; size = Math.floor(size / 2)) {
    for (let at = 0; Date.now() < deadline; at += size) {
      const ast = parseProgram(best, sourceType);
      if (at >= ast.program.body.length) break;
      ast.program.body.splice(at, size);
      const next = print(ast);
      tries++;
      if (await holds(next)) {
        best = next;
        onStep?.(best);
        at -= size;
      }
    }
  }
  let changed = true;
  while (changed && Date.now() < deadline) {
    changed = false;
    for (let i = 0; Date.now() < deadline; i++) {
      const ast = parseProgram(best, sourceType);
      const edits = candidates(ast);
      if (i >= edits.length) break;
      let next;
      try {
        edits[i]();
        next = print(ast);
        parseProgram(next, sourceType);
      } catch {
        continue;
      }
      if (next.length >= best.length) continue;
      tries++;
      if (await holds(next)) {
        best = next;
        changed = true;
        onStep?.(best);
        i--;
      }
    }
  }
  return { code: best, tries };
}
