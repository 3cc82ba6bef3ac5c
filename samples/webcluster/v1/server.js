// A worker's HTTP server. Routes:
//
//   GET /item/<n>   item n's document (item.js), from this worker's cache when it has it
//   GET /stats      this worker's counters: { version, pid, requests, hits, misses, evictions, size, capacity }
//   GET /version    { version, pid }
//
// Every response is JSON and carries `x-version` (the version of the code that answered) and
// `x-worker` (this worker's pid). Each worker has its own cache and counters: nothing is shared
// between workers, which is what the cluster module makes cheap (no locks, no messages).
import http from 'node:http';
import { createCache, cacheGet, cacheSet } from './cache.js';
import { renderItem } from './item.js';

/** n: 0 or a positive integer without leading zeros, so each item has one path (one cache key). */
const ITEM = /^\/item\/(0|[1-9][0-9]{0,8})$/;

// Set by startServer: the primary imports this module too but never starts a server, so there
// these stay null.
let cache = null;
let server = null;
let requests = 0;
let hits = 0;
let misses = 0;

/** Starts this worker's server on the port every worker shares (the cluster module's doing). */
export function startServer({ port, host, capacity }) {
  cache = createCache(capacity);
  server = http.createServer(handle);
  server.listen(port, host);
  return server;
}

function handle(req, res) {
  requests++;
  const q = req.url.indexOf('?');
  const path = q < 0 ? req.url : req.url.slice(0, q);
  const item = req.method === 'GET' ? ITEM.exec(path) : null;
  if (item) serveItem(req, res, Number(item[1]));
  else if (req.method === 'GET' && path === '/stats') send(res, 200, JSON.stringify(statsOf()));
  else if (req.method === 'GET' && path === '/version') send(res, 200, JSON.stringify({ version: 1, pid: process.pid }));
  else send(res, 404, JSON.stringify({ error: 'not found' }));
}

/** An item from the cache, or rendered (and cached) on a miss. */
function serveItem(req, res, n) {
  let body = cacheGet(cache, n);
  if (body === undefined) {
    misses++;
    body = renderItem(n);
    cacheSet(cache, n, body);
  } else {
    hits++;
  }
  send(res, 200, body);
}

function statsOf() {
  return { version: 1, pid: process.pid, requests, hits, misses, evictions: cache.evictions, size: cache.map.size, capacity: cache.capacity };
}

/** Writes a whole response; `x-version` is the version of the code answering. */
function send(res, status, body) {
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'x-version': '1',
    'x-worker': String(process.pid),
  });
  res.end(body);
}
