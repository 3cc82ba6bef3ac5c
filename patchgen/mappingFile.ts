/**
 * Writes mapping.ts: the part of a patch a person reads, completes and signs off. It is a
 * TypeScript module whose default export says, per changed function, where a frame suspended at
 * each old continuation point resumes in the new version. Next to every entry, comments show the
 * old and new source lines, so a decision can be made without opening both versions; where the
 * generator was not confident the value is `'TODO'`, which `restack check` rejects until it is
 * replaced. Transformer stubs are typed with the functions' variable names (`restack/patch`
 * types), commented out until needed.
 */
import type { CpMeta, FunctionMeta } from '../contract/index.js';
import type { FunctionVersion } from './load.js';
import { isForOfStep, isTemporary, normalizeCallee } from './align.js';
import type { FunctionDiff, VersionDiff } from './diff.js';
import { lineText } from './source.js';
import { MAPPING_FORMAT, type PartialResults } from './types.js';

const MAX_LINE = 100;
const COLUMN = 38;

/** A single-quoted TypeScript string literal. */
export function quote(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`)}'`;
}

/** Text safe inside a `//` comment: one line, bounded length. */
function commentSafe(s: string): string {
  const one = s.replace(/[\r\n\u2028\u2029]+/g, ' ');
  return one.length > MAX_LINE ? `${one.slice(0, MAX_LINE - 3)}...` : one;
}

/** `call   total` / `update loop` / `call   for-of step`. */
export function describeCp(cp: CpMeta): string {
  return `${cp.kind.padEnd(6)} ${isForOfStep(cp) ? 'for-of step' : cp.callee}`;
}

/** `line 19: const t = total(rows);`, or what is known without the source. */
export function sourceOf(f: FunctionVersion, cp: CpMeta): string {
  const site = f.module.analysis?.functions.get(f.fn.id)?.cps[cp.cp];
  const lineNo = site?.lineNo ?? (cp.loc.line || null);
  if (lineNo === null) return '(no source position: made by the compiler)';
  const lines = f.module.analysis?.lines;
  const text = lines ? lineText(lines, lineNo) : null;
  return text === null ? `line ${lineNo}` : `line ${lineNo}: ${commentSafe(text)}`;
}

function functionLine(f: FunctionVersion): string {
  const lines = f.module.analysis?.lines;
  const text = lines ? lineText(lines, f.fn.loc.line) : null;
  return `${f.module.meta.module}:${f.fn.loc.line}${text === null ? '' : `  ${commentSafe(text)}`}`;
}

/** `'a' | 'b'` of a function's own variables (temporaries left out), or `never`. */
function nameUnion(fn: FunctionMeta): string {
  const names = fn.slots.filter((v) => !isTemporary(v));
  return names.length ? names.map(quote).join(' | ') : 'never';
}

const cpList = (ns: number[]): string => (ns.length === 1 ? `cp ${ns[0]}` : `cps ${ns.join(', ')}`);

function renderEntry(f: FunctionDiff, out: string[]): void {
  const o = f.old!;
  const ind = '    ';
  if (!f.new) {
    const best = f.bestCandidate ? `; best candidate ${f.bestCandidate.id}, score ${f.bestCandidate.score.toFixed(2)}, below the threshold` : '';
    out.push(`${ind}// ${o.fn.id}: removed (no counterpart found${best}).`);
    out.push(`${ind}//   old ${functionLine(o)}`);
    out.push(`${ind}//   Its frames are refused. To move them to a new function, set \`to\` and list its cps.`);
    out.push(`${ind}${quote(o.fn.id)}: { to: null },`, '');
    return;
  }
  const n = f.new;
  const how = o.fn.id === n.fn.id ? f.status : o.module.meta.module === n.module.meta.module ? `renamed, ${f.status}` : `moved, ${f.status}`;
  out.push(`${ind}// ${o.fn.id} -> ${n.fn.id}: ${how}`);
  if (f.match?.by === 'similarity') {
    const c = f.match.components;
    const evidence = [c.text !== undefined ? `text ${c.text.toFixed(2)}` : 'no source text', c.cps !== undefined ? `cps ${c.cps.toFixed(2)}` : null, `name ${c.name.toFixed(2)}`,
      c.sameKind ? null : 'kind differs', c.sameModule ? null : 'module differs'].filter(Boolean).join(', ');
    out.push(`${ind}//   GUESS: matched by similarity, score ${f.match.score.toFixed(2)} (${evidence}). If wrong, set to: null.`);
    for (const alt of f.match.alternatives) out.push(`${ind}//   other candidate in the new version: ${alt.id} (score ${alt.score.toFixed(2)})`);
  }
  out.push(`${ind}//   old ${functionLine(o)}`);
  out.push(`${ind}//   new ${functionLine(n)}`);
  out.push(`${ind}${quote(o.fn.id)}: {`);
  out.push(`${ind}  to: ${quote(n.fn.id)},`);
  if (!o.fn.capturable) {
    out.push(`${ind}  // Not capturable in the old version (${commentSafe(o.fn.reason ?? 'see the metadata')}): none of its frames is ever on a captured stack.`);
    out.push(`${ind}  cps: {},`);
  } else {
    out.push(`${ind}  cps: {`);
    for (const c of f.cps) renderCp(f, c.old, out);
    out.push(`${ind}  },`);
  }
  if (f.freshVars.length) {
    out.push(`${ind}  vars: {`);
    for (const v of f.freshVars) {
      const hint = v.suggestion ? ` Maybe { from: ${quote(v.suggestion)} } (gone from the new version at the same points).` : '';
      out.push(`${ind}    // TODO   live at new ${cpList(v.at.map((a) => a.new))} (from old ${cpList(v.at.map((a) => a.old))}), no such variable in the old frame.${hint}`);
      out.push(`${ind}    //        { from: 'oldName' }, { value: <constant> }, or 'transform' (set it in frame() below)`);
      out.push(`${ind}    ${v.name}: 'TODO',`);
    }
    out.push(`${ind}  },`);
  }
  if (o.fn.capturable && n.fn.capturable && o.fn.cps.length) {
    out.push(`${ind}  // Stack transformer (optional): runs after cps and vars were applied; edit next.locals.`);
    out.push(`${ind}  // frame(old: OldFrame<${nameUnion(o.fn)}>, next: NewFrame<${nameUnion(n.fn)}>): void {`);
    out.push(`${ind}  // },`);
  }
  out.push(`${ind}},`, '');
}

