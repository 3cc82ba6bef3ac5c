// Huffman coding: frequency table, tree building with a sorted queue, encoding/decoding round trip
function buildTree(text) {
  UPDATE_POINT();
  const freq = new Map();
  for (const ch of text) freq.set(ch, (freq.get(ch) || 0) + 1);
  let order = 0;
  let queue = [...freq].map(([ch, f]) => ({ ch, f, order: order++ }));
  const byWeight = (a, b) => a.f - b.f || a.order - b.order;
  queue.sort(byWeight);
  while (queue.length > 1) {
    const a = queue.shift();
    const b = queue.shift();
    const node = { f: a.f + b.f, left: a, right: b, order: order++ };
    // insert keeping the queue sorted
    let i = 0;
    while (i < queue.length && byWeight(queue[i], node) <= 0) i++;
    queue.splice(i, 0, node);
    UPDATE_POINT();
  }
  return { root: queue[0], freq };
}
function codes(node, prefix = "", out = {}) {
  if (node.ch !== undefined) {
    out[node.ch] = prefix || "0";
    return out;
  }
  codes(node.left, prefix + "0", out);
  codes(node.right, prefix + "1", out);
  return out;
}
function encode(text, table) {
  let bits = "";
  for (const ch of text) bits += table[ch];
  return bits;
}
function decode(bits, root) {
  let out = "";
  let node = root;
  for (const b of bits) {
    if (node.ch === undefined) node = b === "0" ? node.left : node.right;
    if (node.ch !== undefined) {
      out += node.ch;
      node = root;
    }
  }
  return out;
}
function packBits(bits) {
  const bytes = [];
  for (let i = 0; i < bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8).padEnd(8, "0"), 2));
  return bytes;
}
const samples = [
  "abracadabra",
  "the quick brown fox jumps over the lazy dog",
  "aaaaaaaaaaaaaaab",
  "mississippi river banks",
  "x",
];
for (const text of samples) {
  UPDATE_POINT();
  const { root, freq } = buildTree(text);
  const table = codes(root);
  const bits = encode(text, table);
  const back = decode(bits, root);
  const entries = Object.entries(table).sort((a, b) => a[1].length - b[1].length || (a[0] < b[0] ? -1 : 1));
  console.log(JSON.stringify(text), bits.length, "bits vs", text.length * 8, back === text ? "roundtrip-ok" : "MISMATCH");
  console.log("  ", entries.slice(0, 6).map(([c, code]) => `${c === " " ? "_" : c}=${code}`).join(" "), "|", packBits(bits).slice(0, 8).join(","));
  let weighted = 0;
  for (const [c, f] of freq) weighted += f * table[c].length;
  console.log("   weighted", weighted);
}
