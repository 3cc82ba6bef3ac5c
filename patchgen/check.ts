/**
 * `restack check <patchDir>`: is the bundle's mapping.ts complete and consistent with the two
 * versions? It
 *
 * 1. parses mapping.ts as TypeScript (a syntax error is reported as `file:line:col` with a code
 *    frame, like the compiler's); refuses, with a code frame, what the update could not load
 *    (import.meta, a top-level await, import(), a file of its own); strips the types with Babel
 *    into mapping.js and loads it in a sandbox (sandbox.ts: a child process that may not write
 *    files or start processes) with the very function the program loads it with at the update
 *    (contract/mappingModule.ts), which sends back the default export's shape;
 * 2. validates the default export's shape with the zod schema (schema.ts);
 * 3. validates it against the old version's metadata (the bundle's base/) and the new one's
 *    (new/): every function listed in patch.json as needing an entry has one; every referenced
 *    function id and CP exists; every CP of a capturable changed function is mapped to a new CP
 *    of the same kind or refused; every variable a mapped frame needs has a source; no TODO is
 *    left, in particular no `to: 'TODO'` of a pairing restack patch only guessed (the message
 *    names the proposed function; the entry's cps are checked against it meanwhile);
 * 4. type-checks mapping.ts with TypeScript when a compiler can be found (typecheck.ts).
 *
 * Every error names the file, the line in mapping.ts (of the entry, or of the nearest enclosing
 * one written in the file) and the entry (function id, old CP). All errors are collected; the
 * command exits 1 when there is any.
 *
 * A valid mapping is written as mapping.js, and the manifest (checked.json, manifest.ts) records
 * every file the update will load, hashed from the very bytes this check read and validated; the
 * bundle's files are read as the runtime reads them (contract/bundleFiles.ts), so a bundle the
 * program would refuse (a group-writable file, a link) fails here already.
 */
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transformFromAstSync } from '@babel/core';
import { parse } from '@babel/parser';
import * as t from '@babel/types';
import type { CpMeta, FunctionMeta, ModuleMeta } from '../contract/index.js';
import { errorAt } from '../compiler/errors.js';
import { codeFrameColumns } from '@babel/code-frame';
import { isFileSpecifier } from '../contract/mappingModule.js';
import { traverse } from '../compiler/babel.js';
import { isForOfStep, varMapFor } from './align.js';
import { CHECKED_JSON, CHECKED_SIG, loadedFiles, MAPPING_JS, MAPPING_TS, mappingHeader, PATCH_JSON } from '../contract/bundle.js';
import { BundleReader } from '../contract/bundleFiles.js';
import { writeBundleFile, writeManifest } from './manifest.js';
import { deniedAction, evaluateInSandbox } from './sandbox.js';
import { findTypeScript, typeCheckMapping } from './typecheck.js';
import { generate } from '../compiler/babel.js';
import { issueMessage, mappingSchema } from './schema.js';
import { editDistance } from './similarity.js';
import { PATCH_FORMAT, type CpMapping, type FunctionEntry, type PatchFile } from './types.js';
import { compareTopLevel, needsDecision } from './topLevel.js';

const require = createRequire(import.meta.url);

export interface CheckProblem {
  line: number;
  column: number;
  /** What the error is about: `fn id, old cp 2 (call total, line 19)`, `state['a.js']`, ... */
  entry: string | null;
  message: string;
  /** The code around the line, where the problem is in the code rather than in the mapping's values. */
  frame?: string;
}

export interface CheckResult {
  ok: boolean;
  /** The mapping file as named in messages. */
  file: string;
  problems: CheckProblem[];
  /** A syntax error: message with file:line:col and a code frame (problems is then empty). */
  syntaxError?: string;
  stats: { functions: number; mapped: number; refused: number; transformers: number; stateTransformers: number };
  /** The TypeScript compiler that type-checked mapping.ts, or null when none was found (typecheck.ts). */
  typeChecker?: { version: string; from: string } | null;
}

/** `file:line:col: entry: message`. */
export function formatProblem(file: string, p: CheckProblem): string {
  return `${file}:${p.line}:${p.column}: ${p.entry ? `${p.entry}: ` : ''}${p.message}${p.frame ? `\n${p.frame}` : ''}`;
}

// ---------------------------------------------------------------------------------------------
// Where things are written in mapping.ts

type Loc = { line: number; column: number };

/**
 * Positions of the default export's object-literal properties, by path (`functions` ->
 * `calc.js#f` -> `cps` -> `2`), so an error about a value points at the line that writes it.
 */
class Locations {
  private readonly byPath = new Map<string, Loc>();
  root: Loc = { line: 1, column: 1 };

