// typed arrays and DataView: image-like buffers, blur filter, endianness, views sharing a buffer
const W = 16, H = 8;
const img = new Uint8ClampedArray(W * H);
for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) img[y * W + x] = ((x * 37) ^ (y * 91)) & 255;
function checksum(arr) {
  UPDATE_POINT();
  let h = 0;
  for (let i = 0; i < arr.length; i++) h = (h * 33 + arr[i]) >>> 0;
  return h;
}
console.log("orig", checksum(img));
function blur(src) {
  const out = new Uint8ClampedArray(src.length);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      let sum = 0, n = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx, ny = y + dy;
          if (nx >= 0 && ny >= 0 && nx < W && ny < H) { sum += src[ny * W + nx]; n++; }
        }
      }
      out[y * W + x] = Math.round(sum / n);
    }
    UPDATE_POINT();
  }
  return out;
}
let b = img;
for (let pass = 1; pass <= 3; pass++) {
  UPDATE_POINT();
  b = blur(b);
  console.log("pass", pass, checksum(b), Array.from(b.subarray(0, 8)).join(","));
}
// clamping and wrapping behaviour
const clamped = new Uint8ClampedArray([300, -5, 127.5, 128.5]);
const wrapped = new Uint8Array([300, -5, 127.5]);
const signed = new Int8Array([200, -200, 127]);
console.log(Array.from(clamped).join(","), Array.from(wrapped).join(","), Array.from(signed).join(","));

// shared buffer views and DataView endianness
const buf = new ArrayBuffer(16);
const u32 = new Uint32Array(buf);
const u8 = new Uint8Array(buf);
const dv = new DataView(buf);
u32[0] = 0x01020304;
dv.setUint32(4, 0x01020304, false);
dv.setFloat64(8, Math.PI, true);
console.log(Array.from(u8.subarray(0, 8)).join(","), dv.getUint32(0, true).toString(16), dv.getUint16(4).toString(16), dv.getFloat64(8, true));

// typed array methods with callbacks
const f32 = Float32Array.from({ length: 10 }, (_, i) => i * 0.5);
console.log(Array.from(f32.map((v) => v * v)).join(","), f32.filter((v) => v % 1 === 0).length, f32.reduce((a, v) => a + v, 0), f32.findIndex((v) => v > 2));
const sorted = new Int16Array([5, -3, 100, 0, -32768, 32767]).sort();
console.log(sorted.join(","), new Float64Array([3, 1, NaN, 2]).sort().join(","));
// histogram with Uint32Array and bit tricks
const hist = new Uint32Array(8);
for (const v of img) hist[v >> 5]++;
console.log(hist.join(","), hist.reduce((a, b) => a + b));
// BigInt64Array
const bi = new BigInt64Array([1n, -1n, 2n ** 62n]);
console.log(bi.join(","), new BigUint64Array(bi.buffer).join(","));
