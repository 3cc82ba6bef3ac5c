// Projects, not just files: `restack compile` reads a TypeScript project's tsconfig.json as tsc
// does (extends, rootDir/outDir, include/exclude, paths and baseUrl, `.ts` import specifiers,
// decorators, JSX), never compiles its own output, never lets two inputs land on one output path,
// says which files it skipped and why; `restack run` refuses what restack did not compile, and
// starts a CommonJS entry as `node` does (require.main === module).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, run, runCompiled } from './helpers/run.js';

const dir = mkdtempSync(join(tmpdir(), 'restack-projects-'));
const write = (name, text) => { const p = join(dir, name); mkdirSync(join(p, '..'), { recursive: true }); writeFileSync(p, text); return p; };
const restack = (args, opts) => run(process.execPath, [cli, ...args], opts);

/** Runs a compiled entry natively-equivalent and under identity-update storms: the output must not change. */
async function runsAlike(file, expected) {
  for (const storm of [[], ['--storm', '1'], ['--storm', '3']]) {
    const r = await runCompiled(file, storm);
    assert.equal(r.stdout, expected, `${storm.join(' ')}: ${r.stderr}`);
    assert.equal(r.code, 0, r.stderr);
  }
}

test('a TypeScript project: tsconfig with extends, rootDir/outDir, exclude, paths, .ts specifiers and legacy decorators compiles and runs', async () => {
  write('app/package.json', '{ "type": "module" }\n');
  write('app/tsconfig.base.json', [
    '{',
    '  // shared settings, as JSON with comments',
    '  "compilerOptions": {',
    '    "target": "ES2022", /* a block comment with "quotes" */',
    '    "experimentalDecorators": true,',
    '    "baseUrl": ".",',
    '    "paths": { "@lib/*": ["src/lib/*"], "@config": ["src/config.ts"], },',
    '  },',
    '}',
  ].join('\n'));
  write('app/tsconfig.json', JSON.stringify({
    extends: './tsconfig.base.json',
    compilerOptions: { rootDir: 'src', outDir: 'dist', allowImportingTsExtensions: true, noEmit: true, module: 'nodenext' },
    include: ['src'],
    exclude: ['src/**/*.spec.ts'],
  }));
  write('app/src/config.ts', 'export const scale: number = 3;\n');
  write('app/src/lib/log.ts', [
    'export const calls: string[] = [];',
    'export function logged(target: any, key: string, desc: PropertyDescriptor): PropertyDescriptor {',
    '  const f = desc.value;',
    '  desc.value = function (this: unknown, ...args: unknown[]) { calls.push(key); return f.apply(this, args); };',
    '  return desc;',
    '}',
    'export function tag(name: string) { return (cls: Function) => { (cls as any).tag = name; }; }',
    'export const fields: string[] = [];',
    'export function field(target: any, key: string) { fields.push(key); }',
  ].join('\n'));
  write('app/src/util.ts', [
    "import { scale } from '@config';",
    'export function sum(n: number): number { let s = 0; for (let i = 1; i <= n; i++) s += i * scale; return s; }',
  ].join('\n'));
  write('app/src/main.ts', [
    "import { sum } from './util.ts';",
    "import { logged, tag, calls, fields, field } from '@lib/log';",
    "import type { Shape } from './types.ts';",
    "@tag('acc')",
    'class Acc {',
    '  @field base: number = 5;',
    '  @logged add(n: number): number { return this.base + sum(n); }',
    '}',
    '// A derived class: its decorated field is set after super(), beside a private method.',
    'class Sub extends Acc { @field extra: number = 2; #own(): number { return this.extra; } get both(): number { return this.#own() + this.base; } }',
    'const a = new Acc();',
    'const shape: Shape = { n: 10 };',
    'console.log(a.add(shape.n), a.add(100), (Acc as any).tag, calls.join(), fields.join(), new Sub().both);',
  ].join('\n'));
  write('app/src/types.ts', 'export interface Shape { n: number }\n');
  write('app/src/main.spec.ts', 'throw new Error("tests are excluded");\n');
  write('app/src/types.d.ts', 'declare const x: number;\n');

  const r = await restack(['compile', join(dir, 'app')]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /restack: compiled 5 module\(s\) into .*app\/dist \(project .*app\/tsconfig\.json\)/);
  assert.match(r.stdout, /skipped: .*main\.spec\.ts: not in the project \(include, exclude and files of tsconfig\.json\)/);
  assert.match(r.stdout, /skipped: .*types\.d\.ts: TypeScript declaration file/);
  assert.doesNotMatch(r.stdout, /tsc would emit CommonJS/);
  const out = join(dir, 'app/dist');
  assert.ok(existsSync(join(out, 'main.js')) && !existsSync(join(out, 'main.spec.js')) && !existsSync(join(out, 'src')));
  const main = readFileSync(join(out, 'main.js'), 'utf8');
  assert.match(main, /from "\.\/util\.js"/);
  assert.match(main, /from "\.\/lib\/log\.js"/);
  assert.doesNotMatch(main, /from "(@lib[^"]*|@config|[^"]*\.ts)"/);
  assert.match(readFileSync(join(out, 'util.js'), 'utf8'), /from "\.\/config\.js"/);
  const meta = JSON.parse(readFileSync(join(out, 'main.js.restack.json'), 'utf8'));
  assert.equal(meta.module, 'main.ts');
  assert.deepEqual(meta.transforms.specifiers, { './util.ts': './util.js', '@lib/log': './lib/log.js' });
  assert.equal(meta.transforms.decorators, 'legacy');
  await runsAlike(join(out, 'main.js'), '170 15155 acc add,add base,extra 7\n');

  // Compiled again: the output directory (inside the project) is not compiled; the same modules.
  const again = await restack(['compile', join(dir, 'app')]);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /compiled 5 module\(s\)/);
  assert.match(again.stdout, /skipped: .*app\/dist: the output directory/);
});