  constructor(ast: t.File) {
    for (const s of ast.program.body) {
      if (!t.isExportDefaultDeclaration(s)) continue;
      this.root = locOf(s);
      let e: t.Node = s.declaration;
      while (t.isTSSatisfiesExpression(e) || t.isTSAsExpression(e) || t.isParenthesizedExpression(e) || t.isTSTypeAssertion(e)) e = e.expression;
      if (t.isObjectExpression(e)) this.walk(e, []);
    }
  }

  private walk(obj: t.ObjectExpression, path: string[]): void {
    for (const p of obj.properties) {
      if (!(t.isObjectProperty(p) || t.isObjectMethod(p)) || p.computed) continue;
      const key = t.isIdentifier(p.key) ? p.key.name : t.isStringLiteral(p.key) ? p.key.value : t.isNumericLiteral(p.key) ? String(p.key.value) : null;
      if (key === null) continue;
      const here = [...path, key];
      this.byPath.set(JSON.stringify(here), locOf(p));
      if (t.isObjectProperty(p) && t.isObjectExpression(p.value)) this.walk(p.value, here);
    }
  }

  /** The position of a path, or of its nearest ancestor written in the file. */
  at(path: ReadonlyArray<string | number>): Loc {
    const parts = path.map(String);
    for (let k = parts.length; k > 0; k--) {
      const loc = this.byPath.get(JSON.stringify(parts.slice(0, k)));
      if (loc) return loc;
    }
    return this.root;
  }
}

function locOf(n: t.Node): Loc {
  return { line: n.loc?.start.line ?? 1, column: (n.loc?.start.column ?? 0) + 1 };
}

// ---------------------------------------------------------------------------------------------

/** The bytes of the bundle's files as this check read them: what the manifest records. */
type Read = Map<string, Buffer>;

function readFile(reader: BundleReader, read: Read, rel: string): Buffer {
  const bytes = reader.read(rel)!;
  read.set(rel, bytes);
  return bytes;
}

function readMetadata(reader: BundleReader, read: Read, sub: string): { fns: Map<string, { fn: FunctionMeta; module: ModuleMeta }>; files: string[]; modules: Map<string, ModuleMeta> } {
  const fns = new Map<string, { fn: FunctionMeta; module: ModuleMeta }>();
  const modules = new Map<string, ModuleMeta>();
  const files = reader.listMetadata(sub);
  for (const rel of files) {
    const module = JSON.parse(readFile(reader, read, `${sub}/${rel}`).toString('utf8')) as ModuleMeta;
    modules.set(module.module, module);
    for (const fn of module.functions) fns.set(fn.id, { fn, module });
  }
  return { fns, files, modules };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function describe(cp: CpMeta, version: 'old' | 'new' = 'old'): string {
  const callee = isForOfStep(cp) ? 'for-of step' : cp.callee;
  return `${cp.kind} ${callee}${cp.loc.line ? `, ${version} line ${cp.loc.line}` : ''}`;
}

function cpRange(fn: FunctionMeta): string {
  if (!fn.cps.length) return 'it has no cps';
  return fn.cps.length === 1 ? 'its only cp is 0' : `its cps are 0-${fn.cps.length - 1}`;
}

function nearest(id: string, ids: Iterable<string>): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  for (const c of ids) {
    const d = editDistance(id, c);
    if (d < bestD) { bestD = d; best = c; }
  }
  return best !== null && bestD <= Math.max(3, id.length / 4) ? best : null;
}

/**
 * What the update cannot load, found in mapping.ts before it is run: each a problem at its
 * position with a code frame. mapping.js is a function body run synchronously with a `require`
 * for packages and builtins (contract/mappingModule.ts): `import.meta`, a top-level `await`,
 * `import()`, files of its own and re-exports have no meaning there.
 */
