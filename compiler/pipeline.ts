/**
 * The compiler pipeline: the one place that decides the order of the passes.
 *
 *   parse -> strip types -> function table -> renameShadowed -> scope facts -> markUpdatePoints
 *   -> linearizeCalls -> (innermost first) insertCheckpoints + emitRestore -> header -> generate
 *
 * Each pass is timed when `timings` is requested, so compile speed can be profiled per pass.
 */
import { parse } from '@babel/parser';
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { generate, traverse } from './babel.js';
import {
  PROTOCOL_VERSION, R, RUNTIME_KEY, scanLines, sourceKey,
  type Diagnostic, type FunctionMeta, type ModuleMeta, type UpdatePointPolicy, type CallPointPolicy, type TopLevelStatement,
} from '../contract/index.js';
import { CompileError, errorAt, isStackOverflow, tooDeep } from './errors.js';
import { buildFunctionTable, classMemberOf, hasInstanceElements, type FunctionInfo } from './functionTable.js';
import { Checkpointer } from './passes/insertCheckpoints.js';
import { RestoreEmitter, type ClassPlacement } from './passes/emitRestore.js';
import { Linearizer, type LinearizeTables } from './passes/linearizeCalls.js';
import { isUpdatePointCall, markUpdatePoints, UPDATE_POINT_NAME } from './passes/markUpdatePoints.js';
import { renameShadowed } from './passes/renameShadowed.js';
import { finishAsync, isDriven, prepareAsync } from './passes/asyncFunctions.js';
import { constInits, stateFunction, stateFunctionRef, toLoaderFormat } from './passes/loaderFormat.js';
import { infoKey, loader, rt } from './runtimeRef.js';
import { mutableTopLevelBindings, topLevelBindings } from './syntax.js';
import { createHash } from 'node:crypto';
import { scopeFacts, type ScopeFacts } from './scopeFacts.js';
import { carriedVariables, recomputedVariables, topLevelStatements } from './topLevel.js';
import { isTypeScript, parserPlugins, rewriteSpecifiers, transformSource, type SourceTransforms } from './sourceTransforms.js';
import { displaySource, isMarker, keepSourceText, markSourceText, recordEntry, recordSpans, spanOf } from './sourceText.js';
import type { SourceTransforms as RecordedTransforms } from '../contract/index.js';

export interface CompileOptions {
  /** Path of the module, used in ids, messages and the source map. */
  filename: string;
  /** Module path used in function ids (defaults to filename). */
  moduleId?: string;
  /**
   * 'module' (ESM), 'commonjs', 'auto' (ESM when the file has import/export), or 'script': a
   * global script, as a host evaluates it (`vm.Script`, a browser's classic script). A script's
   * top-level declarations stay global declarations and its top-level `this` the global object;
   * restack's own top-level names (the header, restore and template functions) are declared with
   * `var` and `function` and carry a suffix of the script's own, so that several compiled scripts
   * share one realm without redeclaring a name. Its url (for stack checks) is `filename`: the host
   * must give the script that name (vm.Script's `filename`). A script has no loader format.
   * Limit: those declarations are global object properties, so a script evaluated once the
   * program made the global object non-extensible throws a TypeError its source would not.
   */
  sourceType?: 'module' | 'commonjs' | 'auto' | 'script';
  updatePoints?: UpdatePointPolicy;
  /** Which calls are continuation points (default 'except-builtins'; see CallPointPolicy). */
  callPoints?: CallPointPolicy;
  /** Record the time of each pass. */
  timings?: boolean;
  /** Called as each pass ends, with its time: progress on a large file (scripts/compile-large.js). */
  onLap?: (pass: string, ms: number) => void;
  /**
   * 'module': the module as Node loads it (default). 'loader': the body of a function the runtime
   * evaluates when an update loads this version (ES modules and CommonJS; see passes/loaderFormat.ts);
   * 'loader-fresh' for a module the old version did not have (its top-level code runs).
   */
  format?: 'module' | 'loader' | 'loader-fresh';
  /** Decorators, JSX and import specifier rewrites (compiler/sourceTransforms.ts). */
  transforms?: SourceTransforms;
  /**
   * The ES module is part of an import cycle (compileTree finds them): another module of the cycle
   * may call its function declarations before its body has run, so its header is a hoisted
   * function those declarations run first (see hoistedHeader). Ignored for other modules.
   */
  cycle?: boolean;
}

