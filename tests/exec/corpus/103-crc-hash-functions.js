// checksums and hashes by hand: CRC32 (table-driven), Adler-32, FNV-1a, djb2, and a simple rolling hash search
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    UPDATE_POINT();
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();
function crc32(bytes) {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) {
    c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
    if (i % 64 === 63) UPDATE_POINT();
  }
  return (c ^ 0xffffffff) >>> 0;
}
function adler32(bytes) {
  let a = 1, b = 0;
  for (const x of bytes) {
    a = (a + x) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}
function fnv1a(str) {
  let h = 0x811c9dc5;
  for (let i = 0; i < str.length; i++) {
    h ^= str.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
function djb2(str) {
  let h = 5381;
  for (const ch of str) h = ((h << 5) + h + ch.charCodeAt(0)) >>> 0;
  return h;
}
const enc = new TextEncoder();
const hex = (n) => n.toString(16).padStart(8, "0");
const inputs = ["", "a", "abc", "message digest", "The quick brown fox jumps over the lazy dog", "x".repeat(1000)];
for (const s of inputs) {
  const bytes = enc.encode(s);
  console.log(hex(crc32(bytes)), hex(adler32(bytes)), hex(fnv1a(s)), hex(djb2(s)), JSON.stringify(s.slice(0, 20)));
}

// Rabin-Karp substring search with a rolling hash
function rabinKarp(text, pat) {
  const B = 257, M = 1000000007;
  const n = text.length, m = pat.length;
  if (m > n) return [];
  let hp = 0, ht = 0, pow = 1;
  for (let i = 0; i < m; i++) {
    hp = (hp * B + pat.charCodeAt(i)) % M;
    ht = (ht * B + text.charCodeAt(i)) % M;
    if (i < m - 1) pow = (pow * B) % M;
  }
  const hits = [];
  let collisions = 0;
  for (let i = 0; ; i++) {
    if (hp === ht) {
      if (text.startsWith(pat, i)) hits.push(i);
      else collisions++;
    }
    if (i + m >= n) break;
    ht = (ht - ((text.charCodeAt(i) * pow) % M) + M) % M;
    ht = (ht * B + text.charCodeAt(i + m)) % M;
  }
  return hits;
}
const hay = "abracadabra cadabra abracadabra! bracket abra";
for (const p of ["abra", "cad", "bra", "zzz", "a", hay]) console.log(p.length > 10 ? "<whole>" : p, rabinKarp(hay, p).join(","));
// a consistent-hashing ring using fnv1a
const nodes = ["node-a", "node-b", "node-c", "node-d"];
const ring = [];
for (const n of nodes) for (let v = 0; v < 8; v++) ring.push([fnv1a(`${n}#${v}`), n]);
ring.sort((a, b) => a[0] - b[0]);
function owner(key) {
  UPDATE_POINT();
  const h = fnv1a(key);
  for (const [pos, n] of ring) if (pos >= h) return n;
  return ring[0][1];
}
const counts = {};
for (let i = 0; i < 200; i++) counts[owner("key" + i)] = (counts[owner("key" + i)] || 0) + 1;
console.log(JSON.stringify(counts));
