// The layers of restack and what each may import (docs/decisions/0006-contract-boundaries.md):
// contract/ is the only thing compiler/ and runtime/ share; the runtime never loads Babel or the
// compiler; patchgen/ reads what the compiler emitted and never the runtime. The import statements
// of every .ts file are parsed (TypeScript's own pre-processor: imports, re-exports, type-only
// imports and import() with a literal specifier) and checked against RULES.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import ts from 'typescript';
import { root } from '../helpers/run.js';

/** Per layer: the project layers it may import, and packages it must not. */
const RULES = {
  contract: { layers: ['contract'], packages: [] },
  compiler: { layers: ['contract', 'compiler'], packages: [] },
  runtime: { layers: ['contract', 'runtime'], packages: ['@babel/', 'typescript'] },
  patchgen: { layers: ['contract', 'compiler', 'patchgen'], packages: [] },
  // The command line and the package's entry point put the layers together.
  cli: { layers: ['contract', 'compiler', 'runtime', 'patchgen', 'cli'], packages: [] },
  '.': { layers: ['contract', 'compiler', 'runtime', 'patchgen', 'cli', '.'], packages: [] },
};

/**
 * Imports that break RULES today. This list must only shrink: a new violation fails the test, and
 * so does an entry whose import is gone (remove it here in the commit that removes the import).
 */
const ALLOWED = [
  // The mapping's types live in patchgen/ (restack/patch exports them to users): they move to contract/.
  'runtime/patch.ts -> patchgen/types.ts',
  'runtime/migrate.ts -> patchgen/types.ts',
  // Compiling a source tree (for a patch's versions) lives in the CLI: it belongs in compiler/.
  'patchgen/load.ts -> cli/compileTree.ts',
];

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** The layer of a project file (path relative to the root, '/'-separated). */
function layerOf(file) {
  const i = file.indexOf('/');
  return i < 0 ? '.' : file.slice(0, i);
}

/** Every .ts source of the layers (not declarations, samples, tests or the build). */
function sources() {
  const out = [];
  const walk = (dir) => {
    for (const name of readdirSync(join(root, dir))) {
      const rel = dir ? `${dir}/${name}` : name;
      if (statSync(join(root, rel)).isDirectory()) walk(rel);
      else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(rel);
    }
  };
  for (const dir of Object.keys(RULES)) {
    if (dir === '.') out.push(...readdirSync(root).filter((n) => n.endsWith('.ts') && !n.endsWith('.d.ts')));
    else walk(dir);
  }
  return out.sort();
}

/**
 * The project file a specifier names (a '.js' import of a '.ts' source, or the package's own
 * exports, `restack/runtime`), or null for another package or a builtin.
 */
function resolveSpecifier(from, spec) {
  if (spec.startsWith('.')) {
    const path = posix.normalize(posix.join(posix.dirname(from), spec));
    const ts = path.replace(/\.js$/, '.ts');
    return existsSync(join(root, ts)) ? ts : path;
  }
  if (spec === pkg.name || spec.startsWith(`${pkg.name}/`)) {
    const target = pkg.exports[`.${spec.slice(pkg.name.length)}`];
    if (typeof target === 'string') return posix.normalize(target).replace(/^dist\//, '').replace(/\.js$/, '.ts');
  }
  return null;
}

/** Specifiers a source imports, by TypeScript's pre-processor (comments and strings are not imports). */
function importsOf(text) {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

/** `from -> to` for every import of `files` (path -> text) that RULES forbid. */
function violations(files) {
  const out = [];
  for (const [file, text] of files) {
    const rule = RULES[layerOf(file)];
    if (!rule) continue;
    for (const spec of importsOf(text)) {
      const target = resolveSpecifier(file, spec);
      if (target !== null) {
        if (!rule.layers.includes(layerOf(target))) out.push(`${file} -> ${target}`);
      } else if (rule.packages.some((p) => spec === p || spec.startsWith(p.endsWith('/') ? p : `${p}/`))) {
        out.push(`${file} -> ${spec}`);
      }
    }
  }
  return out;
}

const files = new Map(sources().map((f) => [f, readFileSync(join(root, f), 'utf8')]));

test('the checker finds imports and flags each kind of forbidden one', () => {
  // The real tree: the parser sees the contract the compiler imports.
  assert.ok(files.has('compiler/pipeline.ts') && files.has('contract/index.ts'));
  assert.ok(importsOf(files.get('compiler/pipeline.ts')).includes('../contract/index.js'));
  assert.deepEqual(violations(new Map([
    ['compiler/passes/x.ts', "import { Engine } from '../../runtime/engine.js';\nimport { R } from '../../contract/index.js';"],
    ['runtime/x.ts', "import type { NodePath } from '@babel/traverse';\nimport * as t from '@babel/types';\nimport { a } from 'node:fs';"],
    ['runtime/y.ts', "export { compile } from '../compiler/pipeline.js';\nconst p = import('../patchgen/patch.js');"],
    ['patchgen/x.ts', "import 'restack/runtime';\nimport { compile } from '../compiler/pipeline.js';"],
    ['contract/x.ts', "import type { Engine } from '../runtime/engine.js';\nimport { R } from './compiled.js';"],
    ['cli/x.ts', "import { Engine } from '../runtime/engine.js';"],
    // Not imports: a comment and a string.
    ['compiler/y.ts', "// import { Engine } from '../runtime/engine.js';\nconst s = \"import '../runtime/engine.js'\";"],
  ])), [
    'compiler/passes/x.ts -> runtime/engine.ts',
    'runtime/x.ts -> @babel/traverse',
    'runtime/x.ts -> @babel/types',
    'runtime/y.ts -> compiler/pipeline.ts',
    'runtime/y.ts -> patchgen/patch.ts',
    'patchgen/x.ts -> runtime/index.ts',
    'contract/x.ts -> runtime/engine.ts',
  ]);
});

test('no layer imports what it must not, beyond the allow-list', () => {
  const found = violations(files);
  const extra = found.filter((v) => !ALLOWED.includes(v));
  assert.deepEqual(extra, [], `forbidden imports (see RULES):\n${extra.join('\n')}`);
});

test('every allow-listed import still exists (the list only shrinks)', () => {
  const found = new Set(violations(files));
  const gone = ALLOWED.filter((v) => !found.has(v));
  assert.deepEqual(gone, [], `no longer imported: remove from ALLOWED:\n${gone.join('\n')}`);
});
