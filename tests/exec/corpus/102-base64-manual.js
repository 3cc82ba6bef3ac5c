// base64 / hex encoding implemented by hand over UTF-8 bytes, checked against Buffer
const ALPHA = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
function utf8(str) {
  UPDATE_POINT();
  const bytes = [];
  for (const ch of str) {
    const cp = ch.codePointAt(0);
    if (cp < 0x80) bytes.push(cp);
    else if (cp < 0x800) bytes.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) bytes.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else bytes.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return bytes;
}
function fromUtf8(bytes) {
  let out = "";
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    let cp, n;
    if (b < 0x80) { cp = b; n = 1; }
    else if (b < 0xe0) { cp = b & 31; n = 2; }
    else if (b < 0xf0) { cp = b & 15; n = 3; }
    else { cp = b & 7; n = 4; }
    for (let k = 1; k < n; k++) cp = (cp << 6) | (bytes[i + k] & 63);
    out += String.fromCodePoint(cp);
    i += n;
  }
  return out;
}
function b64encode(bytes) {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += ALPHA[(n >> 18) & 63] + ALPHA[(n >> 12) & 63];
    out += i + 1 < bytes.length ? ALPHA[(n >> 6) & 63] : "=";
    out += i + 2 < bytes.length ? ALPHA[n & 63] : "=";
    if (i % 30 === 0) UPDATE_POINT();
  }
  return out;
}
function b64decode(s) {
  const bytes = [];
  const clean = s.replace(/=+$/, "");
  let buf = 0, bits = 0;
  for (const ch of clean) {
    const v = ALPHA.indexOf(ch);
    if (v < 0) throw new SyntaxError("invalid base64 character " + JSON.stringify(ch));
    buf = (buf << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buf >> bits) & 255);
    }
  }
  return bytes;
}
const hex = (bytes) => bytes.map((b) => b.toString(16).padStart(2, "0")).join("");
const samples = ["", "f", "fo", "foo", "foob", "fooba", "foobar", "Hello, World!", "naïve café ☕", "emoji 😀🎉 ok", "a".repeat(50)];
for (const s of samples) {
  const bytes = utf8(s);
  const enc = b64encode(bytes);
  const ok = enc === Buffer.from(s, "utf8").toString("base64") && fromUtf8(b64decode(enc)) === s && hex(bytes) === Buffer.from(s).toString("hex");
  console.log(JSON.stringify(s.length > 20 ? s.slice(0, 20) + "..." : s), bytes.length, enc.length > 40 ? enc.slice(0, 40) + "..." : enc, ok);
}
try {
  b64decode("ab$d");
} catch (e) {
  UPDATE_POINT();
  console.log(e.constructor.name, e.message);
}
// bytes 0..255 roundtrip
const all = Array.from({ length: 256 }, (_, i) => i);
const enc = b64encode(all);
const dec = b64decode(enc);
console.log(enc.length, dec.length, dec.every((b, i) => b === i), enc.slice(0, 24), enc.slice(-12));