test('restack patch compiles a project version again with the same transforms', async () => {
  for (const v of ['v1', 'v2']) {
    write(`pv/${v}/package.json`, '{ "type": "module" }\n');
    write(`pv/${v}/tsconfig.json`, '{ "compilerOptions": { "baseUrl": ".", "paths": { "~/*": ["./*"] } } }\n');
    write(`pv/${v}/lib.ts`, `export function k(): number { return ${v === 'v1' ? 1 : 2}; }\n`);
    write(`pv/${v}/main.ts`, "import { k } from '~/lib.ts';\nfunction deco(f: any, _c: unknown) { return f; }\nclass C { @deco m(): number { return k(); } }\nconsole.log(new C().m());\n");
  }
  // v1 compiled into its own directory, as a project with an outDir would be: still a source tree.
  const c = await restack(['compile', join(dir, 'pv/v1'), '-o', join(dir, 'pv/v1/dist'), '--quiet']);
  assert.equal(c.code, 0, c.stderr);
  const r = await restack(['patch', join(dir, 'pv/v1'), join(dir, 'pv/v2'), '-o', join(dir, 'pv/patch')]);
  assert.equal(r.code, 0, r.stderr);
  // The code, without the module's source text it carries for Function.prototype.toString.
  const code = readFileSync(join(dir, 'pv/patch/new/main.js'), 'utf8').split('\nfunction __rsSource()')[0];
  assert.match(code, /\.\/lib\.js/);
  assert.doesNotMatch(code, /~\/lib/);
  const meta = JSON.parse(readFileSync(join(dir, 'pv/patch/new/main.js.restack.json'), 'utf8'));
  assert.equal(meta.transforms.decorators, '2023-11');
  assert.match(r.stdout, /modules: 1 unchanged, 1 changed, 0 added, 0 removed/);
});

