/**
 * Liveness of a function's variables at its continuation points: which values the frame record
 * must hold for the rest of the function to run. A variable is live after a statement when some
 * path from there reads it before writing it.
 *
 * Saving only live values matters for speed, not only for size: a save lists every value it
 * keeps, so a dead one (an index of a finished loop, say) stays alive through the hot loops that
 * follow, and V8 must keep it in a general form (a loop counter that flows out of its loop loses
 * its integer representation). Measured on fft.js: 2x slower with everything in scope saved.
 *
 * The analysis is a backward pass over the structured statements, sound by construction:
 *  - reads are identifiers (see isNonRead), anywhere in the statement, nested functions included;
 *    only a declaration with an initialiser (or a `let`/`const` without one), a statement
 *    `x = e;`, a for-loop head and a catch parameter kill a variable;
 *  - a loop is summarised: everything read anywhere in it is live everywhere in it;
 *  - break and continue lead to their targets; return and throw to the end of the function,
 *    through every enclosing finally; any statement inside a try may lead to its catch and its
 *    finally.
 * Over-approximating is always safe (a value saved for nothing); under-approximating would lose
 * a value, so every construct not understood here reads everything it mentions and kills nothing.
 */
import * as t from '@babel/types';
import { isTrackedFinally, patternNames } from './syntax.js';

type Live = Set<string>;

interface Target {
  labels: string[];
  /** What an unlabelled break can leave: loops and switches. */
  kind: 'loop' | 'switch' | 'label';
  breakTo: Live;
  continueTo: Live | null;
}

export class Liveness {
  /** Live variables right after each statement of interest. */
  readonly after = new Map<t.Statement, Live>();
  private targets: Target[] = [];
  /** What an exception (or a jump through a finally) may still read: catch entries, finally bodies. */
  private exceptional: Live[] = [];
  private usesCache = new WeakMap<t.Node, Live>();

  /**
   * `tracked`: the names the function declares (declaredNames). Only they can be saved, so only
   * their liveness is kept: in a large function (a bundle's wrapper, a compiler's checker) the
   * sets would otherwise hold every name read anywhere inside it, per statement.
   */
  constructor(private readonly interesting: (s: t.Statement) => boolean, private readonly tracked?: ReadonlySet<string>) {}

  analyze(body: t.BlockStatement): void {
    this.block(body.body, new Set());
  }

  private block(stmts: t.Statement[], out: Live): Live {
    let live = out;
    for (let i = stmts.length - 1; i >= 0; i--) live = this.statement(stmts[i], live);
    return live;
  }

  private withExceptional(live: Live): Live {
    if (!this.exceptional.length) return live;
    const r = new Set(live);
    for (const e of this.exceptional) for (const n of e) r.add(n);
    return r;
  }

  private statement(s: t.Statement, out: Live): Live {
    if (this.interesting(s)) this.after.set(s, this.withExceptional(out));
    return this.withExceptional(this.transfer(s, out, []));
  }

