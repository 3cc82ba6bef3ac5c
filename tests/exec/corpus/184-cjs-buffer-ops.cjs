"use strict";
// CommonJS: Buffer operations in loops: binary record encoding/decoding, endianness, slicing, comparisons
function encodeRecords(records) {
  const size = records.reduce((s, r) => s + 2 + 4 + 8 + 1 + Buffer.byteLength(r.name), 0);
  const buf = Buffer.alloc(size);
  let off = 0;
  for (const r of records) {
    off = buf.writeUInt16BE(r.id, off);
    off = buf.writeInt32LE(r.delta, off);
    off = buf.writeDoubleBE(r.score, off);
    const nameLen = buf.write(r.name, off + 1, "utf8");
    buf.writeUInt8(nameLen, off);
    off += 1 + nameLen;
    UPDATE_POINT();
  }
  return buf;
}
function decodeRecords(buf) {
  UPDATE_POINT();
  const out = [];
  let off = 0;
  while (off < buf.length) {
    const id = buf.readUInt16BE(off);
    const delta = buf.readInt32LE(off + 2);
    const score = buf.readDoubleBE(off + 6);
    const len = buf.readUInt8(off + 14);
    const name = buf.toString("utf8", off + 15, off + 15 + len);
    out.push({ id, delta, score, name });
    off += 15 + len;
  }
  return out;
}
const records = [
  { id: 1, delta: -5, score: 3.5, name: "alpha" },
  { id: 513, delta: 123456789, score: -0.125, name: "βeta" },
  { id: 65535, delta: -2147483648, score: 1e300, name: "" },
  { id: 42, delta: 0, score: Math.PI, name: "✓ done" },
];
const buf = encodeRecords(records);
console.log(buf.length, buf.subarray(0, 16).toString("hex"));
const back = decodeRecords(buf);
console.log(JSON.stringify(back) === JSON.stringify(records), back.map((r) => r.name).join("|"));

// encodings and conversions
const b = Buffer.from("Restack ✓ buffers", "utf8");
console.log(b.length, b.toString("base64"), b.toString("base64url"), b.toString("hex").slice(0, 20), Buffer.from(b.toString("base64"), "base64").equals(b));
console.log(Buffer.from("68656c6c6f", "hex").toString(), Buffer.from([0xe2, 0x9c, 0x93]).toString(), Buffer.byteLength("✓"), "✓".length);

// slicing shares memory, copying does not
const shared = b.subarray(0, 7);
const copy = Buffer.from(b.subarray(0, 7));
shared[0] = "r".charCodeAt(0);
console.log(b.toString("utf8", 0, 7), copy.toString());

// compare / sort / concat / indexOf / fill
const parts = ["pear", "apple", "fig", "apple2"].map((s) => Buffer.from(s));
parts.sort(Buffer.compare);
console.log(parts.map(String).join(","), Buffer.concat(parts).toString(), Buffer.concat(parts).indexOf("fig"), Buffer.alloc(5).fill("ab").toString());

// checksum over a big buffer with readUInt32 in a loop
const big = Buffer.alloc(4096);
for (let i = 0; i < big.length; i++) big[i] = (i * 31 + 7) & 0xff;
let sum = 0;
for (let off = 0; off < big.length; off += 4) {
  sum = (sum + big.readUInt32LE(off)) >>> 0;
  if (off % 1024 === 0) UPDATE_POINT();
}
console.log(sum, big.readBigUInt64BE(8).toString(16), big.swap16().subarray(0, 4).toString("hex"));
// JSON serialization of buffers
console.log(JSON.stringify(Buffer.from("hi")), Buffer.from(JSON.parse(JSON.stringify(Buffer.from("hi"))).data).toString());
