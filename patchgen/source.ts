/**
 * What the patch generator reads from a module's source, beyond the metadata: each function's
 * text (to match functions whose id changed), and for each continuation point its source line
 * (shown in mapping.ts), the text of the call or loop it belongs to, and the control structures
 * around it in the function (loop, branch, try block: context for aligning CPs). Also the
 * module's top-level variables, whose values an update carries over.
 *
 * The source is parsed again with the compiler's parser settings, so node positions agree with
 * the `loc`s the compiler recorded. Everything here is best effort: a source that does not parse
 * yields line texts only, and the generator falls back on the metadata.
 */
import { parse } from '@babel/parser';
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { traverse } from '../compiler/babel.js';
import { functionDeclarations, topLevelBindings } from '../compiler/syntax.js';
import { carriedVariables, recomputedVariables } from '../compiler/topLevel.js';
import { constInits } from '../compiler/passes/loaderFormat.js';
import { parserPlugins } from '../compiler/sourceTransforms.js';
import { R, type CpMeta, type FunctionMeta, type ModuleMeta } from '../contract/index.js';
import { isForOfStep } from './align.js';
import { bigrams, squash, tokens } from './similarity.js';

/** What the source says about one continuation point. */
export interface CpSite {
  /** The CP's source line number (for a for-of loop's step: the loop's line), or null. */
  lineNo: number | null;
  /** That line's text, trimmed, or null. */
  line: string | null;
  /** Whitespace-free text of the call (or loop head) at the CP; null when not found. */
  text: string | null;
  /**
   * Control structures enclosing the CP within its function, outermost first, e.g.
   * `['ForOfStatement', 'if.then']`; null when unknown.
   */
  context: string[] | null;
  /**
   * The code whose values the compiler's temporaries may carry across this CP: the heads of the
   * for-of and for-in loops around it in the function (their iterators, keys and indexes are
   * temporaries), outermost first, then the text of its expression before it (what the expression
   * evaluated before the call: its partial results are temporaries live at the call). Whitespace
   * is normalised to single spaces. Null when the CP was not found in the source.
   */
  partials: string[] | null;
  /**
   * What is compared across versions: `partials` without whitespace, and with the literals that
   * stay in the expression (an operand of the call's enclosing expressions: the compiler keeps no
   * temporary for it, so the new code uses its own) left out. Null when partials is.
   */
  partialsKey: string | null;
}

export interface FunctionSource {
  /** Token-bigram fingerprint of the function's text, its own name left out. */
  fingerprint: Map<string, number>;
  /** By CP number. */
  cps: CpSite[];
  /**
   * Variables of enclosing functions it reads or writes (a closure's environment), sorted. An old
   * closure called after an update runs the new code in the environment the old version made.
   */
  outer: string[];
}

export interface SourceAnalysis {
  /** Source lines (1-based line n is lines[n - 1]). */
  lines: string[];
  /** By function id; functions the parser could not locate are absent. */
  functions: Map<string, FunctionSource>;
  /** Top-level `let`/`const`/`var` (and enum) names: the module state (a state transformer's `old`). */
  stateBindings: string[];
  /** Those the update computes again rather than carries (not in a state transformer's `next`). */
  recomputed: string[];
  /** Text of each top-level const's initialiser: an update runs a changed one again. */
  constInits: Record<string, string>;
  /** Every top-level binding an after() hook sees: variables, classes and function declarations. */
  bindings: string[];
}

const posKey = (line: number, column: number): string => `${line}:${column}`;

/** The source line of a 1-based line number, trimmed, or null. */
export function lineText(lines: readonly string[], line: number): string | null {
  if (line < 1 || line > lines.length) return null;
  return lines[line - 1].trim();
}

export function analyzeSource(source: string, meta: ModuleMeta): SourceAnalysis {
  const lines = source.split(/\r?\n/);
  const result: SourceAnalysis = { lines, functions: new Map(), stateBindings: [], recomputed: [], constInits: {}, bindings: [] };
  const filename = meta.module;
  const plugins = parserPlugins(filename, meta.transforms?.decorators);
  let ast: t.File;
  try {
    ast = parse(source, {
      sourceType: meta.sourceKind === 'commonjs' ? 'script' : 'module',
      allowReturnOutsideFunction: meta.sourceKind === 'commonjs',
      plugins,
      errorRecovery: true,
    });
  } catch {
    return result;
  }

  result.stateBindings = carriedVariables(ast.program);
  result.recomputed = recomputedVariables(ast.program, meta.sourceKind === 'commonjs', result.stateBindings);
  result.bindings = [...new Set([...topLevelBindings(ast.program, { classes: true }), ...functionDeclarations(ast.program)])];
  result.constInits = constInits(ast.program, source, (text) => text);

  const fnAt = new Map<string, NodePath<t.Function>>();
  traverse(ast, {
    Function(p: NodePath<t.Function>) {
      const loc = p.node.loc?.start;
      if (loc && !fnAt.has(posKey(loc.line, loc.column))) fnAt.set(posKey(loc.line, loc.column), p);
    },
  });

  for (const fn of meta.functions) {
    const path = fnAt.get(posKey(fn.loc.line, fn.loc.column));
    if (!path) continue;
    const node = path.node;
    const text = node.start != null && node.end != null ? source.slice(node.start, node.end) : '';
    // The function's own name (`Room.size` -> `size`), left out so a rename does not count against it.
    const own = (fn.name.split(' ').pop() ?? fn.name).split('.').pop() ?? fn.name;
    const fingerprint = bigrams(tokens(text).filter((tok) => tok !== own));
    result.functions.set(fn.id, { fingerprint, cps: cpSites(path, fn, source, lines), outer: outerVariables(path) });
  }
  return result;
}

