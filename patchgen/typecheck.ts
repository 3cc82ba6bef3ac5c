/**
 * Type-checking mapping.ts for `restack check`, with the TypeScript compiler when one can be
 * found: the project's (resolved from the bundle's directory, as the mapping's imports are), else
 * the one installed with restack. TypeScript is not one of restack's dependencies
 * (docs/decisions/0009-mapping-loading.md): without it, check validates what the program
 * needs (the mapping loads, has the right shape and fits both versions) and says that the
 * types were not checked.
 *
 * The file is checked as a person editing it sees it: strict, `restack/patch` being the running
 * restack's declarations, packages' types resolved from the bundle's directory. Diagnostics about
 * what loading the mapping decides already (a package without declarations, an ES module imported
 * from a CommonJS-mode file) are left to that load, which runs it as the update will.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CheckProblem } from './check.js';

type TS = typeof import('typescript');

/** restack/patch's declarations: those of the running restack. */
const RESTACK_PATCH_TYPES = fileURLToPath(new URL('./types.d.ts', import.meta.url));

/** Codes left to the load (see the module comment). */
const LEFT_TO_LOAD = new Set([
  7016, // Could not find a declaration file for module
  1479, // The current file is a CommonJS module whose imports will produce 'require' calls...
]);

/** The TypeScript compiler the bundle's directory resolves, else restack's own, else null. */
export function findTypeScript(dir: string): { ts: TS; version: string; from: string } | null {
  for (const base of [join(dir, 'mapping.ts'), fileURLToPath(import.meta.url)]) {
    try {
      const req = createRequire(base);
      const from = req.resolve('typescript');
      const ts = req('typescript') as TS;
      return { ts, version: ts.version, from };
    } catch {
      // Not from there.
    }
  }
  return null;
}

/** node_modules/@types directories from dir up, where the mapping's packages' types are. */
function typeRoots(dir: string): string[] {
  const out: string[] = [];
  for (let d = resolve(dir); ; d = dirname(d)) {
    const p = join(d, 'node_modules', '@types');
    if (existsSync(p)) out.push(p);
    if (dirname(d) === d) break;
  }
  const own = join(dirname(RESTACK_PATCH_TYPES), '..', '..', 'node_modules', '@types');
  if (existsSync(own) && !out.includes(resolve(own))) out.push(resolve(own));
  return out;
}

/** Type errors of mapping.ts (`file`, whose text is `source`), as check problems. */
export function typeCheckMapping(ts: TS, file: string, source: string): CheckProblem[] {
  const target = resolve(file);
  const options: import('typescript').CompilerOptions = {
    strict: true, noEmit: true, skipLibCheck: true, esModuleInterop: true,
    target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
    paths: { 'restack/patch': [RESTACK_PATCH_TYPES] },
    typeRoots: typeRoots(dirname(target)),
  };
  const host = ts.createCompilerHost(options, true);
  const read = host.readFile.bind(host);
  // The very text check validated, whatever is on disk now.
  host.readFile = (name: string): string | undefined => (resolve(name) === target ? source : read(name));
  const program = ts.createProgram({ rootNames: [target], options, host });
  const sf = program.getSourceFile(target);
  if (!sf) return [{ line: 1, column: 1, entry: null, message: 'type check: TypeScript could not read the file' }];
  const diagnostics = [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)];
  const out: CheckProblem[] = [];
  for (const d of diagnostics) {
    if (LEFT_TO_LOAD.has(d.code) || d.start === undefined) continue;
    const { line, character } = sf.getLineAndCharacterOfPosition(d.start);
    out.push({
      line: line + 1, column: character + 1, entry: null,
      message: `type error TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`,
    });
  }
  return out;
}
