// acorn (the JavaScript parser): parse about 1.5 MB of real-world JavaScript (the CommonJS builds of
// several Babel packages) with ecmaVersion 'latest' and locations, then walk every AST counting
// node types. A recursive-descent parser: many small calls, string and character scanning.
import * as acorn from 'acorn';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const meta = {
  name: 'acorn',
  kind: 'library',
  description: `acorn ${acorn.version}: parse ~1.5 MB of Babel's published JavaScript (ecmaVersion latest, locations) and walk the ASTs`,
  packages: ['acorn'],
};

// The input is the published code of packages restack itself depends on, never of a package the
// benchmark compiles: a compiled workload resolves the compiled packages to their compiled copies,
// whose text differs, so the input would differ. The packages are looked up from this module, then
// from the driver script and the working directory (a compiled workload may live outside the
// project, e.g. in a temporary directory).
const INPUT_PACKAGES = ['@babel/parser', '@babel/types', '@babel/traverse', '@babel/generator', '@babel/core'];

function packageDir(name) {
  const anchors = [import.meta.url, process.argv[1] && pathToFileURL(process.argv[1]).href, pathToFileURL(join(process.cwd(), 'x.js')).href];
  for (const anchor of anchors) {
    if (!anchor) continue;
    try {
      return dirname(createRequire(anchor).resolve(`${name}/package.json`));
    } catch {
      // try the next anchor
    }
  }
  throw new Error(`acorn workload: cannot find the package ${name} (its files are the parser's input)`);
}

function jsFiles(dir, out) {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) jsFiles(p, out);
    else if (e.name.endsWith('.js')) out.push(p);
  }
  return out;
}

export function setup(size) {
  const files = [];
  for (const name of INPUT_PACKAGES) {
    const lib = join(packageDir(name), 'lib');
    if (existsSync(lib)) jsFiles(lib, files);
  }
  const limit = size === 'smoke' ? 30_000 : Infinity;
  const sources = [];
  let chars = 0;
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    if (chars + text.length > limit) continue;
    sources.push(text);
    chars += text.length;
  }
  if (sources.length === 0) throw new Error('acorn workload: no input files found');
  return { sources, chars };
}

// Keys that never hold a child node (a Literal's `value` may be a RegExp, which has no `type`).
const SKIP = new Set(['type', 'start', 'end', 'loc', 'range', 'regex', 'raw', 'bigint', 'name', 'operator', 'kind', 'sourceType']);

// Iterative walk over every node (any object with a string `type`), counting node types.
function countTypes(ast, counts) {
  const stack = [ast];
  let nodes = 0;
  let lines = 0;
  while (stack.length > 0) {
    const node = stack.pop();
    nodes++;
    counts.set(node.type, (counts.get(node.type) ?? 0) + 1);
    lines += node.loc.end.line - node.loc.start.line;
    for (const key in node) {
      if (SKIP.has(key)) continue;
      const v = node[key];
      if (v === null || typeof v !== 'object') continue;
      if (Array.isArray(v)) {
        for (let i = v.length - 1; i >= 0; i--) if (v[i] !== null && typeof v[i].type === 'string') stack.push(v[i]);
      } else if (typeof v.type === 'string') {
        stack.push(v);
      }
    }
  }
  return nodes + lines;
}

function fnv(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

export function run({ sources }) {
  const counts = new Map();
  let weight = 0;
  let comments = 0;
  for (const source of sources) {
    let ast;
    const options = { ecmaVersion: 'latest', locations: true, allowReturnOutsideFunction: true, onComment: () => { comments++; } };
    try {
      ast = acorn.parse(source, { ...options, sourceType: 'script' });
    } catch {
      ast = acorn.parse(source, { ...options, sourceType: 'module' });
    }
    weight += countTypes(ast, counts);
  }
  let nodes = 0;
  for (const c of counts.values()) nodes += c;
  const table = [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([t, c]) => `${t}=${c}`).join(',');
  return `${nodes}:${counts.get('Identifier') ?? 0}:${counts.get('CallExpression') ?? 0}:${counts.get('FunctionExpression') ?? 0}:${comments}:${weight}:${fnv(table)}`;
}