function unloadable(ast: t.File, source: string): CheckProblem[] {
  const out: CheckProblem[] = [];
  const at = (n: t.Node, message: string): void => {
    const loc = locOf(n);
    out.push({ ...loc, entry: null, message, frame: codeFrameColumns(source, { start: { line: loc.line, column: loc.column } }, { highlightCode: false }) });
  };
  const fileImport = (n: t.Node, spec: string): void => at(n, `'${spec}' is a file: an update loads only the files restack check recorded (checked.json), ` +
    'and a file the mapping imports is not one of them; put that code in mapping.ts (packages and node: builtins can be imported)');
  for (const s of ast.program.body) {
    if (t.isImportDeclaration(s) && s.importKind !== 'type' && isFileSpecifier(s.source.value)) {
      const values = s.specifiers.filter((sp) => !(t.isImportSpecifier(sp) && sp.importKind === 'type'));
      if (values.length || !s.specifiers.length) fileImport(s.source, s.source.value);
    } else if (t.isExportAllDeclaration(s) || (t.isExportNamedDeclaration(s) && s.source && s.exportKind !== 'type')) {
      at(s, 'a re-export (`export ... from`): the mapping exports only its default; import what it uses instead');
    } else if (t.isTSImportEqualsDeclaration(s) || t.isTSExportAssignment(s)) {
      at(s, '`import x = require()` and `export =` are CommonJS forms TypeScript keeps: write `import x from` and `export default`');
    }
  }
  traverse(ast, {
    MetaProperty(p) {
      if (p.node.meta.name === 'import') {
        at(p.node, 'import.meta: the update loads the mapping as a function body (mapping.js), not as an ES module, and it has no import.meta; ' +
          'a file next to the mapping is not part of the checked bundle anyway: compute what you need from the frames and modules the transformers get');
      }
    },
    AwaitExpression(p) {
      if (!p.getFunctionParent()) at(p.node, 'top-level await: the update loads the mapping synchronously, in the middle of the program\'s work, where nothing can be awaited; compute the value without await, or inside a transformer');
    },
    ForOfStatement(p) {
      if (p.node.await && !p.getFunctionParent()) at(p.node, 'top-level for await: the update loads the mapping synchronously, where nothing can be awaited');
    },
    CallExpression(p) {
      const { callee, arguments: args } = p.node;
      if (t.isImport(callee)) {
        at(p.node, 'import(): a mapping is loaded and its transformers run synchronously, where a module loaded asynchronously never arrives; import it at the top of mapping.ts (a package or node: builtin)');
      } else if (t.isIdentifier(callee, { name: 'require' }) && !p.scope.hasBinding('require') && t.isStringLiteral(args[0]) && isFileSpecifier(args[0].value)) {
        fileImport(args[0], args[0].value);
      }
    },
  });
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Is there a default export (`export default`, or `export { x as default }`)? */
function hasDefaultExport(ast: t.File): boolean {
  return ast.program.body.some((s) => t.isExportDefaultDeclaration(s) || (t.isExportNamedDeclaration(s) && !s.source &&
    s.specifiers.some((sp) => t.isExportSpecifier(sp) && (t.isIdentifier(sp.exported) ? sp.exported.name : sp.exported.value) === 'default')));
}

/**
 * Strips the types of mapping.ts, makes mapping.js of it and loads that in the sandbox, as the
 * program will at the update. Returns the default export (its shape: functions are placeholders)
 * and mapping.js, or the problems.
 */
async function load(ast: t.File, source: string, file: string, dir: string): Promise<{ value?: unknown; script?: string; problems?: CheckProblem[] }> {
  const refused = unloadable(ast, source);
  if (refused.length) return { problems: refused };
  const out = transformFromAstSync(ast, source, {
    code: true, ast: false, configFile: false, babelrc: false, filename: file, retainLines: true, sourceType: 'module',
    plugins: [[require.resolve('@babel/plugin-transform-typescript'), { onlyRemoveTypeImports: false }]],
  });
  let script: string;
  try {
    script = mappingScript(out?.code ?? '', source);
  } catch (e) {
    return { problems: [{ line: 1, column: 1, entry: null, message: `cannot make mapping.js: ${(e as Error).message}` }] };
  }
  const tmp = mkdtempSync(join(tmpdir(), 'restack-check-'));
  const target = join(tmp, MAPPING_JS);
  try {
    writeFileSync(target, script);
    const r = await evaluateInSandbox(target, join(dir, MAPPING_JS));
    if (r.ok) return { value: r.value, script };
    // mapping.js keeps mapping.ts's lines, below its header line.
    const at = /mapping\.js:(\d+):(\d+)/.exec(r.stack);
    const line = at ? Math.max(1, Number(at[1]) - 1) : 1;
    const column = at ? Number(at[2]) : 1;
    const denied = deniedAction(r);
    const message = denied
      ? `loading the mapping failed: its top-level code tried to ${denied}, and restack check runs mapping.ts without permission to write files, start processes or threads, or read other files; ` +
        'do such work inside a transformer (it runs in the program, at the update), not when the mapping is loaded'
      : `loading the mapping failed: ${r.message}`;
    const frame = at ? codeFrameColumns(source, { start: { line, column } }, { highlightCode: false }) : undefined;
    return { problems: [{ line, column, entry: null, message, ...(frame ? { frame } : {}) }] };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

export interface CheckOptions {
  /** Sign the manifest with this Ed25519 private key (checked.sig). */
  sign?: KeyObject;
}

export async function checkPatch(dir: string, options: CheckOptions = {}): Promise<CheckResult> {
  const file = join(dir, MAPPING_TS);
  const stats = { functions: 0, mapped: 0, refused: 0, transformers: 0, stateTransformers: 0 };
  const result: CheckResult = { ok: false, file, problems: [], stats };
  const patchPath = join(dir, PATCH_JSON);
  if (!existsSync(patchPath)) throw new Error(`${dir} is not a patch directory: no ${PATCH_JSON} (write one with \`restack patch\`)`);
  // A bundle whose check fails (or is under way) is not a checked bundle: the runtime refuses it.
  for (const f of [CHECKED_JSON, CHECKED_SIG]) rmSync(join(dir, f), { force: true });
  const reader = new BundleReader(dir);
  const read: Read = new Map();
  const patch = JSON.parse(readFile(reader, read, PATCH_JSON).toString('utf8')) as PatchFile;
  if (patch.format !== PATCH_FORMAT) throw new Error(`${patchPath}: format ${String(patch.format)} is not supported (expected ${PATCH_FORMAT})`);
  if (!existsSync(file)) throw new Error(`${file} is missing`);
  for (const sub of [patch.baseDir, patch.new.dir]) {
    if (!existsSync(join(dir, sub))) throw new Error(`${dir} is incomplete: ${sub}/ is missing (write the bundle again with \`restack patch\`)`);
  }
  for (const [id, base] of Object.entries(patch.base ?? {})) {
    if (typeof base?.source !== 'string' || !base.source) {
      throw new Error(`${patchPath}: the base entry of ${id} has no source hash, and the program refuses a patch that does not say which code it is for; write the bundle again with \`restack patch\` from a version whose source is available`);
    }
  }
  const oldMeta = readMetadata(reader, read, patch.baseDir);
  const newMeta = readMetadata(reader, read, patch.new.dir);
  const oldFns = oldMeta.fns;
  const newFns = newMeta.fns;
  // Every module of the new version, including those without functions (a module of constants).
  const newModules = new Set([...patch.modules.unchanged, ...patch.modules.changed, ...patch.modules.added,
    ...[...newFns.values()].map((f) => f.module.module)]);

  const source = readFile(reader, read, MAPPING_TS).toString('utf8');
  let ast: t.File;
  try {
    ast = parse(source, { sourceType: 'module', plugins: ['typescript'], errorRecovery: false });
  } catch (e) {
    result.syntaxError = errorAt(source, file, e as { message: string; loc?: Loc }).message;
    return result;
  }
  const where = new Locations(ast);
  const problems = result.problems;
  const report = (path: ReadonlyArray<string | number>, entry: string | null, message: string): void => {
    problems.push({ ...where.at(path), entry, message });
  };

  if (!hasDefaultExport(ast)) {
    report([], null, 'no default export: export the mapping object with `export default { ... } satisfies Mapping`');
    return result;
  }
  const loaded = await load(ast, source, file, reader.root);
  if (loaded.problems) {
    problems.push(...loaded.problems);
    return result;
  }
  const value = loaded.value;

  // Shape.
  const parsed = mappingSchema.safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
      // An unknown key is reported where it is written.
      const paths = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...path, k]) : [path];
      for (const at of paths) {
        const entry = at[0] === 'functions' && at.length > 1 ? `${String(at[1])}${at.length > 2 ? `, ${at.slice(2).join('.')}` : ''}`
          : at.length ? at.join('.') : null;
        report(at, entry, issue.code === 'unrecognized_keys' ? `unknown key '${String(at[at.length - 1])}'` : issueMessage(issue));
      }
    }
  }

  // Content, on what has the right shape (shape errors are reported above).
  const mapping = isRecord(value) ? value : {};
  const functions = isRecord(mapping.functions) ? mapping.functions : {};
  for (const f of patch.functions) {
    if (f.inMapping && f.old && f.new && !Object.hasOwn(functions, f.old)) {
      report(['functions'], f.old, `no entry: the function changed (${f.status}${f.old !== f.new ? `, now ${f.new}` : ''}) and frames of it may be on the stack; map its cps or set to: null`);
    }
  }
  const generated = new Map(patch.functions.filter((f) => f.old !== null).map((f) => [f.old!, f]));
  for (const [oldId, raw] of Object.entries(functions)) {
    stats.functions++;
    const base = ['functions', oldId];
    const old = oldFns.get(oldId);
    if (!old) {
      const near = nearest(oldId, oldFns.keys());
      report(base, oldId, `no function with this id in the old version${near ? ` (did you mean '${near}'?)` : ''}`);
      continue;
    }
    if (!isRecord(raw)) continue;
    const inferred = patch.functions.find((f) => f.old === oldId);
    checkFunction(oldId, old.fn, raw, base, { newFns, report, stats, generated: generated.get(oldId), inferred: inferred?.new ? { to: inferred.new, cps: inferred.cps ?? [] } : null });
  }

  const state = isRecord(mapping.state) ? mapping.state : {};
  for (const [module, fn] of Object.entries(state)) {
    if (typeof fn === 'function') stats.stateTransformers++;
    if (!newModules.has(module)) {
      const near = nearest(module, newModules);
      report(['state', module], `state[${JSON.stringify(module)}]`, `no module with this path in the new version${near ? ` (did you mean '${near}'?)` : ''}`);
    }
  }

  checkTopLevel(mapping, patch, oldMeta.modules, newMeta.modules, newModules, report);
  checkInstances(mapping.instances, patch, oldFns, report);
  // Types, where a TypeScript compiler is at hand.
  const tsc = findTypeScript(reader.root);
  result.typeChecker = tsc ? { version: tsc.version, from: tsc.from } : null;
  if (tsc) {
    for (const p of typeCheckMapping(tsc.ts, file, source)) {
      problems.push({ ...p, frame: codeFrameColumns(source, { start: { line: p.line, column: p.column } }, { highlightCode: false }) });
    }
  }

  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  result.ok = problems.length === 0;
  if (!result.ok) return result;
  // mapping.js is the very script the sandbox loaded.
  const script = Buffer.from(loaded.script!, 'utf8');
  writeBundleFile(join(dir, MAPPING_JS), script);
  read.set(MAPPING_JS, script);
  // The new modules' code, which nothing above needed to read.
  const files = loadedFiles(patch, oldMeta.files, newMeta.files);
  for (const f of files) if (!read.has(f)) readFile(reader, read, f);
  writeManifest(dir, files.map((f) => ({ path: f, bytes: read.get(f)! })), options.sign);
  return result;
}

