/**
 * Module state accessors (every compiled module) and the loader format (modules of a patch bundle).
 *
 * Every compiled module gets a hoisted `__rsState()` returning getters for its top-level bindings
 * (`let`/`const`/`var`, classes and function declarations): the runtime reads an old version's
 * state through it when a new version is loaded, and finds an old class's instances from it.
 *
 * The loader format is what a patch bundle carries: an ES module rewritten into the body of a
 * function the runtime evaluates synchronously (with `vm.compileFunction`) in the middle of an
 * update, when the event loop is not running and `import()` cannot be awaited (decision 2):
 *  - `import` declarations become `const __rsI0 = __rsU.import('spec')` and every reference to an
 *    imported binding reads the namespace (`__rsI0.name`, or `(0, __rsI0.name)` as a callee), so
 *    bindings stay live as in ESM;
 *  - exports become getters handed to `__rsU.exports(...)`;
 *  - top-level code does not run again: statements that are not declarations are dropped;
 *    variables are initialised by `__rsU.carry(name, () => init)` (the old version's value, a
 *    state transformer's, or `init` for a new binding); classes are handed to `__rsU.adopt` so
 *    instances made by the old version get the new methods;
 *  - `import.meta` and `import()` go through `__rsU`.
 * A CommonJS module (`commonjs`) is the same function body with Node's wrapper parameters
 * (`exports, require, module, __filename, __dirname`, given by the runtime, decision 0012): it has
 * no import or export declarations; a variable whose initialiser only reads what `require(...)`
 * returns (`const util = require('./util')`, `const { a } = require('./a')`) is computed again,
 * not carried, and the statements that set up its exports (`module.exports = ...`, `exports.x =
 * ...`) are setup, which runs again.
 * A module the old version did not have is compiled `fresh`: its top-level code runs, once.
 * It runs last, on the instrumented program, so it changes neither function ids nor continuation
 * points: a bundle's metadata is the one the normal compile of the same source produces.
 */
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { R, type LoaderABI, type TopLevelStatement } from '../../contract/index.js';
import { errorAt } from '../errors.js';
import { loader } from '../runtimeRef.js';
import { recomputed } from '../topLevel.js';

const STATE_FN = '__rsState';

/**
 * `function __rsState() { return { get x() { return x; }, set x(v) { x = v; }, ... }; }`: a getter
 * for every top-level binding, and a setter for the mutable ones (`mutable`), so that a rollback
 * can put back a binding an old function changed while a transformer ran (decision 0004).
 */
export function stateFunction(names: string[], mutable: ReadonlySet<string> = new Set()): t.FunctionDeclaration {
  const value = t.identifier(R.stateValue);
  return t.functionDeclaration(t.identifier(STATE_FN), [], t.blockStatement([t.returnStatement(t.objectExpression(
    names.flatMap((n) => [
      t.objectMethod('get', t.stringLiteral(n), [], t.blockStatement([t.returnStatement(t.identifier(n))])),
      ...(mutable.has(n) ? [t.objectMethod('set', t.stringLiteral(n), [value], t.blockStatement([t.expressionStatement(t.assignmentExpression('=', t.identifier(n), value))]))] : []),
    ]),
  ))]));
}

export const stateFunctionRef = (): t.Identifier => t.identifier(STATE_FN);

/**
 * For each top-level `const` bound to an expression that is not code: a hash of the initialiser's
 * text. An update carries a const over only when its initialiser did not change (a changed
 * `const LIMIT = 10` means the new version wants its new value).
 */
export function constInits(program: t.Program, source: string, hash: (text: string) => string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of program.body) {
    const decl = t.isExportNamedDeclaration(s) ? s.declaration : s;
    if (!t.isVariableDeclaration(decl) || decl.kind !== 'const') continue;
    for (const d of decl.declarations) {
      if (t.isIdentifier(d.id) && d.init && !isCode(d.init) && d.init.start != null && d.init.end != null) {
        out[d.id.name] = hash(source.slice(d.init.start, d.init.end));
      }
    }
  }
  return out;
}

