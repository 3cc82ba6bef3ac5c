// for-in over objects, arrays and inherited props, calling functions per key
function weight(key) {
  UPDATE_POINT();
  let w = 0;
  for (let i = 0; i < key.length; i++) {
    w = (w * 31 + key.charCodeAt(i)) % 10007;
  }
  return w;
}

function describe(obj) {
  const parts = [];
  for (const k in obj) {
    UPDATE_POINT();
    parts.push(k + ":" + weight(k) + ":" + String(obj[k]));
  }
  return parts.join(" ");
}

const base = { inherited: 1, shared: "yes" };
const child = Object.create(base);
child.own = 2;
child.shared = "overridden";
child[10] = "ten";
child[2] = "two";

console.log(describe({ a: 1, b: 2, c: 3 }));
console.log(describe(child));
console.log(describe([5, 6, 7]));
console.log(describe("str"));

function sumValues(o) {
  let s = 0;
  for (var key in o) {
    if (!Object.prototype.hasOwnProperty.call(o, key)) continue;
    s += typeof o[key] === "number" ? o[key] * weight(key) : 0;
  }
  return [s, key];
}
console.log(JSON.stringify(sumValues({ x: 1, y: 2, z: { nested: true }, w: 4 })));

const counts = {};
const words = "the quick brown fox jumps over the lazy dog the end".split(" ");
for (const w of words) counts[w] = (counts[w] || 0) + 1;
const keysSeen = [];
for (const w in counts) {
  UPDATE_POINT();
  keysSeen.push(w + "=" + counts[w]);
}
console.log(keysSeen.join(","));
