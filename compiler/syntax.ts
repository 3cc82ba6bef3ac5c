/**
 * Small facts about syntax trees that several passes need: the names a binding pattern declares,
 * a module's top-level state bindings, and how linearizeCalls marks a try whose finally entry is
 * tracked.
 */
import * as t from '@babel/types';
import { R } from '../contract/index.js';

/** The names a binding pattern (`{a, b: [c = 1], ...d}`) declares, appended to `out`. */
export function patternNames(p: t.Node, out: string[]): string[] {
  if (t.isIdentifier(p)) out.push(p.name);
  else if (t.isArrayPattern(p)) p.elements.forEach((e) => e && patternNames(e, out));
  else if (t.isObjectPattern(p)) p.properties.forEach((q) => patternNames(t.isRestElement(q) ? q.argument : (q as t.ObjectProperty).value, out));
  else if (t.isAssignmentPattern(p)) patternNames(p.left, out);
  else if (t.isRestElement(p)) patternNames(p.argument, out);
  return out;
}

/** A try statement built by linearizeCalls.trackCompletion: `catch (__rst_finN) { c = -1; ... }`. */
export function isTrackedFinally(s: t.TryStatement): boolean {
  const p = s.handler?.param;
  return !!s.finalizer && t.isIdentifier(p) && p.name.startsWith(`${R.tempPrefix}_fin`);
}

/**
 * The top-level bindings that hold a module's state, in source order: `let`/`const`/`var` names
 * (exported or not; TypeScript enums, which are variables once compiled) and, with `classes`,
 * class declarations. Ambient (`declare`) declarations and restack's own names are left out.
 */
/**
 * The top-level `let` and `var` bindings of a module: those a rollback may have to assign back
 * (their accessors get a setter, runtime/update/moduleState.ts).
 */
export function mutableTopLevelBindings(program: t.Program): string[] {
  const names: string[] = [];
  for (const s of program.body) {
    const decl = t.isExportNamedDeclaration(s) ? s.declaration : s;
    if (t.isVariableDeclaration(decl) && !decl.declare && decl.kind !== 'const' && decl.kind !== 'using' && decl.kind !== 'await using') {
      for (const d of decl.declarations) patternNames(d.id, names);
    }
  }
  return [...new Set(names)].filter((n) => !n.startsWith(R.prefix));
}

/**
 * The names a module declares at top level: `let`/`const`/`var` and enums, with `classes` class
 * declarations, with `functions` function declarations.
 */
export function topLevelBindings(program: t.Program, options: { classes: boolean; functions?: boolean }): string[] {
  const names: string[] = [];
  const add = (decl: t.Node | null | undefined): void => {
    if (!decl) return;
    if (t.isVariableDeclaration(decl) && !decl.declare) {
      for (const d of decl.declarations) patternNames(d.id, names);
    } else if (t.isTSEnumDeclaration(decl) && !decl.declare) {
      names.push(decl.id.name);
    } else if (options.classes && t.isClassDeclaration(decl) && decl.id && !decl.declare) {
      names.push(decl.id.name);
    } else if (options.functions && t.isFunctionDeclaration(decl) && decl.id) {
      names.push(decl.id.name);
    }
  };
  for (const s of program.body) {
    if (t.isExportNamedDeclaration(s) || t.isExportDefaultDeclaration(s)) add(s.declaration);
    else add(s);
  }
  return [...new Set(names)].filter((n) => !n.startsWith(R.prefix));
}

/** The names of a module's top-level function declarations (exported or not), in source order. */
export function functionDeclarations(program: t.Program): string[] {
  const names: string[] = [];
  for (const s of program.body) {
    const decl = t.isExportNamedDeclaration(s) || t.isExportDefaultDeclaration(s) ? s.declaration : s;
    if (t.isFunctionDeclaration(decl) && decl.id && !decl.declare) names.push(decl.id.name);
  }
  return names.filter((n) => !n.startsWith(R.prefix));
}
