// string processing: tokenizing text, word frequencies, n-grams, simple stemming
const text = `
It was the best of times, it was the worst of times, it was the age of wisdom,
it was the age of foolishness, it was the epoch of belief, it was the epoch of
incredulity, it was the season of Light, it was the season of Darkness, it was
the spring of hope, it was the winter of despair, we had everything before us,
we had nothing before us, we were all going direct to Heaven, we were all going
direct the other way.
`;
function tokenize(s) {
  UPDATE_POINT();
  const words = [];
  let cur = "";
  for (const ch of s) {
    const lower = ch.toLowerCase();
    if (lower >= "a" && lower <= "z") cur += lower;
    else if (cur) {
      words.push(cur);
      cur = "";
    }
  }
  if (cur) words.push(cur);
  return words;
}
function stem(w) {
  for (const suf of ["ness", "ing", "ity", "es", "s"]) {
    if (w.length > suf.length + 2 && w.endsWith(suf)) return w.slice(0, -suf.length);
  }
  return w;
}
const words = tokenize(text);
console.log("words", words.length);
const freq = new Map();
for (const w of words) {
  const s = stem(w);
  freq.set(s, (freq.get(s) || 0) + 1);
  if (freq.size % 10 === 0) UPDATE_POINT();
}
const top = [...freq].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 10);
console.log(top.map(([w, n]) => `${w}:${n}`).join(" "));

function ngrams(list, n) {
  const counts = {};
  for (let i = 0; i + n <= list.length; i++) {
    const key = list.slice(i, i + n).join(" ");
    counts[key] = (counts[key] || 0) + 1;
  }
  return Object.entries(counts).filter(([, c]) => c > 1).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}
console.log(ngrams(words, 2).slice(0, 6).map(([k, c]) => `"${k}"x${c}`).join(" "));
console.log(ngrams(words, 3).slice(0, 4).map(([k, c]) => `"${k}"x${c}`).join(" "));

// character statistics and a Caesar cipher round trip
const letters = {};
for (const ch of text.toLowerCase()) if (/[a-z]/.test(ch)) letters[ch] = (letters[ch] || 0) + 1;
console.log(Object.keys(letters).sort().map((k) => k + letters[k]).join(""));
const shift = (s, k) => s.replace(/[a-z]/gi, (c) => {
  const base = c <= "Z" ? 65 : 97;
  return String.fromCharCode(((c.charCodeAt(0) - base + k + 26) % 26) + base);
});
const line = text.trim().split("\n")[0];
const enc = shift(line, 13);
console.log(enc);
console.log(shift(enc, -13) === line);

// longest word, palindromes, acronyms
const longest = words.reduce((a, b) => (b.length > a.length ? b : a), "");
const pal = [...new Set(words)].filter((w) => w.length > 1 && w === [...w].reverse().join(""));
console.log(longest, pal.join(","), text.trim().split("\n").map((l) => l.trim()[0].toUpperCase()).join(""));
// word wrapping at 30 columns
const wrapped = [];
let current = "";
for (const w of words.slice(0, 40)) {
  UPDATE_POINT();
  if ((current + " " + w).trim().length > 30) { wrapped.push(current); current = w; }
  else current = (current + " " + w).trim();
}
wrapped.push(current);
console.log(wrapped.join("\n"));
