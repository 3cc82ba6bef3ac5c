// for-of over arrays, entries(), nested for-of with calls
function score(word) {
  UPDATE_POINT();
  let s = 0;
  for (const ch of word) {
    s += ch.charCodeAt(0) - 96;
  }
  return s;
}

function best(words) {
  let bestWord = null;
  let bestScore = -1;
  for (const [i, w] of words.entries()) {
    const s = score(w);
    UPDATE_POINT();
    if (s > bestScore) {
      bestScore = s;
      bestWord = w + "@" + i;
    }
  }
  return bestWord + "(" + bestScore + ")";
}

const lists = [
  ["apple", "banana", "cherry"],
  ["zebra", "yak", "xylophone"],
  ["a", "bb", "ccc", "dddd"],
];
for (const list of lists) {
  console.log(best(list));
}

function pairs(arr) {
  const out = [];
  for (const a of arr) {
    for (const b of arr) {
      if (a < b) out.push(a * 10 + b);
    }
  }
  return out;
}
console.log(pairs([1, 2, 3, 4]).join(" "));

// mutate array while iterating with for-of (appends are visited)
const grow = [1, 2, 3];
let visits = 0;
for (const v of grow) {
  UPDATE_POINT();
  visits++;
  if (v < 20) grow.push(v * 3);
  if (visits > 50) break;
}
console.log(visits, grow.join(","));

// sparse arrays yield undefined
const sparse = [1, , 3];
for (const v of sparse) console.log("sparse", v);