export interface CompileResult {
  code: string;
  map: object | null;
  metadata: ModuleMeta;
  timings?: Record<string, number>;
  /**
   * The specifiers of an ES module's static imports and re-exports, as written in the output
   * (after specifier rewrites): what compileTree reads the import graph from.
   */
  imports: string[];
}

const POLICIES: UpdatePointPolicy[] = ['explicit', 'loops', 'all'];
const CALL_POLICIES: CallPointPolicy[] = ['all', 'except-builtins'];

function checkOptions(options: CompileOptions): Required<Omit<CompileOptions, 'timings' | 'format' | 'transforms' | 'cycle' | 'onLap'>> & { timings: boolean; format: 'module' | 'loader' | 'loader-fresh' } {
  if (!options || typeof options.filename !== 'string' || !options.filename) {
    throw new CompileError('compile(): options.filename must be a non-empty string');
  }
  const updatePoints = options.updatePoints ?? 'loops';
  if (!POLICIES.includes(updatePoints)) {
    throw new CompileError(`compile(): updatePoints must be one of ${POLICIES.join(', ')}, got ${JSON.stringify(updatePoints)}`);
  }
  const callPoints = options.callPoints ?? 'except-builtins';
  if (!CALL_POLICIES.includes(callPoints)) {
    throw new CompileError(`compile(): callPoints must be one of ${CALL_POLICIES.join(', ')}, got ${JSON.stringify(callPoints)}`);
  }
  const sourceType = options.sourceType ?? 'auto';
  if (!['module', 'commonjs', 'auto', 'script'].includes(sourceType)) {
    throw new CompileError(`compile(): sourceType must be 'module', 'commonjs', 'auto' or 'script', got ${JSON.stringify(sourceType)}`);
  }
  const format = options.format ?? 'module';
  if (format !== 'module' && format !== 'loader' && format !== 'loader-fresh') {
    throw new CompileError(`compile(): format must be 'module', 'loader' or 'loader-fresh', got ${JSON.stringify(format)}`);
  }
  if (sourceType === 'script' && format !== 'module') {
    throw new CompileError(`compile(): a global script (sourceType 'script') has no ${format} format: patch bundles update modules; compile it with format 'module'`);
  }
  return { filename: options.filename, moduleId: options.moduleId ?? options.filename, sourceType, updatePoints, callPoints, timings: !!options.timings, format };
}

export function compile(source: string, options: CompileOptions): CompileResult {
  try {
    return compileModule(source, options);
  } catch (e) {
    if (isStackOverflow(e)) throw tooDeep(options.filename);
    throw e;
  }
}

