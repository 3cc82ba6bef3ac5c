/**
 * `Function.prototype.toString` of a compiled function returns the function's text in the program
 * as written, not the instrumented text (decision 0014).
 *
 * The compiler records, right after parsing, the span each function and class has in the source
 * (`extra.rsSpan`, carried by clones: the closures of a restore function's copy of a body keep
 * theirs), and at the end writes it into the generated function as a comment, the last thing
 * before its closing brace (or parenthesis: an arrow with an expression body gets its body
 * parenthesised): `/*@rs <source key> <start> <end>*\/`. The module's source is appended as a
 * hoisted function, `__rsSource()`, and given to the runtime with the module's handle; the
 * runtime's toString finds the comment at the end of the native text and returns that slice.
 * Nothing runs on a call, and nothing when a closure is made.
 *
 * Spans follow the spec's: a static method's text starts after `static` (at `async`, `get`,
 * `set`, `*` or its key), a class's runs from `class` to its closing brace. TypeScript is shown
 * as Node's type stripping would show it: the `.ts` text with type-only syntax replaced by spaces.
 */
import * as t from '@babel/types';
import { SOURCE_MARKER } from '../contract/index.js';

interface SpanExtra {
  rsSpan?: [number, number];
  /** The module-wide id of the function's entry point: a call of the old function goes there. */
  rsEntry?: number;
}

const extraOf = (node: t.Node): SpanExtra | undefined => node.extra as SpanExtra | undefined;
/** The source span recorded for a function or class node. */
export const spanOf = (node: t.Node): [number, number] | undefined => extraOf(node)?.rsSpan;

/** Gives `to` the source text (and entry) of `from`: a node the compiler builds in place of a user function. */
export function keepSourceText(from: t.Node, to: t.Node): void {
  const extra = extraOf(from);
  if (extra?.rsSpan) to.extra = { ...to.extra, rsSpan: extra.rsSpan, ...(extra.rsEntry !== undefined ? { rsEntry: extra.rsEntry } : {}) };
}

/**
 * Records a function's entry point in its marker (copies taken from now on carry it): after an
 * update, toString of the old function shows the text of the function its calls go to.
 */
export function recordEntry(node: t.Node, entry: number): void {
  node.extra = { ...node.extra, rsEntry: entry };
}

/** Skips white space and comments from `i`. */
function skipTrivia(source: string, i: number): number {
  for (;;) {
    while (i < source.length && /\s/.test(source[i])) i++;
    if (source.startsWith('//', i)) {
      while (i < source.length && source[i] !== '\n' && source[i] !== '\r' && source[i] !== '\u2028' && source[i] !== '\u2029') i++;
    } else if (source.startsWith('/*', i)) {
      const end = source.indexOf('*/', i + 2);
      i = end < 0 ? source.length : end + 2;
    } else {
      return i;
    }
  }
}

/** The end of the identifier-like word at `i`. */
function wordEnd(source: string, i: number): number {
  while (i < source.length && /[\w$\\\u0080-\uffff]/.test(source[i])) i++;
  return i;
}

const TS_MODIFIERS = new Set(['public', 'private', 'protected', 'readonly', 'override', 'abstract', 'declare']);

/**
 * Where a class member's MethodDefinition starts: past its decorators, `static` and TypeScript's
 * modifiers (which type stripping blanks), at `async`, `get`, `set`, `*`, `#` or the key.
 */
function memberStart(source: string, node: t.ClassMethod | t.ClassPrivateMethod): number {
  let i = node.decorators?.length ? node.decorators[node.decorators.length - 1].end! : node.start!;
  const keyStart = (node.computed ? source.lastIndexOf('[', node.key.start!) : node.key.start!);
  let statics = node.static ? 1 : 0;
  for (;;) {
    i = skipTrivia(source, i);
    if (i >= keyStart) return keyStart;
    const end = wordEnd(source, i);
    const word = source.slice(i, end);
    if (word === 'static' && statics > 0) statics--;
    else if (!TS_MODIFIERS.has(word)) return i;
    i = end;
  }
}

/** Records the source span of every function and class of the freshly parsed program. */
export function recordSpans(program: t.Program, source: string): void {
  t.traverseFast(program, (n) => {
    if (!t.isFunction(n) && !t.isClass(n)) return;
    if (n.start == null || n.end == null) return;
    // TypeScript's blanked syntax (`abstract`, type parameters, a trailing `satisfies T`) is not
    // part of the text, as it is not once stripped.
    const start = skipTrivia(source, t.isClassMethod(n) || t.isClassPrivateMethod(n) ? memberStart(source, n) : n.start);
    let end = n.end;
    while (end > start && /\s/.test(source[end - 1])) end--;
    n.extra = { ...n.extra, rsSpan: [start, end] };
  });
}

/**
 * Writes each recorded span into its function or class as the last comment before the closing
 * brace, keyed by `key` (which names the module's source for the runtime).
 */
export function markSourceText(program: t.Program, key: string): void {
  t.traverseFast(program, (n) => {
    if (!t.isFunction(n) && !t.isClass(n)) return;
    const span = spanOf(n);
    if (!span) return;
    const entry = extraOf(n)?.rsEntry;
    const text = `${SOURCE_MARKER}${key} ${span[0]} ${span[1]}${entry !== undefined ? ` ${entry}` : ''}`;
    if (t.isClass(n)) {
      const members = n.body.body;
      if (members.length) t.addComment(members[members.length - 1], 'trailing', text, false);
      else t.addComment(n.body, 'inner', text, false);
      return;
    }
    const body = n.body;
    if (!t.isBlockStatement(body)) {
      // An expression body ends where the arrow does: parenthesised, the comment is inside.
      const inner = t.isParenthesizedExpression(body) ? body.expression : body;
      t.addComment(inner, 'trailing', text, false);
      if (!t.isParenthesizedExpression(body)) (n as t.ArrowFunctionExpression).body = t.parenthesizedExpression(body);
      return;
    }
    if (body.body.length) t.addComment(body.body[body.body.length - 1], 'trailing', text, false);
    else if (body.directives.length) t.addComment(body.directives[body.directives.length - 1], 'trailing', text, false);
    else t.addComment(body, 'inner', text, false);
  });
}