  private transfer(s: t.Statement, out: Live, labels: string[]): Live {
    switch (s.type) {
      case 'BlockStatement':
        return this.block(s.body, out);
      case 'EmptyStatement':
      case 'DebuggerStatement':
        return out;
      case 'ExpressionStatement': {
        const e = s.expression;
        if (t.isAssignmentExpression(e) && e.operator === '=' && t.isIdentifier(e.left)) {
          return union(this.uses(e.right), minus(out, [e.left.name]));
        }
        return union(this.uses(e), out);
      }
      case 'VariableDeclaration': {
        let live = out;
        for (let i = s.declarations.length - 1; i >= 0; i--) {
          const d = s.declarations[i];
          const kills = d.init || s.kind !== 'var' ? patternNames(d.id, []) : [];
          live = union(union(this.uses(d.init ?? null), this.patternUses(d.id)), minus(live, kills));
        }
        return live;
      }
      case 'FunctionDeclaration':
        return union(this.uses(s), out);
      case 'ClassDeclaration':
        return union(this.uses(s), minus(out, s.id ? [s.id.name] : []));
      case 'IfStatement': {
        const cons = this.statement(s.consequent, out);
        const alt = s.alternate ? this.statement(s.alternate, out) : out;
        return union(this.uses(s.test), union(cons, alt));
      }
      case 'LabeledStatement': {
        const all = [...labels, s.label.name];
        if (t.isLoop(s.body)) return this.loop(s.body, out, all);
        const target: Target = { labels: all, kind: 'label', breakTo: out, continueTo: null };
        this.targets.push(target);
        try {
          return this.statement(s.body, out);
        } finally {
          this.targets.pop();
        }
      }
      case 'WhileStatement':
      case 'DoWhileStatement':
      case 'ForStatement':
      case 'ForInStatement':
      case 'ForOfStatement':
        return this.loop(s, out, labels);
      case 'BreakStatement': {
        const target = this.find(s.label?.name ?? null, false);
        return union(this.finallyUses(), target ? target.breakTo : this.everything());
      }
      case 'ContinueStatement': {
        const target = this.find(s.label?.name ?? null, true);
        return union(this.finallyUses(), target?.continueTo ?? this.everything());
      }
      case 'ReturnStatement':
      case 'ThrowStatement':
        return union(this.uses(s.argument ?? null), this.finallyUses());
      case 'SwitchStatement': {
        const target: Target = { labels, kind: 'switch', breakTo: out, continueTo: null };
        this.targets.push(target);
        let live = out;
        let result = new Set<string>(out);
        try {
          for (let i = s.cases.length - 1; i >= 0; i--) {
            live = this.block(s.cases[i].consequent, live);
            result = union(result, live);
            if (s.cases[i].test) result = union(result, this.uses(s.cases[i].test!));
          }
        } finally {
          this.targets.pop();
        }
        return union(this.uses(s.discriminant), result);
      }
      case 'TryStatement': {
        let finOut = out;
        if (s.finalizer && isTrackedFinally(s)) {
          // A finally whose entry is tracked (linearizeCalls.trackCompletion): a frame rebuilt in
          // it completes the way it was entered, reading the completion code and value the catch
          // and the jumps recorded, then returning, throwing, breaking or continuing.
          for (const st of s.handler!.body.body) {
            if (t.isExpressionStatement(st) && t.isAssignmentExpression(st.expression) && t.isIdentifier(st.expression.left)) {
              finOut = union(finOut, new Set([st.expression.left.name]));
            }
          }
          for (const target of this.targets) {
            finOut = union(finOut, target.breakTo);
            if (target.continueTo) finOut = union(finOut, target.continueTo);
          }
        }
        const finIn = s.finalizer ? this.statement(s.finalizer, finOut) : null;
        const afterBody = finIn ?? out;
        let catchIn: Live | null = null;
        if (s.handler) {
          if (s.finalizer) this.exceptional.push(union(this.uses(s.finalizer), finIn!));
          try {
            const inner = this.block(s.handler.body.body, afterBody);
            catchIn = s.handler.param ? minus(inner, patternNames(s.handler.param, [])) : inner;
            if (s.handler.param) catchIn = union(catchIn, this.patternUses(s.handler.param));
          } finally {
            if (s.finalizer) this.exceptional.pop();
          }
        }
        const onThrow = union(catchIn ?? new Set(), s.finalizer ? union(this.uses(s.finalizer), finIn!) : new Set());
        this.exceptional.push(onThrow);
        let tryIn: Live;
        try {
          tryIn = this.block(s.block.body, afterBody);
        } finally {
          this.exceptional.pop();
        }
        return union(tryIn, onThrow);
      }
      default:
        // Anything else (with, class members...): reads all it mentions, kills nothing.
        return union(this.uses(s), out);
    }
  }

