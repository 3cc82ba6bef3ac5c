// A worker's HTTP server. Routes:
//
//   GET /item/<n>   item n's document (item.js), from this worker's cache when it has it, with its
//                   ETag; 304 Not Modified when the request's If-None-Match names that tag
//   GET /stats      this worker's counters: { version, pid, requests, hits, misses, notModified,
//                   evictions, renderMs, size, capacity, hottest }
//   GET /version    { version, pid }
//
// Every response is JSON and carries `x-version` (the version of the code that answered) and
// `x-worker` (this worker's pid). Each worker has its own cache and counters: nothing is shared
// between workers, which is what the cluster module makes cheap (no locks, no messages).
import http from 'node:http';
import { createCache, cacheGet, cacheSet } from './cache.js';
import { renderItem, etagOf } from './item.js';

/** n: 0 or a positive integer without leading zeros, so each item has one path (one cache key). */
const ITEM = /^\/item\/(0|[1-9][0-9]{0,8})$/;

// Set by startServer: the primary imports this module too but never starts a server, so there
// cache and server stay null. The cache holds one entry per item: { body, etag, hits } (hits:
// how often this worker served it from the cache).
let cache = null;
let server = null;
/** This worker's counters, and the time it spent rendering items (ms). */
const stats = { requests: 0, hits: 0, misses: 0, notModified: 0, evictions: 0, renderMs: 0 };

/** Starts this worker's server on the port every worker shares (the cluster module's doing). */
export function startServer({ port, host, capacity }) {
  cache = createCache(capacity);
  server = http.createServer(handle);
  server.listen(port, host);
  return server;
}

function handle(req, res) {
  stats.requests++;
  const q = req.url.indexOf('?');
  const path = q < 0 ? req.url : req.url.slice(0, q);
  const item = req.method === 'GET' ? ITEM.exec(path) : null;
  if (item) serveItem(req, res, Number(item[1]));
  else if (req.method === 'GET' && path === '/stats') send(res, 200, JSON.stringify(statsOf()));
  else if (req.method === 'GET' && path === '/version') send(res, 200, JSON.stringify({ version: 3, pid: process.pid }));
  else send(res, 404, JSON.stringify({ error: 'not found' }));
}

/**
 * An item from the cache, or rendered (and cached) on a miss, timed. The tag is computed once,
 * when the entry is made: a client that has the body already gets a 304 without one.
 */
function serveItem(req, res, n) {
  let entry = cacheGet(cache, n);
  if (entry === undefined) {
    stats.misses++;
    const t0 = performance.now();
    const body = renderItem(n);
    stats.renderMs += performance.now() - t0;
    entry = { body, etag: etagOf(body), hits: 0 };
    stats.evictions += cacheSet(cache, n, entry);
  } else {
    stats.hits++;
    entry.hits++;
  }
  if (req.headers['if-none-match'] === entry.etag) {
    stats.notModified++;
    send(res, 304, '', { etag: entry.etag });
  } else {
    send(res, 200, entry.body, { etag: entry.etag });
  }
}

/** The counters, and the cached item served most often from the cache (the first one on a tie). */
function statsOf() {
  let hottest = null;
  for (const [id, entry] of cache.map) {
    if (hottest === null || entry.hits > hottest.hits) hottest = { id, hits: entry.hits };
  }
  return {
    version: 3, pid: process.pid, ...stats, renderMs: Math.round(stats.renderMs * 1000) / 1000,
    size: cache.map.size, capacity: cache.capacity, hottest,
  };
}

/** Writes a whole response; `x-version` is the version of the code answering. */
function send(res, status, body, headers = {}) {
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'x-version': '3',
    'x-worker': String(process.pid),
    ...headers,
  });
  res.end(body);
}
