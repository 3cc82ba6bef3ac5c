/**
 * Compiles files, directory trees and TypeScript projects into an output directory, keeping
 * relative paths. Next to each module it writes the source map (`.map`) and restack's metadata
 * (`.restack.json`); package.json files are copied so module kinds resolve the same way in the
 * output.
 *
 * Everything is planned before anything is written: which files are compiled, copied or skipped
 * (and why), where each lands (two inputs may not land on one output path), and which import
 * specifiers must change for Node to find the compiled files (decision 0011).
 */
import { copyFileSync, existsSync, mkdirSync, openSync, readSync, closeSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { compile, type CompileOptions, type CompileResult } from '../compiler/pipeline.js';
import { CompileError } from '../compiler/errors.js';
import type { JsxTransform } from '../compiler/sourceTransforms.js';
import { META_SUFFIX } from '../contract/bundle.js';
import { RUNTIME_KEY, type CallPointPolicy, type ModuleMeta, type UpdatePointPolicy } from '../contract/index.js';
import { findTsconfig, inProject, readTsconfig, type Tsconfig } from './tsconfig.js';
import { configuredSelection, planDependencies, type DependencyRequest, type DependencySelection } from './dependencies.js';
import { CompileCache, defaultCacheDir } from './compileCache.js';

/** What the compiler compiles: JavaScript and TypeScript, with JSX in .jsx and .tsx. */
const SOURCE = /\.(m|c)?(js|ts)$|\.(jsx|tsx)$/;
const TS_SOURCE = /\.(m|c)?ts$|\.tsx$/;
/** TypeScript declaration files: no code, nothing to compile or copy. */
const DECLARATION = /\.d\.(m|c)?ts$|\.d\.[^.]+\.ts$/;

export interface SkippedFile {
  /** The file or directory, as reached from the inputs. */
  file: string;
  reason: string;
}

export interface TreeResult {
  modules: ModuleMeta[];
  /** Files and directories not compiled, each with why. */
  skipped: SkippedFile[];
  /** Files copied as they are (package.json, JSON data). */
  copied: number;
  /** The output directory (from -o, or the project's outDir). */
  outDir: string;
  /** The tsconfig.json read, if the input was a TypeScript project. */
  project?: string;
  /** Where the output differs from what tsc would emit for the project. */
  notes: string[];
  /** The program's npm dependencies, when some were compiled (decision 0013). */
  dependencies?: DependenciesResult;
  /** Package modules taken from the compile cache, and compiled (and then kept in it). */
  cache?: { dir: string; hits: number; misses: number };
}

export interface DependenciesResult {
  /** `--deps`, or the package.json whose `restack.dependencies` chose them. */
  source: string;
  /** Paths (`node_modules/express`) of the packages compiled. */
  compiled: string[];
  /** How many production packages were copied as they are. */
  copied: number;
  /** How many of their modules were compiled. */
  modules: number;
  /** Time spent compiling them (and copying the packages' other files), in milliseconds. */
  ms: number;
  /** Packages and files chosen but not compiled, and lockfile entries not installed (also in the tree's `skipped`). */
  skipped: SkippedFile[];
  /** What told the production packages: package-lock.json's `packages`, or package.json's dependencies followed. */
  from: 'package-lock.json' | 'package.json';
}

export interface TreeOptions {
  updatePoints: UpdatePointPolicy;
  callPoints?: CallPointPolicy;
  /** A tsconfig.json (or a directory holding one): compile that project. */
  project?: string;
  /**
   * Compile these npm packages of the program (`--deps`); without it, those its package.json's
   * `restack.dependencies` names, if any.
   */
  dependencies?: DependencySelection;
  /**
   * Where compiled package modules are kept between compiles (cli/compileCache.ts): a directory,
   * or false for none. Default: defaultCacheDir().
   */
  cache?: string | false;
}

export function outName(file: string): string {
  if (DECLARATION.test(file)) return file;
  return file.replace(/\.(ts|tsx|jsx)$/, '.js').replace(/\.mts$/, '.mjs').replace(/\.cts$/, '.cjs');
}

/** The module kind Node would give the file: by extension, else by the nearest package.json. */
export function sourceTypeOf(file: string): 'module' | 'commonjs' | 'auto' {
  const ext = extname(file);
  if (ext === '.mjs' || ext === '.mts') return 'module';
  if (ext === '.cjs' || ext === '.cts') return 'commonjs';
  for (let dir = dirname(resolve(file)); ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        const type = (JSON.parse(readFileSync(pkg, 'utf8')) as { type?: string }).type;
        return type === 'module' ? 'module' : 'auto';
      } catch {
        return 'auto';
      }
    }
    if (dirname(dir) === dir) return 'auto';
  }
}

