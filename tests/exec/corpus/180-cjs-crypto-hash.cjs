"use strict";
// CommonJS: node:crypto hashing and HMAC of deterministic data, incremental updates in loops
const crypto = require("node:crypto");

const digest = (alg, data) => crypto.createHash(alg).update(data).digest("hex");
for (const s of ["", "abc", "The quick brown fox jumps over the lazy dog"]) {
  UPDATE_POINT();
  console.log(JSON.stringify(s), digest("md5", s), digest("sha1", s).slice(0, 16), digest("sha256", s).slice(0, 32));
}

// incremental hashing equals one-shot hashing
const h = crypto.createHash("sha256");
let whole = "";
for (let i = 0; i < 50; i++) {
  const chunk = `chunk-${i}-${"x".repeat(i % 7)};`;
  h.update(chunk);
  whole += chunk;
  if (i % 10 === 0) UPDATE_POINT();
}
const inc = h.digest("hex");
console.log(inc === digest("sha256", whole), inc.slice(0, 24));

// HMAC with different keys, base64 output
for (const key of ["k1", "secret", ""]) {
  console.log(key || "(empty)", crypto.createHmac("sha256", key).update("message").digest("base64"));
}

// a hash chain (like a tiny blockchain), verified afterwards
const blocks = [];
let prev = "0".repeat(64);
for (let i = 0; i < 6; i++) {
  const payload = JSON.stringify({ i, data: `tx${i * i}`, prev });
  const hash = digest("sha256", payload);
  blocks.push({ i, prev, hash, payload });
  prev = hash;
}
console.log(blocks.map((b) => b.hash.slice(0, 8)).join(" -> "));
function verify(chain) {
  for (let i = 0; i < chain.length; i++) {
    UPDATE_POINT();
    if (digest("sha256", chain[i].payload) !== chain[i].hash) return `bad hash at ${i}`;
    if (i > 0 && chain[i].prev !== chain[i - 1].hash) return `broken link at ${i}`;
  }
  return "valid";
}
console.log(verify(blocks));
blocks[3].payload = blocks[3].payload.replace("tx9", "tx999");
console.log(verify(blocks));

// a simple proof of work: find a nonce whose hash starts with "00"
let nonce = 0;
while (!digest("sha256", "restack" + nonce).startsWith("00")) nonce++;
console.log("nonce", nonce, digest("sha256", "restack" + nonce).slice(0, 12));
// timing-safe comparison and randomness-free key derivation
const k1 = crypto.pbkdf2Sync("password", "salt", 1000, 16, "sha256").toString("hex");
console.log(k1, crypto.timingSafeEqual(Buffer.from(k1), Buffer.from(k1)));
