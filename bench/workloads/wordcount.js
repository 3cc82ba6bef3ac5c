// Strings and Map: build words, count them with for-of over an array and over Map entries.
export const meta = { name: 'wordcount', kind: 'kernel', description: 'string building, Map updates, for-of over arrays and Map entries' };

function words(n) {
  const out = [];
  for (let i = 0; i < n; i++) out.push('w' + ((i * 7919) % 1000));
  return out;
}

export function setup(size) {
  return { words: words(size === 'smoke' ? 20000 : 2000000) };
}

export function run({ words: ws }) {
  const counts = new Map();
  for (const w of ws) counts.set(w, (counts.get(w) ?? 0) + 1);
  let best = '';
  let bestCount = 0;
  for (const [w, c] of counts) {
    if (c > bestCount) {
      bestCount = c;
      best = w;
    }
  }
  return `${best}:${bestCount}:${counts.size}`;
}