/** Whether a file is restack's own output: its metadata is next to it, or it starts with the runtime header. */
export function isRestackOutput(file: string): boolean {
  if (existsSync(`${file}${META_SUFFIX}`)) return true;
  if (!/\.(m|c)?js$/.test(file)) return false;
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const buf = Buffer.alloc(512);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString('utf8').includes(`Symbol.for("${RUNTIME_KEY}")`);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A module to compile or a file to copy, and where it goes. */
interface Unit {
  file: string;
  /** Path relative to its root, '/'-separated: the module id. */
  rel: string;
  target: string;
  action: 'compile' | 'copy';
  /** A file of an npm package: one that does not compile is reported and copied, not an error. */
  dependency?: boolean;
}

interface Group {
  /** The directory relative paths start from. */
  root: string;
  /** Whether the root's own package.json (if any) is copied, so no package.json need be written. */
  copiesPackageJson: boolean;
  units: Unit[];
}

const posix = (p: string): string => p.split(sep).join('/');

/** Walks a directory; reports what it does not enter. */
function walk(dir: string, outAbs: string, out: string[], skipped: SkippedFile[]): void {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      skipped.push({ file: p, reason: 'cannot be read (a broken link?)' });
      continue;
    }
    if (isDir) {
      if (resolve(p) === outAbs) skipped.push({ file: p, reason: 'the output directory' });
      else if (name === 'node_modules') skipped.push({ file: p, reason: 'dependencies (node_modules) are not compiled' });
      else if (name.startsWith('.')) skipped.push({ file: p, reason: 'hidden directory' });
      else walk(p, outAbs, out, skipped);
    } else if (!name.startsWith('.')) out.push(p);
  }
}

/** Why a file found in a tree is not compiled, or null when it is. */
function skipReason(file: string, allowJs: boolean): string | null {
  if (DECLARATION.test(file)) return 'TypeScript declaration file';
  if (file.endsWith(META_SUFFIX) || (file.endsWith('.map') && isRestackOutput(file.slice(0, -4)))) return 'restack output';
  if (SOURCE.test(file) && isRestackOutput(file)) return `compiled by restack already (${basename(file)}${META_SUFFIX} or restack's header): compile the sources, not the output`;
  if (!SOURCE.test(file)) return 'not JavaScript or TypeScript';
  if (!allowJs && !TS_SOURCE.test(file)) return 'JavaScript, and tsconfig.json does not set allowJs';
  return null;
}

function commonDir(files: string[]): string {
  let dir = dirname(files[0]);
  for (const f of files) {
    while (relative(dir, f).startsWith('..') || relative(dir, f) === '') dir = dirname(dir);
  }
  return dir;
}

function projectFile(p: string): string {
  const abs = resolve(p);
  if (existsSync(abs) && statSync(abs).isDirectory()) {
    const f = findTsconfig(abs);
    if (!f) throw new CompileError(`no tsconfig.json in ${p}`);
    return f;
  }
  if (!existsSync(abs)) throw new CompileError(`no such file: ${p}`);
  return abs;
}