function compileModule(source: string, options: CompileOptions): CompileResult {
  const opts = checkOptions(options);
  const timings: Record<string, number> = {};
  let mark = performance.now();
  const onLap = options.onLap;
  const lap = (name: string): void => {
    const now = performance.now();
    timings[name] = (timings[name] ?? 0) + (now - mark);
    if (onLap) onLap(name, now - mark);
    mark = now;
  };

  const plugins = parserPlugins(opts.filename, options.transforms?.decorators);
  let ast: t.File;
  try {
    ast = parse(source, {
      sourceType: opts.sourceType === 'commonjs' || opts.sourceType === 'script' ? 'script' : opts.sourceType === 'module' ? 'module' : 'unambiguous',
      allowReturnOutsideFunction: opts.sourceType === 'commonjs' || opts.sourceType === 'auto',
      plugins,
      sourceFilename: opts.filename,
      errorRecovery: false,
    });
  } catch (e) {
    if (isStackOverflow(e)) throw e;
    throw errorAt(source, opts.filename, e as { message: string; loc?: { line: number; column: number } });
  }
  lap('parse');

  // What Function.prototype.toString shows of each function (compiler/sourceText.ts).
  const display = displaySource(ast.program, source, isTypeScript(opts.filename));
  recordSpans(ast.program, display);
  lap('sourceText');

  // Types, decorators, JSX; then import specifiers Node would not resolve (decision 0011).
  let transforms: RecordedTransforms;
  try {
    const out = transformSource(ast, source, opts.filename, options.transforms ?? {});
    ast = out.ast;
    transforms = out.applied;
  } catch (e) {
    // Babel's message starts with the file name and holds the code frame.
    const message = ((e as Error).message ?? String(e)).replace(/^[^\n]*?: /, (m) => (m.endsWith(`${opts.filename}: `) ? '' : m));
    throw new CompileError(`${opts.filename}: ${message}`, opts.filename);
  }
  const rewritten = rewriteSpecifiers(ast, options.transforms?.specifiers);
  if (Object.keys(rewritten).length) transforms.specifiers = rewritten;
  lap('stripTypes');

  const isModule = opts.sourceType === 'module' || (opts.sourceType === 'auto' && ast.program.sourceType === 'module');
  const imports = isModule ? staticImports(ast.program) : [];
  const sourceHash = createHash('sha256').update(source).digest('hex');
  // Function declarations too, read-only: an update adopts a constructor function's prototype, an
  // instance transformer finds an old constructor function by its name, and an after() hook sees
  // the new version's functions (decision 0010, runtime/update/instances.ts).
  const stateBindings = topLevelBindings(ast.program, { classes: true, functions: true });
  const topLevelByNode = new WeakMap<t.Node, TopLevelStatement>();
  const topLevel = topLevelStatements(ast.program, topLevelByNode, !isModule);
  const variables = carriedVariables(ast.program);
  const recomputed = recomputedVariables(ast.program, !isModule, variables);
  const mutableBindings = new Set(mutableTopLevelBindings(ast.program));
  const inits = constInits(ast.program, source, (text) => createHash('sha256').update(text).digest('hex').slice(0, 16));
  let program!: NodePath<t.Program>;
  traverse(ast, { Program(p: NodePath<t.Program>) { program = p; p.stop(); } });

  // Reserved names: compiled code owns the __rs prefix.
  program.traverse({
    Identifier(p) {
      if (p.node.name.startsWith(R.prefix)) {
        throw errorAt(source, opts.filename, { message: `'${p.node.name}' uses the prefix '${R.prefix}' reserved by restack; rename it`, loc: p.node.loc?.start });
      }
    },
  });

  const asyncFunctions = prepareAsync(program, opts.updatePoints === 'all');
  const table = buildFunctionTable(program, opts.moduleId, source);
  lap('functionTable');

  const diagnostics: Diagnostic[] = [];
  const capturable = table.list.filter((f) => f.capturable);
  const placements = placeInClasses(capturable);
  for (const f of capturable) renameShadowed(f.path);
  program.scope.crawl();
  const facts = new Map<FunctionInfo, ScopeFacts>();
  for (const f of capturable) facts.set(f, scopeFacts(f.path));
  lap('scope');

  const tables: LinearizeTables = {
    cpCalls: new WeakSet(),
    updatePoints: new WeakSet(),
    stable: new WeakSet(),
    temps: new WeakSet(),
    guardedFinally: new WeakSet(),
    calleeText: new WeakMap(),
    callPoints: opts.callPoints,
    usesCall: false,
    opaque: (node, why) => {
      const fn = currentFn;
      diagnostics.push({
        kind: 'non-updatable',
        message: `${why}: an update waits until no frame of ${fn?.name ?? 'this function'} is suspended there`,
        function: fn?.id ?? opts.moduleId,
        loc: { line: node.loc?.start.line ?? 0, column: node.loc?.start.column ?? 0 },
      });
    },
    templateObject: (quasi) => {
      // function __rsTplN(s) { return s ?? __rsTplN`...`; }: called with no argument, it tags
      // its own site (a site makes its strings object once) and returns the object.
      const id = t.identifier(`${R.templatePrefix}${templates.length}`);
      const s = t.identifier('s');
      const site = t.templateLiteral(quasi.quasis.map((q) => t.cloneNode(q)), quasi.expressions.map(() => t.numericLiteral(0)));
      templates.push(t.functionDeclaration(t.cloneNode(id), [s], t.blockStatement([
        t.returnStatement(t.logicalExpression('??', t.cloneNode(s), t.taggedTemplateExpression(t.cloneNode(id), site))),
      ])));
      return t.callExpression(id, []);
    },
    newTemp: (hint) => {
      const idn = t.identifier(`${R.tempPrefix}${hint ? '_' + hint : ''}${tempCounter++}`);
      tables.temps.add(idn);
      return idn;
    },
  };
  let tempCounter = 0;
  const templates: t.FunctionDeclaration[] = [];
  let currentFn: FunctionInfo | null = null;

  // Stable identifiers: locals no call can change (not captured by closures).
  for (const f of capturable) {
    f.path.traverse({
      Function(p) { p.skip(); },
      Identifier(p) {
        const b = p.scope.getBinding(p.node.name);
        if (!b || b.scope.getFunctionParent()?.path.node !== f.node) return;
        const outside = (q: NodePath): boolean => q.getFunctionParent()?.node !== f.node;
        if (b.referencePaths.some(outside) || b.constantViolations.some(outside)) return;
        tables.stable.add(p.node);
      },
    });
  }

  const upKinds = new WeakMap<t.Statement, 'explicit' | 'loop' | 'entry' | 'forward'>();
  for (const f of capturable) markUpdatePoints(f.path, opts.updatePoints, tables.updatePoints, upKinds);
  dropStrayUpdatePoints(program, table.byNode, diagnostics, opts.moduleId);
  for (const f of table.list) {
    if (!f.capturable) {
      diagnostics.push({ kind: 'non-updatable', message: `${f.name}: ${f.reason}`, function: f.id, loc: locOf(f.node) });
    }
  }
  lap('updatePoints');

  for (const f of capturable) {
    currentFn = f;
    const node = f.node;
    if (!t.isBlockStatement(node.body)) {
      if (!hasCallOrUp(node.body, tables)) continue;
      node.body = t.blockStatement([t.returnStatement(node.body)]);
    }
    node.body.body = new Linearizer(tables, node.async === true && node.generator === true).block(node.body.body);
  }
  currentFn = null;
  lap('linearize');

  // Innermost first, so an enclosing function's restore copy contains instrumented closures.
  let nextId = 0;
  const restoreFns: t.Identifier[] = [];
  const cpRestore: number[] = [];
  const fnMeta = new Map<FunctionInfo, FunctionMeta>();
  const byDepth = orderInnermostFirst(capturable);
  let restoreCount = 0;
  /** Entry id, start, end of each function with an entry point (ModuleInfoABI.source). */
  const entrySpans: number[] = [];
  const pending: Array<{ f: FunctionInfo; emitter: RestoreEmitter; body: t.BlockStatement; name: string }> = [];
  for (const f of byDepth) {
    if (!t.isBlockStatement(f.node.body)) continue;
    const place = placements.get(f) ?? null;
    const restoreName = `${R.restorePrefix}${restoreCount++}`;
    const placement: ClassPlacement | null = place ? {
      classRef: () => t.identifier(place.className),
      isStatic: place.isStatic,
      restoreRef: () => t.memberExpression(t.identifier(place.className), t.privateName(t.identifier(restoreName))),
    } : null;
    const cp = new Checkpointer(f, facts.get(f)!, tables, upKinds, () => nextId++, placement?.restoreRef ?? null, place?.opaqueSuper ?? false, place?.derived ?? false);
    const result = cp.run(f.node.body);
    const fx = facts.get(f)!;
    const boxed = result.slots.filter((n) => fx.boxed.has(n) || fx.caseShared.has(n));
    fnMeta.set(f, {
      id: f.id, name: f.name, kind: f.kind, loc: locOf(f.node), hash: f.hash, capturable: true,
      slots: result.slots, ...(boxed.length ? { boxed } : {}), cps: result.cps.map((c) => ({ cp: c.cp, id: c.id, kind: c.kind, callee: c.callee, loc: c.loc, live: c.live, ...(c.atomic ? { atomic: true } : {}) })),
      ...(f.positional ? { positional: true as const } : {}),
    });
    // toString of an old version's function follows its calls: the marker names its entry, and
    // the module's table gives the span of the function at each entry (a constructor's: its class).
    const entry = result.cps.find((c) => c.kind === 'update' && c.callee === 'entry');
    const member = classMemberOf(f.path);
    const shownNode = member && member.member.kind === 'constructor' ? member.cls.node : f.node;
    const shownSpan = spanOf(shownNode);
    if (entry && shownSpan) {
      recordEntry(f.node, entry.id);
      if (shownNode !== f.node) recordEntry(shownNode, entry.id);
      entrySpans.push(entry.id, shownSpan[0], shownSpan[1]);
    }
    if (!result.cps.length) continue;
    const emitter = new RestoreEmitter(f, facts.get(f)!, result, placement);
    if (place) {
      for (const c of result.cps) cpRestore[c.id] = -1;
    } else {
      restoreFns.push(t.identifier(restoreName));
      for (const c of result.cps) cpRestore[c.id] = restoreFns.length - 1;
    }
    if (place) {
      // Into the class body now, so the restore copy of an enclosing function (taken later, as
      // functions are instrumented innermost first) has the class with this method in it.
      const method = t.classPrivateMethod('method', t.privateName(t.identifier(restoreName)), [t.identifier(R.record)],
        emitter.buildBody(t.cloneNode(f.node.body, true, false)), true);
      // The restore function of an async function or generator is a generator, like its body (asyncFunctions).
      method.generator = isDriven(f.node);
      keepSourceText(f.node, method);
      const [path] = place.cls.get('body').pushContainer('body', method) as NodePath<t.ClassPrivateMethod>[];
      emitter.rewriteNames(path);
      continue;
    }
    pending.push({ f, emitter, body: t.cloneNode(f.node.body, true, false), name: restoreName });
  }
  lap('checkpoints');
  // Restore functions are built from the copies taken after each function was instrumented; an
  // enclosing function was instrumented after its closures, so its copy holds their final form.
  // A rebuilt frame runs in its restore function: reached as `arguments.callee` or a callee's
  // `caller`, it shows the function's text.
  const decls = pending.map((p) => {
    const decl = p.emitter.build(p.body, p.name);
    keepSourceText(p.f.node, decl);
    return decl;
  });
  const paths = decls.length ? program.pushContainer('body', decls) as NodePath<t.FunctionDeclaration>[] : [];
  pending.forEach((p, i) => p.emitter.rewriteNames(paths[i]));
  lap('restore');
  if (asyncFunctions > 0) {
    finishAsync(program);
    lap('async');
  }

  if (opts.format !== 'module') {
    toLoaderFormat(program, source, opts.filename, opts.format === 'loader-fresh', topLevelByNode, !isModule);
    lap('loaderFormat');
  }
  ast.program.body.push(stateFunction(stateBindings, mutableBindings));
  const info = t.objectExpression([
    t.objectProperty(infoKey('id'), t.stringLiteral(opts.moduleId)),
    t.objectProperty(infoKey('hash'), t.stringLiteral(sourceHash)),
    t.objectProperty(infoKey('state'), stateFunctionRef()),
    t.objectProperty(infoKey('inits'), t.valueToNode(inits)),
    t.objectProperty(infoKey('source'), t.identifier(R.source)),
  ]);
  // Continuation points inside transactions ('restack atomic'): an update never moves such a frame.
  const atomic = [...fnMeta.values()].flatMap((m) => m.cps.filter((c) => c.atomic).map((c) => c.id));
  if (atomic.length) info.properties.push(t.objectProperty(infoKey('atomic'), t.valueToNode(atomic)));

  const runtimeRef = t.memberExpression(t.identifier('globalThis'),
    // Builtins through globalThis: the module may bind their names itself (readable-stream's
    // `const { Symbol } = primordials`), in its temporal dead zone while this header runs.
    t.callExpression(t.memberExpression(t.memberExpression(t.identifier('globalThis'), t.identifier('Symbol')), t.identifier('for')), [t.stringLiteral(RUNTIME_KEY)]), true);
  const script = opts.sourceType === 'script';
  const moduleUrl = opts.format !== 'module'
    ? loader('url')
    : script
    ? t.stringLiteral(opts.filename)
    : isModule
    ? t.memberExpression(t.metaProperty(t.identifier('import'), t.identifier('meta')), t.identifier('url'))
    : t.identifier('__filename');
  // A script's header declares with var: a const of restack's own would collide in the global
  // lexical scope the realm's scripts share (the runtime and flags are the same for all of them).
  const kind = script ? 'var' : 'const';
  const header: t.Statement[] = [
    t.variableDeclaration(kind, [t.variableDeclarator(t.identifier(R.runtime), runtimeRef)]),
    t.ifStatement(t.unaryExpression('!', t.identifier(R.runtime)), t.throwStatement(t.newExpression(t.memberExpression(t.identifier('globalThis'), t.identifier('Error')), [
      t.stringLiteral('restack: this module was compiled by restack; run it with `restack run` (or import "restack/runtime" first)'),
    ]))),
    t.variableDeclaration(kind, [t.variableDeclarator(t.identifier(R.state), rt('S'))]),
    // Method calls' Function.prototype.call: the same value for every script of a realm.
    ...(tables.usesCall ? [t.variableDeclaration(kind, [t.variableDeclarator(t.identifier(R.call), rt('C'))])] : []),
    t.variableDeclaration(kind, [t.variableDeclarator(t.identifier(R.module), t.callExpression(
      rt('module'),
      [moduleUrl, t.numericLiteral(PROTOCOL_VERSION), t.arrayExpression(restoreFns), t.arrayExpression(cpRestore.map((i) => t.numericLiteral(i))),
        t.identifier(R.lines), info],
    ))]),
  ];
  if (opts.format === 'module' && isModule && options.cycle) {
    ast.program.body.unshift(...hoistedHeader(ast.program, header), ...templates);
  } else {
    ast.program.body.unshift(...header, ...templates);
  }
  const ownSuffix = script ? scriptOwnNames(ast, `${opts.moduleId}\0${sourceHash}`) : '';
  // A CommonJS module keeps its own mode (sloppy unless it says 'use strict'), as Node runs it.
  if (opts.format !== 'module' && isModule && !ast.program.directives.some((d) => d.value.value === 'use strict')) {
    ast.program.directives.unshift(t.directive(t.directiveLiteral('use strict')));
  }
  lap('header');

  markSourceText(ast.program, sourceKey(sourceHash));
  lap('sourceText');

  const gen = generate(ast, { sourceMaps: true, sourceFileName: opts.filename, comments: true, shouldPrintComment: isMarker, retainLines: false }, source);
  lap('generate');
  const scanned = scanLines(gen.code);
  const lines: Record<string, number> = {};
  for (const [line, idn] of scanned.calls) lines[String(idn)] = line;
  // The source functions' texts are taken from (read on the first toString of one of them), and
  // the line table the runtime checks stacks against (called on the first capture), appended as
  // hoisted functions below the code (so no line of it moves), the table on the last line. Line
  // separators are escaped: stack traces would count them as lines.
  const shown = JSON.stringify(display).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  const code = `${gen.code}\nfunction ${R.source}${ownSuffix}() { return [${shown}, ${JSON.stringify(entrySpans)}]; }` +
    `\nfunction ${R.lines}${ownSuffix}() { return ${JSON.stringify([[...scanned.calls.keys()], [...scanned.calls.values()], [...scanned.parks], [...scanned.wrappers]])}; }`;

  const functions: FunctionMeta[] = table.list.map((f) => fnMeta.get(f) ?? {
    id: f.id, name: f.name, kind: f.kind, loc: locOf(f.node), hash: f.hash, capturable: f.capturable,
    ...(f.reason ? { reason: f.reason } : {}), slots: [], cps: [],
    ...(f.positional ? { positional: true as const } : {}),
  });
  const metadata: ModuleMeta = {
    protocol: PROTOCOL_VERSION,
    module: opts.moduleId,
    sourceKind: script ? 'script' : isModule ? 'module' : 'commonjs',
    updatePoints: opts.updatePoints,
    callPoints: opts.callPoints,
    functions,
    diagnostics,
    callLines: lines,
    topLevel,
    variables,
    ...(recomputed.length ? { recomputed } : {}),
    ...(Object.keys(transforms).length ? { transforms } : {}),
  };
  lap('metadata');
  return { code, map: gen.map ?? null, metadata, imports, ...(opts.timings ? { timings } : {}) };
}