test('standard decorators (without experimentalDecorators) compile as the 2023-11 proposal and run', async () => {
  write('std/package.json', '{ "type": "module" }\n');
  write('std/tsconfig.json', '{ "compilerOptions": { "target": "ES2022" } }\n');
  write('std/main.ts', [
    'const log: string[] = [];',
    'function traced<T extends (...a: any[]) => any>(f: T, ctx: ClassMethodDecoratorContext): T {',
    '  return function (this: unknown, ...args: any[]) { log.push(String(ctx.name)); return f.apply(this, args); } as T;',
    '}',
    'function registered(cls: any, ctx: ClassDecoratorContext) { ctx.addInitializer(function () { log.push(`class ${String(ctx.name)}`); }); }',
    '@registered',
    'class Counter {',
    '  accessor count = 0;',
    '  @traced step(n: number): number { for (let i = 0; i < n; i++) this.count++; return this.count; }',
    '}',
    'const c = new Counter();',
    'console.log(c.step(3), c.step(4), log.join());',
  ].join('\n'));
  const r = await restack(['compile', join(dir, 'std'), '-o', join(dir, 'std-out'), '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '');
  await runsAlike(join(dir, 'std-out/main.js'), '3 7 class Counter,step,step\n');
});

test('a project whose tsconfig makes tsc emit CommonJS from import/export is compiled keeping ES modules, and says so', async () => {
  write('cjsnote/tsconfig.json', '{ "compilerOptions": { "module": "commonjs" } }\n');
  write('cjsnote/a.ts', "import { b } from './b';\nconsole.log(b);\n");
  write('cjsnote/b.ts', 'export const b: number = 2;\n');
  const r = await restack(['compile', join(dir, 'cjsnote'), '-o', join(dir, 'cjsnote-out')]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /note: .*tsconfig\.json sets "module": "commonjs", so tsc would emit CommonJS from import\/export; restack keeps them: 2 module\(s\) \(a\.ts, \.\.\.\) are ES modules in the output/);
  // The extensionless specifier is completed, so the ES module output runs.
  await runsAlike(join(dir, 'cjsnote-out/a.js'), '2\n');
});

test('JSX: a project\'s jsx/jsxFactory (classic) and jsxImportSource (automatic), and .jsx files compile with the default automatic runtime', async () => {
  // A small JSX runtime as a package, for the automatic runtime's import.
  write('jsx/node_modules/tiny-jsx/package.json', JSON.stringify({ name: 'tiny-jsx', type: 'module', exports: { './jsx-runtime': './rt.js' } }));
  write('jsx/node_modules/tiny-jsx/rt.js', [
    'const text = (c) => [].concat(c ?? []).flat(Infinity).join("");',
    'const render = (t, p) => typeof t === "function" ? t(p) : `<${t}>${text(p.children)}</${t}>`;',
    'export const Fragment = (p) => text(p.children);',
    'export const jsx = render; export const jsxs = render;',
  ].join('\n'));
  write('jsx/package.json', '{ "type": "module" }\n');
  write('jsx/tsconfig.json', '{ "compilerOptions": { "jsx": "react-jsx", "jsxImportSource": "tiny-jsx", "allowJs": true } }\n');
  write('jsx/item.tsx', 'export function Item({ n }: { n: number }) { return <li>{n * 2}</li>; }\n');
  write('jsx/main.tsx', [
    "import { Item } from './item.tsx';",
    "import { title } from './title.jsx';",
    'const items: number[] = [];',
    'for (let i = 1; i <= 3; i++) items.push(i);',
    'console.log(title(), <ul>{items.map((n) => <Item n={n} />)}<>!</></ul>);',
  ].join('\n'));
  write('jsx/title.jsx', 'export const title = () => <h1>list</h1>;\n');
  const out = join(dir, 'jsx-out');
  const r = await restack(['compile', join(dir, 'jsx'), '-o', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /compiled 3 module\(s\)/);
  assert.match(r.stdout, /skipped: .*node_modules: dependencies \(node_modules\) are not compiled/);
  assert.ok(existsSync(join(out, 'main.js')) && existsSync(join(out, 'title.js')));
  // The runtime package is found from the output as from the sources.
  write('jsx-out/node_modules/tiny-jsx/package.json', readFileSync(join(dir, 'jsx/node_modules/tiny-jsx/package.json'), 'utf8'));
  write('jsx-out/node_modules/tiny-jsx/rt.js', readFileSync(join(dir, 'jsx/node_modules/tiny-jsx/rt.js'), 'utf8'));
  await runsAlike(join(out, 'main.js'), '<h1>list</h1> <ul><li>2</li><li>4</li><li>6</li>!</ul>\n');

  // Classic: jsxFactory names the project's own function, whose import is kept.
  write('classic/package.json', '{ "type": "module" }\n');
  write('classic/tsconfig.json', '{ "compilerOptions": { "jsx": "react", "jsxFactory": "h", "jsxFragmentFactory": "Frag" } }\n');
  write('classic/h.ts', 'export function h(t: string, _p: unknown, ...c: unknown[]): string { return `${t}(${c.join(",")})`; }\nexport const Frag = "frag";\n');
  write('classic/main.tsx', "import { h, Frag } from './h.ts';\nconsole.log(<a>{1}<b /></a>, <>x</>);\n");
  const c = await restack(['compile', join(dir, 'classic'), '-o', join(dir, 'classic-out'), '--quiet']);
  assert.equal(c.code, 0, c.stderr);
  await runsAlike(join(dir, 'classic-out/main.js'), 'a(1,b()) frag(x)\n');

  write('preserve/tsconfig.json', '{ "compilerOptions": { "jsx": "preserve" } }\n');
  write('preserve/a.tsx', 'export const a = <b />;\n');
  const p = await restack(['compile', join(dir, 'preserve'), '-o', join(dir, 'preserve-out')]);
  assert.equal(p.code, 1);
  assert.match(p.stderr, /"jsx": "preserve" leaves JSX for another tool, and Node cannot run JSX: set "jsx" to "react-jsx"/);
});

test('compile never compiles its own output, says what it skipped and why, and fails when nothing was compiled', async () => {
  write('self/main.js', 'console.log("hi");\n');
  write('self/README.md', '# notes\n');
  write('self/node_modules/dep/index.js', 'module.exports = 1;\n');
  write('self/types.d.ts', 'export {};\n');
  const out = join(dir, 'self/out');
  for (let i = 0; i < 2; i++) {
    const r = await restack(['compile', join(dir, 'self'), '-o', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /restack: compiled 1 module\(s\) into .*self\/out: .*; skipped \d+ \(see above\)/);
    if (i === 1) assert.match(r.stdout, /skipped: .*self\/out: the output directory/);
    assert.match(r.stdout, /skipped: .*node_modules: dependencies \(node_modules\) are not compiled/);
    assert.match(r.stdout, /skipped: .*types\.d\.ts: TypeScript declaration file/);
    assert.match(r.stdout, /skipped: 1 file\(s\) that are not JavaScript or TypeScript \(.*README\.md\)/);
  }
  assert.ok(!existsSync(join(out, 'out')));
  // The output given as input: every module is restack's output.
  const again = await restack(['compile', out, '-o', join(dir, 'self-again')]);
  assert.equal(again.code, 1);
  assert.match(again.stdout, /skipped: .*main\.js: compiled by restack already/);
  assert.match(again.stderr, /restack: nothing compiled: no JavaScript or TypeScript module to compile in .*self\/out \(\d+ skipped, see above\)/);
  // Nothing but skipped files, quietly: still an error, with where to look.
  write('empty/notes.txt', 'x\n');
  const e = await restack(['compile', join(dir, 'empty'), '-o', join(dir, 'empty-out'), '--quiet']);
  assert.equal(e.code, 1);
  assert.equal(e.stdout, '');
  assert.match(e.stderr, /nothing compiled: .* \(1 skipped; run without --quiet to see why\)/);
});

test('two inputs that would land on one output path are refused, naming both, before anything is written', async () => {
  const a = write('twice/a/index.js', 'console.log("a");\n');
  const b = write('twice/b/index.js', 'console.log("b");\n');
  const out = join(dir, 'twice-out');
  const r = await restack(['compile', a, b, '-o', out]);
  assert.equal(r.code, 1);
  assert.ok(r.stderr.includes(`restack: ${a} and ${b} would both be written to ${join(out, 'index.js')} (module id index.js)`), r.stderr);
  assert.ok(!existsSync(out), 'nothing written');
  // The same file twice (a directory and a file in it) is one input, not a conflict.
  const ok = await restack(['compile', join(dir, 'twice/a'), a, '-o', out, '--quiet']);
  assert.equal(ok.code, 0, ok.stderr);
});

test('restack run refuses a TypeScript file restack did not compile, with the command to compile it', async () => {
  const src = write('plain/main.ts', 'console.log(1);\n');
  const r = await restack(['run', src]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^restack: .*plain\/main\.ts was not compiled by restack \(no main\.ts\.restack\.json next to it\): restack run runs compiled programs; compile it first, e\.g\. `restack compile .*plain -o build`, then run `restack run build\/main\.js`\n$/);
  // Plain JavaScript Node can run still runs (its code is not updatable); the note is for terminals only.
  const js = await restack(['run', write('plain/main.cjs', 'console.log(require.main === module);\n')]);
  assert.equal(js.code, 0, js.stderr);
  assert.equal(js.stdout, 'true\n');
  assert.equal(js.stderr, '');
  const missing = await restack(['run', join(dir, 'plain/nope.js')]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /^restack: no such file: .*nope\.js\n$/);
});

test('a CommonJS entry run by restack run is require.main, as under node', async () => {
  write('cjs/package.json', '{ "type": "commonjs" }\n');
  write('cjs/lib.js', 'exports.isMain = require.main === module;\nexports.mainFile = () => require.main && require.main.filename;\n');
  write('cjs/main.js', [
    'const lib = require("./lib.js");',
    'function main() { let s = 0; for (let i = 0; i < 10; i++) s += i; console.log("main", s, lib.isMain, lib.mainFile() === __filename, module.id); }',
    'if (require.main === module) main();',
  ].join('\n'));
  const out = join(dir, 'cjs-out');
  const r = await restack(['compile', join(dir, 'cjs'), '-o', out, '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  const native = await run(process.execPath, [join(dir, 'cjs/main.js')]);
  assert.equal(native.stdout, 'main 45 false true .\n');
  await runsAlike(join(out, 'main.js'), native.stdout);
});