const call = (method: keyof LoaderABI, args: t.Expression[]): t.CallExpression => t.callExpression(loader(method), args);

function isCode(init: t.Node | null | undefined): boolean {
  return !!init && (t.isFunctionExpression(init) || t.isArrowFunctionExpression(init) || t.isClassExpression(init));
}

function propKey(name: string): t.Identifier | t.StringLiteral {
  return t.isValidIdentifier(name) ? t.identifier(name) : t.stringLiteral(name);
}

function exportName(node: t.Identifier | t.StringLiteral): string {
  return t.isIdentifier(node) ? node.name : node.value;
}

/**
 * Rewrites an instrumented ES module into the loader format (see the file comment). `source` and
 * `filename` locate errors.
 */
export function toLoaderFormat(program: NodePath<t.Program>, source: string, filename: string, fresh = false,
  topLevel: WeakMap<t.Node, TopLevelStatement> = new WeakMap(), commonjs = false): void {
  const body = program.node.body;
  const pathOf = new Map<t.Node, NodePath<t.Statement>>();
  for (const p of program.get('body')) pathOf.set(p.node, p);
  const adoptFunctions: string[] = [];
  const imports: t.Statement[] = [];
  const getters: t.ObjectMethod[] = [];
  const trailing: t.Statement[] = [];
  /** Import bindings: local name -> namespace identifier and imported name (null: the namespace). */
  const importRefs = new Map<string, { ns: string; name: string | null }>();
  let nsCount = 0;
  const namespaceFor = (spec: string): string => {
    const ns = `${R.prefix}I${nsCount++}`;
    imports.push(t.variableDeclaration('const', [t.variableDeclarator(t.identifier(ns), call('import', [t.stringLiteral(spec)]))]));
    return ns;
  };
  const getter = (name: string, value: t.Expression): void => {
    getters.push(t.objectMethod('get', propKey(name), [], t.blockStatement([t.returnStatement(value)])));
  };
  const fail = (node: t.Node, message: string): never => {
    throw errorAt(source, filename, { message, loc: node.loc?.start });
  };

  const kept: t.Statement[] = [];
  const importNames = new Set<string>();
  for (const s of body) {
    if (t.isImportDeclaration(s) && s.importKind !== 'type') for (const sp of s.specifiers) importNames.add(sp.local.name);
  }
  const keepDeclaration = (decl: t.Declaration): void => {
    if (fresh) {
      kept.push(decl);
      return;
    }
    if (t.isVariableDeclaration(decl)) {
      kept.push(...carryDeclaration(decl, importNames, commonjs));
    } else if (t.isClassDeclaration(decl)) {
      kept.push(decl);
      if (decl.id) kept.push(t.expressionStatement(call('adopt', [t.stringLiteral(decl.id.name), t.identifier(decl.id.name)])));
    } else if (t.isFunctionDeclaration(decl)) {
      kept.push(decl);
      // A constructor function's old instances get the new prototype, as a class's do.
      if (decl.id && !decl.generator && !decl.async) adoptFunctions.push(decl.id.name);
    } else {
      fail(decl, `restack cannot load a ${decl.type} in an update (a module of the new version is evaluated again with its state carried, and this declaration has no such form): write it as a const object or a function, or deploy this version with a restart`);
    }
  };

  for (const s of body) {
    if (t.isImportDeclaration(s)) {
      if (s.importKind === 'type') continue;
      const ns = namespaceFor(s.source.value);
      for (const sp of s.specifiers) {
        if (t.isImportNamespaceSpecifier(sp)) importRefs.set(sp.local.name, { ns, name: null });
        else if (t.isImportDefaultSpecifier(sp)) importRefs.set(sp.local.name, { ns, name: 'default' });
        else importRefs.set(sp.local.name, { ns, name: exportName(sp.imported) });
      }
    } else if (t.isExportNamedDeclaration(s)) {
      if (s.declaration) {
        keepDeclaration(s.declaration);
        const names = t.isVariableDeclaration(s.declaration)
          ? s.declaration.declarations.flatMap((d) => Object.keys(t.getBindingIdentifiers(d.id)))
          : [(s.declaration as t.FunctionDeclaration | t.ClassDeclaration).id!.name];
        for (const n of names) getter(n, t.identifier(n));
      } else if (s.source) {
        const ns = namespaceFor(s.source.value);
        for (const sp of s.specifiers) {
          if (t.isExportNamespaceSpecifier(sp)) getter(exportName(sp.exported), t.identifier(ns));
          else if (t.isExportSpecifier(sp)) {
            getter(exportName(sp.exported), t.memberExpression(t.identifier(ns), t.stringLiteral(exportName(sp.local)), true));
          } else {
            getter(exportName((sp as t.ExportDefaultSpecifier).exported), t.memberExpression(t.identifier(ns), t.identifier('default')));
          }
        }
      } else {
        for (const sp of s.specifiers) {
          if (t.isExportSpecifier(sp)) getter(exportName(sp.exported), t.identifier(exportName(sp.local)));
        }
      }
    } else if (t.isExportAllDeclaration(s)) {
      trailing.push(t.expressionStatement(call('reexport', [t.identifier(namespaceFor(s.source.value))])));
    } else if (t.isExportDefaultDeclaration(s)) {
      const d = s.declaration;
      if ((t.isFunctionDeclaration(d) || t.isClassDeclaration(d))) {
        if (!d.id) d.id = t.identifier(`${R.prefix}Default`);
        keepDeclaration(d);
        getter('default', t.identifier(d.id.name));
      } else {
        // An expression: evaluated again (it has no binding the old version could hand over).
        kept.push(t.variableDeclaration('const', [t.variableDeclarator(t.identifier(`${R.prefix}Default`), d as t.Expression)]));
        getter('default', t.identifier(`${R.prefix}Default`));
      }
    } else if (t.isFunctionDeclaration(s) || t.isClassDeclaration(s) || t.isVariableDeclaration(s)) {
      keepDeclaration(s);
    } else if (t.isTSDeclareFunction(s) || t.isEmptyStatement(s)) {
      continue;
    } else if (fresh) {
      kept.push(s);
    } else {
      const entry = topLevel.get(s);
      const path = pathOf.get(s);
      if (entry && path) {
        kept.push(decided(path.node, entry, filename));
      } else {
        kept.push(bootOnly(s, filename));
      }
    }
    // Any other statement is top-level code: it ran when the first version was loaded (a module
    // new in this version, `fresh`, runs all of it). A thread or process started on this version
    // (a worker after the update) boots from the bundle: there it runs (`__rsU.boot`).
  }

  for (const name of adoptFunctions) trailing.push(t.expressionStatement(call('adopt', [t.stringLiteral(name), t.identifier(name)])));
  const header: t.Statement[] = [];
  if (getters.length) header.push(t.expressionStatement(call('exports', [t.objectExpression(getters)])));
  program.node.body = [...imports, ...header, ...kept, ...trailing];
  // Top-level await in what is evaluated again cannot be: the module function is synchronous.
  checkNoTopLevelAwait(program.node, fail);

  // Now that every statement is in place, make import bindings read their namespaces. The import
  // declarations are gone, so each reference is a free identifier with an import's name (one that
  // no inner scope shadows).
  program.scope.crawl();
  if (importRefs.size) {
    program.traverse({
      Identifier(p) {
        const ref = importRefs.get(p.node.name);
        if (ref && p.isReferencedIdentifier() && !p.scope.hasBinding(p.node.name)) replaceImportRef(p, ref);
      },
    });
  }

  program.traverse({
    MetaProperty(p) {
      if (p.node.meta.name === 'import') p.replaceWith(loader('meta'));
    },
    CallExpression(p) {
      if (t.isImport(p.node.callee)) p.node.callee = loader('dynamicImport');
    },
  });
}