/** The variables of enclosing functions (not the module's) a function reads or writes. */
function outerVariables(fn: NodePath<t.Function>): string[] {
  if (!fn.getFunctionParent()) return [];
  const out = new Set<string>();
  fn.traverse({
    Identifier(p: NodePath<t.Identifier>) {
      const parent = p.parentPath;
      const written = (parent?.isAssignmentExpression() && parent.node.left === p.node) || parent?.isUpdateExpression();
      if (!written && !p.isReferencedIdentifier()) return;
      const binding = p.scope.getBinding(p.node.name);
      if (!binding) return;
      const owner = binding.scope.path;
      // Its own variables, and the module's (module state, carried by name), are not its environment's.
      if (owner.isProgram() || owner === fn || owner.isDescendant(fn)) return;
      if (owner.isFunction() || owner.getFunctionParent()) out.add(p.node.name);
    },
  });
  return [...out].sort();
}

/** Nodes of the function itself (nested functions excluded) by start position, outermost first. */
function nodesByPosition(fn: NodePath<t.Function>): Map<string, NodePath[]> {
  const out = new Map<string, NodePath[]>();
  fn.traverse({
    enter(p: NodePath) {
      if (p.isFunction()) {
        p.skip();
        return;
      }
      const loc = p.node.loc?.start;
      if (!loc) return;
      const k = posKey(loc.line, loc.column);
      const list = out.get(k);
      if (list) list.push(p);
      else out.set(k, [p]);
    },
  });
  return out;
}

function isCallLike(p: NodePath): boolean {
  return p.isCallExpression() || p.isOptionalCallExpression() || p.isNewExpression() || p.isTaggedTemplateExpression();
}

function calleeOf(node: t.Node): t.Node | null {
  if (t.isTaggedTemplateExpression(node)) return node.tag;
  if (t.isCallExpression(node) || t.isOptionalCallExpression(node) || t.isNewExpression(node)) return node.callee;
  return null;
}

function cpSites(fn: NodePath<t.Function>, meta: FunctionMeta, source: string, lines: string[]): CpSite[] {
  const byPos = nodesByPosition(fn);
  const slice = (n: t.Node): string | null => (n.start != null && n.end != null ? source.slice(n.start, n.end) : null);
  const steps = forOfSteps(fn, meta);
  const awaitSteps = forAwaitSteps(fn, meta);
  return meta.cps.map((cp, k): CpSite => {
    if (cp.kind === 'update' && cp.callee === 'entry') return { lineNo: cp.loc.line, line: lineText(lines, cp.loc.line), text: 'entry', context: [], partials: [], partialsKey: '' };
    const awaitLoop = awaitSteps.get(k);
    if (!cp.loc.line && awaitLoop) {
      // The step of a for await loop (its next() and the await of it), which the compiler makes:
      // its temporaries are the loop's iterator.
      const head = loopHead(awaitLoop, slice);
      const partials = head === null ? null : [...loopHeadsAround(awaitLoop, fn, slice), spaced(head)];
      return { lineNo: null, line: null, text: null, context: null, partials, partialsKey: partials === null ? null : partials.map(squash).join('\n') };
    }
    if (!cp.loc.line) {
      // The step of a for-of loop (`iterator.next()`), which the compiler makes: the loop's head.
      const loop = steps.get(k);
      if (!loop?.node.loc) return { lineNo: null, line: null, text: null, context: null, partials: null, partialsKey: null };
      const head = loopHead(loop, slice);
      const at = loop.node.loc.start.line;
      // Its temporaries are its own loop's: the head says what they iterate.
      const partials = head === null ? null : [...loopHeadsAround(loop, fn, slice), spaced(head)];
      return {
        lineNo: at, line: lineText(lines, at), text: head === null ? null : `next:${squash(head)}`, context: contextOf(loop, fn, slice),
        partials, partialsKey: partials === null ? null : partials.map(squash).join('\n'),
      };
    }
    const here = byPos.get(posKey(cp.loc.line, cp.loc.column)) ?? [];
    const node = pickNode(cp, here, slice);
    if (!node) return { lineNo: cp.loc.line, line: lineText(lines, cp.loc.line), text: null, context: null, partials: null, partialsKey: null };
    const text = node.isLoop() ? loopHead(node, slice) : slice(node.node);
    const partials = partialsAt(node, fn, source, slice);
    return {
      lineNo: cp.loc.line, line: lineText(lines, cp.loc.line), text: text === null ? null : squash(text), context: contextOf(node, fn, slice),
      partials: partials?.texts ?? null, partialsKey: partials?.key ?? null,
    };
  });
}