/**
 * The `topLevel` and `after` sections: modules and statement keys that exist in the new version,
 * no TODO left, and a decision for every statement that needs one (an effect new in the version,
 * or one called on a definition of the module) in a module the old version had.
 */
function checkTopLevel(mapping: Record<string, unknown>, patch: PatchFile, oldModules: Map<string, ModuleMeta>, newModules: Map<string, ModuleMeta>,
  moduleNames: Set<string>, report: (path: ReadonlyArray<string | number>, entry: string | null, message: string) => void): void {
  const topLevel = isRecord(mapping.topLevel) ? mapping.topLevel : {};
  for (const [module, decisions] of Object.entries(topLevel)) {
    const meta = newModules.get(module);
    if (!meta) {
      const near = nearest(module, moduleNames);
      report(['topLevel', module], `topLevel[${JSON.stringify(module)}]`, `no module with this path in the new version${near ? ` (did you mean '${near}'?)` : ''}`);
      continue;
    }
    if (!oldModules.has(module)) {
      report(['topLevel', module], `topLevel[${JSON.stringify(module)}]`, 'the module is new in this version: all its top-level code runs when the update loads it; remove this entry');
      continue;
    }
    if (!isRecord(decisions)) continue;
    const keys = new Set((meta.topLevel ?? []).map((s) => s.key));
    for (const [key, decision] of Object.entries(decisions)) {
      const entry = `topLevel[${JSON.stringify(module)}][${JSON.stringify(key)}]`;
      if (!keys.has(key)) {
        const near = nearest(key, keys);
        report(['topLevel', module, key], entry, `no top-level statement with this key in the new ${module}${near ? ` (did you mean '${near}'?)` : ''}; keys are the statement's text with its functions written ƒ`);
      } else if (decision === 'TODO') {
        report(['topLevel', module, key], entry, "still TODO: replace it with 'run' (the update runs the statement again, in the new version) or 'skip'");
      }
    }
  }
  for (const module of patch.modules.changed) {
    const meta = newModules.get(module);
    const oldMeta = oldModules.get(module);
    if (!meta || !oldMeta) continue;
    const decided = isRecord(topLevel[module]) ? topLevel[module] as Record<string, unknown> : {};
    for (const plan of compareTopLevel(oldMeta, meta).plans) {
      if (!needsDecision(plan) || Object.hasOwn(decided, plan.statement.key)) continue;
      const why = plan.fate === 'new' ? 'new in this version' : `called on ${plan.statement.on}, which the module defines (it may set up the new ${plan.statement.on})`;
      report(['topLevel'], `topLevel[${JSON.stringify(module)}][${JSON.stringify(plan.statement.key)}]`,
        `no decision for the top-level statement at new line ${plan.statement.line} (${why}): say 'run' or 'skip'`);
    }
  }
  const after = isRecord(mapping.after) ? mapping.after : {};
  for (const module of Object.keys(after)) {
    if (!newModules.has(module)) {
      const near = nearest(module, moduleNames);
      report(['after', module], `after[${JSON.stringify(module)}]`, `no module with this path in the new version${near ? ` (did you mean '${near}'?)` : ''}`);
    }
  }
}