/**
 * A top-level statement of a module the old version had: it runs only when a new thread boots on
 * this version (`if (__rsU.boot) ...`). One with a top-level await cannot run in the synchronous
 * module function: booting on this version then stops there with a clear error.
 */
function bootOnly(s: t.Statement, filename: string): t.Statement {
  const awaitAt = topLevelAwait(s);
  const body = awaitAt
    ? t.expressionStatement(call('cannotBoot', [t.stringLiteral(`${filename}:${awaitAt.loc?.start.line ?? '?'}: a top-level await (a module's top-level code must be synchronous to start a thread on a new version)`)]))
    : s;
  return t.ifStatement(loader('boot'), body);
}

/**
 * A top-level statement of a module the old version had, as the update decides (`__rsU.top(key)`:
 * a setup statement runs on the new version's objects, an effect only when the mapping says 'run';
 * every one runs when a thread boots on this version). One with a top-level await cannot run in
 * the synchronous module function: it stops the load with a clear error.
 */
function decided(s: t.Statement, entry: TopLevelStatement, filename: string): t.Statement {
  const awaitAt = topLevelAwait(s);
  let body: t.Statement = awaitAt
    ? t.expressionStatement(call('cannotBoot', [t.stringLiteral(`${filename}:${awaitAt.loc?.start.line ?? '?'}: a top-level await (a module's top-level code must be synchronous to run in an update or to start a thread on a new version)`)]))
    : s;
  // An effect runs once the update commits, so that a rollback never has to undo it; one that
  // declares a `var` (hoisted to the module) runs where it is.
  if (!awaitAt && entry.kind === 'effect' && !declaresVar(s)) {
    body = t.expressionStatement(call('later', [t.arrowFunctionExpression([], t.blockStatement([s]))]));
  }
  return t.ifStatement(call('top', [t.stringLiteral(entry.key)]), body);
}

