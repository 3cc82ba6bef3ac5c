// A least-recently-used cache of at most `capacity` entries, kept as plain data so a state
// transformer can read it: { capacity, map, evictions }. A Map iterates its keys in insertion
// order; moving a key to the end at every hit keeps them from least to most recently used, so the
// first key is the one to evict.

export function createCache(capacity) {
  return { capacity, map: new Map(), evictions: 0 };
}

/** The value cached under key (now the most recently used), or undefined. */
export function cacheGet(cache, key) {
  const value = cache.map.get(key);
  if (value !== undefined) {
    cache.map.delete(key);
    cache.map.set(key, value);
  }
  return value;
}

/** Caches value under key, evicting the least recently used entries beyond the capacity. */
export function cacheSet(cache, key, value) {
  cache.map.delete(key);
  cache.map.set(key, value);
  while (cache.map.size > cache.capacity) {
    cache.map.delete(cache.map.keys().next().value);
    cache.evictions++;
  }
}
