/**
 * A module's top-level statements that are not declarations, as an update sees them (decision
 * 0010): each gets a key, stable under edits elsewhere in the file (its text, with the functions
 * and classes in it elided), and a kind:
 *
 * Statements whose keys would repeat get a hash of their whole text (` #1a2b3c4d`), identical ones
 * then an ordinal (`~2`).
 *
 *  - 'setup': it sets up a function or class this module defines (`util.inherits(Client,
 *    EventEmitter)`, `Client.prototype.publish = ...`, `Object.defineProperty(Thing.prototype,
 *    ...)`, `Thing.registry = new Map()`). An update loads new function and class objects, so the
 *    new version runs these again, on its own objects; the mapping may say 'skip'.
 *  - 'effect': anything else (`app.get('/stats', ...)`, `server.listen(...)`, `setInterval(...)`,
 *    `main()`): it acted on the running program when the first version was loaded, so an update
 *    does not run it again unless the mapping says 'run' (patchgen proposes 'run' for a statement
 *    new in the version). `on` names the definition an effect is called on (`mixin(Thing.prototype)`),
 *    which may be setup in disguise: patchgen asks about it.
 *
 * Computed before any pass changes the tree, so the keys are those of the source.
 */
import * as t from '@babel/types';
import { createHash } from 'node:crypto';
import type { TopLevelStatement } from '../contract/index.js';
import { generate } from './babel.js';
import { topLevelBindings } from './syntax.js';

/** Calls that define properties or the prototype chain of their first argument. */
const DEFINERS = new Set([
  'Object.defineProperty', 'Object.defineProperties', 'Object.assign', 'Object.setPrototypeOf',
  'Object.freeze', 'Object.seal', 'Object.preventExtensions',
  'Reflect.defineProperty', 'Reflect.setPrototypeOf', 'Reflect.set',
  'util.inherits', 'inherits',
]);

const MAX_KEY = 120;

/** The value an assignment chain assigns (`function` of `module.exports = function`), else the expression itself. */
export function assignedValue(e: t.Expression | null | undefined): t.Expression | null | undefined {
  while (t.isAssignmentExpression(e) && e.operator === '=') e = e.right;
  return e;
}

/**
 * Names bound to code by the module's top level: function and class declarations,
 * `const f = () => ...`, `var proto = module.exports = function () {...}`.
 */
export function definitions(program: t.Program): Set<string> {
  const names = new Set<string>();
  for (const s of program.body) {
    const d = t.isExportNamedDeclaration(s) || t.isExportDefaultDeclaration(s) ? s.declaration : s;
    if ((t.isFunctionDeclaration(d) || t.isClassDeclaration(d)) && d.id) names.add(d.id.name);
    else if (t.isVariableDeclaration(d)) {
      for (const v of d.declarations) {
        const value = assignedValue(v.init);
        if (t.isIdentifier(v.id) && (t.isFunctionExpression(value) || t.isArrowFunctionExpression(value) || t.isClassExpression(value))) names.add(v.id.name);
      }
    }
  }
  return names;
}

/** Whether a top-level statement is one the loader format handles as a declaration. */
export function isDeclarationStatement(s: t.Statement): boolean {
  return t.isImportDeclaration(s) || t.isExportNamedDeclaration(s) || t.isExportAllDeclaration(s) || t.isExportDefaultDeclaration(s)
    || t.isFunctionDeclaration(s) || t.isClassDeclaration(s) || t.isVariableDeclaration(s)
    || t.isTSDeclareFunction(s) || t.isEmptyStatement(s) || t.isTSTypeAliasDeclaration(s) || t.isTSInterfaceDeclaration(s);
}

/** The identifier a member chain starts from: `Client` of `Client.prototype.x`. */
function rootName(e: t.Node | null | undefined): string | null {
  while (e && (t.isMemberExpression(e) || t.isOptionalMemberExpression(e))) e = e.object;
  return e && t.isIdentifier(e) ? e.name : null;
}

/** `a.b.c` of a callee made of identifiers and plain property names, else null. */
function dotted(e: t.Node): string | null {
  if (t.isIdentifier(e)) return e.name;
  if (t.isMemberExpression(e) && !e.computed && t.isIdentifier(e.property)) {
    const left = dotted(e.object);
    return left === null ? null : `${left}.${e.property.name}`;
  }
  return null;
}