/**
 * The for-of loop of each for-of step CP, by CP index. The compiler gives every for-of loop of a
 * capturable function one step CP, in source order; when the counts disagree, nothing is claimed.
 */
function forOfSteps(fn: NodePath<t.Function>, meta: FunctionMeta): Map<number, NodePath<t.ForOfStatement>> {
  const loops: NodePath<t.ForOfStatement>[] = [];
  fn.traverse({
    Function(p) { p.skip(); },
    ForOfStatement(p) { loops.push(p); },
  });
  const steps = meta.cps.filter(isForOfStep);
  const out = new Map<number, NodePath<t.ForOfStatement>>();
  if (steps.length !== loops.length) return out;
  steps.forEach((cp, k) => out.set(cp.cp, loops[k]));
  return out;
}

/**
 * The for await loop of each of its step CPs (the compiler's `asyncNext` call and the await of
 * its result, without a position), by CP index: two per loop, in source order; when the CPs do
 * not fall in that pattern, nothing is claimed.
 */
function forAwaitSteps(fn: NodePath<t.Function>, meta: FunctionMeta): Map<number, NodePath<t.ForOfStatement>> {
  const loops: NodePath<t.ForOfStatement>[] = [];
  fn.traverse({
    Function(p) { p.skip(); },
    ForOfStatement(p) { if (p.node.await) loops.push(p); },
  });
  const out = new Map<number, NodePath<t.ForOfStatement>>();
  const steps = meta.cps.filter((cp) => !cp.loc.line && ((cp.kind === 'call' && cp.callee === `${R.runtime}.asyncNext`) || cp.kind === 'await'));
  if (steps.length !== 2 * loops.length) return out;
  for (let k = 0; k < loops.length; k++) {
    const [next, wait] = [steps[2 * k], steps[2 * k + 1]];
    if (next.kind !== 'call' || wait.kind !== 'await' || wait.cp !== next.cp + 1) return new Map();
    out.set(next.cp, loops[k]);
    out.set(wait.cp, loops[k]);
  }
  return out;
}

/** The node a CP was made for, among the nodes starting at its position. */
function pickNode(cp: CpMeta, here: NodePath[], slice: (n: t.Node) => string | null): NodePath | null {
  if (cp.kind === 'update') {
    if (cp.callee === 'loop') return here.find((p) => p.isLoop()) ?? null;
    return here.find((p) => p.isCallExpression()) ?? here[0] ?? null;
  }
  const calls = here.filter(isCallLike);
  const want = squash(cp.callee.replace(/^new /, ''));
  const named = calls.find((p) => {
    const callee = calleeOf(p.node);
    const text = callee ? slice(callee) : null;
    return text !== null && squash(text) === want;
  });
  // Chained calls start at the same position: without a callee match, the innermost one.
  return named ?? calls[calls.length - 1] ?? here[0] ?? null;
}

/** A loop's head: its text up to the body. */
function loopHead(loop: NodePath, slice: (n: t.Node) => string | null): string | null {
  const whole = slice(loop.node);
  const body = (loop.node as t.Loop).body;
  const inner = slice(body);
  if (whole === null || inner === null) return whole;
  if (t.isDoWhileStatement(loop.node)) return whole.replace(inner, '');
  const at = whole.indexOf(inner);
  return at >= 0 ? whole.slice(0, at) : whole;
}

