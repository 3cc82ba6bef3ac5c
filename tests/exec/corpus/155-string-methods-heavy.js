// heavy use of string methods in loops: padding, slicing, searching, case conversion, normalization
const words = ["alpha", "Bravo", "charlie", "DELTA", "echo", "Foxtrot", "golf", "hotel", "India", "juliet"];
function titleCase(s) { return s[0].toUpperCase() + s.slice(1).toLowerCase(); }
function camelToKebab(s) { return s.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase(); }
const table = [];
for (const w of words) {
  const t = titleCase(w);
  table.push(`${t.padEnd(8, ".")}|${String(w.length).padStart(3, "0")}|${w.at(-1)}|${w.indexOf("a")}|${w.toLowerCase().lastIndexOf("o")}`);
  if (table.length % 3 === 0) UPDATE_POINT();
}
console.log(table.join("\n"));
console.log(["someVariableName", "HTTPServer", "x", "parseJSON2Html"].map(camelToKebab).join(" "));

// searching and counting substrings with indexOf loops
function countOccurrences(hay, needle) {
  UPDATE_POINT();
  let count = 0;
  for (let pos = hay.indexOf(needle); pos !== -1; pos = hay.indexOf(needle, pos + 1)) count++;
  return count;
}
const text = "the cat sat on the mat with the hat; the end";
console.log(countOccurrences(text, "the"), countOccurrences(text, "at"), countOccurrences("aaaa", "aa"), text.split("the").length - 1);

// trim variants, repeat, includes/startsWith/endsWith with positions
const messy = "   \t padded text \n  ";
console.log(JSON.stringify([messy.trim(), messy.trimStart(), messy.trimEnd()]));
console.log("ab".repeat(3), "hello".includes("ell", 1), "hello".includes("ell", 2), "hello".startsWith("llo", 2), "hello".endsWith("hel", 3));

// slicing with negative indices, substring vs slice, charAt vs at
const s = "restack";
console.log(s.slice(-4), s.slice(2, -2), s.substring(5, 2), s.slice(5, 2) === "", s.charAt(99) === "", s.at(-1), s.at(99));

// unicode: code points vs code units, normalization, localeCompare for ASCII
const u = "cafe\u0301 na\u00efve 😀";
console.log(u.length, [...u].length, u.normalize("NFC").length, u.codePointAt(u.length - 2).toString(16), String.fromCodePoint(0x1f389));
console.log(["b", "a", "C", "B"].sort().join(""), ["b", "a", "C", "B"].sort((x, y) => x.toLowerCase().localeCompare(y.toLowerCase()) || (x < y ? -1 : 1)).join(""));

// building a string char by char in nested loops (diamond)
function diamond(n) {
  const lines = [];
  for (let i = -n + 1; i < n; i++) {
    UPDATE_POINT();
    const k = n - Math.abs(i);
    let line = " ".repeat(n - k);
    for (let j = 0; j < k; j++) line += String.fromCharCode(65 + ((j + k) % 26)) + (j < k - 1 ? " " : "");
    lines.push(line);
  }
  return lines.join("\n");
}
console.log(diamond(5));
// split/join with limits and separators
console.log(JSON.stringify("a,b,,c,d".split(",", 3)), JSON.stringify("".split(",")), JSON.stringify("abc".split("")), "x-y-z".split("-").join("+"));
// string comparison and sorting by multiple criteria
const sorted = words.slice().sort((a, b) => a.length - b.length || a.toLowerCase().localeCompare(b.toLowerCase()));
console.log(sorted.join(" "));
