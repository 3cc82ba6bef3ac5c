// Version 1 of a small report job: parse lines, total them, print a table and a summary.
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
  const t = total(rows);
  const out = [];
  for (const r of rows) {
    out.push(formatRow(r.name, r.value));
  }
  console.log(out.join('\n'));
  return t;
}

export function average(rows) {
  const t = total(rows);
  return Math.round(t / rows.length);
}

export function computeMax(rows) {
  let best = -Infinity;
  for (const r of rows) {
    best = Math.max(best, r.value);
  }
  return best;
}

export function summarize(rows) {
  const avg = average(rows);
  const max = computeMax(rows);
  const text = `avg ${avg}, max ${max}`;
  console.log(text.toUpperCase());
  return text;
}

export function legacyDump(rows) {
  for (const r of rows) console.log(JSON.stringify(r));
}

const input = ['apples, 3', 'pears, 5.5', 'plums, 12'];
report(input);
summarize(input.map(parse));
