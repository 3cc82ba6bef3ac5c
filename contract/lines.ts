/**
 * The line table of generated code: which lines hold continuation-point calls, where frames can be
 * parked, where generator wrappers stand. The compiler prints each continuation-point call as one
 * statement immediately followed by its unwinding check, and V8 reports a frame suspended in that
 * call at the call's line; the check names the cp id. Both the compiler (for metadata and the
 * `__rsLines` table) and the runtime (to validate a stack before unwinding it, when a module has
 * no table) use this scan, so they cannot disagree. The patterns are built from the reserved names
 * and handle members (compiled.ts), so renaming one there cannot leave the scan behind.
 */
import { Flag, M, R } from './compiled.js';

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const S = esc(R.state);
/** The module handle; a global script's carries a suffix of its own (compile(), sourceType 'script'). */
const H = `${esc(R.module)}(?:_[0-9a-f]{8})?`;
const flag = (i: number): string => `${S}\\[${i}\\] !== 0`;
const stale = `${H}\\.${esc(M.superseded)} !== 0`;
const saves = [M.save, M.saveRestored, M.saveConstructor].map(esc).join('|');

/** `if (__rsS[1] !== 0) return [__rsx = true, ]__rsM.s|z|c(ID, ...`: the check after a call. */
const CHECK_LINE = new RegExp(`^\\s*if \\(${flag(Flag.unwinding)}\\) return (?:${esc(R.returnFlag)} = true, )?${H}\\.(?:${saves})\\((\\d+),`);
/** `return yield* __rsI;`: a generator's wrapper delegating to its activation. */
const WRAPPER_LINE = new RegExp(`^\\s*return yield\\* ${esc(R.activation)};`);
/**
 * `if ([!__rsMode && ](__rsS[0] !== 0 | (__rsS[0] !== 0 || __rsM.o !== 0) | __rsM.o !== 0) && __rsM.up(ID[, 1]))`:
 * an update point, a function entry that also forwards, or a forwarding entry.
 */
const UPDATE_LINE = new RegExp(`^\\s*if \\((?:!${esc(R.restoring)} && )?(?:${flag(Flag.pending)}|\\(${flag(Flag.pending)} \\|\\| ${stale}\\)|${stale}) && ${H}\\.${esc(M.up)}\\((\\d+)(?:, 1)?\\)\\)`);

/** Lines of generated code the runtime checks a stack against (scanLines). */
export interface LineTable {
  /** Line of each continuation-point call, to its module-unique cp id. */
  calls: Map<number, number>;
  /**
   * Lines where a frame can be parked: the save statements (check and update-point lines). A
   * frame that was the bottom of a rebuilt stack waits there, inside the runtime, for its restore
   * function to finish; it is a base like the event loop, not a frame to unwind.
   */
  parks: Set<number>;
  /**
   * The `yield*` lines of compiled generators' wrappers: a wrapper frame stands between a running
   * generator body and the frame that called next() on the generator.
   */
  wrappers: Set<number>;
}

/**
 * Finds, in generated code, the line of every continuation-point call: a map from 1-based line to
 * cp id (see the file comment).
 */
export function scanCallLines(code: string): Map<number, number> {
  return scanLines(code).calls;
}

export function scanLines(code: string): LineTable {
  const calls = new Map<number, number>();
  const parks = new Set<number>();
  const wrappers = new Set<number>();
  const lines = code.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = CHECK_LINE.exec(lines[i]);
    if (m) {
      if (i > 0) calls.set(i, Number(m[1]));
      parks.add(i + 1);
    } else if (UPDATE_LINE.test(lines[i])) {
      parks.add(i + 1);
    } else if (WRAPPER_LINE.test(lines[i])) {
      wrappers.add(i + 1);
    }
  }
  return { calls, parks, wrappers };
}
