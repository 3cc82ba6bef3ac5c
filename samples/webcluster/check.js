// Checks the web cluster's responses against the version that says it sent them: each response
// names that version in its x-version header, and every version answers deterministically (but
// for the pid), so the expected answer is recomputed with that version's own code (vN/item.js,
// imported natively). Meant for responses sampled while the server is updated live: a response
// whose body or tag is another version's, or a mix of two, is caught.
//
//   node samples/webcluster/check.js <base URL> [--requests N] [--items first,last] [--concurrency C] [--allow-errors]
//
// sends N requests (default 500; /item/<n> with n in first..last (default 0..999), some of them
// with the If-None-Match of an earlier answer, and /version and /stats), checks every response and
// prints { responses, errors, byVersion, workers, statuses }; exit 1 with the first failures. A
// request that got no response (errors: a worker killed in the middle of it) is a failure too,
// unless --allow-errors.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as v1 from './v1/item.js';
import * as v2 from './v2/item.js';
import * as v3 from './v3/item.js';

/** Each version's item code; v1 sends no ETag (and never a 304). */
const ITEMS = { 1: { renderItem: v1.renderItem, etagOf: null }, 2: v2, 3: v3 };

/** The counters each version's /stats reports besides version and pid, and those that are not integers. */
const STATS = {
  1: ['requests', 'hits', 'misses', 'evictions', 'size', 'capacity'],
  2: ['requests', 'hits', 'misses', 'notModified', 'evictions', 'size', 'capacity', 'hottest'],
  3: ['requests', 'hits', 'misses', 'notModified', 'evictions', 'renderMs', 'size', 'capacity', 'hottest'],
};

export const VERSIONS = [1, 2, 3];

const ITEM = /^\/item\/(0|[1-9][0-9]{0,8})$/;
const expected = new Map();

/** What version v answers to GET /item/n: { body, etag } (etag null for v1). Memoized. */
export function expectedItem(v, n) {
  const key = `${v}:${n}`;
  let e = expected.get(key);
  if (!e) {
    const code = ITEMS[v];
    const body = code.renderItem(n);
    e = { body, etag: code.etagOf ? code.etagOf(body) : null };
    expected.set(key, e);
  }
  return e;
}

/**
 * Checks one response. `response`: { path, status, headers, body, ifNoneMatch } (headers: an
 * object with lower-case names, or a fetch Headers; ifNoneMatch: the request's If-None-Match, if
 * it had one). Returns { ok: true, version, worker } or { ok: false, version, worker, reason }.
 */
export function checkResponse({ path, status, headers, body, ifNoneMatch }) {
  const header = (name) => (typeof headers?.get === 'function' ? headers.get(name) : headers?.[name]) ?? null;
  const version = Number(header('x-version'));
  const worker = Number(header('x-worker'));
  const fail = (reason) => ({ ok: false, version, worker, reason: `${path}: ${reason}` });
  if (!VERSIONS.includes(version)) return fail(`x-version is ${JSON.stringify(header('x-version'))}`);
  if (!Number.isInteger(worker) || worker <= 0) return fail(`x-worker is ${JSON.stringify(header('x-worker'))}`);
  if (!String(header('content-type')).startsWith('application/json')) return fail(`content-type is ${header('content-type')}`);
  const etag = header('etag');
  const item = ITEM.exec(path);
  if (item) {
    const want = expectedItem(version, Number(item[1]));
    if (etag !== want.etag) return fail(`v${version} tags this body ${want.etag}, the response ${etag}`);
    if (status === 304) {
      if (want.etag === null || ifNoneMatch !== want.etag) return fail(`a 304 from v${version} to If-None-Match ${ifNoneMatch}, its tag is ${want.etag}`);
      if (body !== '') return fail('a 304 with a body');
    } else if (status !== 200) {
      return fail(`status ${status}`);
    } else if (body !== want.body) {
      return fail(`the body is not v${version}'s:\n  got    ${body}\n  wanted ${want.body}`);
    } else if (want.etag !== null && ifNoneMatch === want.etag) {
      return fail(`v${version} answered If-None-Match ${ifNoneMatch} with the whole body`);
    }
    return { ok: true, version, worker };
  }
  if (etag !== null) return fail(`an ETag (${etag}) on a response that is not an item`);
  let doc;
  try {
    doc = JSON.parse(body);
  } catch {
    return fail(`the body is not JSON: ${body}`);
  }
  if (path === '/version') {
    if (status !== 200 || body !== JSON.stringify({ version, pid: worker })) return fail(`status ${status}, body ${body}`);
  } else if (path === '/stats') {
    if (status !== 200) return fail(`status ${status}`);
    const fields = ['version', 'pid', ...STATS[version]];
    if (Object.keys(doc).join() !== fields.join()) return fail(`v${version}'s stats have ${fields.join(', ')}; got ${body}`);
    if (doc.version !== version || doc.pid !== worker) return fail(`version ${doc.version} and pid ${doc.pid} in the body`);
    for (const name of STATS[version]) {
      const value = doc[name];
      if (name === 'hottest') {
        if (value !== null && !(Number.isInteger(value.id) && Number.isInteger(value.hits) && value.hits >= 0)) return fail(`hottest is ${JSON.stringify(value)}`);
      } else if (!(typeof value === 'number' && value >= 0 && (name === 'renderMs' || Number.isInteger(value)))) {
        return fail(`${name} is ${JSON.stringify(value)}`);
      }
    }
    // The request being answered was counted; a hit or a miss is counted for each item request.
    if (doc.hits + doc.misses >= doc.requests) return fail(`hits + misses (${doc.hits + doc.misses}) not below requests (${doc.requests})`);
    if (doc.size > doc.capacity) return fail(`size ${doc.size} over capacity ${doc.capacity}`);
  } else if (status !== 404 || body !== JSON.stringify({ error: 'not found' })) {
    return fail(`status ${status}, body ${body}`);
  }
  return { ok: true, version, worker };
}