/**
 * mapping.js: the checked mapping as the runtime loads it, synchronously, in the middle of an
 * update: a function body taking (module, require) whose `module.exports` is the mapping object.
 * Its first line records the hash of the mapping.ts it was made from; the runtime refuses a
 * mapping.js older than mapping.ts ("run restack check").
 */
export function mappingScript(stripped: string, source: string): string {
  const ast = parse(stripped, { sourceType: 'module' });
  const body: t.Statement[] = [];
  const exportsTo = (value: t.Expression): t.Statement =>
    t.expressionStatement(t.assignmentExpression('=', t.memberExpression(t.identifier('module'), t.identifier('exports')), value));
  // Each statement keeps its line (retainLines), so a stack trace of mapping.js points into mapping.ts.
  const keep = <N extends t.Node>(n: N, from: t.Node): N => {
    n.loc = from.loc;
    return n;
  };
  let defaultLater: t.Statement | null = null;
  for (const s of ast.program.body) {
    if (t.isImportDeclaration(s)) {
      if (s.importKind === 'type') continue;
      const req = t.callExpression(t.identifier('require'), [t.stringLiteral(s.source.value)]);
      // One require per declaration, as an import evaluates the module once.
      const ns = s.specifiers.length > 1 ? t.identifier(`__rs_import${body.length}`) : null;
      if (ns) body.push(keep(t.variableDeclaration('const', [t.variableDeclarator(ns, req)]), s));
      const from = ns ?? req;
      for (const sp of s.specifiers) {
        const value = t.isImportNamespaceSpecifier(sp) || t.isImportDefaultSpecifier(sp) ? t.cloneNode(from)
          : t.memberExpression(t.cloneNode(from), t.stringLiteral(t.isIdentifier(sp.imported) ? sp.imported.name : sp.imported.value), true);
        body.push(keep(t.variableDeclaration('const', [t.variableDeclarator(t.identifier(sp.local.name), value)]), s));
      }
      if (!s.specifiers.length) body.push(keep(t.expressionStatement(req), s));
    } else if (t.isExportDefaultDeclaration(s)) {
      const d = s.declaration;
      const value = t.isExpression(d) ? d : t.isFunctionDeclaration(d) ? t.functionExpression(d.id, d.params, d.body, d.generator, d.async)
        : t.isClassDeclaration(d) ? t.classExpression(d.id, d.superClass, d.body, d.decorators) : null;
      if (!value) throw new Error('the default export must be the mapping object (`export default { ... } satisfies Mapping`)');
      body.push(keep(exportsTo(value), s));
    } else if (t.isExportNamedDeclaration(s)) {
      if (s.declaration) body.push(s.declaration);
      for (const sp of s.specifiers) {
        // `export { mapping as default }`: exported once the whole module has run, as its binding is then.
        if (t.isExportSpecifier(sp) && (t.isIdentifier(sp.exported) ? sp.exported.name : sp.exported.value) === 'default') {
          defaultLater = exportsTo(t.identifier(sp.local.name));
        }
      }
    } else {
      body.push(s);
    }
  }
  if (defaultLater) body.push(defaultLater);
  const code = generate(t.program(body, [t.directive(t.directiveLiteral('use strict'))]), { retainLines: true }).code;
  return `${mappingHeader(source)}\n${code}\n`;
}