/** Text with every run of whitespace made one space. */
function spaced(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The heads of the for-of and for-in loops whose body holds the node, within the function,
 * outermost first: the compiler keeps such a loop's iterator (or keys, index) in temporaries.
 */
function loopHeadsAround(node: NodePath, fn: NodePath<t.Function>, slice: (n: t.Node) => string | null): string[] {
  const heads: string[] = [];
  let p: NodePath = node;
  while (p.parentPath && p.node !== fn.node) {
    const parent: NodePath = p.parentPath;
    if ((parent.isForOfStatement() || parent.isForInStatement()) && p.parentKey === 'body') {
      heads.push(spaced(loopHead(parent, slice) ?? '?'));
    }
    p = parent;
  }
  return heads.reverse();
}

/**
 * What the compiler's temporaries live at a CP can hold (CpSite.partials): the loop heads
 * around it, and its expression's text before it. A call's partial results are the parts of its
 * expression evaluated before the call (left operands, the callee and receiver of an enclosing
 * call, its earlier arguments), all of which are written before it; the call's own callee and
 * arguments are consumed by the call, and what follows it is evaluated after it.
 */
function partialsAt(node: NodePath, fn: NodePath<t.Function>, source: string, slice: (n: t.Node) => string | null): { texts: string[]; key: string } | null {
  // The expression the CP belongs to: its outermost enclosing expression within the statement.
  // What the statement does with the value (`return`, `const r =`, `x =`) happens after the call.
  let root: NodePath = node;
  let stmt: NodePath | null = node.isStatement() ? node : node.parentPath;
  for (; stmt && !stmt.isStatement() && stmt.node !== fn.node; stmt = stmt.parentPath) {
    const plainAssignment = stmt.isAssignmentExpression({ operator: '=' }) && t.isIdentifier(stmt.node.left);
    if (stmt.isExpression() && !plainAssignment) root = stmt;
  }
  const from = root.node.start;
  const to = node.node.start;
  if (!stmt || stmt.node === fn.node || from == null || to == null) return null;
  const before = source.slice(from, to);
  // A for-of or for-in loop's own update point: its iterator is live there too.
  const own = node.isForOfStatement() || node.isForInStatement() ? [spaced(loopHead(node, slice) ?? '?')] : [];
  const heads = [...loopHeadsAround(stmt, fn, slice), ...own];
  // Literals that are operands of the CP's enclosing expressions (or values and keys of an
  // object literal among them) stay in the expression: the new code uses its own.
  const around = new Set<t.Node>();
  for (let p: NodePath | null = node; p && p !== root; p = p.parentPath) around.add(p.node);
  around.add(root.node);
  const kept: Array<[number, number]> = [];
  if (root !== node) {
    root.traverse({
      enter(p: NodePath) {
        if (p.isFunction()) { p.skip(); return; }
        const { start, end } = p.node;
        if (start == null || end == null || end > to || !isLiteralAtom(p.node)) return;
        let up: NodePath | null = p.parentPath;
        while (up && up.isObjectProperty() && !around.has(up.node)) up = up.parentPath;
        if (up && around.has(up.node)) kept.push([start - from, end - from]);
      },
    });
  }
  let masked = before;
  for (const [s, e] of kept.sort((a, b) => b[0] - a[0])) masked = `${masked.slice(0, s)}\u0000${masked.slice(e)}`;
  return { texts: [...heads, spaced(before)], key: [...heads, masked].map(squash).join('\n') };
}

/** A constant the compiler leaves in place (linearizeCalls isLiteral): no temporary holds it. */
function isLiteralAtom(n: t.Node): boolean {
  if (t.isUnaryExpression(n) && n.operator === '-' && (t.isNumericLiteral(n.argument) || t.isBigIntLiteral(n.argument))) return true;
  return t.isNumericLiteral(n) || t.isStringLiteral(n) || t.isBooleanLiteral(n) || t.isNullLiteral(n) || t.isBigIntLiteral(n) ||
    (t.isIdentifier(n) && n.name === 'undefined') || (t.isTemplateLiteral(n) && n.expressions.length === 0);
}

/** Control structures between the function and the node, outermost first. */
function contextOf(node: NodePath, fn: NodePath<t.Function>, slice: (n: t.Node) => string | null): string[] {
  const labels: string[] = [];
  let p: NodePath = node;
  while (p.parentPath && p.parentPath.node !== fn.node) {
    const parent: NodePath = p.parentPath;
    const key = String(p.parentKey);
    if (parent.isLoop()) labels.push(key === 'body' ? parent.node.type : `${parent.node.type}.${key}`);
    else if (parent.isIfStatement()) labels.push(key === 'consequent' ? 'if.then' : key === 'alternate' ? 'if.else' : 'if.test');
    else if (parent.isTryStatement()) labels.push(`try.${key}`);
    else if (parent.isSwitchCase()) {
      const test = parent.node.test;
      labels.push(`case ${test ? squash(slice(test) ?? '?') : 'default'}`);
    } else if (parent.isConditionalExpression()) labels.push(`?:.${key}`);
    else if (parent.isLogicalExpression()) labels.push(`${parent.node.operator}.${key}`);
    p = parent;
  }
  return labels.reverse();
}