/** The project's JSX, as tsc's jsx, jsxFactory, jsxFragmentFactory and jsxImportSource say. */
function jsxOf(config: Tsconfig): JsxTransform | undefined {
  const o = config.options;
  switch (o.jsx) {
    case undefined: return undefined;
    case 'react': return { runtime: 'classic', pragma: o.jsxFactory ?? 'React.createElement', pragmaFrag: o.jsxFragmentFactory ?? 'React.Fragment' };
    case 'react-jsx': return { runtime: 'automatic', importSource: o.jsxImportSource ?? 'react' };
    case 'react-jsxdev': return { runtime: 'automatic', importSource: o.jsxImportSource ?? 'react', development: true };
    case 'preserve':
    case 'react-native':
      throw new CompileError(`${config.file}: "jsx": "${o.jsx}" leaves JSX for another tool, and Node cannot run JSX: set "jsx" to "react-jsx" (React's automatic runtime) or "react" (with jsxFactory) for restack compile`, config.file);
    default:
      throw new CompileError(`${config.file}: unknown "jsx": "${o.jsx}" (expected react, react-jsx, react-jsxdev, preserve or react-native)`, config.file);
  }
}

interface Plan {
  groups: Group[];
  skipped: SkippedFile[];
  outDir: string;
  config?: Tsconfig;
}

function planProject(configFile: string, out: string | undefined, skipped: SkippedFile[]): Plan {
  const config = readTsconfig(configFile);
  const o = config.options;
  if (o.emitDecoratorMetadata) {
    throw new CompileError(`${config.file}: "emitDecoratorMetadata" is not supported: restack compiles with Babel, which does not emit design-time type metadata (Reflect.getMetadata('design:type', ...)); ` +
      'remove the option if the program does not read that metadata, or keep compiling this project with tsc', config.file);
  }
  const outArg = out ?? o.outDir;
  if (!outArg) throw new CompileError(`no output directory: give -o <dir>, or set compilerOptions.outDir in ${config.file}`);
  const outDir = resolve(outArg);
  const found: string[] = [];
  walk(config.dir, outDir, found, skipped);
  for (const f of config.files ?? []) {
    if (!existsSync(f)) throw new CompileError(`${config.file}: "files" lists ${f}, which does not exist`, config.file);
    if (!found.includes(f)) found.push(f);
  }
  const compiled: string[] = [];
  const copies: string[] = [];
  for (const file of found) {
    const member = inProject(config, file, o.outDir);
    if (!member) {
      if (SOURCE.test(file) && !DECLARATION.test(file)) skipped.push({ file, reason: `not in the project (include, exclude and files of ${basename(config.file)})` });
      continue;
    }
    const why = skipReason(file, o.allowJs === true);
    if (why === 'not JavaScript or TypeScript' && extname(file) === '.json') copies.push(file);
    else if (why) skipped.push({ file, reason: why });
    else compiled.push(file);
  }
  const rootDir = o.rootDir ?? (compiled.length ? commonDir(compiled) : config.dir);
  for (const f of compiled) {
    if (relative(rootDir, f).startsWith('..')) {
      throw new CompileError(`${f} is not under rootDir ${rootDir} (${config.file}): the output would leave the output directory; move the file, or change rootDir or include`, config.file);
    }
  }
  const units: Unit[] = compiled.map((file) => {
    const rel = posix(relative(rootDir, file));
    return { file, rel, target: join(outDir, outName(rel)), action: 'compile' };
  });
  for (const file of copies) {
    const rel = relative(rootDir, file);
    if (rel.startsWith('..') || /^tsconfig(\..*)?\.json$/.test(basename(file))) continue;
    units.push({ file, rel: posix(rel), target: join(outDir, rel), action: 'copy' });
  }
  return { groups: [{ root: rootDir, copiesPackageJson: existsSync(join(rootDir, 'package.json')), units }], skipped, outDir, config };
}