/** Why a pairing of patch.json is a guess, for messages. */
function guessReason(f: FunctionEntry): string {
  if (f.match?.by === 'similarity') return `matched by similarity, score ${f.match.score.toFixed(2)}`;
  if (f.match?.by === 'position') return 'the same id, but one that tells functions of one name apart only by order, and the text changed';
  return 'not certain';
}

interface Context {
  newFns: Map<string, { fn: FunctionMeta; module: ModuleMeta }>;
  /** What restack patch found for this function (patch.json), if it listed it. */
  generated?: FunctionEntry;
  report: (path: ReadonlyArray<string | number>, entry: string | null, message: string) => void;
  stats: CheckResult['stats'];
  /** What `restack patch` inferred for this function (patch.json), when it has a counterpart. */
  inferred: { to: string; cps: CpMapping[] } | null;
}

/**
 * A CP mapped where `restack patch` found that the frame's temporaries would carry partial results
 * of code that changed (align.ts): each such temporary needs a source in vars, so that carrying
 * the old value is a decision ({ from: oldName }), not an accident.
 */
function checkPartials(p: NonNullable<CpMapping['partials']>, cp: CpMeta, target: number, o: {
  vars: Record<string, unknown>; hasFrame: boolean; path: string[]; entry: string; report: Context['report'];
}): void {
  const code = (text: string | null): string => (text === null ? 'unknown' : `\`${text.split('\n').filter(Boolean).join(' ... ') || '(nothing)'}\``);
  for (const [temp, from] of Object.entries(p.temps)) {
    const src = o.vars[temp];
    if (src === undefined) {
      o.report(o.path, o.entry, `mapped to new cp ${target}, the temporary ${temp} would carry a partial result of the old code (old ${code(p.old)}, new ${code(p.new)}): ` +
        `give it a value in vars.${temp} ('transform' and set next.locals.${temp} in frame(), or { from: '${from}' } to keep the old value), or write 'refuse'`);
    } else if (src === 'transform' && !o.hasFrame) {
      o.report(o.path, o.entry, `vars.${temp} is 'transform': add a frame(old, next) transformer to this entry that sets next.locals.${temp}`);
    } else if (isRecord(src) && typeof src.from === 'string' && !cp.live.includes(src.from)) {
      o.report(o.path, o.entry, `vars.${temp} takes '${src.from}', which is not live at old cp ${cp.cp} (live there: ${cp.live.join(', ') || 'nothing'})`);
    }
  }
}

