// What the benchmark scripts share: summary statistics and the sections they write into
// docs/benchmarks.md.
import { readFileSync, writeFileSync } from 'node:fs';

/** Median of numbers (NaN for none). */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function geomean(xs) {
  return Math.exp(xs.reduce((sum, x) => sum + Math.log(x), 0) / xs.length);
}

/**
 * Replaces the text between `<!-- name:begin -->` and `<!-- name:end -->` in the docs file with
 * body, or appends the section under `## heading` when the file has no such markers yet.
 */
export function writeDocsSection(docs, name, heading, body) {
  const begin = `<!-- ${name}:begin -->`;
  const end = `<!-- ${name}:end -->`;
  const text = readFileSync(docs, 'utf8');
  const section = `${begin}\n${body}\n${end}`;
  const a = text.indexOf(begin);
  const b = text.indexOf(end);
  writeFileSync(docs, a >= 0 && b > a
    ? text.slice(0, a) + section + text.slice(b + end.length)
    : `${text.trimEnd()}\n\n## ${heading}\n\n${section}\n`);
}
