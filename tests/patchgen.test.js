// The patch generator as a user meets it: `restack patch <old> <new> -o <dir>` on the fixtures in
// tests/patchgen-fixtures/<case>/{v1,v2}, the bundle it writes (patch.json, new/, base/,
// mapping.ts), and `restack check <dir>` on the generated mapping, on broken edits of it and on
// a completed one. The `edits` case holds, in one program: unchanged functions, a call inserted
// (later CPs shift), a call replaced by another callee, a renamed function, a function split in
// two, and a removed function. The `moved` case moves a TypeScript function to a new module.
// These cases are compiled with `--call-points all` (every call a continuation point, builtin
// methods' included): the numbers they check were chosen for it. The default policy has a test
// of its own at the end.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { cli, root, run } from './helpers/run.js';

const fixtures = join(root, 'tests/patchgen-fixtures');
const dir = mkdtempSync(join(tmpdir(), 'restack-patchgen-'));
const restack = (...args) => run(process.execPath, [cli, ...args]);
const ALL = ['--call-points', 'all'];
const readJson = (p) => JSON.parse(readFileSync(p, 'utf8'));
const sha256 = (p) => createHash('sha256').update(readFileSync(p)).digest('hex');

const v1 = join(fixtures, 'edits/v1');
const v2 = join(fixtures, 'edits/v2');
const out = join(dir, 'edits');
let generated; // { stdout, patch, mapping }

before(async () => {
  const r = await restack('patch', v1, v2, '-o', out, ...ALL);
  assert.equal(r.code, 0, r.stderr);
  generated = { stdout: r.stdout, patch: readJson(join(out, 'patch.json')), mapping: readFileSync(join(out, 'mapping.ts'), 'utf8') };
});

const fn = (patch, oldId) => patch.functions.find((f) => f.old === oldId);
const cpPairs = (f) => f.cps.map((c) => [c.old, c.new]);

/** The text of one function's entry in mapping.ts, from its header comment to its closing brace. */
function entryText(mapping, oldId) {
  const lines = mapping.split('\n');
  const key = lines.findIndex((l) => l.startsWith(`    '${oldId}': {`));
  assert.ok(key >= 0, `no entry for ${oldId} in mapping.ts`);
  let start = key;
  while (start > 0 && lines[start - 1].startsWith('    //')) start--;
  let end = key;
  if (!lines[key].endsWith('},')) while (lines[end] !== '    },') end++;
  return lines.slice(start, end + 1).join('\n');
}

/** Copies the generated bundle to a new directory and rewrites its mapping.ts. */
function editedCopy(name, edit) {
  const target = join(dir, name);
  cpSync(out, target, { recursive: true });
  const file = join(target, 'mapping.ts');
  const text = edit(readFileSync(file, 'utf8'));
  writeFileSync(file, text);
  return { target, file, text };
}

/** Replaces `from` in the entry of oldId only. */
function inEntry(text, oldId, from, to) {
  const entry = entryText(text, oldId);
  assert.ok(entry.includes(from), `${oldId}: no ${from}`);
  return text.replace(entry, entry.replace(from, to));
}

/** `file:line:col: message` lines of stderr, with the mapping.ts line each points at. */
function problems(stderr, file) {
  const lines = readFileSync(file, 'utf8').split('\n');
  return stderr.split('\n').filter((l) => l.startsWith(file)).map((l) => {
    const m = /^(.*):(\d+):(\d+): (.*)$/.exec(l);
    return { line: Number(m[2]), column: Number(m[3]), message: m[4], text: lines[Number(m[2]) - 1] };
  });
}

/**
 * Decides every TODO of the generated mapping (the frame transformer sets the new variable, the
 * guessed pairing of the renamed function is confirmed).
 */
function completed(text) {
  let t = inEntry(text, 'report.js#report', "skipped: 'TODO'", "skipped: 'transform'");
  t = t.replace(/\/\/ frame\((old: OldFrame<'lines'.*)\): void \{\n(\s*)\/\/ \},/, (_, sig, ind) => `frame(${sig}): void {\n${ind}  next.locals.skipped = 0;\n${ind}},`);
  t = inEntry(t, 'report.js#average', "1: 'TODO'", '1: 1');
  t = inEntry(t, 'report.js#summarize', "2: 'TODO'", "2: 'refuse'");
  t = inEntry(t, 'report.js#summarize', "3: 'TODO'", "3: 'refuse'");
  t = inEntry(t, 'report.js#computeMax', "to: 'TODO', // proposed: 'report.js#largestValue'", "to: 'report.js#largestValue',");
  return t;
}