/** The specifiers an ES module's top level imports or re-exports from, in source order. */
function staticImports(program: t.Program): string[] {
  const out: string[] = [];
  for (const s of program.body) {
    if ((t.isImportDeclaration(s) || t.isExportAllDeclaration(s) || t.isExportNamedDeclaration(s)) && s.source) out.push(s.source.value);
  }
  return out;
}

/**
 * The header of an ES module in an import cycle: another module of the cycle may call one of this
 * module's function declarations (initialised before any module body runs, as natively) before
 * this module's body has run its header. The header becomes a hoisted function assigning vars,
 * run first by the body and by each top-level function declaration that finds it has not run.
 *
 *   const __rsR = ...; if (!__rsR) throw ...; const __rsS = ...; const __rsM = ...;
 *   ==> var __rsR, __rsS, __rsM; __rsM ?? __rsInit();
 *       function __rsInit() { __rsR = ...; if (!__rsR) throw ...; __rsS = ...; __rsM = ...; }
 *
 * The handle is then a var, not a constant, and every declaration checks it on entry: compiled
 * code of such a module is slower in loops of small calls, which is why only cycles get it.
 */
function hoistedHeader(program: t.Program, header: t.Statement[]): t.Statement[] {
  const names: string[] = [];
  const body = header.map((s) => {
    if (!t.isVariableDeclaration(s)) return s;
    const d = s.declarations[0];
    names.push((d.id as t.Identifier).name);
    return t.expressionStatement(t.assignmentExpression('=', d.id as t.Identifier, d.init!));
  });
  const ensure = (): t.Statement => t.expressionStatement(t.logicalExpression('??', t.identifier(R.module), t.callExpression(t.identifier(R.init), [])));
  for (const s of program.body) {
    const fn = t.isExportNamedDeclaration(s) || t.isExportDefaultDeclaration(s) ? s.declaration : s;
    // Restore functions, template objects and the state accessors run only once the module is registered.
    if (t.isFunctionDeclaration(fn) && !fn.id?.name.startsWith(R.prefix)) fn.body.body.unshift(ensure());
  }
  return [
    t.variableDeclaration('var', names.map((n) => t.variableDeclarator(t.identifier(n)))),
    ensure(),
    t.functionDeclaration(t.identifier(R.init), [], t.blockStatement(body)),
  ];
}

