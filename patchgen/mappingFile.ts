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
import type { FunctionVersion, ModuleVersion } from './load.js';
import type { FieldChange, FieldSite } from './fields.js';
import { isForOfStep, isTemporary, normalizeCallee } from './align.js';
import type { FunctionDiff, VersionDiff } from './diff.js';
import { lineText } from './source.js';
import { MAPPING_FORMAT, type PartialResults } from './types.js';
import { compareTopLevel, needsDecision } from './topLevel.js';

const MAX_LINE = 100;
const COLUMN = 38;

/**
 * A TypeScript string literal: single-quoted, or double-quoted when the text holds a single quote
 * and no double one (a function id with a string literal in it, `app.get('/stats',*)`, then reads
 * as it is).
 */
export function quote(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  const body = s.replace(/\\/g, '\\\\').replace(q === "'" ? /'/g : /"/g, `\\${q}`).replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    .replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
  return `${q}${body}${q}`;
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
    oldCodeWarning(ind, out);
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
    out.push(f.guess
      ? `${ind}//   GUESS: matched by similarity, score ${f.match.score.toFixed(2)} (${evidence}).`
      : `${ind}//   Matched by similarity, score ${f.match.score.toFixed(2)} (${evidence}); the texts are the same.`);
  } else if (f.match?.by === 'position') {
    out.push(`${ind}//   GUESS: the same id, but it tells the functions of this name or context apart only by their`);
    out.push(`${ind}//   order in the parent, and the text changed: code inserted before it would pair the wrong ones.`);
  } else if (f.match?.by === 'text') {
    out.push(`${ind}//   Matched by its text, the same in both versions (no other function left has it).`);
  }
  if (f.guess) {
    out.push(`${ind}//   Decide to: write ${quote(n.fn.id)} to confirm it (the cps below are for it), another new`);
    out.push(`${ind}//   function's id (then map its cps), or null (frames of it are refused).`);
  }
  if (f.match?.by === 'similarity' || f.match?.by === 'position') {
    for (const alt of f.match.alternatives) out.push(`${ind}//   other candidate in the new version: ${alt.id} (score ${alt.score.toFixed(2)})`);
  }
  if (f.closureMissing?.length) {
    const names = f.closureMissing.join(', ');
    out.push(`${ind}//   WARNING: the new code reads ${names} of its enclosing function, which closures the old version`);
    out.push(`${ind}//   made do not have: a call of one made before the update reads undefined there. Nothing below`);
    out.push(`${ind}//   can give it a value; make such closures again after the update (an after() hook), or refuse`);
    out.push(`${ind}//   its entry (those calls then run the old code).`);
  }
  out.push(`${ind}//   old ${functionLine(o)}`);
  out.push(`${ind}//   new ${functionLine(n)}`);
  out.push(`${ind}${quote(o.fn.id)}: {`);
  out.push(f.guess ? `${ind}  to: 'TODO', // proposed: ${quote(n.fn.id)}` : `${ind}  to: ${quote(n.fn.id)},`);
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

/** What the removal of a function means for the calls of it the program still holds. */
function oldCodeWarning(ind: string, out: string[]): void {
  out.push(`${ind}//   WARNING: a call of the old function made after the update (a callback, listener or timer`);
  out.push(`${ind}//   the program still holds) runs its OLD code. It shares the module variables the update`);
  out.push(`${ind}//   carries; those a state transformer sets or that are initialised anew keep their old values`);
  out.push(`${ind}//   for it. \`restack update\` and \`restack status\` list such functions (status: with their calls).`);
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
  if (a.kind === 'update' && a.callee === 'entry') {
    out.push(`${ind}${'//'.padEnd(COLUMN)} 'refuse' keeps calls of the old function on its OLD code (callbacks, listeners,`);
    out.push(`${ind}${'//'.padEnd(COLUMN)} timers the program holds): it shares the module variables the update carries,`);
    out.push(`${ind}${'//'.padEnd(COLUMN)} not those set by a state transformer or initialised anew; \`restack status\``);
    out.push(`${ind}${'//'.padEnd(COLUMN)} lists it. Mapped (vars or frame() for new parameters), calls run the new code`);
    out.push(`${ind}${'//'.padEnd(COLUMN)} and frame() runs once per call.`);
  }
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
    // What the new version computes again (require results, consts read off imports) is not carried.
    const again = new Set(m.new.analysis.recomputed);
    const after = m.new.analysis.stateBindings.filter((v) => !again.has(v));
    if (!before.length && !after.length) continue;
    any = true;
    const oldInits = m.old.analysis.constInits;
    const newInits = m.new.analysis.constInits;
    const rerun = (v: string): boolean => (v in oldInits || v in newInits) && oldInits[v] !== newInits[v];
    const carried = after.filter((v) => before.includes(v) && !rerun(v));
    const changed = after.filter((v) => before.includes(v) && rerun(v));
    const added = after.filter((v) => !before.includes(v));
    const gone = before.filter((v) => !m.new!.analysis!.stateBindings.includes(v));
    const list = (vs: string[]): string => (vs.length ? vs.join(', ') : 'none');
    out.push(`${ind}// ${m.module}: carried by name: ${list(carried)}; new (their initialisers run): ${list(added)}; gone: ${list(gone)}` +
      `${again.size ? `; computed again (what require or the imports give): ${list([...again])}` : ''}.`);
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

/** Names of a module version's top-level bindings an after() hook sees: variables, classes, functions. */
function bindingNames(m: ModuleVersion): string[] {
  return m.analysis?.bindings ?? [];
}

/** A statement key as a TypeScript string literal (double quotes when it holds single ones). */
function keyLiteral(key: string): string {
  return key.includes("'") && !key.includes('"') && !/[\\\n\r\u2028\u2029]/.test(key) ? `"${key}"` : quote(key);
}

/** How many top-level statements mapping.ts leaves to decide (TODO). */
export function topLevelTodos(diff: VersionDiff): number {
  let n = 0;
  for (const m of diff.modules) {
    if (m.status !== 'changed' || !m.old || !m.new) continue;
    n += compareTopLevel(m.old.meta, m.new.meta).plans.filter(needsDecision).length;
  }
  return n;
}

function renderTopLevel(diff: VersionDiff, out: string[]): void {
  const ind = '    ';
  let any = false;
  for (const m of diff.modules) {
    if (m.status !== 'changed' || !m.old || !m.new) continue;
    const { plans, gone } = compareTopLevel(m.old.meta, m.new.meta);
    if (!plans.length && !gone.length) continue;
    any = true;
    const lines = m.new.analysis?.lines;
    const at = (line: number): string => {
      const text = lines ? lineText(lines, line) : null;
      return `new line ${line}${text === null ? '' : `: ${commentSafe(text)}`}`;
    };
    out.push(`${ind}${quote(m.module)}: {`);
    for (const p of plans) {
      const key = keyLiteral(p.statement.key);
      if (p.fate === 'setup') {
        out.push(`${ind}  // setup of this module's own functions or classes: runs again, on the new version's objects`);
        out.push(`${ind}  //   ${at(p.statement.line)}`);
        out.push(`${ind}  // ${key}: 'skip',`);
      } else if (p.fate === 'kept') {
        out.push(`${ind}  // ran when the old version was loaded (it is in both versions): not run again unless 'run'`);
        out.push(`${ind}  //   ${at(p.statement.line)}`);
        out.push(`${ind}  ${key}: 'skip',`);
      } else {
        const why = p.fate === 'new'
          ? "new in this version: 'run' runs it in the update, against the running program (a route on the live app, a listener, a timer)"
          : `called on ${p.statement.on}, which this module defines: it may set up the new ${p.statement.on} (a mixin); 'run' runs it on the new version's objects`;
        out.push(`${ind}  // TODO   ${why}`);
        out.push(`${ind}  //   ${at(p.statement.line)}`);
        out.push(`${ind}  //   proposed: 'run'; or 'skip'`);
        out.push(`${ind}  ${key}: 'TODO',`);
      }
    }
    const oldLines = m.old.analysis?.lines;
    for (const g of gone) {
      const text = oldLines ? lineText(oldLines, g.line) : null;
      out.push(`${ind}  // gone from the new version: old line ${g.line}${text === null ? '' : `: ${commentSafe(text)}`}`);
      out.push(`${ind}  //   what it did when the old version was loaded stays (a timer keeps running, a listener stays registered): undo it in after() if it must not`);
    }
    out.push(`${ind}},`);
  }
  if (!any) out.push(`${ind}// No changed module has top-level statements other than declarations.`);
}

function renderAfter(diff: VersionDiff, out: string[]): void {
  const ind = '    ';
  let any = false;
  for (const m of diff.modules) {
    if (m.status !== 'changed' || !m.old || !m.new) continue;
    any = true;
    const union = (vs: string[]): string => (vs.length ? vs.map(quote).join(' | ') : 'never');
    out.push(`${ind}// ${quote(m.module)}(old: ModuleState<${union(bindingNames(m.old))}>, next: ModuleBindings<${union(bindingNames(m.new))}>): void {`);
    out.push(`${ind}// },`);
  }
  if (!any) out.push(`${ind}// No changed module.`);
}

/** One field's source line in a version: `old line 12: this.timer = setTimeout(...)`. */
function fieldLine(m: ModuleVersion | null, version: 'old' | 'new', site: FieldSite): string {
  const text = m?.analysis ? lineText(m.analysis.lines, site.line) : null;
  return `${version} line ${site.line}${text === null ? '' : `: ${commentSafe(text)}`}`;
}

function renderInstances(diff: VersionDiff, out: string[]): void {
  const ind = '    ';
  if (!diff.instances.length) {
    out.push(`${ind}// No class's constructor sets different fields: old instances need nothing.`);
    return;
  }
  const modules = new Map(diff.modules.map((m) => [m.module, m]));
  for (const d of diff.instances) {
    const m = modules.get(d.old.key.slice(0, d.old.key.lastIndexOf('#')));
    const renamed = d.old.key === d.new.key ? '' : ` (now ${d.new.key})`;
    out.push(`${ind}// ${d.old.key}${renamed}: the new ${d.new.kind === 'class' ? 'class' : 'constructor'} sets fields the old instances do not have as it would.`);
    const row = (what: string, f: FieldChange): void => {
      const head = `${ind}//   ${what.padEnd(8)} ${f.name}`.padEnd(COLUMN + ind.length);
      const lines = [f.old ? fieldLine(m?.old ?? null, 'old', f.old) : null, f.new ? fieldLine(m?.new ?? null, 'new', f.new) : null].filter((x): x is string => x !== null);
      out.push(`${head} ${lines[0]}`);
      for (const l of lines.slice(1)) out.push(`${ind}//${' '.repeat(COLUMN - 2)} ${l}`);
    };
    for (const f of d.added) row('added', f);
    for (const f of d.changed) row('changed', f);
    for (const f of d.removed) row('removed', f);
    out.push(`${ind}// TODO   write a transformer run on every live instance of the old class (subclasses' included)`);
    out.push(`${ind}//        that sets what the new constructor would: (self, update) => { self.x = ...; }`);
    out.push(`${ind}//        (update.module(${quote(d.new.key.slice(0, d.new.key.lastIndexOf('#')))}) has the new version's functions and classes),`);
    out.push(`${ind}//        or null if old instances need nothing.`);
    out.push(`${ind}${quote(d.old.key)}: 'TODO',`, '');
  }
  if (out[out.length - 1] === '') out.pop();
}

/** The text of mapping.ts. `roots` are the versions' paths as written in patch.json. */
export function renderMapping(diff: VersionDiff, roots: { old: string; new: string }): string {
  const entries = diff.functions.filter((f) => f.needsEntry && f.old);
  const todo = diff.todos.cps + diff.todos.vars + diff.todos.instances + diff.todos.guesses + topLevelTodos(diff);
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
    ' *   to:    the new function\'s id, or null (no counterpart: its frames are refused). It is',
    " *          'TODO' where the pairing is a GUESS (matched by similarity, or by an id that tells",
    ' *          functions of one name or context apart only by their order): write the proposed',
    ' *          id to confirm it, or the right one, or null; check fails until you do.',
    ' *   cps:   old continuation point -> new continuation point, or \'refuse\' (an update waits until',
    ' *          no frame is suspended there). A frame suspended in a call resumes at a call; the',
    ' *          frame that reached an update point resumes at an update point.',
    ' *   vars:  values for new live variables that have no same-named variable in the old frame:',
    " *          { from: 'oldName' }, { value: <constant> }, or 'transform' (set by frame()).",
    ' *   frame: optional stack transformer, run after cps and vars, to adjust the new frame.',
    ' * Unchanged functions are not listed (their frames map to themselves); functions not listed',
    ' * that were removed have their frames refused.',
    ' * state: optional transformers of module bindings, per module; bindings are carried by name.',
    " *   They run before the new module is evaluated: next holds the carried bindings (the new ones",
    " *   are absent: their initialisers run unless the transformer sets them).",
    ' * topLevel: per changed module, what the update does with each top-level statement that is not a',
    " *   declaration (keyed by its text, functions written ƒ): 'run' it again in the new version, or",
    " *   'skip' it (it ran when the old version was loaded). Statements that set up the module's own",
    ' *   functions and classes (util.inherits, prototype assignments, Object.defineProperty) run',
    " *   again by default; other statements are skipped unless they say 'run'.",
    ' * after: optional hooks, per module, run once the update committed (after the statements decided',
    " *   'run'): old bindings and the new module's (functions and classes included), to register what",
    ' *   the new version adds to the running program. They cannot refuse the update: what they throw',
    ' *   is reported (afterErrors) and the update stays applied.',
    ' * Transformers take a third argument, update (UpdateScope from restack/patch): for an old object',
    ' * several frames or modules share, update.once(oldObject, () => replacement) gives them all the',
    ' * same replacement.',
    ' * instances: per old class whose constructor sets different fields in the new version (key',
    " *   'module#Name'), a transformer (self, update) run on each live instance when the update",
    ' *   applies, or null. Old instances get the new methods anyway; this gives them the new fields.',
    ' */',
    "import type { Mapping, OldFrame, NewFrame, ModuleState, ModuleBindings } from 'restack/patch';",
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
  out.push('  topLevel: {');
  renderTopLevel(diff, out);
  out.push('  },');
  out.push('  after: {');
  renderAfter(diff, out);
  out.push('  },');
  out.push('  instances: {');
  renderInstances(diff, out);
  out.push('  },');
  out.push('} satisfies Mapping;', '');
  return out.join('\n');
}