/**
 * The definitions of `defs` a setup expression sets up, or null when it is not setup. In a
 * CommonJS module (`commonjs`), what sets up its exports is setup too (decision 0012):
 * `module.exports = ...`, `exports.x = ...`, `exports = module.exports = ...`, a definer called on
 * `module.exports` or `exports` (`Object.defineProperty(exports, '__esModule', ...)`).
 */
function setupOf(e: t.Expression, defs: Set<string>, commonjs = false): boolean {
  if (t.isSequenceExpression(e)) return e.expressions.every((x) => setupOf(x, defs, commonjs));
  if (t.isAssignmentExpression(e)) {
    const rebindsExports = commonjs && t.isIdentifier(e.left, { name: 'exports' });
    if (!t.isMemberExpression(e.left) && !rebindsExports) return false;
    const root = rebindsExports ? 'exports' : rootName(e.left);
    if (root === null || !defs.has(root)) return false;
    // `A.x = B.y = v`: each target must be a definition's.
    return !t.isAssignmentExpression(e.right) || setupOf(e.right, defs, commonjs);
  }
  if (t.isCallExpression(e)) {
    const name = dotted(e.callee);
    if (name === null) return false;
    const short = name.split('.').slice(-2).join('.');
    if (!DEFINERS.has(name) && !DEFINERS.has(short) && !name.endsWith('.inherits')) return false;
    const first = e.arguments[0];
    const root = first && !t.isSpreadElement(first) ? rootName(first) : null;
    return root !== null && defs.has(root);
  }
  return false;
}

/** For an effect called on a definition (`mixin(Thing.prototype)`): that definition. */
function calledOn(e: t.Expression, defs: Set<string>): string | undefined {
  if (!t.isCallExpression(e)) return undefined;
  const first = e.arguments[0];
  const root = first && !t.isSpreadElement(first) ? rootName(first) : null;
  return root !== null && defs.has(root) ? root : undefined;
}

/** The statement's text with its functions and classes elided, on one line. */
function keyText(s: t.Statement): string {
  const copy = t.cloneNode(s, true, true);
  const elide = (n: t.Node): void => {
    for (const key of t.VISITOR_KEYS[n.type] ?? []) {
      const v = (n as unknown as Record<string, unknown>)[key];
      const fix = (c: unknown): unknown => {
        if (!c || typeof c !== 'object' || !('type' in c)) return c;
        const node = c as t.Node;
        if (t.isFunction(node) || t.isClass(node)) return t.identifier(t.isClass(node) ? 'class' : 'ƒ');
        elide(node);
        return node;
      };
      if (Array.isArray(v)) (n as unknown as Record<string, unknown>)[key] = v.map(fix);
      else (n as unknown as Record<string, unknown>)[key] = fix(v);
    }
  };
  elide(copy);
  const text = generate(copy, { comments: false, compact: true }).code.replace(/;$/, '');
  if (text.length <= MAX_KEY) return text;
  return `${text.slice(0, MAX_KEY - 12)}… ${createHash('sha256').update(text).digest('hex').slice(0, 8)}`;
}

/**
 * The module's top-level statements that are not declarations, in source order, each with its
 * key and kind; `byNode` gets each statement's entry (the loader format finds them there).
 */
