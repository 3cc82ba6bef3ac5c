/**
 * Reads a TypeScript project's tsconfig.json the way tsc does, for what `restack compile` needs:
 * JSON with comments and trailing commas, `extends` (a path or a package, one or a list), the
 * compiler options that decide which files are compiled and how (rootDir, outDir, paths, baseUrl,
 * allowJs, experimentalDecorators, jsx...), and files/include/exclude. Paths in a config are
 * relative to the config that names them, as in tsc (decision 0011).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { CompileError } from '../compiler/errors.js';

export interface Tsconfig {
  /** The tsconfig.json read (absolute). */
  file: string;
  dir: string;
  /** Explicit files (absolute), when the config (or one it extends) lists them. */
  files?: string[];
  /** include and exclude patterns, absolute ('/'-separated). */
  include?: string[];
  exclude?: string[];
  options: {
    rootDir?: string;
    outDir?: string;
    baseUrl?: string;
    paths?: Record<string, string[]>;
    /** The directory `paths` are relative to: baseUrl, else the config that sets paths. */
    pathsBase?: string;
    allowJs?: boolean;
    experimentalDecorators?: boolean;
    emitDecoratorMetadata?: boolean;
    jsx?: string;
    jsxFactory?: string;
    jsxFragmentFactory?: string;
    jsxImportSource?: string;
    module?: string;
  };
}

/** JSON with // and block comments and trailing commas, as tsc accepts it. */
export function parseJsonc(text: string, file: string): unknown {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const comment = text.slice(i, end < 0 ? text.length : end + 2);
      out += comment.replace(/[^\n]/g, ' ');
      i = end < 0 ? text.length : end + 1;
    } else out += c;
  }
  // Trailing commas before } or ] (outside strings: strings were copied whole above, and a comma
  // inside one is followed by more of the string, not by a closing bracket and a quote-free run).
  const cleaned = out.replace(/("(?:[^"\\]|\\.)*")|,(\s*[}\]])/g, (m, str: string | undefined, close: string | undefined) => str ?? close!);
  try {
    return cleaned.trim() === '' ? {} : JSON.parse(cleaned);
  } catch (e) {
    throw new CompileError(`${file}: not valid JSON: ${(e as Error).message}`, file);
  }
}

const posix = (p: string): string => p.split(sep).join('/');

function resolveExtends(spec: string, from: string): string {
  const base = dirname(from);
  if (spec.startsWith('.') || isAbsolute(spec)) {
    const p = resolve(base, spec);
    for (const c of [p, `${p}.json`]) if (existsSync(c) && statSync(c).isFile()) return c;
    throw new CompileError(`${from}: extends "${spec}": no such file (${p})`, from);
  }
  // A package: its tsconfig.json, the file named, or the file with .json added (as tsc).
  const req = createRequire(from);
  for (const c of [spec, `${spec}.json`, `${spec}/tsconfig.json`]) {
    try {
      return req.resolve(c);
    } catch {
      // next form
    }
  }
  throw new CompileError(`${from}: extends "${spec}": not found in node_modules (install the package that holds it)`, from);
}

interface Raw {
  compilerOptions?: Record<string, unknown>;
  files?: string[];
  include?: string[];
  exclude?: string[];
  extends?: string | string[];
}