function checkFunction(oldId: string, oldFn: FunctionMeta, entry: Record<string, unknown>, base: string[], ctx: Context): void {
  const { report, stats } = ctx;
  const to = entry.to;
  const cps = isRecord(entry.cps) ? entry.cps : {};
  const vars = isRecord(entry.vars) ? entry.vars : {};
  const hasFrame = typeof entry.frame === 'function';
  if (hasFrame) stats.transformers++;
  const cpEntry = (cp: CpMeta): string => `${oldId}, old cp ${cp.cp} (${describe(cp)})`;

  // TODOs first: they are what a person looks for.
  for (const [key, v] of Object.entries(cps)) {
    if (v !== 'TODO') continue;
    const cp = oldFn.cps[Number(key)];
    report([...base, 'cps', key], cp ? cpEntry(cp) : `${oldId}, old cp ${key}`, "still TODO: replace it with a new cp number or 'refuse'");
  }
  for (const [name, v] of Object.entries(vars)) {
    if (v === 'TODO') report([...base, 'vars', name], `${oldId}, vars.${name}`, "still TODO: replace it with { from: 'oldName' }, { value: <constant> } or 'transform'");
  }

  for (const key of Object.keys(cps)) {
    if (!/^\d+$/.test(key) || Number(key) >= oldFn.cps.length) {
      report([...base, 'cps', key], `${oldId}, old cp ${key}`, `no such cp in the old version (${cpRange(oldFn)})`);
    }
  }

  if (to === null) {
    for (const [key, v] of Object.entries(cps)) {
      if (typeof v === 'number') report([...base, 'cps', key], `${oldId}, old cp ${key}`, "to is null: frames of this function can only be refused; write 'refuse' or set to");
      if (v === 'refuse') stats.refused++;
    }
    return;
  }
  if (typeof to !== 'string') return;
  let targetId = to;
  if (to === 'TODO') {
    // A guessed pairing: the cps are still checked against the proposed function, so confirming
    // it brings no other error.
    const proposed = ctx.generated?.guess ? ctx.generated.new : null;
    report([...base, 'to'], oldId, proposed
      ? `to is still TODO: restack patch paired it with '${proposed}' by a guess (${guessReason(ctx.generated!)}); write to: '${proposed}' to confirm it, another new function's id, or null`
      : "to is still TODO: write the new function's id, or null (frames of it are refused)");
    if (!proposed) return;
    targetId = proposed;
  }
  const target = ctx.newFns.get(targetId);
  if (!target) {
    const near = nearest(targetId, ctx.newFns.keys());
    report([...base, 'to'], oldId, `to: no function '${targetId}' in the new version${near ? ` (did you mean '${near}'?)` : ''}`);
    return;
  }
  const newFn = target.fn;

  // Every CP where a frame can be suspended must be decided.
  if (oldFn.capturable) {
    for (const cp of oldFn.cps) {
      if (!Object.hasOwn(cps, String(cp.cp))) {
        report([...base, 'cps'], cpEntry(cp), `not mapped: frames may be suspended here; write a new cp of ${targetId} (${cpRange(newFn)}) or 'refuse'`);
      }
    }
  }

  const needed = new Map<string, Array<{ oldCp: CpMeta; newCp: CpMeta }>>();
  for (const [key, v] of Object.entries(cps)) {
    const cp = oldFn.cps[Number(key)];
    if (!cp || !/^\d+$/.test(key)) continue;
    if (v === 'refuse') { stats.refused++; continue; }
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) continue;
    const path = [...base, 'cps', key];
    const next = newFn.cps[v];
    if (!next) {
      report(path, cpEntry(cp), `new cp ${v} does not exist in ${targetId} (${cpRange(newFn)})`);
      continue;
    }
    if (next.kind !== cp.kind) {
      const kind = (k: string): string => (k === 'call' ? 'a call' : k === 'await' ? 'an await' : k === 'yield' ? 'a yield' : 'an update point');
      report(path, cpEntry(cp), `new cp ${v} is ${kind(next.kind)} (${describe(next, 'new')}): a frame suspended at ${kind(cp.kind)} must resume at ${kind(cp.kind)}`);
      continue;
    }
    stats.mapped++;
    const inferred = ctx.inferred?.to === to ? ctx.inferred.cps.find((c) => c.old === cp.cp) : undefined;
    if (inferred?.partials && inferred.proposed === v) checkPartials(inferred.partials, cp, v, { vars, hasFrame, path, entry: cpEntry(cp), report });
    const vm = varMapFor(cp, next);
    for (const name of vm?.fresh ?? []) {
      const list = needed.get(name) ?? [];
      list.push({ oldCp: cp, newCp: next });
      needed.set(name, list);
    }
  }

  // Variables the mapped frames need: each has a usable source.
  for (const [name, uses] of needed) {
    const src = vars[name];
    const where = uses.map((u) => `old cp ${u.oldCp.cp} -> new cp ${u.newCp.cp}`).join(', ');
    if (src === undefined) {
      const temp = name.startsWith('__rst');
      report([...base, 'cps', String(uses[0].oldCp.cp)], `${oldId}, old cp ${uses[0].oldCp.cp} (${describe(uses[0].oldCp)})`, temp
        ? `new cp ${uses[0].newCp.cp} holds an intermediate value of its expression (${name}) the old frame has no counterpart for (${where}); map to another cp or 'refuse'`
        : `the new frame needs '${name}', which the old frame does not have (${where}); add vars.${name}`);
      continue;
    }
    if (isRecord(src) && typeof src.from === 'string') {
      const from = src.from;
      const missing = uses.filter((u) => !u.oldCp.live.includes(from));
      if (missing.length) {
        report([...base, 'vars', name], `${oldId}, vars.${name}`, `'${from}' is not live in the old frame at old cp ${missing.map((u) => u.oldCp.cp).join(', ')} (live there: ${missing[0].oldCp.live.filter((v) => !v.startsWith('__rst')).join(', ') || 'nothing'})`);
      }
    } else if (src === 'transform' && !hasFrame) {
      report([...base, 'vars', name], `${oldId}, vars.${name}`, "'transform' needs a frame(old, next) transformer in this entry that sets next.locals." + name);
    }
  }
  for (const name of Object.keys(vars)) {
    if (!newFn.slots.includes(name)) report([...base, 'vars', name], `${oldId}, vars.${name}`, `'${name}' is not a variable of ${targetId}`);
  }
}

