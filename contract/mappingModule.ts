/**
 * How a checked mapping (mapping.js) is loaded: one code path for `restack check`, which loads it
 * in its sandbox to read its default export, and for the program, which loads it at the update.
 * So a mapping that check loaded loads at the update, and one the update could not load fails check.
 *
 * mapping.js is a function body taking (module, exports, require), run synchronously (an update
 * happens in the middle of a busy loop: no event loop, no promises). Its `require`:
 *   - `restack/patch` is the running restack's own module (MAPPING_FORMAT, PATCH_FORMAT), wherever
 *     the bundle is;
 *   - Node's builtins (`node:fs`, `events`) are Node's;
 *   - a package is resolved from the bundle's directory, as Node resolves `require` from a file
 *     there, and must be loadable by `require` (an ES module that awaits at its top level is
 *     not, nor any ES module on a Node without require() of ES modules);
 *   - a file (`./helper.js`, an absolute path) is refused: the program loads only the files
 *     `restack check` recorded with their hashes (checked.json), and such a file is not one.
 * The runtime never needs Babel for this: stripping mapping.ts into mapping.js is check's work.
 */
import { builtinModules, createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';

/** The parameters of mapping.js's function. */
export const MAPPING_PARAMS = ['module', 'exports', 'require'];

/** The module specifier of the mapping's types and constants. */
export const RESTACK_PATCH = 'restack/patch';

/** Is this specifier a file rather than a package or builtin? */
export function isFileSpecifier(spec: string): boolean {
  return spec.startsWith('./') || spec.startsWith('../') || spec === '.' || spec === '..' || spec.startsWith('/') || spec.startsWith('file:') || /^[A-Za-z]:[\\/]/.test(spec);
}

const builtins = new Set(builtinModules);

/** Thrown for what the mapping may not load: the message says why and what to write instead. */
export class MappingLoadError extends Error {
  constructor(message: string, readonly specifier?: string) {
    super(message);
    this.name = 'MappingLoadError';
  }
}

/**
 * The `require` mapping.js runs with (see the module comment). `restackPatch` is the running
 * restack's `restack/patch` module.
 */
export function mappingRequire(mappingFile: string, restackPatch: object): (spec: string) => unknown {
  const nodeRequire = createRequire(mappingFile);
  return (spec: string): unknown => {
    if (typeof spec !== 'string') throw new MappingLoadError(`require() needs a module name, got ${typeof spec}`);
    if (spec === RESTACK_PATCH) return restackPatch;
    if (spec.startsWith('node:') || builtins.has(spec)) return nodeRequire(spec);
    if (isFileSpecifier(spec)) {
      throw new MappingLoadError(`the mapping loads the file '${spec}': an update loads only the files restack check recorded (checked.json), ` +
        "and a file the mapping loads is not one of them; put that code in mapping.ts (packages and node: builtins can be imported)", spec);
    }
    try {
      return nodeRequire(spec);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'ERR_REQUIRE_ESM' || code === 'ERR_REQUIRE_ASYNC_MODULE') {
        throw new MappingLoadError(`the package '${spec}' is an ES module that require() cannot load here (${code === 'ERR_REQUIRE_ASYNC_MODULE' ? 'it awaits at its top level' : 'this Node cannot require() ES modules'}), ` +
          'and the mapping is loaded synchronously, in the middle of an update, where nothing can be awaited; use a CommonJS build of it, or do without it', spec);
      }
      if (code === 'MODULE_NOT_FOUND') {
        throw new MappingLoadError(`the package '${spec}' cannot be found from the bundle's directory (${mappingFile.replace(/[\\/][^\\/]*$/, '')}): ` +
          'the mapping resolves packages as Node does from a file there; install it where that directory, or one above it, has node_modules', spec);
      }
      throw e;
    }
  };
}

/**
 * Runs mapping.js and returns its `module.exports`; throws what its top-level code threw (or a
 * SyntaxError, or a MappingLoadError). `file` is where mapping.js sits in the bundle: its name in
 * stack traces and where packages are resolved from.
 */
export function evaluateMappingScript(script: string, file: string, restackPatch: object, cachedData?: Uint8Array): unknown {
  const module = { exports: {} as unknown };
  const fn = vm.compileFunction(script, MAPPING_PARAMS, { filename: pathToFileURL(file).href, cachedData }) as
    (m: typeof module, e: unknown, r: (spec: string) => unknown) => void;
  fn(module, module.exports, mappingRequire(file, restackPatch));
  return module.exports;
}
