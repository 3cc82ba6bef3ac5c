/**
 * Compiles files and directory trees into an output directory, keeping relative paths. Next to
 * each module it writes the source map (`.map`) and restack's metadata (`.restack.json`);
 * package.json files are copied so module kinds resolve the same way in the output.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { compile } from '../compiler/pipeline.js';
import { CompileError } from '../compiler/errors.js';
import type { CallPointPolicy, ModuleMeta, UpdatePointPolicy } from '../contract/index.js';

const SOURCE = /\.(m|c)?(js|ts)$/;
/** TypeScript declaration files: no code, nothing to compile or copy. */
const DECLARATION = /\.d\.(m|c)?ts$/;

export interface TreeResult {
  modules: ModuleMeta[];
}

function outName(file: string): string {
  if (DECLARATION.test(file)) return file;
  return file.replace(/\.ts$/, '.js').replace(/\.mts$/, '.mjs').replace(/\.cts$/, '.cjs');
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

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
}

export function compileTree(inputs: string[], outDir: string, options: { updatePoints: UpdatePointPolicy; callPoints?: CallPointPolicy }): TreeResult {
  const modules: ModuleMeta[] = [];
  for (const input of inputs) {
    if (!existsSync(input)) throw new CompileError(`no such file or directory: ${input}`);
    const isDir = statSync(input).isDirectory();
    const files: string[] = [];
    if (isDir) walk(input, files);
    else files.push(input);
    const root = isDir ? input : dirname(input);
    const kinds: Array<{ file: string; kind: string }> = [];
    for (const file of files) {
      const rel = relative(root, file);
      const target = join(outDir, outName(rel));
      mkdirSync(dirname(target), { recursive: true });
      if (!SOURCE.test(file) || DECLARATION.test(file)) {
        if (basename(file) === 'package.json' || extname(file) === '.json') copyFileSync(file, target);
        continue;
      }
      const source = readFileSync(file, 'utf8');
      const result = compile(source, {
        filename: rel.split('\\').join('/'),
        sourceType: sourceTypeOf(file),
        updatePoints: options.updatePoints,
        callPoints: options.callPoints,
      });
      writeFileSync(target, `${result.code}\n//# sourceMappingURL=${basename(target)}.map\n`);
      writeFileSync(`${target}.map`, JSON.stringify(result.map));
      writeFileSync(`${target}.restack.json`, JSON.stringify(result.metadata, null, 2));
      modules.push(result.metadata);
      kinds.push({ file: rel, kind: result.metadata.sourceKind });
    }
    // Keep the module kind of plain .js files: the output directory may have no package.json.
    // Without a "type", Node tells ES modules by their syntax and so did the compiler: the output
    // says what they turned out to be (an explicit type turns Node's detection off).
    const pkgOut = join(outDir, 'package.json');
    if (!(isDir && existsSync(join(input, 'package.json')))) {
      let type = sourceTypeOf(join(isDir ? input : dirname(input), 'x.js')) === 'module' ? 'module' : 'commonjs';
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
      mkdirSync(outDir, { recursive: true });
      writeFileSync(pkgOut, JSON.stringify({ type }) + '\n');
    }
  }
  return { modules };
}