/**
 * A global script's own top-level names of restack (its module handle, restore, template and
 * state functions, line table) get a suffix derived from the script's id and text, as global
 * bindings of one realm they must not meet another script's. Returns the suffix.
 */
function scriptOwnNames(ast: t.File, key: string): string {
  const suffix = `_${createHash('sha256').update(key).digest('hex').slice(0, 8)}`;
  const own = new Set<string>([R.module, R.lines, R.source, stateFunctionRef().name]);
  const numbered = new RegExp(`^(?:${R.templatePrefix}|${R.restorePrefix})\\d+$`);
  t.traverseFast(ast, (n) => {
    if (t.isIdentifier(n) && (own.has(n.name) || numbered.test(n.name))) n.name += suffix;
  });
  return suffix;
}

interface ClassPlace {
  cls: NodePath<t.Class>;
  className: string;
  isStatic: boolean;
  /** super(...) of a class with instance elements: not a continuation point (see functionTable). */
  opaqueSuper: boolean;
  /** The constructor of a class with `extends`. */
  derived: boolean;
}

/**
 * Restore functions of class members that use `super` or private names, and of constructors, go
 * in the class body as static private methods (where `#x` resolves); they reach the class by its
 * inner name, so an anonymous class gets one (and keeps its inferred `name` property).
 */
