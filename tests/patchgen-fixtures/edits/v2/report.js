// Version 2 of a small report job: parse lines, total them, print a table and a summary.
import { formatRow } from './format.js';

export function parse(line) {
  const parts = line.split(',');
  return { name: parts[0].trim(), value: Number(parts[1]) };
}

export function total(rows) {
  let sum = 0;
  for (const r of rows) {
    sum += r.value;
  }
  return sum;
}

export function report(lines) {
  const rows = lines.map(parse);
  console.error(`report: ${rows.length} rows`);
  const t = total(rows);
  const out = [];
  let skipped = 0;
  for (const r of rows) {
    if (r.value < 0) { skipped++; continue; }
    out.push(formatRow(r.name, r.value));
  }
  console.log(out.join('\n'));
  if (skipped) console.error(`${skipped} rows skipped`);
  return t;
}

export function average(rows) {
  const t = total(rows);
  return Math.trunc(t / rows.length);
}

export function largestValue(rows) {
  let best = -Infinity;
  for (const r of rows) {
    best = Math.max(best, r.value);
  }
  return best;
}

export function summarize(rows) {
  const avg = average(rows);
  const max = largestValue(rows);
  return describe(avg, max);
}

export function describe(avg, max) {
  const text = `avg ${avg}, max ${max}`;
  console.log(text.toUpperCase());
  return text;
}

const input = ['apples, 3', 'pears, 5.5', 'plums, -1', 'plums, 12'];
report(input);
summarize(input.map(parse));
