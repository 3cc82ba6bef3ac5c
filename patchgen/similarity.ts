/**
 * Small measures of similarity used to match functions across versions and to align their
 * continuation points. Each returns a number in [0, 1] (1: identical), so the matcher can weigh
 * them against each other.
 */

/** Levenshtein distance between two strings (two-row dynamic programming). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let cur = new Array<number>(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const sub = prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      cur[j] = Math.min(sub, prev[j] + 1, cur[j - 1] + 1);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/** 1 - normalised edit distance; case-insensitive, since renames often only change case. */
export function nameSimilarity(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const longest = Math.max(x.length, y.length);
  if (!longest) return 1;
  const byEdits = 1 - editDistance(x, y) / longest;
  // Renames that keep a word (`computeMax` -> `largestValue` keeps nothing; `total` ->
  // `totalOf` keeps `total`): credit the shared words too.
  const wx = words(a);
  const wy = words(b);
  const shared = wx.filter((w) => wy.includes(w)).length;
  const byWords = wx.length + wy.length ? (2 * shared) / (wx.length + wy.length) : 0;
  return Math.max(byEdits, byWords);
}

/** camelCase, snake_case and kebab-case words of an identifier, lower-cased. */
function words(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

/** Length of the longest common subsequence of two sequences, by an equality function. */
export function lcsLength<T>(a: readonly T[], b: readonly T[], eq: (x: T, y: T) => boolean = (x, y) => x === y): number {
  if (!a.length || !b.length) return 0;
  let prev = new Array<number>(b.length + 1).fill(0);
  let cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      cur[j] = eq(a[i - 1], b[j - 1]) ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/** Dice coefficient of the LCS: 2 * lcs / (|a| + |b|); 1 for two empty sequences. */
export function sequenceSimilarity<T>(a: readonly T[], b: readonly T[], eq?: (x: T, y: T) => boolean): number {
  if (!a.length && !b.length) return 1;
  return (2 * lcsLength(a, b, eq)) / (a.length + b.length);
}

const TOKEN = /[A-Za-z_$][\w$]*|\d[\w.]*|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`|\/\/[^\n]*|\/\*[\s\S]*?\*\/|\S/g;

/** JavaScript-ish tokens of a source text, comments dropped. */
export function tokens(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const tok = m[0];
    if (tok.startsWith('//') || tok.startsWith('/*')) continue;
    out.push(tok);
  }
  return out;
}

/** Multiset of adjacent token pairs: the text's fingerprint for `textSimilarity`. */
export function bigrams(toks: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i + 1 < toks.length; i++) {
    const k = `${toks[i]}\u0000${toks[i + 1]}`;
    out.set(k, (out.get(k) ?? 0) + 1);
  }
  if (toks.length === 1) out.set(toks[0], 1);
  return out;
}

/**
 * Dice coefficient of two token-bigram multisets. Bigrams rather than single tokens, so texts
 * made of the same words in another order score low; a multiset rather than a sequence, so the
 * cost stays linear on large functions (every unmatched pair of functions is compared).
 */
export function textSimilarity(a: Map<string, number>, b: Map<string, number>): number {
  let na = 0;
  let nb = 0;
  let shared = 0;
  for (const n of a.values()) na += n;
  for (const [k, n] of b) {
    nb += n;
    const m = a.get(k);
    if (m) shared += Math.min(m, n);
  }
  if (!na && !nb) return 1;
  return (2 * shared) / (na + nb);
}

/** Whitespace-insensitive form of a piece of source, for exact comparisons. */
export function squash(text: string): string {
  return text.replace(/\s+/g, '');
}
