// Function identity across versions: a route inserted before the others in tests/patchgen-fixtures/
// routes leaves every handler paired with its own route (no guess, nothing to decide); functions
// told apart only by their order are paired by their text, and where that is not certain the
// pairing is a GUESS that `restack check` refuses until a person confirms it. End to end: a small
// HTTP server running v1 under `restack run`, updated with `restack update` to v2, answers each old
// route with that route's new handler.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, root } from './helpers/run.js';
import { workspace } from './helpers/versions.js';
import { liveProgram } from './helpers/live.js';

const fixtures = join(root, 'tests/patchgen-fixtures/routes');
const { work, env, restack } = workspace('restack-identity-');
const readJson = (p) => JSON.parse(readFileSync(p, 'utf8'));

const p12 = join(work, 'p12');
const patchOutput = restack('patch', join(fixtures, 'v1'), join(fixtures, 'v2'), '-o', p12);
// Nothing to decide about functions; the new route's registration is a top-level statement new in
// v2 (decision 0010), which the update runs once it is decided 'run'.
const generatedMapping = readFileSync(join(p12, 'mapping.ts'), 'utf8');
writeFileSync(join(p12, 'mapping.ts'), generatedMapping.replace(`"app.get('/new',ƒ)": 'TODO'`, `"app.get('/new',ƒ)": 'run'`));
const checkOutput = restack('check', p12);

/** The route literal on the line where a function of routes.js starts, in version v. */
function routeAt(v, line) {
  const text = readFileSync(join(fixtures, v, 'routes.js'), 'utf8').split('\n')[line - 1];
  return /app\.get\('([^']*)'/.exec(text)?.[1] ?? null;
}