const MARKER = new RegExp(`^${SOURCE_MARKER}[0-9a-f]{16} \\d+ \\d+( \\d+)?$`);

/** Comments the generator prints: the compiler's markers only (the program's own are dropped). */
export function isMarker(comment: string): boolean {
  return MARKER.test(comment);
}

/**
 * The source a function's text is taken from: the file as given, or for TypeScript the file with
 * its type-only syntax replaced by spaces (line breaks kept), as Node's type stripping runs it.
 * Syntax stripping cannot remove (enums, namespaces, parameter properties) keeps its text.
 */
export function displaySource(program: t.Program, source: string, typescript: boolean): string {
  if (!typescript) return source;
  const ranges: Array<[number, number]> = [];
  const blank = (s: number | null | undefined, e: number | null | undefined): void => {
    if (s != null && e != null && e > s) ranges.push([s, e]);
  };
  const blankNode = (n: t.Node | null | undefined): void => { if (n) blank(n.start, n.end); };
  /** Blanks the modifier words (`public`, `readonly`...) in front of a class member's key. */
  const blankModifiers = (n: t.Node & { decorators?: t.Decorator[] | null }, until: number): void => {
    let i = n.decorators?.length ? n.decorators[n.decorators.length - 1].end! : n.start!;
    for (;;) {
      i = skipTrivia(source, i);
      if (i >= until) return;
      const end = wordEnd(source, i);
      const word = source.slice(i, end);
      if (TS_MODIFIERS.has(word)) blank(i, end);
      else if (word !== 'static' && word !== 'accessor') return;
      i = end;
    }
  };
  t.traverseFast(program, (n) => {
    const any = n as unknown as Record<string, t.Node | null | undefined>;
    for (const k of ['typeAnnotation', 'returnType', 'typeParameters', 'superTypeParameters', 'typeArguments']) {
      const c = any[k];
      if (c && typeof c === 'object' && /^TS/.test(c.type)) blankNode(c);
    }
    if (t.isTSInterfaceDeclaration(n) || t.isTSTypeAliasDeclaration(n) || t.isTSDeclareFunction(n) || t.isTSDeclareMethod(n) ||
      t.isTSIndexSignature(n) || (t.isTSModuleDeclaration(n) && n.declare) || (t.isTSEnumDeclaration(n) && n.declare) ||
      ((t.isClassProperty(n) || t.isClassAccessorProperty(n)) && n.declare) ||
      (t.isImportDeclaration(n) && n.importKind === 'type') || (t.isExportNamedDeclaration(n) && n.exportKind === 'type')) {
      blankNode(n);
    }
    if (t.isExportNamedDeclaration(n) && n.declaration && (t.isTSInterfaceDeclaration(n.declaration) || t.isTSTypeAliasDeclaration(n.declaration) || t.isTSDeclareFunction(n.declaration))) blankNode(n);
    if ((t.isImportSpecifier(n) && n.importKind === 'type') || (t.isExportSpecifier(n) && n.exportKind === 'type')) blankNode(n);
    if (t.isTSAsExpression(n) || t.isTSSatisfiesExpression(n) || t.isTSNonNullExpression(n)) blank(n.expression.end, n.end);
    if (t.isVariableDeclarator(n) && n.definite && t.isIdentifier(n.id)) blank(n.id.start! + n.id.name.length, n.id.typeAnnotation ? n.id.typeAnnotation.start : n.id.end);
    if (t.isIdentifier(n) && n.optional) blank(n.start! + n.name.length, n.typeAnnotation ? n.typeAnnotation.start : n.end);
    if (t.isFunction(n) && n.params.length && t.isIdentifier(n.params[0]) && n.params[0].name === 'this') {
      blank(n.params[0].start, n.params.length > 1 ? n.params[1].start : n.params[0].end);
    }
    if ((t.isClassMethod(n) || t.isClassProperty(n) || t.isClassPrivateProperty(n) || t.isClassPrivateMethod(n) || t.isClassAccessorProperty(n))) {
      blankModifiers(n, n.key.start!);
      // `m?()`, `x?: T`, `x!: T`: the mark after the key.
      const after = skipTrivia(source, (n as { computed?: boolean }).computed ? source.indexOf(']', n.key.end!) + 1 : n.key.end!);
      if ((source[after] === '?' && (n as { optional?: boolean }).optional) || (source[after] === '!' && (n as { definite?: boolean }).definite)) blank(after, after + 1);
    }
    if (t.isClass(n)) {
      if (n.implements?.length) {
        const first = n.implements[0];
        const at = source.lastIndexOf('implements', first.start!);
        blank(at, n.implements[n.implements.length - 1].end);
      }
      if (t.isClassDeclaration(n) && n.abstract && source.startsWith('abstract', n.start!)) blank(n.start, n.start! + 'abstract'.length);
    }
  });
  if (!ranges.length) return source;
  const chars = source.split('');
  for (const [s, e] of ranges) {
    for (let i = s; i < e; i++) if (chars[i] !== '\n' && chars[i] !== '\r' && chars[i] !== '\u2028' && chars[i] !== '\u2029') chars[i] = ' ';
  }
  return chars.join('');
}