function planInputs(inputs: string[], out: string, skipped: SkippedFile[]): Plan {
  const outDir = resolve(out);
  const groups: Group[] = [];
  for (const input of inputs) {
    if (!existsSync(input)) throw new CompileError(`no such file or directory: ${input}`);
    const isDir = statSync(input).isDirectory();
    if (isDir && resolve(input) === outDir) throw new CompileError(`${input} is the output directory: compile the sources into another directory`);
    const files: string[] = [];
    if (isDir) walk(input, outDir, files, skipped);
    else files.push(input);
    const root = isDir ? input : dirname(input);
    const units: Unit[] = [];
    for (const file of files) {
      const rel = relative(root, file);
      const target = join(outDir, outName(rel));
      const why = skipReason(file, true);
      if (why === 'not JavaScript or TypeScript' && extname(file) === '.json') units.push({ file, rel: posix(rel), target, action: 'copy' });
      else if (why) skipped.push({ file, reason: why });
      else units.push({ file, rel: posix(rel), target, action: 'compile' });
    }
    groups.push({ root, copiesPackageJson: isDir && existsSync(join(input, 'package.json')), units });
  }
  return { groups, skipped, outDir };
}

/**
 * The specifier an import must have in the output for Node to load the compiled file it names,
 * or undefined to keep it: a `.ts`/`.tsx`/`.jsx` extension, a name a tsconfig `paths` entry
 * (or `baseUrl`) maps, and in a project or TypeScript module an extensionless relative specifier
 * Node would not resolve in the output.
 */
function specifierResolver(from: Unit, targets: Map<string, string>, config: Tsconfig | undefined): (spec: string) => string | undefined {
  const probing = config !== undefined || TS_SOURCE.test(from.file);
  const fromOut = from.target;
  const probe = (base: string): string | undefined => {
    if (targets.has(base)) return base;
    if (!probing) return undefined;
    const swapped = base.replace(/\.js$/, '.ts').replace(/\.mjs$/, '.mts').replace(/\.cjs$/, '.cts');
    if (swapped !== base && targets.has(swapped)) return swapped;
    if (/\.jsx?$/.test(base) && targets.has(base.replace(/\.jsx?$/, '.tsx'))) return base.replace(/\.jsx?$/, '.tsx');
    for (const ext of ['.ts', '.tsx', '.js', '.jsx', '.mts', '.cts', '.mjs', '.cjs']) if (targets.has(base + ext)) return base + ext;
    for (const ext of ['.ts', '.tsx', '.js', '.jsx']) if (targets.has(join(base, `index${ext}`))) return join(base, `index${ext}`);
    return undefined;
  };
  const mapped = (spec: string): string[] => {
    const o = config?.options;
    if (!o) return [];
    const out: string[] = [];
    if (o.paths && o.pathsBase) {
      let best: { prefix: number; subs: string[]; star: string } | null = null;
      for (const [key, subs] of Object.entries(o.paths)) {
        const star = key.indexOf('*');
        if (star < 0) {
          if (key === spec) { best = { prefix: Infinity, subs, star: '' }; break; }
          continue;
        }
        const pre = key.slice(0, star);
        const post = key.slice(star + 1);
        if (spec.length >= pre.length + post.length && spec.startsWith(pre) && spec.endsWith(post) && (!best || pre.length > best.prefix)) {
          best = { prefix: pre.length, subs, star: spec.slice(pre.length, spec.length - post.length) };
        }
      }
      if (best) for (const s of best.subs) out.push(resolve(o.pathsBase, s.replace('*', best.star)));
    }
    if (o.baseUrl) out.push(resolve(o.baseUrl, spec));
    return out;
  };
  return (spec: string): string | undefined => {
    const relativeSpec = spec.startsWith('./') || spec.startsWith('../') || spec === '.' || spec === '..';
    const viaConfig = !relativeSpec && !spec.startsWith('/') && !spec.includes(':');
    const bases = relativeSpec ? [resolve(dirname(from.file), spec)] : viaConfig ? mapped(spec) : [];
    for (const base of bases) {
      const source = probe(base);
      if (!source) continue;
      const target = targets.get(source)!;
      if (relativeSpec) {
        // Kept when Node finds the compiled file by the specifier as written.
        // (An extensionless one is completed even in CommonJS, which would find the same file.)
        if (resolve(dirname(fromOut), spec) === target) return undefined;
      }
      let next = posix(relative(dirname(fromOut), target));
      if (!next.startsWith('.')) next = `./${next}`;
      return next;
    }
    return undefined;
  };
}