  /**
   * A loop: the live set at its head is the least fixpoint of "after the loop, or into the body
   * again", found by iterating (a few rounds suffice in practice; nested loops iterate inside).
   * If it does not settle quickly, everything the loop reads is taken as live everywhere in it.
   */
  private loop(s: t.Loop, out: Live, labels: string[]): Live {
    const target: Target = { labels, kind: 'loop', breakTo: out, continueTo: null };
    const test = t.isWhileStatement(s) || t.isDoWhileStatement(s) || t.isForStatement(s) ? this.uses(s.test ?? null) : EMPTY;
    const update = t.isForStatement(s) ? this.uses(s.update ?? null) : EMPTY;
    const each = t.isForInStatement(s) || t.isForOfStatement(s);
    const eachKills = each ? (t.isVariableDeclaration(s.left) ? s.left.declarations.flatMap((d) => patternNames(d.id, [])) : patternNames(s.left, [])) : [];
    const eachUses = each ? (t.isVariableDeclaration(s.left) ? union(EMPTY, this.patternUses(s.left.declarations[0].id)) : this.patternUses(s.left)) : EMPTY;
    // One round: from an estimate of the head's live set, the body's, and a new estimate.
    const round = (head: Live): { head: Live; entry: Live } => {
      const continueAt = t.isDoWhileStatement(s) ? union(test, union(out, head)) : union(update, head);
      target.continueTo = continueAt;
      let body: Live;
      this.targets.push(target);
      try {
        body = this.statement(s.body, continueAt);
      } finally {
        this.targets.pop();
      }
      if (each) body = union(eachUses, minus(body, eachKills));
      if (t.isDoWhileStatement(s)) return { head: union(body, continueAt), entry: body };
      const next = union(out, union(test, body));
      return { head: next, entry: next };
    };
    let head: Live = union(out, union(test, update));
    let entry: Live = head;
    let settled = false;
    for (let i = 0; i < 6; i++) {
      const r = round(head);
      entry = r.entry;
      if (sameSet(r.head, head)) {
        settled = true;
        break;
      }
      head = union(head, r.head);
    }
    if (!settled) {
      let all = union(out, union(test, update));
      all = union(all, this.uses(s.body));
      if (each) all = union(all, this.uses(s.left));
      const r = round(all);
      entry = union(r.entry, all);
      head = all;
    }
    if (t.isForStatement(s) && s.init) {
      if (t.isVariableDeclaration(s.init)) return this.transfer(s.init, entry, []);
      return union(this.uses(s.init), entry);
    }
    if (each) return union(this.uses(s.right), entry);
    return entry;
  }

  private find(label: string | null, forContinue: boolean): Target | undefined {
    for (let i = this.targets.length - 1; i >= 0; i--) {
      const target = this.targets[i];
      if (forContinue && target.kind !== 'loop') continue;
      if (label === null ? target.kind !== 'label' : target.labels.includes(label)) return target;
    }
    return undefined;
  }

  private finallyUses(): Live {
    const r = new Set<string>();
    for (const e of this.exceptional) for (const n of e) r.add(n);
    return r;
  }

  /** Used when a jump's target is not understood: every name read anywhere counts. */
  private everything(): Live {
    return new Set([ALL]);
  }

  private patternUses(p: t.Node): Live {
    // Defaults and computed keys inside a pattern are reads; the bound names are not.
    const r = new Set<string>();
    const visit = (n: t.Node): void => {
      if (t.isIdentifier(n)) return;
      if (t.isAssignmentPattern(n)) {
        visit(n.left);
        for (const x of this.uses(n.right)) r.add(x);
        return;
      }
      if (t.isObjectProperty(n)) {
        if (n.computed) for (const x of this.uses(n.key)) r.add(x);
        visit(n.value);
        return;
      }
      if (t.isArrayPattern(n)) n.elements.forEach((e) => e && visit(e));
      else if (t.isObjectPattern(n)) n.properties.forEach(visit);
      else if (t.isRestElement(n)) visit(n.argument);
      else for (const x of this.uses(n)) r.add(x);
    };
    visit(p);
    return r;
  }

