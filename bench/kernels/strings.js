// Strings, Map and for-of over arrays and Map entries.
function words(n) { const out = []; for (let i = 0; i < n; i++) out.push('w' + (i * 7919 % 1000)); return out; }
function count(ws) { const m = new Map(); for (const w of ws) m.set(w, (m.get(w) ?? 0) + 1); let best = ''; let bc = 0; for (const [w, c] of m) if (c > bc) { bc = c; best = w; } return best + ':' + bc; }
console.log(count(words(2e6)));