export function compileTree(inputs: string[], outDir: string | undefined, options: TreeOptions): TreeResult {
  const skipped: SkippedFile[] = [];
  let configFile: string | null = null;
  if (options.project !== undefined) {
    if (inputs.length) throw new CompileError(`give either a project (-p ${options.project}) or files and directories, not both`);
    configFile = projectFile(options.project);
  } else if (inputs.length === 1 && existsSync(inputs[0]) && statSync(inputs[0]).isDirectory()) {
    configFile = findTsconfig(resolve(inputs[0]));
  }
  if (!configFile && !inputs.length) throw new CompileError('nothing to compile: give files or directories, or a project with -p <tsconfig.json>');
  if (!configFile && outDir === undefined) throw new CompileError('no output directory: give -o <dir> (or compile a TypeScript project whose tsconfig.json sets outDir)');
  const plan = configFile ? planProject(configFile, outDir, skipped) : planInputs(inputs, outDir!, skipped);
  const deps = planDependencyGroup(plan, inputs, options.dependencies);

  // One source per output path, before anything is written.
  const byTarget = new Map<string, Unit>();
  for (const g of plan.groups) {
    g.units = g.units.filter((u) => {
      const other = byTarget.get(u.target);
      if (!other) {
        byTarget.set(u.target, u);
        return true;
      }
      if (resolve(other.file) === resolve(u.file)) return false;
      throw new CompileError(`${other.file} and ${u.file} would both be written to ${u.target} (module id ${u.rel}): ` +
        'compile them into separate output directories, or compile a directory that holds both (paths are kept relative to it)');
    });
  }
  const targets = new Map<string, string>();
  for (const u of byTarget.values()) if (u.action === 'compile') targets.set(resolve(u.file), resolve(u.target));
  const config = plan.config;
  const jsx = config ? jsxOf(config) : undefined;
  const decorators = config?.options.experimentalDecorators ? 'legacy' as const : undefined;

  const cacheDir = options.cache === undefined ? defaultCacheDir() : options.cache || null;
  const cache = cacheDir ? new CompileCache(cacheDir) : null;
  /** compile() of a package module, through the cache (a program's own files depend on more: see compileCache.ts). */
  const compileDependency = (source: string, o: CompileOptions): CompileResult => {
    if (!cache) return compile(source, o);
    const key = cache.key(source, o);
    const kept = cache.get(key);
    if (kept) return kept;
    const result = compile(source, o);
    cache.put(key, result);
    return result;
  };
  const modules: ModuleMeta[] = [];
  /** The compiled ES modules with relative imports, by output path: the import graph. */
  const esModules = new Map<string, EsModuleUnit>();
  let copied = 0;
  for (const g of plan.groups) {
    const kinds: Array<{ file: string; kind: string }> = [];
    const started = performance.now();
    for (const u of g.units) {
      mkdirSync(dirname(u.target), { recursive: true });
      if (u.action === 'copy') {
        copyFileSync(u.file, u.target);
        copied++;
        continue;
      }
      const source = readFileSync(u.file, 'utf8');
      const compileOptions = {
        filename: u.rel,
        sourceType: sourceTypeOf(u.file),
        updatePoints: options.updatePoints,
        callPoints: options.callPoints,
      };
      let result: ReturnType<typeof compile>;
      let fullOptions: CompileOptions = compileOptions;
      if (u.dependency) {
        // A package's file the compiler rejects stays as the package ships it; the rest go on.
        try {
          result = compileDependency(source, compileOptions);
        } catch (e) {
          // Too deep for this stack is not the module's fault: the CLI compiles again with a larger one.
          if ((e as { stackOverflow?: boolean }).stackOverflow) throw e;
          const skip = { file: u.rel, reason: `does not compile, copied as it is: ${(e as Error).message.split('\n')[0]}` };
          plan.skipped.push(skip);
          deps!.result.skipped.push(skip);
          copyFileSync(u.file, u.target);
          copied++;
          continue;
        }
        deps!.result.modules++;
      } else {
        fullOptions = {
          ...compileOptions,
          transforms: { decorators, jsx, specifiers: specifierResolver({ ...u, file: resolve(u.file), target: resolve(u.target) }, targets, config) },
        };
        result = compile(source, fullOptions);
      }
      writeCompiled(u.target, result);
      if (result.imports.length) {
        const from = dirname(resolve(u.target));
        const edges = result.imports.filter((x) => x.startsWith('./') || x.startsWith('../')).map((x) => resolve(from, x));
        esModules.set(resolve(u.target), { unit: u, source, options: fullOptions, index: modules.length, edges });
      }
      modules.push(result.metadata);
      kinds.push({ file: u.rel, kind: result.metadata.sourceKind });
    }
    if (deps && g === deps.group) deps.result.ms = performance.now() - started;
    if (!kinds.length) continue;
    // Keep the module kind of plain .js files: the output directory may have no package.json.
    // Without a "type", Node tells ES modules by their syntax and so did the compiler: the output
    // says what they turned out to be (an explicit type turns Node's detection off).
    if (!g.copiesPackageJson) {
      let type = sourceTypeOf(join(g.root, 'x.js')) === 'module' ? 'module' : 'commonjs';
      if (type === 'commonjs') {
        const plain = kinds.filter((k) => /\.(js|ts|jsx|tsx)$/.test(k.file));
        const esm = plain.find((k) => k.kind === 'module');
        const cjs = plain.find((k) => k.kind !== 'module');
        if (esm && cjs) {
          throw new CompileError(`${esm.file} is an ES module and ${cjs.file} is CommonJS, and no package.json says which kind .js files are: ` +
            'add one with "type" (and .mjs/.cjs for the others), so the compiled files load as the same kinds');
        }
        if (esm) type = 'module';
      }
      mkdirSync(plan.outDir, { recursive: true });
      writeFileSync(join(plan.outDir, 'package.json'), JSON.stringify({ type }) + '\n');
    }
  }
  // ES modules in an import cycle are compiled again with a header their function declarations
  // can run (compile()'s `cycle`): another module of the cycle may call them before their body runs.
  for (const target of modulesInCycles(esModules)) {
    const m = esModules.get(target)!;
    const result = m.unit.dependency ? compileDependency(m.source, { ...m.options, cycle: true }) : compile(m.source, { ...m.options, cycle: true });
    writeCompiled(m.unit.target, result);
    modules[m.index] = result.metadata;
  }
  const notes: string[] = [];
  if (config) {
    // tsc emits CommonJS from import/export under these settings; restack keeps each file's syntax.
    const m = config.options.module;
    const cjsByPackage = (m === 'node16' || m === 'node18' || m === 'nodenext') && plan.groups.some((g) => sourceTypeOf(join(g.root, 'x.ts')) !== 'module');
    const esm = modules.filter((x) => x.sourceKind === 'module' && /\.tsx?$/.test(x.module));
    if (esm.length && (m === 'commonjs' || m === 'amd' || m === 'umd' || m === 'system' || cjsByPackage)) {
      notes.push(`${config.file} sets "module": "${m}"${cjsByPackage ? ' without "type": "module" in package.json' : ''}, so tsc would emit CommonJS from import/export; ` +
        `restack keeps them: ${esm.length} module(s) (${esm[0].module}${esm.length > 1 ? ', ...' : ''}) are ES modules in the output`);
    }
  }
  cache?.trim();
  return {
    modules, skipped: plan.skipped, copied, outDir: plan.outDir, notes, ...(config ? { project: config.file } : {}), ...(deps ? { dependencies: deps.result } : {}),
    ...(cache && cache.hits + cache.misses ? { cache: { dir: cache.dir, hits: cache.hits, misses: cache.misses } } : {}),
  };
}

