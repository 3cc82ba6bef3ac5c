// Rendering an item: the JSON document GET /item/<n> answers, the same for a given n every time
// (a generator seeded by n picks its fields). Deliberately costly, as building a real page is
// (queries, templates): the digest is a hash chain of ROUNDS steps, so a miss in the per-worker
// cache (server.js) costs a fraction of a millisecond and a hit almost nothing.

const ADJECTIVES = ['amber', 'brisk', 'copper', 'dusky', 'eager', 'frosty', 'gentle', 'hollow', 'ivory', 'jolly', 'keen', 'lunar', 'mellow', 'nimble', 'olive', 'plain'];
const NOUNS = ['anchor', 'bucket', 'candle', 'drum', 'easel', 'flute', 'globe', 'hammock', 'inkwell', 'jug', 'kettle', 'lantern', 'mirror', 'needle', 'oar', 'pulley'];
const TAGS = ['garden', 'kitchen', 'office', 'outdoor', 'vintage', 'handmade', 'gift', 'travel', 'kids', 'sale', 'new', 'bulk'];

/** Steps of the digest's hash chain: what makes a miss cost more than a hit. */
const ROUNDS = 60000;

/** mulberry32: a 32-bit generator kept as plain data ({ state }). */
function nextRandom(rng) {
  rng.state = (rng.state + 0x6d2b79f5) >>> 0;
  let z = rng.state;
  z = Math.imul(z ^ (z >>> 15), z | 1);
  z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
  return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
}

function pick(rng, list) {
  return list[Math.floor(nextRandom(rng) * list.length)];
}

/**
 * Item n's document, as the JSON text the server sends: { id, name, price (in cents), tags (three,
 * all different), digest (8 hex digits) }.
 */
export function renderItem(n) {
  const rng = { state: (Math.imul(n + 1, 0x9e3779b9) ^ 0x5bd1e995) >>> 0 };
  const name = `${pick(rng, ADJECTIVES)} ${pick(rng, NOUNS)}`;
  const price = 99 + Math.floor(nextRandom(rng) * 99901);
  const tags = [];
  while (tags.length < 3) {
    const tag = pick(rng, TAGS);
    if (!tags.includes(tag)) tags.push(tag);
  }
  // The hash chain: xorshift32 steps, each mixing in one character of the name. Shifts and xors
  // only, no call: the loop is all the work, and its head is where an update finds a busy worker.
  let h = (rng.state ^ n) | 1;
  for (let i = 0; i < ROUNDS; i++) {
    h ^= h << 13;
    h ^= h >>> 17;
    h ^= h << 5;
    h ^= name.charCodeAt(i % name.length);
  }
  const digest = (h >>> 0).toString(16).padStart(8, '0');
  return JSON.stringify({ id: n, name, price, tags, digest });
}

/**
 * The entity tag of a response body: the 32-bit FNV-1a hash of its UTF-16 code units (8 hex
 * digits, quoted as HTTP wants). The multiplication by the FNV prime is written as shifts and
 * adds, exact in 32 bits.
 */
export function etagOf(body) {
  let h = 0x811c9dc5;
  for (let i = 0; i < body.length; i++) {
    h ^= body.charCodeAt(i);
    h = (h + (h << 1) + (h << 4) + (h << 7) + (h << 8) + (h << 24)) >>> 0;
  }
  return `"${h.toString(16).padStart(8, '0')}"`;
}
