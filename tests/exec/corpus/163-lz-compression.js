// LZ77-style compression with a sliding window and run-length encoding; round trips and ratios
function lz77Compress(input, windowSize = 255, maxLen = 15) {
  UPDATE_POINT();
  const out = [];
  let i = 0;
  while (i < input.length) {
    let bestLen = 0, bestDist = 0;
    const start = Math.max(0, i - windowSize);
    for (let j = start; j < i; j++) {
      let len = 0;
      while (len < maxLen && i + len < input.length && input[j + len] === input[i + len]) len++;
      if (len > bestLen) {
        bestLen = len;
        bestDist = i - j;
      }
    }
    if (bestLen >= 3) {
      out.push([bestDist, bestLen]);
      i += bestLen;
    } else {
      out.push(input[i]);
      i++;
    }
    if (out.length % 25 === 0) UPDATE_POINT();
  }
  return out;
}
function lz77Decompress(tokens) {
  let out = "";
  for (const t of tokens) {
    if (typeof t === "string") out += t;
    else {
      const [dist, len] = t;
      const from = out.length - dist;
      for (let k = 0; k < len; k++) out += out[from + k]; // may overlap itself
    }
  }
  return out;
}
function rle(s) {
  let out = "";
  for (let i = 0; i < s.length; ) {
    let j = i;
    while (j < s.length && s[j] === s[i] && j - i < 9) j++;
    out += j - i > 1 ? `${j - i}${s[i]}` : s[i] === "\\" || /\d/.test(s[i]) ? "\\" + s[i] : s[i];
    i = j;
  }
  return out;
}
function unrle(s) {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "\\") out += s[++i];
    else if (/\d/.test(s[i])) out += s[i + 1].repeat(Number(s[i++]));
    else out += s[i];
  }
  return out;
}
const samples = [
  "abababababababababab",
  "to be or not to be, that is the question; to be or not to be",
  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab",
  "no repetition here!",
  "1112223333 \\ 4444455555",
  "the rain in spain falls mainly on the plain in the rain",
];
for (const s of samples) {
  const tokens = lz77Compress(s);
  const refs = tokens.filter((t) => typeof t !== "string").length;
  const back = lz77Decompress(tokens);
  const r = rle(s);
  console.log(JSON.stringify(s.slice(0, 30)), s.length, "tokens", tokens.length, "refs", refs, back === s ? "lz-ok" : "LZ-BAD", "rle", r.length, unrle(r) === s ? "rle-ok" : "RLE-BAD");
}
console.log(JSON.stringify(lz77Compress("abcabcabcabcX")));
// compress a generated text with structure
let text = "";
let seed = 3;
for (let i = 0; i < 60; i++) {
  UPDATE_POINT();
  seed = (seed * 1103515245 + 12345) % 2147483648;
  text += ["alpha ", "beta ", "gamma ", "alphabet ", "betamax "][seed % 5];
}
const t = lz77Compress(text);
console.log(text.length, t.length, lz77Decompress(t) === text, (t.length / text.length).toFixed(3));