/**
 * The first node of `n` (itself included) that `is` accepts, in source order, without looking
 * inside functions or inside the nodes `skip` accepts.
 */
function findOutsideFunctions(n: t.Node | null | undefined, is: (n: t.Node) => boolean, skip: (n: t.Node) => boolean = () => false): t.Node | null {
  if (!n || typeof n !== 'object' || t.isFunction(n) || skip(n)) return null;
  if (is(n)) return n;
  for (const key of t.VISITOR_KEYS[n.type] ?? []) {
    const v = (n as unknown as Record<string, unknown>)[key];
    for (const c of Array.isArray(v) ? v : [v]) {
      const found = findOutsideFunctions(c as t.Node, is, skip);
      if (found) return found;
    }
  }
  return null;
}

const isAwait = (n: t.Node): boolean => t.isAwaitExpression(n) || (t.isForOfStatement(n) && n.await);

/** Whether a statement declares a `var` outside its functions and classes (a module-level binding). */
function declaresVar(n: t.Node): boolean {
  return findOutsideFunctions(n, (x) => t.isVariableDeclaration(x) && x.kind === 'var', (x) => t.isClass(x)) !== null;
}

/** The first top-level await (or for await) in a statement, outside functions. */
function topLevelAwait(n: t.Node): t.Node | null {
  return findOutsideFunctions(n, isAwait);
}

function checkNoTopLevelAwait(program: t.Program, fail: (n: t.Node, m: string) => never): void {
  for (const s of program.body) {
    const at = topLevelAwait(s);
    if (at) fail(at, 'top-level await in a declaration: a module loaded by an update is evaluated synchronously, between two events; compute the value in a function the program awaits (an exported init() it calls), or deploy this version with a restart');
  }
}