export function topLevelStatements(program: t.Program, byNode?: WeakMap<t.Node, TopLevelStatement>, commonjs = false): TopLevelStatement[] {
  const defs = definitions(program);
  // A CommonJS module's exports are set up by its top-level code: `module` and `exports` are its
  // own objects, as a class it defines is (decision 0012).
  if (commonjs) for (const name of ['module', 'exports']) if (!hasTopLevelBinding(program, name)) defs.add(name);
  const out: TopLevelStatement[] = [];
  const statements = program.body.filter((s) => !isDeclarationStatement(s));
  const texts = statements.map(keyText);
  const count = new Map<string, number>();
  for (const k of texts) count.set(k, (count.get(k) ?? 0) + 1);
  const seen = new Map<string, number>();
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i];
    let key = texts[i];
    // Statements that read the same once their functions are elided (`app.use(ƒ)` twice) are told
    // apart by their whole text, functions included, not by their order: one inserted before the
    // others does not take another's key.
    if ((count.get(key) ?? 0) > 1) key = `${key} #${createHash('sha256').update(generate(s, { comments: false, compact: true }).code).digest('hex').slice(0, 8)}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n > 1) key = `${key}~${n}`;
    const e = t.isExpressionStatement(s) ? s.expression : null;
    const setup = e !== null && setupOf(e, defs, commonjs);
    const on = e !== null && !setup ? calledOn(e, defs) : undefined;
    const entry: TopLevelStatement = { key, kind: setup ? 'setup' : 'effect', line: s.loc?.start.line ?? 0, ...(on ? { on } : {}) };
    out.push(entry);
    byNode?.set(s, entry);
  }
  return out;
}

/** Whether the module declares `name` at its top level (then `module` or `exports` is not Node's). */
function hasTopLevelBinding(program: t.Program, name: string): boolean {
  return topLevelBindings(program, { classes: true, functions: true }).includes(name);
}

/**
 * An expression made only of imported bindings, property reads of them, primitives and operators
 * on those; with `requires`, `require('literal')` counts as an imported binding.
 */
export function derivedFromImports(e: t.Node, importNames: ReadonlySet<string>, requires = false): boolean {
  let readsImport = false;
  const ok = (n: t.Node): boolean => {
    if (requires && t.isCallExpression(n) && t.isIdentifier(n.callee, { name: 'require' }) && n.arguments.length === 1 && t.isStringLiteral(n.arguments[0])) {
      readsImport = true;
      return true;
    }
    if (t.isIdentifier(n)) {
      readsImport ||= importNames.has(n.name);
      return importNames.has(n.name);
    }
    if (t.isMemberExpression(n)) return ok(n.object) && (!n.computed || t.isStringLiteral(n.property) || t.isNumericLiteral(n.property));
    if (t.isStringLiteral(n) || t.isNumericLiteral(n) || t.isBooleanLiteral(n) || t.isNullLiteral(n)) return true;
    if (t.isTemplateLiteral(n)) return n.expressions.every((x) => ok(x));
    if (t.isBinaryExpression(n) || t.isLogicalExpression(n)) return !t.isPrivateName(n.left) && ok(n.left) && ok(n.right);
    if (t.isUnaryExpression(n)) return n.operator !== 'delete' && ok(n.argument);
    if (t.isConditionalExpression(n)) return ok(n.test) && ok(n.consequent) && ok(n.alternate);
    return false;
  };
  return ok(e) && readsImport;
}

/**
 * Whether an update computes a top-level declarator again instead of carrying its value:
 * in CommonJS, one that only reads what `require('literal')` returns (`const util =
 * require('./util')`: the same exports objects, decision 0012), whatever its kind; a `const` read
 * off what the module imports (`const version = pkg.version`): the new version's value, as its
 * text may not change when what it reads does.
 */
export function recomputed(decl: t.VariableDeclaration, d: t.VariableDeclarator, importNames: ReadonlySet<string>, commonjs: boolean): boolean {
  if (!d.init) return false;
  if (commonjs && derivedFromImports(d.init, importNames, true)) return true;
  return decl.kind === 'const' && t.isIdentifier(d.id) && derivedFromImports(d.init, importNames);
}

/** The top-level variables: `let`/`const`/`var` names not bound to a function or class. */
export function carriedVariables(program: t.Program): string[] {
  const code = definitions(program);
  return topLevelBindings(program, { classes: false }).filter((n) => !code.has(n));
}

/**
 * The top-level variables an update computes again instead of carrying (`recomputed`): a state
 * transformer reads their old values but cannot set them.
 */
export function recomputedVariables(program: t.Program, commonjs: boolean, variables: readonly string[] = carriedVariables(program)): string[] {
  const importNames = new Set<string>();
  const again = new Set<string>();
  for (const s of program.body) {
    if (t.isImportDeclaration(s) && s.importKind !== 'type') for (const sp of s.specifiers) importNames.add(sp.local.name);
  }
  for (const s of program.body) {
    const decl = t.isExportNamedDeclaration(s) ? s.declaration : s;
    if (!t.isVariableDeclaration(decl)) continue;
    for (const d of decl.declarations) {
      if (recomputed(decl, d, importNames, commonjs)) for (const name of Object.keys(t.getBindingIdentifiers(d.id))) again.add(name);
    }
  }
  return variables.filter((n) => again.has(n));
}
