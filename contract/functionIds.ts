/**
 * The syntax of function ids, shared by the compiler (which writes them) and patchgen (which
 * reads them). An id is
 *
 *   <module path> '#' <segment> ('/' <segment>)*
 *
 * one segment per enclosing function, outermost first. A segment is the function's name: its
 * declared name (`parse`, `Server.handle`, `get size`), the binding or member path it is
 * assigned to (`handler`, `Client.prototype.publish`, `module.exports.run`), the call it is passed
 * to with that call's literal arguments (`app.get('/stats',*)`: `*` is the function itself, `_`
 * an argument that is not a literal), or a tag in angle brackets for other places (`<return>`,
 * `<array>`, `<default cb>`, `<iife>`, `<arrow>`). A segment may end in `~k` (k >= 2): the k-th
 * function with the same segment in the same parent, in source order.
 *
 * String literals inside a segment are single-quoted, with `\` and `'` escaped, so a literal may
 * hold `/`, `#` or `~`: split ids with `splitFunctionId`, which skips quoted text, never with
 * `split('/')`. The module part ends at the first `#` (or is given, when the module path is
 * known: a path may itself contain `#`).
 */

/** A single-quoted literal as written in a segment: `\`, `'` and control characters escaped. */
export function quoteInId(s: string): string {
  return `'${s.replace(/[\\']/g, (c) => `\\${c}`).replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}'`;
}

/** Splits a run of segments at each `/` that is not inside a quoted literal. */
export function splitSegments(path: string): string[] {
  const out: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === "'") quoted = false;
    } else if (c === "'") {
      quoted = true;
    } else if (c === '/') {
      out.push(path.slice(start, i));
      start = i + 1;
    }
  }
  out.push(path.slice(start));
  return out;
}

/** An id's module and its segments (names of the enclosing functions, then its own). */
export function splitFunctionId(id: string, module?: string): { module: string; names: string[] } {
  const at = module !== undefined && id.startsWith(`${module}#`) ? module.length : id.indexOf('#');
  return at < 0 ? { module: '', names: [id] } : { module: id.slice(0, at), names: splitSegments(id.slice(at + 1)) };
}

/** A segment without its `~k` ordinal, and the ordinal (1 when it has none). */
export function segmentOrdinal(segment: string): { base: string; ordinal: number } {
  const m = /~(\d+)$/.exec(segment);
  // `~` outside quotes appears only as an ordinal: a literal or key holding it is quoted.
  if (!m || segment.lastIndexOf("'") > m.index) return { base: segment, ordinal: 1 };
  return { base: segment.slice(0, m.index), ordinal: Number(m[1]) };
}
