// Formatting helpers: the same in both versions.
export function pad(text, width) {
  let s = String(text);
  while (s.length < width) s = ' ' + s;
  return s;
}

export function formatRow(name, value) {
  return `${name.padEnd(12)}${pad(value.toFixed(2), 10)}`;
}