  /** Every variable a node reads (nested functions included). */
  uses(node: t.Node | null): Live {
    if (!node) return EMPTY;
    const cached = this.usesCache.get(node);
    if (cached) return cached;
    const r = new Set<string>();
    const tracked = this.tracked;
    const visit = (n: t.Node, parent: t.Node | null, key: string): void => {
      if (t.isIdentifier(n) && (tracked === undefined || tracked.has(n.name)) && !(parent && isNonRead(parent, key))) r.add(n.name);
      for (const k of t.VISITOR_KEYS[n.type] ?? []) {
        const child = (n as unknown as Record<string, unknown>)[k];
        if (Array.isArray(child)) for (const c of child) { if (c && typeof c === 'object') visit(c as t.Node, n, k); }
        else if (child && typeof child === 'object') visit(child as t.Node, n, k);
      }
    };
    visit(node, null, '');
    this.usesCache.set(node, r);
    return r;
  }
}

/**
 * The names a function declares: its parameters, its own name (a function expression's), and
 * every var, let, const, function, class and catch parameter of its body, nested functions and
 * classes excluded (their declarations are their own). A variable is saved only under one of
 * these names.
 */
export function declaredNames(fn: t.Function, body: t.BlockStatement): Set<string> {
  const names: string[] = [];
  for (const p of fn.params) patternNames(t.isTSParameterProperty(p) ? p.parameter : p, names);
  if ((t.isFunctionExpression(fn) || t.isFunctionDeclaration(fn)) && fn.id) names.push(fn.id.name);
  t.traverseFast(body, (n) => {
    if (t.isFunctionDeclaration(n) || t.isClassDeclaration(n)) {
      if (n.id) names.push(n.id.name);
      return t.traverseFast.skip;
    }
    if (t.isFunction(n) || t.isClass(n)) return t.traverseFast.skip;
    if (t.isVariableDeclarator(n)) patternNames(n.id, names);
    else if (t.isCatchClause(n) && n.param) patternNames(n.param, names);
  });
  return new Set(names);
}

/** Stands for "every variable": a jump whose target is not found keeps everything. */
export const ALL = '\0all';
const EMPTY: Live = new Set();

export function isLiveIn(live: Live, name: string): boolean {
  return live.has(name) || live.has(ALL);
}

function union(a: Live, b: Live): Live {
  if (b.size === 0) return a;
  if (a.size === 0) return b;
  const r = new Set(a);
  for (const x of b) r.add(x);
  return r;
}

function sameSet(a: Live, b: Live): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

function minus(a: Live, names: string[]): Live {
  if (!names.some((n) => a.has(n))) return a;
  const r = new Set(a);
  for (const n of names) r.delete(n);
  return r;
}

/**
 * An identifier that is not a read of a variable: a declared name, the target of a plain
 * assignment, a property key or member name, a label. Anything else counts as a read, which at
 * worst saves a variable that did not need saving.
 */
export function isNonRead(parent: t.Node, key: string): boolean {
  if (t.isVariableDeclarator(parent) && key === 'id') return true;
  if (t.isAssignmentExpression(parent) && parent.operator === '=' && key === 'left') return true;
  if ((t.isMemberExpression(parent) || t.isOptionalMemberExpression(parent)) && key === 'property' && !parent.computed) return true;
  if ((t.isObjectProperty(parent) || t.isObjectMethod(parent) || t.isClassMethod(parent) || t.isClassPrivateMethod(parent) ||
    t.isClassProperty(parent) || t.isClassAccessorProperty(parent)) && key === 'key' && !parent.computed) return true;
  if ((t.isLabeledStatement(parent) || t.isBreakStatement(parent) || t.isContinueStatement(parent)) && key === 'label') return true;
  if (t.isMetaProperty(parent)) return true;
  if ((t.isFunction(parent) || t.isClass(parent)) && key === 'id') return true;
  return false;
}