test('a route inserted before the others: every handler is paired with its own route, certainly', () => {
  const patch = readJson(join(p12, 'patch.json'));
  const oldMeta = readJson(join(p12, 'base/routes.js.restack.json'));
  const newMeta = readJson(join(p12, 'new/routes.js.restack.json'));
  const line = (meta, id) => meta.functions.find((f) => f.id === id).loc.line;
  const handlers = patch.functions.filter((f) => f.old?.startsWith('routes.js#'));
  assert.equal(handlers.length, 3);
  for (const f of handlers) {
    const from = routeAt('v1', line(oldMeta, f.old));
    assert.ok(from, `${f.old} is a route handler`);
    assert.equal(routeAt('v2', line(newMeta, f.new)), from, `${f.old} paired with ${f.new}`);
    assert.equal(f.status, 'changed');
    assert.deepEqual(f.match, { by: 'id' });
    assert.equal(f.guess, undefined);
    assert.ok(f.cps.every((c) => c.confident && c.new === c.old), f.old);
  }
  assert.deepEqual(handlers.map((f) => f.old), ["routes.js#app.get('/a',*)", "routes.js#app.get('/b',*)", "routes.js#app.get('/stats',*)"]);
  const added = patch.functions.filter((f) => f.status === 'added').map((f) => f.new);
  assert.deepEqual(added, ["routes.js#app.get('/new',*)"]);
  assert.equal(patch.summary.guesses, 0);
  assert.equal(patch.summary.todos, 1);
  assert.match(patchOutput, /mapping\.ts: 1 TODO \(0 continuation points, 0 variables, 1 top-level statement\)/);
  assert.match(generatedMapping, /"app\.get\('\/new',ƒ\)": 'TODO',/);
  // Ids holding quotes are written double-quoted, as they read.
  const mapping = readFileSync(join(p12, 'mapping.ts'), 'utf8');
  assert.match(mapping, /\n {4}"routes\.js#app\.get\('\/stats',\*\)": \{\n {6}to: "routes\.js#app\.get\('\/stats',\*\)",\n/);
  assert.match(checkOutput, /is valid: 3 function entries, 6 cps mapped to new cps/);
});

test('functions told apart only by order: the same text pairs certainly, a changed one is a GUESS check refuses', () => {
  const dir = join(work, 'positional');
  const source = (v) => {
    const uses = {
      v1: ['(req) => req.one', '(req) => req.two + 1'],
      // A use inserted before both; the second changed.
      v2: ['(req) => req.zero', '(req) => req.one', '(req) => req.two + 2'],
    }[v];
    return `export const used = [];\nexport const app = { use(f) { used.push(f); } };\n${uses.map((u) => `app.use(${u});`).join('\n')}\n`;
  };
  for (const v of ['v1', 'v2']) {
    mkdirSync(join(dir, v), { recursive: true });
    writeFileSync(join(dir, v, 'package.json'), '{"type":"module"}');
    writeFileSync(join(dir, v, 'main.js'), source(v));
  }
  const out = join(dir, 'p');
  const summary = restack('patch', join(dir, 'v1'), join(dir, 'v2'), '-o', out);
  const patch = readJson(join(out, 'patch.json'));
  const meta = readJson(join(out, 'new/main.js.restack.json'));
  assert.deepEqual(meta.functions.filter((f) => f.positional).map((f) => f.id), ['main.js#app.use(*)', 'main.js#app.use(*)~2', 'main.js#app.use(*)~3']);
  const first = patch.functions.find((f) => f.old === 'main.js#app.use(*)');
  // Its text is in v2 once, under the next number: paired with it, certainly.
  assert.equal(first.new, 'main.js#app.use(*)~2');
  assert.deepEqual(first.match, { by: 'text' });
  assert.equal(first.guess, undefined);
  const second = patch.functions.find((f) => f.old === 'main.js#app.use(*)~2');
  assert.equal(second.new, 'main.js#app.use(*)~3');
  assert.equal(second.status, 'changed');
  assert.equal(second.guess, true);
  assert.equal(second.match.by, 'similarity');
  assert.match(summary, /guess: main\.js#app\.use\(\*\)~2 -> main\.js#app\.use\(\*\)~3/);
  // The two statements registering the inserted and the changed callback are new top-level statements too (decision 0010).
  assert.match(summary, /mapping\.ts: 3 TODOs \(0 continuation points, 0 variables, 2 top-level statements, 1 guessed pairing to confirm\)/);
  const file = join(out, 'mapping.ts');
  const mapping = readFileSync(file, 'utf8');
  assert.match(mapping, /GUESS: matched by similarity.*\n.*write 'main\.js#app\.use\(\*\)~3' to confirm it/);
  assert.match(mapping, /\n {6}to: 'TODO', \/\/ proposed: 'main\.js#app\.use\(\*\)~3'\n/);
  assert.match(mapping, / \* +'TODO' where the pairing is a GUESS/);
  const c = spawnSync(process.execPath, [cli, 'check', out], { encoding: 'utf8', env });
  assert.equal(c.status, 1);
  const line = mapping.split('\n').findIndex((l) => l.includes("to: 'TODO'")) + 1;
  assert.match(c.stderr, new RegExp(`mapping\\.ts:${line}:7: main\\.js#app\\.use\\(\\*\\)~2: to is still TODO: restack patch paired it with 'main\\.js#app\\.use\\(\\*\\)~3' by a guess \\(matched by similarity, score 0\\.\\d\\d\\); write to: 'main\\.js#app\\.use\\(\\*\\)~3' to confirm it, another new function's id, or null\\n`));
  // Confirmed, it passes; a wrong id is named.
  writeFileSync(file, mapping.replace("to: 'TODO', // proposed: 'main.js#app.use(*)~3'", "to: 'main.js#app.use(*)~4',"));
  const wrong = spawnSync(process.execPath, [cli, 'check', out], { encoding: 'utf8', env });
  assert.equal(wrong.status, 1);
  assert.match(wrong.stderr, /main\.js#app\.use\(\*\)~2: to: no function 'main\.js#app\.use\(\*\)~4' in the new version \(did you mean /);
  // The statements registering the inserted and the changed callback are decided too (skipped:
  // this test is about pairing functions).
  writeFileSync(file, mapping.replace("to: 'TODO', // proposed: 'main.js#app.use(*)~3'", "to: 'main.js#app.use(*)~3',")
    .replace(/('app\.use\(ƒ\) #[0-9a-f]{8}'): 'TODO',/g, "$1: 'skip',"));
  restack('check', out);
});

test('functions told apart only by order, each rewritten beyond recognition: paired by id, as a GUESS with the other candidates', () => {
  const dir = join(work, 'rewritten');
  const bodies = {
    v1: ['(req) => req.one', '(req) => req.two'],
    v2: ['async (req) => { const x = await fetchIt(req.headers, 1, 2); return [x, x]; }', 'async (req) => { for (const k of Object.keys(req)) await log(k, 3); }'],
  };
  for (const v of ['v1', 'v2']) {
    mkdirSync(join(dir, v), { recursive: true });
    writeFileSync(join(dir, v, 'package.json'), '{"type":"module"}');
    writeFileSync(join(dir, v, 'main.js'), `export const app = { use(f) { return f; } };\n${bodies[v].map((b) => `app.use(${b});`).join('\n')}\n`);
  }
  const out = join(dir, 'p');
  const summary = restack('patch', join(dir, 'v1'), join(dir, 'v2'), '-o', out);
  const patch = readJson(join(out, 'patch.json'));
  for (const id of ['main.js#app.use(*)', 'main.js#app.use(*)~2']) {
    const f = patch.functions.find((x) => x.old === id);
    assert.equal(f.new, id);
    assert.equal(f.match.by, 'position');
    assert.equal(f.guess, true);
    assert.deepEqual(f.match.alternatives.map((a) => a.id), [id.endsWith('~2') ? 'main.js#app.use(*)' : 'main.js#app.use(*)~2']);
    assert.match(summary, new RegExp(`guess: ${id.replace(/[()*.~]/g, '\\$&')} -> .*same id, which tells functions of one name apart only by order`));
  }
  const mapping = readFileSync(join(out, 'mapping.ts'), 'utf8');
  assert.match(mapping, /GUESS: the same id, but it tells the functions of this name or context apart only by their\n.*order in the parent, and the text changed/);
  assert.match(mapping, /other candidate in the new version: main\.js#app\.use\(\*\)~2 \(score 0\.\d\d\)/);
  const c = spawnSync(process.execPath, [cli, 'check', out], { encoding: 'utf8', env });
  assert.equal(c.status, 1);
  assert.match(c.stderr, /main\.js#app\.use\(\*\): to is still TODO: restack patch paired it with 'main\.js#app\.use\(\*\)' by a guess \(the same id, but one that tells functions of one name apart only by order, and the text changed\)/);
});

/** GET path from the server on port: { status, body }. */
function get(port, path) {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('a live server updated to a version with a route inserted: each old route answers with its own new handler', async () => {
  restack('compile', join(fixtures, 'v1'), '-o', join(work, 'c1'), '--quiet');
  const program = liveProgram(join(work, 'c1', 'main.js'), [], env);
  try {
    await program.until(/listening \d+\n/);
    const port = Number(/listening (\d+)/.exec(program.stdout)[1]);
    assert.deepEqual(await get(port, '/a'), { status: 200, body: 'a v1' });
    assert.deepEqual(await get(port, '/stats'), { status: 200, body: 'stats v1: 2 hits' });
    const report = program.update(p12);
    assert.equal(report.applied, true, report.reason);
    // The handlers registered by v1 (held in the app's route table) run their own route's v2 code,
    // on the module state v1 counted.
    assert.deepEqual(await get(port, '/a'), { status: 200, body: 'a v2' });
    assert.deepEqual(await get(port, '/b'), { status: 200, body: 'b v2' });
    assert.deepEqual(await get(port, '/stats'), { status: 200, body: 'stats v2: 5 requests' });
    assert.deepEqual(await get(port, '/stats'), { status: 200, body: 'stats v2: 6 requests' });
    // The route new in v2, registered on the live app by its top-level statement, decided 'run'.
    assert.deepEqual(await get(port, '/new'), { status: 200, body: 'new v2' });
    assert.deepEqual(await get(port, '/stats'), { status: 200, body: 'stats v2: 8 requests' });
    assert.equal(await program.stop(), 0);
  } finally {
    if (program.stdout && !/listening/.test(program.stdout)) console.error(program.stderr);
  }
});
