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
    // Babel's legacy decorators give decorated fields their initial value through the class
    // properties transform, with public fields set by assignment in the constructor (as TypeScript
    // emits them without useDefineForClassFields).
    if (version === 'legacy') plugins.push([loadPlugin('@babel/plugin-transform-class-properties', 'legacy decorators')]);
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
    assumptions: applied.decorators === 'legacy' ? { setPublicClassFields: true } : {},
  });
  return { ast: out!.ast!, applied };
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