function replaceImportRef(p: NodePath, ref: { ns: string; name: string | null }): void {
  const value: t.Expression = ref.name === null
    ? t.identifier(ref.ns)
    : t.memberExpression(t.identifier(ref.ns), t.isValidIdentifier(ref.name) ? t.identifier(ref.name) : t.stringLiteral(ref.name), !t.isValidIdentifier(ref.name));
  const parent = p.parent;
  if (p.parentPath?.isObjectProperty() && (parent as t.ObjectProperty).shorthand && (parent as t.ObjectProperty).value === p.node) {
    (parent as t.ObjectProperty).shorthand = false;
    p.replaceWith(value);
    return;
  }
  const isCallee = (t.isCallExpression(parent) || t.isOptionalCallExpression(parent) || t.isNewExpression(parent)) && parent.callee === p.node;
  const isTag = t.isTaggedTemplateExpression(parent) && parent.tag === p.node;
  if ((isCallee && !t.isNewExpression(parent) || isTag) && ref.name !== null) {
    // A plain call of an imported function has `this` undefined, not the namespace.
    p.replaceWith(t.sequenceExpression([t.numericLiteral(0), value]));
    return;
  }
  p.replaceWith(value);
}

/** `module.exports`, `exports`, or a property of either. */
function isExportsTarget(n: t.Node): n is t.LVal {
  const moduleExports = (m: t.Node): boolean => t.isMemberExpression(m) && !m.computed && t.isIdentifier(m.object, { name: 'module' }) && t.isIdentifier(m.property, { name: 'exports' });
  if (t.isIdentifier(n, { name: 'exports' }) || moduleExports(n)) return true;
  return t.isMemberExpression(n) && !t.isPrivateName(n.property) && (t.isIdentifier(n.object, { name: 'exports' }) || moduleExports(n.object));
}

/** `a = b = value` whose targets are all exports targets: the targets and the value; else null. */
function exportsChain(e: t.Expression): { targets: t.LVal[]; value: t.Expression } | null {
  const targets: t.LVal[] = [];
  let value: t.Expression = e;
  while (t.isAssignmentExpression(value) && value.operator === '=') {
    if (!isExportsTarget(value.left)) return null;
    targets.push(value.left);
    value = value.right;
  }
  return targets.length ? { targets, value } : null;
}

/**
 * A top-level variable declaration of a module loaded by an update. Functions and classes bound
 * by it are new code; other bindings carry the old version's value (or run their initialiser
 * when the binding is new).
 */
function carryDeclaration(decl: t.VariableDeclaration, importNames: ReadonlySet<string>, commonjs = false): t.Statement[] {
  const after: t.Statement[] = [];
  let pattern = false;
  for (const d of decl.declarations) {
    // What `require` returns (CommonJS), and a const read off the imports, are computed again.
    if (recomputed(decl, d, importNames, commonjs)) continue;
    // `var proto = module.exports = function () {...}`: the binding and the exports it also sets
    // are one value. New code when it is a function or class (the chain runs again, as a function
    // declaration would be new); else the carried value, which the exports then take too.
    const chain = commonjs && t.isIdentifier(d.id) && d.init ? exportsChain(d.init) : null;
    if (chain && t.isIdentifier(d.id)) {
      if (isCode(chain.value)) {
        if (t.isClassExpression(chain.value)) after.push(t.expressionStatement(call('adopt', [t.stringLiteral(d.id.name), t.identifier(d.id.name)])));
        continue;
      }
      for (const target of chain.targets) after.push(t.expressionStatement(t.assignmentExpression('=', t.cloneNode(target), t.identifier(d.id.name))));
    }
    if (t.isIdentifier(d.id)) {
      if (isCode(d.init)) {
        if (t.isClassExpression(d.init)) after.push(t.expressionStatement(call('adopt', [t.stringLiteral(d.id.name), t.identifier(d.id.name)])));
        continue;
      }
      d.init = call('carry', [t.stringLiteral(d.id.name), t.arrowFunctionExpression([], d.init ?? t.identifier('undefined'))]);
    } else {
      // A pattern: its initialiser runs again; each name then takes the carried value.
      pattern = true;
      for (const name of Object.keys(t.getBindingIdentifiers(d.id))) {
        after.push(t.expressionStatement(t.assignmentExpression('=', t.identifier(name),
          call('carry', [t.stringLiteral(name), t.arrowFunctionExpression([], t.identifier(name))]))));
      }
    }
  }
  if (pattern && decl.kind === 'const') decl.kind = 'let';
  return [decl, ...after];
}