function placeInClasses(capturable: FunctionInfo[]): Map<FunctionInfo, ClassPlace> {
  const out = new Map<FunctionInfo, ClassPlace>();
  let counter = 0;
  for (const f of capturable) {
    const m = classMemberOf(f.path);
    // A private name anywhere in the body (nested closures included: the restore copy holds
    // them too) must resolve where the restore function is declared.
    let usesPrivate = t.isClassPrivateMethod(f.node) || (t.isClassMethod(f.node) && t.isPrivateName(f.node.key));
    f.path.traverse({ PrivateName() { usesPrivate = true; } });
    let needs = usesPrivate || (!!m && t.isClassMethod(m.member) && m.member.kind === 'constructor');
    if (m) {
      f.path.traverse({
        Function(p) { if (!p.isArrowFunctionExpression()) p.skip(); },
        Super() { needs = true; },
      });
    }
    if (!needs) continue;
    // The class the restore function joins: the member's class, or for a function nested in a
    // class body (a closure in a method, a field initialiser) the innermost such class.
    const cls = m ? m.cls : (f.path.findParent((q) => q.isClassBody())?.parentPath as NodePath<t.Class> | undefined);
    if (!cls) continue;
    if (!cls.node.id) {
      const inferred = inferredClassName(cls);
      cls.node.id = t.identifier(`${R.prefix}Class${counter++}`);
      const hasStaticName = cls.node.body.body.some((e) => (t.isClassMethod(e) || t.isClassPrivateMethod(e)) && e.static &&
        t.isIdentifier(e.key, { name: 'name' }) && !e.computed);
      if (!hasStaticName) {
        // The class keeps the name it would have had anonymous.
        cls.node.body.body.unshift(t.staticBlock([t.expressionStatement(t.callExpression(
          t.memberExpression(t.memberExpression(t.identifier('globalThis'), t.identifier('Object')), t.identifier('defineProperty')),
          [t.thisExpression(), t.stringLiteral('name'), t.objectExpression([
            t.objectProperty(t.identifier('value'), t.stringLiteral(inferred)),
            t.objectProperty(t.identifier('configurable'), t.booleanLiteral(true)),
          ])]))]));
      }
    }
    const isCtor = !!m && t.isClassMethod(m.member) && m.member.kind === 'constructor';
    out.set(f, {
      cls,
      className: cls.node.id!.name,
      isStatic: !!m && !isCtor && !!m.member.static,
      opaqueSuper: isCtor && !!cls.node.superClass && hasInstanceElements(cls.node),
      derived: isCtor && !!cls.node.superClass,
    });
  }
  return out;
}