function renderCp(f: FunctionDiff, oldCp: number, out: string[]): void {
  const ind = '        ';
  const o = f.old!;
  const n = f.new!;
  const m = f.cps.find((c) => c.old === oldCp)!;
  const a = o.fn.cps[oldCp];
  const left = `// ${describeCp(a)}`.padEnd(COLUMN);
  out.push(`${ind}${left} old ${sourceOf(o, a)}`);
  if (m.confident && m.new !== null) {
    const b = n.fn.cps[m.new];
    const callee = normalizeCallee(b.callee) !== normalizeCallee(a.callee) ? `(${describeCp(b).replace(/ +/, ' ')}) ` : '';
    out.push(`${ind}${'//'.padEnd(COLUMN)} new ${callee}${sourceOf(n, b)}`);
    out.push(`${ind}${oldCp}: ${m.new},`);
    return;
  }
  const more = `${ind}${'//'.padEnd(COLUMN)} `;
  const partialsOnly = m.partials && m.reason?.startsWith(PARTIALS_REASON);
  out.push(`${ind}${'// TODO'.padEnd(COLUMN)} ${partialsOnly ? `${PARTIALS_REASON}, and temporaries carry its partial results across it:` : commentSafe(m.reason ?? 'not inferred')}`);
  if (m.partials) renderPartials(m.partials, more, out);
  if (m.proposed !== null) {
    const b = n.fn.cps[m.proposed];
    out.push(`${more}proposed: new cp ${m.proposed}, ${describeCp(b).replace(/ +/, ' ')}, new ${sourceOf(n, b)}`);
    const fresh = (m.vars?.fresh ?? []);
    if (fresh.length) out.push(`${more}(mapped there, the new frame needs vars: ${fresh.join(', ')})`);
    if (m.partials) {
      const temps = Object.keys(m.partials.temps);
      out.push(`${more}mapped there, give ${temps.join(', ')} a value in vars: 'transform' and set it in frame() as the new`);
      out.push(`${more}code computes it, or { from: '${m.partials.temps[temps[0]]}' } to keep the old code's value (check requires one)`);
    }
    out.push(`${more}write ${m.proposed}, another new cp, or 'refuse' (an update waits until no frame is here)`);
  } else {
    out.push(`${ind}${'//'.padEnd(COLUMN)} write 'refuse' (an update waits until no frame is here), or a new cp`);
  }
  out.push(`${ind}${oldCp}: 'TODO',`);
}

/** The first words of the reason align.ts gives for partial results of changed code. */
const PARTIALS_REASON = 'the code before the call changed';

/** Which temporaries a frame would carry, and the code computing them in each version. */
function renderPartials(p: PartialResults, more: string, out: string[]): void {
  const names = Object.entries(p.temps).map(([n, o]) => (n === o ? n : `${n} (old ${o})`)).join(', ');
  out.push(`${more}temporaries ${names} hold values of what this code computed before the call:`);
  for (const [which, text] of [['old', p.old], ['new', p.new]] as const) {
    if (text === null) {
      out.push(`${more}  ${which}: (unknown: the source is not available)`);
      continue;
    }
    const parts = text.split('\n');
    parts.forEach((part, k) => out.push(`${more}  ${k ? '   ' : `${which}:`} ${commentSafe(part || '(nothing before the call)')}${k === parts.length - 1 ? '' : ' ...'}`));
  }
}