/** A compiled ES module, as needed to find import cycles and compile its members again. */
interface EsModuleUnit {
  unit: Unit;
  source: string;
  options: CompileOptions;
  /** Its index in the tree's module list. */
  index: number;
  /** The output paths its relative imports name. */
  edges: string[];
}

function writeCompiled(target: string, result: CompileResult): void {
  writeFileSync(target, `${result.code}\n//# sourceMappingURL=${basename(target)}.map\n`);
  writeFileSync(`${target}.map`, JSON.stringify(result.map));
  writeFileSync(`${target}${META_SUFFIX}`, JSON.stringify(result.metadata, null, 2));
}

/**
 * The modules that are part of an import cycle (a strongly connected component of more than one
 * module, or a module importing itself), by Tarjan's algorithm, iteratively: a long import chain
 * must not exhaust the stack.
 */
export function modulesInCycles(graph: Map<string, { edges: string[] }>): string[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const found: string[] = [];
  let next = 0;
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work: Array<{ node: string; edge: number }> = [{ node: start, edge: 0 }];
    index.set(start, next); low.set(start, next++); stack.push(start); onStack.add(start);
    while (work.length) {
      const top = work[work.length - 1];
      const edges = graph.get(top.node)!.edges;
      if (top.edge < edges.length) {
        const to = edges[top.edge++];
        if (!graph.has(to)) continue;
        if (!index.has(to)) {
          index.set(to, next); low.set(to, next++); stack.push(to); onStack.add(to);
          work.push({ node: to, edge: 0 });
        } else if (onStack.has(to)) {
          low.set(top.node, Math.min(low.get(top.node)!, index.get(to)!));
        }
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.node)!));
      }
      if (low.get(top.node) !== index.get(top.node)) continue;
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== top.node);
      if (component.length > 1 || edges.includes(top.node)) found.push(...component);
    }
  }
  return found;
}