function inferredClassName(cls: NodePath<t.Class>): string {
  const p = cls.parentPath;
  if (p?.isVariableDeclarator() && t.isIdentifier(p.node.id)) return p.node.id.name;
  if (p?.isAssignmentExpression() && t.isIdentifier(p.node.left)) return p.node.left.name;
  if ((p?.isObjectProperty() || p?.isClassProperty()) && !p.node.computed && t.isIdentifier(p.node.key)) return p.node.key.name;
  if (p?.isExportDefaultDeclaration()) return 'default';
  return '';
}

function locOf(node: t.Node): { line: number; column: number } {
  return { line: node.loc?.start.line ?? 0, column: node.loc?.start.column ?? 0 };
}

function hasCallOrUp(node: t.Node, tables: LinearizeTables): boolean {
  let found = false;
  t.traverseFast(node, (n) => {
    if (t.isCallExpression(n) || t.isNewExpression(n) || t.isTaggedTemplateExpression(n) || t.isOptionalCallExpression(n)) found = true;
    if (t.isStatement(n) && tables.updatePoints.has(n)) found = true;
  });
  return found;
}

/** Parents after children: a function comes after every function nested in it. */
function orderInnermostFirst(list: FunctionInfo[]): FunctionInfo[] {
  const depth = (f: FunctionInfo): number => { let d = 0; for (let p = f.parent; p; p = p.parent) d++; return d; };
  return [...list].sort((a, b) => depth(b) - depth(a) || a.index - b.index);
}

/**
 * UPDATE_POINT() where nothing can be saved (module top level, functions that cannot be captured,
 * inside expressions) is removed, and reported.
 */
function dropStrayUpdatePoints(program: NodePath<t.Program>, byNode: WeakMap<t.Function, FunctionInfo>, diagnostics: Diagnostic[], moduleId: string): void {
  program.traverse({
    CallExpression(p) {
      if (!isUpdatePointCall(p.node) || p.scope.hasBinding(UPDATE_POINT_NAME)) return;
      const fnPath = p.getFunctionParent();
      const info = fnPath ? byNode.get(fnPath.node) : undefined;
      const statement = p.parentPath.isExpressionStatement();
      if (info?.capturable && statement) return;
      diagnostics.push({
        kind: 'non-updatable',
        message: info ? `UPDATE_POINT() ignored in ${info.name}: ${info.capturable ? 'not a statement' : info.reason}` : 'UPDATE_POINT() ignored at module top level',
        function: info?.id ?? moduleId,
        loc: { line: p.node.loc?.start.line ?? 0, column: p.node.loc?.start.column ?? 0 },
      });
      if (statement) p.parentPath.remove();
      else p.replaceWith(t.unaryExpression('void', t.numericLiteral(0)));
    },
  });
}