function renderState(diff: VersionDiff, out: string[]): void {
  const ind = '    ';
  let any = false;
  for (const m of diff.modules) {
    if (m.status !== 'changed' || !m.old?.analysis || !m.new?.analysis) continue;
    const before = m.old.analysis.stateBindings;
    const after = m.new.analysis.stateBindings;
    if (!before.length && !after.length) continue;
    any = true;
    const oldInits = m.old.analysis.constInits;
    const newInits = m.new.analysis.constInits;
    const rerun = (v: string): boolean => (v in oldInits || v in newInits) && oldInits[v] !== newInits[v];
    const carried = after.filter((v) => before.includes(v) && !rerun(v));
    const changed = after.filter((v) => before.includes(v) && rerun(v));
    const added = after.filter((v) => !before.includes(v));
    const gone = before.filter((v) => !after.includes(v));
    const list = (vs: string[]): string => (vs.length ? vs.join(', ') : 'none');
    out.push(`${ind}// ${m.module}: carried by name: ${list(carried)}; new (their initialisers run): ${list(added)}; gone: ${list(gone)}.`);
    if (changed.length) {
      out.push(`${ind}//   const initialiser changed, so it runs again and the old value is dropped unless this transformer`);
      out.push(`${ind}//   sets it (next.x = old.x keeps it): ${list(changed)}`);
    }
    const union = (vs: string[]): string => (vs.length ? vs.map(quote).join(' | ') : 'never');
    out.push(`${ind}// ${quote(m.module)}(old: ModuleState<${union(before)}>, next: ModuleState<${union(after)}>): void {`);
    out.push(`${ind}// },`);
  }
  if (!any) out.push(`${ind}// No changed module has top-level variables.`);
}

/** The text of mapping.ts. `roots` are the versions' paths as written in patch.json. */
export function renderMapping(diff: VersionDiff, roots: { old: string; new: string }): string {
  const entries = diff.functions.filter((f) => f.needsEntry && f.old);
  const todo = diff.todos.cps + diff.todos.vars;
  const out: string[] = [
    '/**',
    ' * restack mapping: how frames and module state move from the old version to the new one.',
    ' *',
    ` *   old: ${roots.old} (${diff.old.kind} tree, update points '${diff.old.updatePoints}', call points '${diff.old.callPoints}')`,
    ` *   new: ${roots.new} (${diff.new.kind} tree, update points '${diff.new.updatePoints}', call points '${diff.new.callPoints}')`,
    ' *',
    ` * Generated by \`restack patch\` with ${todo} TODO${todo === 1 ? '' : 's'} to decide. Edit this file, then run`,
    " * `restack check <this directory>`: it fails while a 'TODO' is left or an entry does not fit the",
    ' * two versions.',
    ' *',
    ' * functions: one entry per changed, renamed or moved function, keyed by its old id.',
    ' *   to:    the new function\'s id, or null (no counterpart: its frames are refused).',
    ' *   cps:   old continuation point -> new continuation point, or \'refuse\' (an update waits until',
    ' *          no frame is suspended there). A frame suspended in a call resumes at a call; the',
    ' *          frame that reached an update point resumes at an update point.',
    ' *   vars:  values for new live variables that have no same-named variable in the old frame:',
    " *          { from: 'oldName' }, { value: <constant> }, or 'transform' (set by frame()).",
    ' *   frame: optional stack transformer, run after cps and vars, to adjust the new frame.',
    ' * Unchanged functions are not listed (their frames map to themselves); functions not listed',
    ' * that were removed have their frames refused.',
    ' * state: optional transformers of module bindings, per module; bindings are carried by name.',
    ' * Transformers take a third argument, update (UpdateScope from restack/patch): for an old object',
    ' * several frames or modules share, update.once(oldObject, () => replacement) gives them all the',
    ' * same replacement.',
    ' */',
    "import type { Mapping, OldFrame, NewFrame, ModuleState } from 'restack/patch';",
    '',
    'export default {',
    `  format: ${MAPPING_FORMAT},`,
    '  functions: {',
  ];
  if (!entries.length) out.push('    // Nothing to map: no function with frames changed.');
  for (const f of entries) renderEntry(f, out);
  if (out[out.length - 1] === '') out.pop();
  out.push('  },');
  out.push('  state: {');
  renderState(diff, out);
  out.push('  },');
  out.push('} satisfies Mapping;', '');
  return out.join('\n');
}
