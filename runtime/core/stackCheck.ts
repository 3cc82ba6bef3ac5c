/**
 * The stack check (decision 2 of the design notes: never unwind through a frame that is not ours):
 * given the call sites V8 reports for the current stack, how many frames an update can unwind, or
 * 0 when it cannot happen here. Pure: the engine captures the sites and owns the module table;
 * tests/unit/stackCheck.test.js drives it with made-up sites.
 *
 * Every frame from the update point down to the first frame that is not ours must be a compiled
 * frame suspended in a continuation-point call. The runtime's own frames in between are skipped,
 * and so are a compiled generator's wrapper and the builtin next/throw/return that resumed a
 * generator body. Below that first frame, no compiled frame suspended in a call may remain (it would
 * be left behind, half in the old version): a frame of a native builtin calling back (forEach), of
 * uncompiled code, or a compiled frame in an implicit call (a getter) defers the update.
 */
import type { LineTable } from '../../contract/index.js';
import { MapGet, MapHas, SetHas, StringStartsWith } from './primordials.js';

export interface CallSiteLike {
  getFileName(): string | null | undefined;
  getLineNumber(): number | null;
  getEnclosingLineNumber?(): number | null;
  getEnclosingColumnNumber?(): number | null;
  getFunctionName(): string | null;
}

/** What the stack check needs of a compiled module: its url and its line table. */
export interface CheckedModule {
  readonly url: string;
  lineTable(): LineTable;
}

export type SiteKind = 'runtime' | 'call' | 'parked' | 'wrapper' | 'body' | 'compiled' | 'foreign';

/** A frame of the stack: its module and the module-wide id of the continuation point it is at. */
export interface StackSite<M> {
  m: M;
  cp: number;
}

/** The builtin frame of a generator's next/throw/return (no file: V8 shows `g.next (<anonymous>)`). */
export function isResumption(site: CallSiteLike): boolean {
  if (site.getFileName()) return false;
  const name = site.getFunctionName();
  return name === 'next' || name === 'throw' || name === 'return';
}

/** What a frame is, for the stack check: a compiled frame in a call, parked, the runtime's, ... */
export function classify<M extends CheckedModule>(site: CallSiteLike, modules: ReadonlyMap<string, M>, runtimeDir: string): SiteKind {
  const file = site.getFileName();
  if (!file) return 'foreign';
  const mod = MapGet(modules, file);
  if (!mod) return StringStartsWith(file, runtimeDir) ? 'runtime' : 'foreign';
  const line = site.getLineNumber() ?? 0;
  const table = mod.lineTable();
  if (MapHas(table.calls, line)) return 'call';
  if (SetHas(table.parks, line)) return 'parked';
  if (SetHas(table.wrappers, line)) return 'wrapper';
  if (site.getEnclosingLineNumber?.() === 1 && site.getEnclosingColumnNumber?.() === 1) return 'body';
  return 'compiled';
}

/**
 * The number of frames to unwind (the update point's frame, or the frame suspended in a blocking
 * call when `top` is null, and its callers down to the first frame that is not ours), or 0 when
 * the stack cannot be captured now. With `collect`, each frame's site (top first) is pushed on
 * `out` (an update to a new version checks its refusals on them).
 */
export function checkStack<M extends CheckedModule>(
  sites: readonly CallSiteLike[], top: M | null, topCp: number, modules: ReadonlyMap<string, M>, runtimeDir: string,
  out: { n: number; [i: number]: StackSite<M> } | null,
): number {
  const kind = (s: CallSiteLike): SiteKind => classify(s, modules, runtimeDir);
  // At an update point the top frame is the point's; in a blocking call it is the frame that
  // made the call, suspended in it like the frames below.
  // A call made again by a rebuilt stack (the top record's f, in the runtime) is one frame up.
  let first = 0;
  if (!top) while (first < sites.length && kind(sites[first]) === 'runtime') first++;
  if (first >= sites.length || (top ? sites[0].getFileName() !== top.url : kind(sites[first]) !== 'call')) return 0;
  if (out && top) out[out.n++] = { m: top, cp: topCp };
  let depth = top ? 1 : 0;
  let i = top ? 1 : first;
  for (; i < sites.length; i++) {
    const k = kind(sites[i]);
    if (k === 'runtime') continue;
    if (k === 'wrapper') {
      // A compiled generator's wrapper, and the builtin next/throw/return that resumed it: the
      // frame below called the generator (GenActivation unwinds through them).
      if (i + 1 < sites.length && isResumption(sites[i + 1])) i++;
      continue;
    }
    // The builtin next/throw/return by which the runtime resumed a generator body.
    if (k === 'foreign' && i + 1 < sites.length && isResumption(sites[i]) && kind(sites[i + 1]) === 'runtime') continue;
    if (k !== 'call') break;
    if (out) {
      const m = MapGet(modules, sites[i].getFileName()!)!;
      out[out.n++] = { m, cp: MapGet(m.lineTable().calls, sites[i].getLineNumber() ?? 0)! };
    }
    depth++;
  }
  if (i < sites.length) {
    if (kind(sites[i]) === 'compiled') return 0;
    for (let j = i + 1; j < sites.length; j++) if (kind(sites[j]) === 'call') return 0;
  }
  return depth;
}