/** Reads a config and what it extends: later configs override earlier ones, the file itself last. */
export function readTsconfig(file: string, seen: string[] = []): Tsconfig {
  const abs = resolve(file);
  if (seen.includes(abs)) throw new CompileError(`${abs}: extends itself (${[...seen, abs].join(' -> ')})`, abs);
  if (!existsSync(abs)) throw new CompileError(`no such file: ${file}`);
  const raw = parseJsonc(readFileSync(abs, 'utf8'), abs) as Raw;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new CompileError(`${abs}: expected a JSON object`, abs);
  const dir = dirname(abs);
  const configDir = (p: string): string => p.replace(/\$\{configDir\}/g, '.');
  const here = (p: string): string => resolve(dir, configDir(p));
  const pattern = (p: string): string => posix(resolve(dir, configDir(p)));

  let result: Tsconfig = { file: abs, dir, options: {} };
  const bases = raw.extends === undefined ? [] : Array.isArray(raw.extends) ? raw.extends : [raw.extends];
  for (const b of bases) {
    if (typeof b !== 'string') throw new CompileError(`${abs}: "extends" must be a string or a list of strings`, abs);
    const base = readTsconfig(resolveExtends(b, abs), [...seen, abs]);
    result = {
      file: abs, dir,
      files: base.files ?? result.files,
      include: base.include ?? result.include,
      exclude: base.exclude ?? result.exclude,
      options: { ...result.options, ...base.options },
    };
  }
  if (raw.files !== undefined) {
    if (!Array.isArray(raw.files)) throw new CompileError(`${abs}: "files" must be a list`, abs);
    result.files = raw.files.map(here);
  }
  if (raw.include !== undefined) {
    if (!Array.isArray(raw.include)) throw new CompileError(`${abs}: "include" must be a list`, abs);
    result.include = raw.include.map(pattern);
  }
  if (raw.exclude !== undefined) {
    if (!Array.isArray(raw.exclude)) throw new CompileError(`${abs}: "exclude" must be a list`, abs);
    result.exclude = raw.exclude.map(pattern);
  }
  const co = raw.compilerOptions ?? {};
  const o = result.options;
  const str = (k: string): string | undefined => {
    const v = co[k];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') throw new CompileError(`${abs}: compilerOptions.${k} must be a string`, abs);
    return v;
  };
  const bool = (k: string): boolean | undefined => {
    const v = co[k];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'boolean') throw new CompileError(`${abs}: compilerOptions.${k} must be true or false`, abs);
    return v;
  };
  for (const k of ['rootDir', 'outDir', 'baseUrl'] as const) {
    const v = str(k);
    if (v !== undefined) o[k] = here(v);
  }
  if (co.paths !== undefined) {
    if (!co.paths || typeof co.paths !== 'object') throw new CompileError(`${abs}: compilerOptions.paths must be an object`, abs);
    o.paths = co.paths as Record<string, string[]>;
    o.pathsBase = dir;
  }
  for (const k of ['allowJs', 'experimentalDecorators', 'emitDecoratorMetadata'] as const) {
    const v = bool(k);
    if (v !== undefined) o[k] = v;
  }
  for (const k of ['jsx', 'jsxFactory', 'jsxFragmentFactory', 'jsxImportSource', 'module'] as const) {
    const v = str(k);
    if (v !== undefined) o[k] = k === 'jsx' || k === 'module' ? v.toLowerCase() : v;
  }
  // paths are relative to baseUrl when it is set (wherever it was set), else to the config setting paths.
  if (o.paths && o.baseUrl) o.pathsBase = o.baseUrl;
  return result;
}

/** A tsconfig include/exclude pattern as a regular expression over absolute '/'-separated paths. */
export function globToRegExp(pattern: string): RegExp {
  const parts = pattern.split('/');
  let re = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    const last = i === parts.length - 1;
    if (part === '**') {
      re += last ? '(?:/.*)?' : '(?:/[^/]+)*';
      continue;
    }
    const seg = part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
    re += (i === 0 ? '' : '/') + seg;
  }
  // A pattern without a wildcard in its last part may name a directory: everything under it.
  const lastPart = parts[parts.length - 1];
  const tail = /[*?]/.test(lastPart) ? '' : '(?:/.*)?';
  return new RegExp(`^${re}${tail}$`);
}

/** Whether tsc would take a file of the directory walk into the project. */
export function inProject(config: Tsconfig, file: string, outDir: string | undefined): boolean {
  const p = posix(resolve(file));
  if (config.files?.some((f) => posix(f) === p)) return true;
  const include = config.include ?? (config.files ? [] : [posix(join(config.dir, '**/*'))]);
  const exclude = config.exclude ?? [
    ...['node_modules', 'bower_components', 'jspm_packages'].map((d) => posix(join(config.dir, d))),
    ...(outDir ? [posix(outDir)] : []),
  ];
  if (!include.some((g) => globToRegExp(g).test(p))) return false;
  return !exclude.some((g) => globToRegExp(g).test(p));
}

/** The project directory's tsconfig.json, if any. */
export function findTsconfig(dir: string): string | null {
  const p = join(dir, 'tsconfig.json');
  return existsSync(p) ? p : null;
}

export const relPosix = (from: string, to: string): string => posix(relative(from, to));