test('patch writes a bundle with relative roots, the base hashes and a summary', () => {
  const { stdout, patch, mapping } = generated;
  assert.match(stdout, /^restack: patch written to .*edits\n/);
  assert.match(stdout, /\n {2}functions: 4 unchanged, 4 changed, 1 added, 1 removed\n/);
  assert.match(stdout, /\n {2}modules: 1 unchanged, 1 changed, 0 added, 0 removed\n/);
  assert.match(stdout, /\n {2}mapping\.ts: 5 TODOs \(3 continuation points, 1 variable, 1 guessed pairing to confirm\)\n/);
  assert.equal(patch.format, 1);
  assert.deepEqual(patch.summary, { unchanged: 4, changed: 4, added: 1, removed: 1, guesses: 1, todos: 5 });
  // Roots are relative to the bundle and lead to the versions.
  assert.equal(patch.old.kind, 'source');
  assert.equal(patch.old.updatePoints, 'loops');
  assert.equal(patch.old.callPoints, 'all');
  assert.ok(!patch.old.root.startsWith('/') && !patch.new.root.startsWith('/'));
  assert.equal(resolve(out, patch.old.root), v1);
  assert.equal(resolve(out, patch.new.root), v2);
  // No absolute machine paths in the bundle (a relative path may pass through them: '../../work/...').
  const absolute = new RegExp(`(^|[^.])(${dir}|${root.replace(/\/$/, '')})`);
  for (const text of [JSON.stringify(patch), mapping]) assert.doesNotMatch(text, absolute);
  assert.match(mapping, /^ \* {3}old: \.\.\/.*edits\/v1 \(source tree, update points 'loops', call points 'all'\)$/m);
  // The base: content hashes of the old version's modules.
  assert.deepEqual(Object.keys(patch.base).sort(), ['format.js', 'report.js']);
  assert.equal(patch.base['report.js'].source, sha256(join(v1, 'report.js')));
  assert.match(patch.base['report.js'].code, /^[0-9a-f]{64}$/);
  assert.deepEqual(patch.modules, { unchanged: ['format.js'], changed: ['report.js'], added: [], removed: [] });
  // new/: the new version compiled in the loader format; base/: the old metadata.
  for (const f of ['report.js', 'report.js.map', 'report.js.restack.json', 'format.js']) assert.ok(existsSync(join(out, 'new', f)), f);
  const loaderCode = readFileSync(join(out, 'new/report.js'), 'utf8');
  assert.match(loaderCode, /__rsM = __rsR\.module\(__rsU\.url,/);
  assert.doesNotMatch(loaderCode, /^\s*(import|export)\b/m);
  assert.ok(readJson(join(out, 'new/report.js.restack.json')).functions.some((f) => f.id === 'report.js#describe'));
  assert.ok(readJson(join(out, 'base/report.js.restack.json')).functions.some((f) => f.id === 'report.js#legacyDump'));
});

test('unchanged functions map every cp to itself and stay out of mapping.ts', () => {
  const { patch, mapping } = generated;
  for (const id of ['format.js#pad', 'format.js#formatRow', 'report.js#parse', 'report.js#total']) {
    const f = fn(patch, id);
    assert.equal(f.status, 'unchanged', id);
    assert.deepEqual(f.match, { by: 'id' });
    assert.equal(f.new, id);
    assert.equal(f.inMapping, false);
    assert.ok(f.cps.length > 0 && f.cps.every((c) => c.confident && c.new === c.old), id);
    assert.ok(!mapping.includes(`'${id}'`), `${id} is not in mapping.ts`);
  }
});

test('an inserted call shifts the cps after it: the mapping is inferred, the new variable is a TODO', () => {
  const f = fn(generated.patch, 'report.js#report');
  assert.equal(f.status, 'changed');
  assert.deepEqual(cpPairs(f), [[0, 0], [1, 2], [2, 3], [3, 4], [4, 5], [5, 6], [6, 7], [7, 8], [8, 10]]);
  assert.ok(f.cps.every((c) => c.confident));
  // `skipped` is new: live in v2's loop, with no value in a v1 frame.
  assert.deepEqual(f.cps[3].vars.fresh, ['skipped']);
  assert.deepEqual(f.cps[3].vars.same, ['t', 'out', 'r']);
  // Compiler temporaries are renumbered: paired by position.
  assert.ok(Object.keys(f.cps[2].vars.renamed).length > 0);
  const entry = entryText(generated.mapping, 'report.js#report');
  assert.match(entry, /\/\/ call {3}total +old line 19: const t = total\(rows\);\n +\/\/ +new line 20: const t = total\(rows\);\n +1: 2,\n/);
  assert.match(entry, /\/\/ update loop +old line 21: for \(const r of rows\) \{\n +\/\/ +new line 23: for \(const r of rows\) \{\n +3: 4,\n/);
  assert.match(entry, /\/\/ TODO +live at new cps 3, 4, 5, 6, 7, 8 \(from old cps 2, 3, 4, 5, 6, 7\).*\n.*\n +skipped: 'TODO',/);
  assert.match(entry, /\/\/ frame\(old: OldFrame<'lines' \| 'rows' \| 't' \| 'out' \| 'r'>, next: NewFrame<'lines' \| 'rows' \| 't' \| 'out' \| 'skipped' \| 'r'>\): void \{/);
});

test('a call replaced by a different callee is a TODO with the proposed new cp and both lines', () => {
  const f = fn(generated.patch, 'report.js#average');
  assert.deepEqual(f.cps[0], { old: 0, new: 0, confident: true, proposed: null, vars: { same: ['rows'] } });
  assert.equal(f.cps[1].confident, false);
  assert.equal(f.cps[1].new, null);
  assert.equal(f.cps[1].proposed, 1);
  assert.equal(f.cps[1].reason, 'callee differs: Math.round -> Math.trunc');
  const entry = entryText(generated.mapping, 'report.js#average');
  assert.match(entry, /\/\/ call {3}Math\.round +old line 30: return Math\.round\(t \/ rows\.length\);\n/);
  assert.match(entry, /\/\/ TODO +callee differs: Math\.round -> Math\.trunc\n/);
  assert.match(entry, /proposed: new cp 1, call Math\.trunc, new line 34: return Math\.trunc\(t \/ rows\.length\);\n/);
  assert.match(entry, /\n +1: 'TODO',\n/);
});

test('a renamed function is matched by similarity, reported as a guess with its score that mapping.ts leaves to confirm', () => {
  const { patch, stdout, mapping } = generated;
  const f = fn(patch, 'report.js#computeMax');
  assert.equal(f.new, 'report.js#largestValue');
  assert.equal(f.status, 'changed');
  assert.equal(f.match.by, 'similarity');
  assert.equal(f.guess, true);
  assert.ok(f.match.score >= 0.6 && f.match.score < 1, String(f.match.score));
  assert.equal(f.match.components.text, 1);
  assert.equal(f.match.components.cps, 1);
  assert.ok(f.match.components.name < 0.5);
  assert.deepEqual(cpPairs(f), [[0, 0], [1, 1], [2, 2], [3, 3]]);
  assert.match(stdout, new RegExp(`\\n {2}guess: report\\.js#computeMax -> report\\.js#largestValue \\(score ${f.match.score.toFixed(2)}: text 1\\.00, cps 1\\.00, name 0\\.\\d\\d\\)\\n`));
  const entry = entryText(mapping, 'report.js#computeMax');
  assert.match(entry, /^ {4}\/\/ report\.js#computeMax -> report\.js#largestValue: renamed, changed\n/);
  assert.match(entry, /GUESS: matched by similarity, score 0\.\d\d \(text 1\.00, cps 1\.00, name 0\.\d\d\)\.\n.*write 'report\.js#largestValue' to confirm it/);
  // Not decided until a person writes the id: `to` is a TODO, with the proposal beside it.
  assert.match(entry, /\n {6}to: 'TODO', \/\/ proposed: 'report\.js#largestValue'\n/);
  // The caller's call to it pairs with the call to the new name.
  const caller = fn(patch, 'report.js#summarize');
  assert.deepEqual(caller.cps[1], { old: 1, new: 1, confident: true, proposed: null, vars: { same: ['avg'] } });
  assert.match(entryText(mapping, 'report.js#summarize'), /\/\/ call {3}computeMax +old line 43: .*\n +\/\/ +new \(call largestValue\) line 47: const max = largestValue\(rows\);\n +1: 1,/);
});

test('a function split in two: the original keeps its id and maps what stayed, the new part is added', () => {
  const { patch, stdout, mapping } = generated;
  const f = fn(patch, 'report.js#summarize');
  assert.equal(f.status, 'changed');
  assert.deepEqual(f.match, { by: 'id' });
  assert.deepEqual(cpPairs(f), [[0, 0], [1, 1], [2, null], [3, null], [4, 3]]);
  assert.equal(f.cps[2].proposed, 2);
  assert.equal(f.cps[2].reason, 'callee differs: text.toUpperCase -> describe');
  assert.equal(f.cps[3].proposed, null);
  assert.match(f.cps[3].reason, /no counterpart: the call is gone/);
  const added = patch.functions.find((x) => x.new === 'report.js#describe');
  assert.deepEqual(added, { status: 'added', old: null, new: 'report.js#describe', match: null, inMapping: false });
  assert.match(stdout, /\n {2}added: report\.js#describe\n/);
  const entry = entryText(mapping, 'report.js#summarize');
  assert.match(entry, /\/\/ call {3}console\.log +old line 45: console\.log\(text\.toUpperCase\(\)\);\n +\/\/ TODO +no counterpart.*\n +\/\/ +write 'refuse'.*\n +3: 'TODO',/);
  assert.ok(!mapping.includes("'report.js#describe': {"));
});

test('a removed function is listed with to: null and its best candidate', () => {
  const { patch, stdout, mapping } = generated;
  const f = fn(patch, 'report.js#legacyDump');
  assert.equal(f.status, 'removed');
  assert.equal(f.new, null);
  assert.equal(f.bestCandidate.id, 'report.js#describe');
  assert.ok(f.bestCandidate.score < 0.6);
  assert.match(stdout, /\n {2}removed: report\.js#legacyDump \(best candidate report\.js#describe, score 0\.\d\d\)\n/);
  assert.match(mapping, /\/\/ report\.js#legacyDump: removed \(no counterpart found; best candidate report\.js#describe, score 0\.\d\d, below the threshold\)\.\n.*\n.*frames are refused.*\n {4}\/\/ +WARNING: a call of the old function made after the update.*\n(?: {4}\/\/ .*\n)* {4}'report\.js#legacyDump': \{ to: null \},\n/);
});

test('check fails on every TODO, naming the file, the line in mapping.ts and the entry', async () => {
  const file = join(out, 'mapping.ts');
  const r = await restack('check', out);
  assert.equal(r.code, 1);
  const found = problems(r.stderr, file);
  assert.deepEqual(found.map((p) => p.message), [
    "report.js#report, vars.skipped: still TODO: replace it with { from: 'oldName' }, { value: <constant> } or 'transform'",
    "report.js#average, old cp 1 (call Math.round, old line 30): still TODO: replace it with a new cp number or 'refuse'",
    `report.js#computeMax: to is still TODO: restack patch paired it with 'report.js#largestValue' by a guess (matched by similarity, score ${fn(generated.patch, 'report.js#computeMax').match.score.toFixed(2)}); write to: 'report.js#largestValue' to confirm it, another new function's id, or null`,
    "report.js#summarize, old cp 2 (call text.toUpperCase, old line 45): still TODO: replace it with a new cp number or 'refuse'",
    "report.js#summarize, old cp 3 (call console.log, old line 45): still TODO: replace it with a new cp number or 'refuse'",
  ]);
  // Each error points at the line that holds the TODO.
  assert.deepEqual(found.map((p) => p.text.trim()), ["skipped: 'TODO',", "1: 'TODO',", "to: 'TODO', // proposed: 'report.js#largestValue'", "2: 'TODO',", "3: 'TODO',"]);
  assert.deepEqual(found.map((p) => p.column), [9, 9, 7, 9, 9]);
  assert.match(r.stderr, /restack: 5 errors in .*mapping\.ts\n$/);
});

test('check fails on a mapping to a nonexistent cp, and on every other inconsistency', async () => {
  const { target, file } = editedCopy('broken', (text) => {
    let t = completed(text);
    t = inEntry(t, 'report.js#average', '1: 1', '1: 99');
    t = inEntry(t, 'report.js#report', '3: 4,', '3: 5,');
    t = inEntry(t, 'report.js#report', "skipped: 'transform'", "skipped: { from: 'nothing' }");
    t = t.replace("'report.js#legacyDump': { to: null }", "'report.js#legacyDump': { to: 'report.js#describ', cps: { 0: 0 } }");
    t = t.replace("    'report.js#computeMax': {", "    'report.js#computeMx': {");
    t = t.replace('  format: 1,', '  format: 1,\n  extras: true,');
    return t;
  });
  const r = await restack('check', target);
  assert.equal(r.code, 1);
  const found = problems(r.stderr, file);
  const byMessage = (re) => {
    const p = found.find((x) => re.test(x.message));
    assert.ok(p, `expected an error matching ${re}:\n${r.stderr}`);
    return p;
  };
  const cp99 = byMessage(/^report\.js#average, old cp 1 \(call Math\.round, old line 30\): new cp 99 does not exist in report\.js#average \(its cps are 0-2\)$/);
  assert.equal(cp99.text.trim(), '1: 99,');
  const kind = byMessage(/^report\.js#report, old cp 3 \(update loop, old line 21\): new cp 5 is a call \(call formatRow, new line 25\): a frame suspended at an update point must resume at an update point$/);
  assert.equal(kind.text.trim(), '3: 5,');
  const from = byMessage(/^report\.js#report, vars\.skipped: 'nothing' is not live in the old frame at old cp 2, 4, 5, 6, 7 \(live there: t, out\)$/);
  assert.equal(from.text.trim(), "skipped: { from: 'nothing' },");
  byMessage(/^report\.js#legacyDump: to: no function 'report\.js#describ' in the new version \(did you mean 'report\.js#describe'\?\)$/);
  const renamed = byMessage(/^report\.js#computeMx: no function with this id in the old version \(did you mean 'report\.js#computeMax'\?\)$/);
  assert.match(renamed.text, /'report\.js#computeMx': \{/);
  const missing = byMessage(/^report\.js#computeMax: no entry: the function changed \(changed, now report\.js#largestValue\)/);
  assert.equal(missing.text.trim(), 'functions: {');
  assert.equal(byMessage(/^extras: unknown key 'extras'$/).text.trim(), 'extras: true,');
  assert.match(r.stderr, new RegExp(`restack: ${found.length} errors in `));
});

test('check passes once every TODO is decided (and the frame transformer is written)', async () => {
  const { target, text } = editedCopy('completed', completed);
  assert.doesNotMatch(text, /: 'TODO'/);
  assert.match(text, /frame\(old: OldFrame<'lines'.*\): void \{\n\s+next\.locals\.skipped = 0;\n\s+\},/);
  const r = await restack('check', target);
  assert.equal(r.stderr, '');
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^restack: .*completed\/mapping\.ts is valid: 5 function entries, 19 cps mapped to new cps, 2 refused, 1 frame transformer, 0 state transformers; types checked with TypeScript \d+\.\d+\.\d+\n$/);
});

test("check requires the frame transformer a 'transform' variable relies on", async () => {
  const { target, file } = editedCopy('no-frame', (text) =>
    completed(text).replace(/frame\((old: OldFrame<'lines'.*)\): void \{\n\s+next\.locals\.skipped = 0;\n\s+\},/, '// no transformer'));
  const r = await restack('check', target);
  assert.equal(r.code, 1);
  const [p] = problems(r.stderr, file);
  assert.equal(p.message, "report.js#report, vars.skipped: 'transform' needs a frame(old, next) transformer in this entry that sets next.locals.skipped");
  assert.equal(p.text.trim(), "skipped: 'transform',");
});

test('a TypeScript syntax error in mapping.ts is shown at file:line:col with a code frame', async () => {
  const { target, file, text } = editedCopy('syntax', (t) => inEntry(t, 'report.js#average', '0: 0,', '0: 0 0,'));
  const line = text.split('\n').findIndex((l) => l.includes('0: 0 0,')) + 1;
  const r = await restack('check', target);
  assert.equal(r.code, 1);
  assert.ok(r.stderr.startsWith(`restack: ${file}:${line}:14: Unexpected token, expected ","\n`), r.stderr);
  assert.match(r.stderr, new RegExp(`> +${line} \\| {9}0: 0 0,\\n +\\| {14}\\^`));
});

test('the generated mapping.ts, as written and once completed, type-checks against restack/patch', async () => {
  const tc = join(dir, 'typecheck');
  const { file } = editedCopy('typecheck-completed', completed);
  cpSync(join(out, 'mapping.ts'), join(dir, 'typecheck-generated.ts'));
  const bad = join(dir, 'typecheck-bad.ts');
  writeFileSync(bad, completed(generated.mapping).replace('next.locals.skipped = 0;', 'next.locals.skiped = 0;').replace("2: 'refuse'", "2: 'later'"));
  const config = (files) => JSON.stringify({
    compilerOptions: {
      strict: true, noEmit: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022',
      paths: { 'restack/patch': [join(root, 'dist/patchgen/types.d.ts')] },
    },
    files,
  });
  mkdirSync(tc, { recursive: true });
  writeFileSync(join(tc, 'tsconfig.json'), config([file, join(dir, 'typecheck-generated.ts')]));
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  const good = await run(process.execPath, [tsc, '-p', join(tc, 'tsconfig.json')]);
  assert.equal(good.stdout + good.stderr, '');
  assert.equal(good.code, 0);
  writeFileSync(join(tc, 'tsconfig.json'), config([bad]));
  const wrong = await run(process.execPath, [tsc, '-p', join(tc, 'tsconfig.json')]);
  assert.equal(wrong.code, 2);
  assert.match(wrong.stdout, /Property 'skiped' does not exist/);
  assert.match(wrong.stdout, /Type '"later"' is not assignable to type 'CpTarget'/);
});

test('compiled trees give the same patch as source trees', async () => {
  const c1 = join(dir, 'compiled/v1');
  const c2 = join(dir, 'compiled/v2');
  for (const [src, dst] of [[v1, c1], [v2, c2]]) {
    const r = await restack('compile', src, '-o', dst, '--quiet', ...ALL);
    assert.equal(r.code, 0, r.stderr);
  }
  const p = join(dir, 'compiled/patch');
  const r = await restack('patch', c1, c2, '-o', p);
  assert.equal(r.code, 0, r.stderr);
  const patch = readJson(join(p, 'patch.json'));
  assert.equal(patch.old.kind, 'compiled');
  assert.equal(patch.new.kind, 'compiled');
  assert.equal(patch.old.root, '../v1');
  assert.deepEqual(patch.functions, generated.patch.functions);
  assert.deepEqual(patch.base, generated.patch.base);
  assert.equal(patch.base['report.js'].code, sha256(join(c1, 'report.js')));
  // The source lines come from the compiled tree's source maps.
  assert.match(readFileSync(join(p, 'mapping.ts'), 'utf8'), /old line 30: return Math\.round\(t \/ rows\.length\);/);
});

test('a TypeScript function moved to a new module is paired by its text; a renamed method is a guess to confirm', async () => {
  const p = join(dir, 'moved');
  const r = await restack('patch', join(fixtures, 'moved/v1'), join(fixtures, 'moved/v2'), '-o', p, ...ALL);
  assert.equal(r.code, 0, r.stderr);
  const patch = readJson(join(p, 'patch.json'));
  const f = fn(patch, 'app.ts#area');
  assert.equal(f.new, 'geometry.ts#area');
  assert.equal(f.status, 'unchanged');
  // The same text, and no other function left has it: certain, nothing to confirm.
  assert.deepEqual(f.match, { by: 'text' });
  assert.equal(f.guess, undefined);
  assert.deepEqual(cpPairs(f), [[0, 0], [1, 1], [2, 2]]);
  assert.deepEqual(patch.modules, { unchanged: [], changed: ['app.ts'], added: ['geometry.ts'], removed: [] });
  // A renamed method; its caller's call to it pairs with the call to the new name.
  const method = fn(patch, 'app.ts#Room.size');
  assert.equal(method.new, 'app.ts#Room.floorArea');
  assert.equal(method.match.by, 'similarity');
  assert.equal(method.guess, true);
  const main = fn(patch, 'app.ts#main');
  assert.equal(main.status, 'changed');
  assert.ok(main.cps.length === 7 && main.cps.every((c) => c.confident && c.new === c.old));
  assert.match(r.stdout, /\n {2}same text: app\.ts#area -> geometry\.ts#area\n/);
  assert.match(r.stdout, /guess: app\.ts#Room\.size -> app\.ts#Room\.floorArea \(score 0\.\d\d: /);
  assert.match(r.stdout, /mapping\.ts: 1 TODO \(0 continuation points, 0 variables, 1 guessed pairing to confirm\)/);
  const mapping = readFileSync(join(p, 'mapping.ts'), 'utf8');
  assert.match(entryText(mapping, 'app.ts#area'), /app\.ts#area -> geometry\.ts#area: moved, unchanged\n.*Matched by its text.*\n(.*\n)* {6}to: 'geometry\.ts#area',/);
  assert.match(entryText(mapping, 'app.ts#main'), /\/\/ call {3}r\.size +old line 17: .*\n +\/\/ +new \(call r\.floorArea\) line 14: for \(const r of rooms\) sum \+= r\.floorArea\(\);\n +4: 4,/);
  // check refuses the guess until it is confirmed, then accepts the bundle.
  const c = await restack('check', p);
  assert.equal(c.code, 1);
  assert.match(c.stderr, /mapping\.ts:\d+:7: app\.ts#Room\.size: to is still TODO: restack patch paired it with 'app\.ts#Room\.floorArea' by a guess \(matched by similarity, score 0\.\d\d\); write to: 'app\.ts#Room\.floorArea' to confirm it/);
  assert.match(c.stderr, /restack: 1 error in /);
  const file = join(p, 'mapping.ts');
  writeFileSync(file, readFileSync(file, 'utf8').replace("to: 'TODO', // proposed: 'app.ts#Room.floorArea'", "to: 'app.ts#Room.floorArea',"));
  const ok = await restack('check', p);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /is valid: 3 function entries, 12 cps mapped to new cps, 0 refused/);
});

test('patch does not overwrite a mapping.ts without --force; --keep-mapping writes the bundle around it', async () => {
  const { target, text } = editedCopy('keep', completed);
  const r = await restack('patch', v1, v2, '-o', target, ...ALL);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^restack: .*keep\/mapping\.ts exists and may hold decisions; pass --keep-mapping to keep it, or --force to overwrite it\n$/);
  assert.equal(readFileSync(join(target, 'mapping.ts'), 'utf8'), text);
  const both = await restack('patch', v1, v2, '-o', target, '--force', '--keep-mapping', ...ALL);
  assert.equal(both.code, 1);
  assert.match(both.stderr, /--force and --keep-mapping exclude each other/);
  // Checked, then the bundle written again: the decisions stay, the check must be made again.
  assert.equal((await restack('check', target)).code, 0);
  assert.ok(existsSync(join(target, 'mapping.js')));
  const kept = await restack('patch', v1, v2, '-o', target, '--keep-mapping', ...ALL);
  assert.equal(kept.code, 0, kept.stderr);
  assert.match(kept.stdout, /mapping\.ts: kept as it was \(the generator would have left \d+ TODOs?\)\n +next: run `restack check /);
  assert.equal(readFileSync(join(target, 'mapping.ts'), 'utf8'), text);
  assert.ok(!existsSync(join(target, 'mapping.js')), 'mapping.js of the earlier bundle removed');
  assert.ok(existsSync(join(target, 'patch.json')));
  assert.equal(readFileSync(join(target, 'mapping.ts'), 'utf8'), text);
  const forced = await restack('patch', v1, v2, '-o', target, '--force', ...ALL);
  assert.equal(forced.code, 0, forced.stderr);
  assert.equal(readFileSync(join(target, 'mapping.ts'), 'utf8'), generated.mapping.replace(relative(out, v1), relative(target, v1)).replace(relative(out, v2), relative(target, v2)));
});

test('by default calls of builtin methods are not continuation points; patch keeps both versions on one policy', async () => {
  const p = join(dir, 'builtins');
  const r = await restack('patch', v1, v2, '-o', p);
  assert.equal(r.code, 0, r.stderr);
  const patch = readJson(join(p, 'patch.json'));
  assert.equal(patch.old.callPoints, 'except-builtins');
  assert.equal(patch.new.callPoints, 'except-builtins');
  const callees = (file) => readJson(file).functions.flatMap((f) => f.cps.map((c) => c.callee));
  const strict = callees(join(out, 'base/report.js.restack.json'));
  const lean = callees(join(p, 'base/report.js.restack.json'));
  for (const builtin of ['Math.round', 'Math.max', 'parts[0].trim', 'text.toUpperCase', 'out.join']) {
    assert.ok(strict.includes(builtin), `${builtin} is a cp under 'all'`);
    assert.ok(!lean.includes(builtin), `${builtin} is not a cp under 'except-builtins'`);
  }
  // User calls, calls of methods not on the list, and a builtin's call with a call in its
  // arguments (out.push(formatRow(...))) stay continuation points.
  for (const call of ['total', 'formatRow', 'lines.map', 'console.log', 'line.split', 'out.push']) assert.ok(lean.includes(call), call);
  assert.equal((await restack('check', p)).code, 1, 'the generated mapping has TODOs');

  // A source tree is compiled with the policy of the compiled tree it is compared with.
  const c1 = join(dir, 'builtins-c1');
  assert.equal((await restack('compile', v1, '-o', c1, '--quiet', ...ALL)).code, 0);
  const mixed = await restack('patch', c1, v2, '-o', join(dir, 'builtins-mixed'));
  assert.equal(mixed.code, 0, mixed.stderr);
  const m = readJson(join(dir, 'builtins-mixed/patch.json'));
  assert.equal(m.new.callPoints, 'all');
  assert.deepEqual(m.functions, generated.patch.functions);
  // Two compiled trees on different policies: a warning, since their cps differ where the code does not.
  const c2 = join(dir, 'builtins-c2');
  assert.equal((await restack('compile', v2, '-o', c2, '--quiet')).code, 0);
  const apart = await restack('patch', c1, c2, '-o', join(dir, 'builtins-apart'));
  assert.equal(apart.code, 0, apart.stderr);
  assert.match(apart.stdout + apart.stderr, /different call-point policies \(all, except-builtins\)/);
  // A bad policy is refused by name.
  const bad = await restack('compile', v1, '-o', join(dir, 'bad'), '--call-points', 'some');
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /--call-points.*expected 'all' or 'except-builtins'/);
});

test('a closure whose new code reads a variable its old enclosing function did not give it is warned about, in the summary and in mapping.ts', async () => {
  const base = join(dir, 'closure');
  const source = (v) => `export function make(options) {
  var limit = options.limit;
${v === 'v2' ? '  var depth = options.depth || 32;\n' : ''}  return function parse(text) {
    const parts = String(text).split('&');
    if (parts.length > limit) throw new Error('too many');
    return parts.map((p) => p.split('[').length)${v === 'v2' ? '.filter((d) => d <= depth)' : ''};
  };
}
`;
  for (const v of ['v1', 'v2']) {
    mkdirSync(join(base, v), { recursive: true });
    writeFileSync(join(base, v, 'package.json'), '{"type":"module"}');
    writeFileSync(join(base, v, 'parse.js'), source(v));
  }
  const r = await restack('patch', join(base, 'v1'), join(base, 'v2'), '-o', join(base, 'p'));
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /warning: parse\.js#make\/parse: the new code reads depth of its enclosing function, which closures the old version made do not have/);
  const mapping = readFileSync(join(base, 'p', 'mapping.ts'), 'utf8');
  assert.match(mapping, /WARNING: the new code reads depth of its enclosing function/);
  // limit, which the old closure read too, is not named.
  assert.doesNotMatch(r.stdout, /reads [^\n]*limit/);
});
