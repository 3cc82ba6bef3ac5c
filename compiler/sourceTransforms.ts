/**
 * What the compiler does to a module's source before instrumenting it, beyond stripping types:
 * decorators (legacy or standard), JSX, and rewriting import specifiers into ones Node resolves
 * at run time (a `.ts` extension, a tsconfig `paths` alias). The choices are recorded in the
 * module's metadata (`transforms`), so `restack patch` compiles a version again exactly as it was
 * compiled (decision 0011).
 */
import { transformFromAstSync, type PluginItem } from '@babel/core';
import type { ParserPlugin } from '@babel/parser';
import * as t from '@babel/types';
import { createRequire } from 'node:module';
import type { SourceTransforms as RecordedTransforms, JsxTransform } from '../contract/index.js';

const require = createRequire(import.meta.url);

export type { JsxTransform };

export interface SourceTransforms {
  /** 'legacy': TypeScript's experimentalDecorators; '2023-11' (default): standard decorators. */
  decorators?: 'legacy' | '2023-11';
  /** How JSX in .jsx/.tsx files is compiled (default: React's automatic runtime). */
  jsx?: JsxTransform;
  /**
   * Import specifiers to rewrite: a table (as recorded in metadata) or a function that returns the
   * replacement of a specifier, or undefined to keep it.
   */
  specifiers?: Record<string, string> | ((specifier: string) => string | undefined);
}

export const DEFAULT_JSX: JsxTransform = { runtime: 'automatic', importSource: 'react' };

export function isTypeScript(filename: string): boolean {
  return /\.[cm]?tsx?$/.test(filename);
}

export function hasJsxSyntax(filename: string): boolean {
  return /\.[jt]sx$/.test(filename);
}

/** The parser plugins for a module: TypeScript, JSX (.jsx/.tsx only, as tsc), decorators. */
export function parserPlugins(filename: string, decorators: 'legacy' | '2023-11' | undefined): ParserPlugin[] {
  const plugins: ParserPlugin[] = isTypeScript(filename) ? ['typescript'] : [];
  if (hasJsxSyntax(filename)) plugins.push('jsx');
  if (decorators === 'legacy') plugins.push('decorators-legacy');
  else plugins.push(['decorators', {}], 'decoratorAutoAccessors');
  return plugins;
}

function hasDecorators(ast: t.File): boolean {
  let found = false;
  t.traverseFast(ast.program, (n) => {
    // Auto-accessors (`accessor x`) too: Node does not run them, the decorators transform compiles them.
    if (!found && ((n as { decorators?: unknown[] | null }).decorators?.length || t.isClassAccessorProperty(n))) found = true;
  });
  return found;
}

function hasJsx(ast: t.File): boolean {
  let found = false;
  t.traverseFast(ast.program, (n) => {
    if (!found && (t.isJSXElement(n) || t.isJSXFragment(n))) found = true;
  });
  return found;
}

function loadPlugin(name: string, what: string): string {
  try {
    return require.resolve(name);
  } catch {
    throw new Error(`restack needs ${name} to compile ${what}; it is one of restack's dependencies: reinstall restack (npm ci)`);
  }
}

/** The root identifier of a JSX factory (`React` of `React.createElement`, `h` of `h`). */
function pragmaRoot(pragma: string): string {
  return pragma.split('.')[0];
}

/**
 * Strips types, compiles decorators and JSX: one Babel pass over the parsed module. Returns the
 * new AST and what was applied (to record in the metadata), or the AST as it was when nothing applies.
 */
export function transformSource(ast: t.File, source: string, filename: string, options: SourceTransforms): { ast: t.File; applied: RecordedTransforms } {
  const applied: RecordedTransforms = {};
  const plugins: PluginItem[] = [];
  const decorators = hasDecorators(ast);
  if (decorators) {
    const version = options.decorators ?? '2023-11';
    applied.decorators = version;
    plugins.push([loadPlugin('@babel/plugin-proposal-decorators', 'decorators'), { version }]);
  }
  const jsx = hasJsxSyntax(filename) && hasJsx(ast) ? options.jsx ?? DEFAULT_JSX : undefined;
  if (jsx) {
    applied.jsx = jsx;
    plugins.push([loadPlugin('@babel/plugin-transform-react-jsx', 'JSX'), jsx.runtime === 'automatic'
      ? { runtime: 'automatic', importSource: jsx.importSource ?? 'react', development: jsx.development === true }
      : { runtime: 'classic', pragma: jsx.pragma ?? 'React.createElement', pragmaFrag: jsx.pragmaFrag ?? 'React.Fragment' }]);
  }
  // Types first: the class features plugins refuse `declare` fields the TypeScript plugin has not removed.
  if (isTypeScript(filename)) {
    plugins.unshift([require.resolve('@babel/plugin-transform-typescript'), {
      onlyRemoveTypeImports: false,
      // An import used only by classic JSX (React, h) is a value import: keep it.
      ...(jsx?.runtime === 'classic' ? { jsxPragma: pragmaRoot(jsx.pragma ?? 'React.createElement'), jsxPragmaFrag: pragmaRoot(jsx.pragmaFrag ?? 'React.Fragment') } : {}),
    }]);
  }
  if (!plugins.length) return { ast, applied };
  const out = transformFromAstSync(ast, source, {
    ast: true, code: false, configFile: false, babelrc: false, filename,
    plugins,
  });
  const result = out!.ast!;
  if (applied.decorators === 'legacy') initializeDecoratedFields(result);
  return { ast: result, applied };
}

