/**
 * Small facts about syntax trees that several passes need: the names a binding pattern declares,
 * and how linearizeCalls marks a try whose finally entry is tracked.
 */
import * as t from '@babel/types';
import { R } from '../contract/index.js';

/** The names a binding pattern (`{a, b: [c = 1], ...d}`) declares, appended to `out`. */
export function patternNames(p: t.Node, out: string[]): string[] {
  if (t.isIdentifier(p)) out.push(p.name);
  else if (t.isArrayPattern(p)) p.elements.forEach((e) => e && patternNames(e, out));
  else if (t.isObjectPattern(p)) p.properties.forEach((q) => patternNames(t.isRestElement(q) ? q.argument : (q as t.ObjectProperty).value, out));
  else if (t.isAssignmentPattern(p)) patternNames(p.left, out);
  else if (t.isRestElement(p)) patternNames(p.argument, out);
  return out;
}

/** A try statement built by linearizeCalls.trackCompletion: `catch (__rst_finN) { c = -1; ... }`. */
export function isTrackedFinally(s: t.TryStatement): boolean {
  const p = s.handler?.param;
  return !!s.finalizer && t.isIdentifier(p) && p.name.startsWith(`${R.tempPrefix}_fin`);
}