/**
 * The `instances` section: every class patch.json lists (its constructor's fields changed) has an
 * entry, no TODO is left, and every key names a class or constructor function of the old version
 * (`module#Name`: a function with that id, or a class with methods or a constructor).
 */
function checkInstances(raw: unknown, patch: PatchFile, oldFns: Map<string, { fn: FunctionMeta; module: ModuleMeta }>, report: Context['report']): void {
  const instances = isRecord(raw) ? raw : {};
  const entry = (key: string): string => `instances[${JSON.stringify(key)}]`;
  for (const c of patch.instances ?? []) {
    if (Object.hasOwn(instances, c.class)) continue;
    const what = [c.added.length ? `sets ${c.added.join(', ')}` : null, c.changed.length ? `sets ${c.changed.join(', ')} differently` : null,
      c.removed.length ? `no longer sets ${c.removed.join(', ')}` : null].filter(Boolean).join('; ');
    report(['instances'], entry(c.class), `no entry: the new constructor ${what}; write a transformer (self, update) => { ... } for old instances, or null if they need nothing`);
  }
  const classes = new Set<string>(patch.oldClasses ?? []);
  for (const id of oldFns.keys()) {
    const at = id.indexOf('#');
    const first = id.slice(at + 1).split('/')[0];
    classes.add(`${id.slice(0, at)}#${first.split('.')[0]}`);
  }
  for (const [key, v] of Object.entries(instances)) {
    if (v === 'TODO') {
      const listed = (patch.instances ?? []).find((c) => c.class === key);
      const fields = listed ? [...listed.added, ...listed.changed].join(', ') : '';
      report(['instances', key], entry(key), `still TODO: replace it with a transformer (self, update) => { ... }${fields ? ` that sets ${fields} on old instances` : ''}, or null if old instances need nothing`);
    }
    if (!classes.has(key)) {
      const near = nearest(key, classes);
      report(['instances', key], entry(key), `no class or constructor function '${key.slice(key.lastIndexOf('#') + 1)}' in the old version${key.includes('#') ? ` of ${key.slice(0, key.lastIndexOf('#'))}` : " (keys are 'module#Name')"}${near ? ` (did you mean '${near}'?)` : ''}`);
    }
  }
}