/**
 * Babel's legacy decorators leave a decorated field as `x = _initializerWarningHelper(desc, this)`
 * for the class properties transform to turn into a constructor statement (which would also
 * compile every other class feature of the file). This does just that, for decorated fields only:
 * the field becomes `desc && Object.defineProperty(this, 'x', {...})` at the start of the
 * constructor (after super()), as tsc initializes fields without useDefineForClassFields.
 */
function initializeDecoratedFields(ast: t.File): void {
  t.traverseFast(ast.program, (n) => {
    if (!t.isClass(n)) return;
    const moved: t.Statement[] = [];
    n.body.body = n.body.body.filter((m) => {
      if (!t.isClassProperty(m) || !t.isCallExpression(m.value) || !t.isIdentifier(m.value.callee) || !m.value.callee.name.startsWith('_initializerWarningHelper')) return true;
      const line = m.loc?.start.line;
      if (m.static || m.computed || !(t.isIdentifier(m.key) || t.isStringLiteral(m.key) || t.isNumericLiteral(m.key))) {
        throw Object.assign(new Error(`a legacy decorator (experimentalDecorators) on a ${m.static ? 'static' : 'computed'} field is not supported${line ? ` (line ${line})` : ''}: decorate an instance field with a plain name, or use standard decorators`), { loc: m.loc?.start });
      }
      const key = t.isIdentifier(m.key) ? t.stringLiteral(m.key.name) : t.cloneNode(m.key);
      const desc = m.value.arguments[0] as t.Expression;
      const d = (name: string): t.MemberExpression => t.memberExpression(t.cloneNode(desc), t.identifier(name));
      const init = t.conditionalExpression(d('initializer'), t.callExpression(t.memberExpression(d('initializer'), t.identifier('call')), [t.thisExpression()]), t.unaryExpression('void', t.numericLiteral(0)));
      moved.push(t.expressionStatement(t.logicalExpression('&&', t.cloneNode(desc), t.callExpression(
        t.memberExpression(t.memberExpression(t.identifier('globalThis'), t.identifier('Object')), t.identifier('defineProperty')),
        [t.thisExpression(), key, t.objectExpression([
          t.objectProperty(t.identifier('enumerable'), d('enumerable')),
          t.objectProperty(t.identifier('configurable'), d('configurable')),
          t.objectProperty(t.identifier('writable'), d('writable')),
          t.objectProperty(t.identifier('value'), init),
        ])]))));
      return false;
    });
    if (!moved.length) return;
    let ctor = n.body.body.find((m): m is t.ClassMethod => t.isClassMethod(m) && m.kind === 'constructor');
    if (!ctor) {
      const args = t.identifier('args');
      ctor = t.classMethod('constructor', t.identifier('constructor'), n.superClass ? [t.restElement(args)] : [],
        t.blockStatement(n.superClass ? [t.expressionStatement(t.callExpression(t.super(), [t.spreadElement(t.identifier('args'))]))] : []));
      n.body.body.unshift(ctor);
    }
    const body = ctor.body.body;
    const isSuper = (st: t.Statement): boolean => t.isExpressionStatement(st) && t.isCallExpression(st.expression) && t.isSuper(st.expression.callee);
    const at = n.superClass ? body.findIndex(isSuper) : 0;
    if (at < 0) throw Object.assign(new Error('a class with a legacy-decorated field must call super() as a statement of its constructor\'s body'), { loc: ctor.loc?.start });
    body.splice(n.superClass ? at + 1 : 0, 0, ...moved);
  });
}

/**
 * Rewrites the specifiers of imports, exports from, `require('...')` and `import('...')` with
 * literal arguments. Returns the rewrites made (specifier -> replacement).
 */
export function rewriteSpecifiers(ast: t.File, rewrite: SourceTransforms['specifiers']): Record<string, string> {
  const done: Record<string, string> = {};
  if (!rewrite) return done;
  const lookup = typeof rewrite === 'function' ? rewrite : (s: string): string | undefined => (Object.hasOwn(rewrite, s) ? rewrite[s] : undefined);
  const visit = (lit: t.Node | null | undefined): void => {
    if (!lit || !t.isStringLiteral(lit)) return;
    const next = lookup(lit.value);
    if (next === undefined || next === lit.value) return;
    done[lit.value] = next;
    lit.value = next;
    // The generator prints extra.raw when present: drop it so the new value is printed.
    delete (lit as { extra?: unknown }).extra;
  };
  t.traverseFast(ast.program, (n) => {
    if (t.isImportDeclaration(n) || t.isExportAllDeclaration(n) || t.isExportNamedDeclaration(n)) visit(n.source);
    else if (t.isCallExpression(n) && n.arguments.length >= 1) {
      const callee = n.callee;
      if (t.isImport(callee) || (t.isIdentifier(callee, { name: 'require' }))) visit(n.arguments[0]);
      else if (t.isMemberExpression(callee) && t.isIdentifier(callee.object, { name: 'require' }) && t.isIdentifier(callee.property, { name: 'resolve' })) visit(n.arguments[0]);
    } else if (t.isImportExpression?.(n)) visit((n as t.ImportExpression).source);
  });
  return done;
}