/**
 * The group of the program's npm dependencies, when `--deps` or package.json's
 * `restack.dependencies` asks for them: the install's node_modules next to the project's
 * package.json (the compiled directory's, or the tsconfig's), placed under `<out>/node_modules`
 * at the same paths, and the lockfile at `<out>/package-lock.json`.
 */
function planDependencyGroup(plan: Plan, inputs: string[], flag: DependencySelection | undefined): { group: Group; result: DependenciesResult } | undefined {
  const single = inputs.length === 1 && statSync(inputs[0]).isDirectory();
  const projectDir = plan.config ? plan.config.dir : single ? resolve(inputs[0]) : undefined;
  let request: DependencyRequest | undefined;
  if (flag !== undefined) {
    if (!projectDir) throw new CompileError('--deps needs the program as one directory with its package.json (restack compile <dir> -o <out> --deps ...), or a project (-p <tsconfig.json>)');
    request = { selection: flag, source: '--deps' };
  } else if (projectDir && existsSync(join(projectDir, 'package.json'))) {
    request = configuredSelection(join(projectDir, 'package.json'));
  }
  if (!request || !projectDir) return undefined;
  const deps = planDependencies(projectDir, request);
  const modulesDir = join(projectDir, 'node_modules');
  const at = plan.skipped.findIndex((s) => resolve(s.file) === modulesDir);
  if (at >= 0) plan.skipped.splice(at, 1);
  plan.skipped.push(...deps.skipped);
  const units: Unit[] = [];
  for (const p of deps.packages) {
    for (const f of p.files) units.push({ file: f.file, rel: f.rel, target: join(plan.outDir, f.rel), action: f.action, dependency: true });
  }
  if (deps.lockfile) units.push({ file: deps.lockfile, rel: 'package-lock.json', target: join(plan.outDir, 'package-lock.json'), action: 'copy' });
  const group: Group = { root: projectDir, copiesPackageJson: true, units };
  plan.groups.push(group);
  const compiled = deps.packages.filter((p) => p.compiled).map((p) => p.path);
  return {
    group,
    result: { source: request.source, compiled, copied: deps.packages.length - compiled.length, modules: 0, ms: 0, skipped: [...deps.skipped], from: deps.from },
  };
}
