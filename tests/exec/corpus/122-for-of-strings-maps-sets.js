// for-of over strings (code points), Maps, Sets, arguments, typed arrays, NodeList-like iterables
function charInfo(s) {
  UPDATE_POINT();
  const out = [];
  for (const ch of s) {
    out.push(ch.length === 2 ? `[${ch.codePointAt(0).toString(16)}]` : ch);
  }
  return out.join("");
}
console.log(charInfo("héllo"), charInfo("a😀b🎉c"), "a😀b".length, [..."a😀b"].length);

const inventory = new Map([["apples", 5], ["pears", 0], ["plums", 12]]);
let stock = 0;
for (const [fruit, n] of inventory) {
  if (n === 0) {
    inventory.set("restock-" + fruit, 10); // visited later in the same loop
    continue;
  }
  stock += n;
  UPDATE_POINT();
}
console.log(stock, [...inventory.keys()].join(","));
for (const k of inventory.keys()) if (k.startsWith("restock")) inventory.delete(k);
for (const v of inventory.values()) stock -= v;
console.log(stock, inventory.size);

const tags = new Set(["js", "ts", "go"]);
const order = [];
for (const t of tags) {
  order.push(t);
  if (t === "js") {
    tags.delete("ts"); // not yet visited: skipped
    tags.add("rust"); // appended: visited
  }
}
console.log(order.join(","));

function viaArguments() {
  let s = "";
  for (const a of arguments) s += typeof a === "number" ? a * 2 : a;
  return s;
}
console.log(viaArguments(1, "x", 3, "y"));

let typedSum = 0;
for (const v of new Int8Array([100, 100, -50])) typedSum += v;
console.log(typedSum);

// entries() / keys() of arrays and Object.entries in for-of with early return
function firstDuplicate(list) {
  const seen = new Map();
  for (const [i, v] of list.entries()) {
    if (seen.has(v)) return `${v} at ${seen.get(v)} and ${i}`;
    seen.set(v, i);
  }
  return "none";
}
console.log(firstDuplicate([3, 1, 4, 1, 5, 9, 2, 6, 5]), firstDuplicate([1, 2, 3]));
for (const [k, v] of Object.entries({ x: 1, y: [2, 3], z: { w: 4 } })) console.log(k, JSON.stringify(v));

// iterating a string while building a map of runs
function runs(s) {
  const out = [];
  let prev = null, n = 0;
  for (const ch of s + "\0") {
    UPDATE_POINT();
    if (ch === prev) n++;
    else {
      if (prev !== null) out.push(n > 1 ? prev + n : prev);
      prev = ch;
      n = 1;
    }
  }
  return out.join("");
}
console.log(runs("aaabccddddde"), runs("😀😀x"));