/** One request and its check: { ok, version, worker, status, reason? }. */
export async function checkRequest(base, path, ifNoneMatch) {
  const res = await fetch(new URL(path, base), { headers: ifNoneMatch ? { 'if-none-match': ifNoneMatch } : {} });
  const body = await res.text();
  return { ...checkResponse({ path, status: res.status, headers: res.headers, body, ifNoneMatch }), status: res.status, etag: res.headers.get('etag') };
}

async function main(argv) {
  const option = (name, otherwise) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : otherwise);
  const base = argv[0];
  if (!base || base.startsWith('--')) throw new Error('usage: node check.js <base URL> [--requests N] [--items first,last] [--concurrency C] [--allow-errors]');
  const requests = Number(option('--requests', 500));
  const [first, last] = option('--items', '0,999').split(',').map(Number);
  const concurrency = Number(option('--concurrency', 8));
  const tags = new Map();
  const allowErrors = argv.includes('--allow-errors');
  const summary = { responses: 0, errors: 0, byVersion: {}, workers: {}, statuses: {} };
  const failures = [];
  let sent = 0;
  // Deterministic choice of paths: the i-th request is the same in every run.
  const pathOf = (i) => {
    if (i % 50 === 0) return '/stats';
    if (i % 50 === 25) return '/version';
    return `/item/${first + ((i * 7919) % (last - first + 1))}`;
  };
  const client = async () => {
    while (sent < requests) {
      const i = sent++;
      const path = pathOf(i);
      const ifNoneMatch = i % 3 === 0 ? tags.get(path) : undefined;
      let r;
      try {
        r = await checkRequest(base, path, ifNoneMatch);
      } catch (e) {
        summary.errors++;
        if (!allowErrors) failures.push(`${path}: no response: ${e.cause?.message ?? e.message}`);
        continue;
      }
      if (r.etag) tags.set(path, r.etag);
      summary.responses++;
      summary.byVersion[r.version] = (summary.byVersion[r.version] ?? 0) + 1;
      summary.workers[r.worker] = (summary.workers[r.worker] ?? 0) + 1;
      summary.statuses[r.status] = (summary.statuses[r.status] ?? 0) + 1;
      if (!r.ok) failures.push(r.reason);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  console.log(JSON.stringify(summary));
  if (failures.length) {
    console.error(`webcluster check: FAILED (${failures.length} responses):\n${failures.slice(0, 5).join('\n')}`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((e) => {
    console.error(`webcluster check: ${e.message}`);
    process.exitCode = 2;
  });
}
