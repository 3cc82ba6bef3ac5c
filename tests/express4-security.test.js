// samples/express4-security end to end: a dependency's security release applied live. The link
// service runs on express 4.19.2, compiled with its production dependencies (`restack compile
// --deps prod`); the bundle is `restack patch` between that install and one of express 4.20.0
// (two lockfiles, npm ci each), with the committed mapping. While wrk sends the service's usual
// requests, `restack update <pid>` applies it. What must hold:
//  - nothing dropped: 0 socket errors and no answer outside 2xx/3xx under wrk;
//  - both exploits work before and fail after: CVE-2024-43796 (res.redirect renders the user's
//    URL as a link: `javascript:` runs when clicked) and CVE-2024-45590 (body-parser parses a
//    urlencoded body nested without limit: 4.20.0 answers 400 past depth 32);
//  - the service's links and counters are carried; the new version requires the new release's
//    files (express/package.json says 4.20.0), and the packages npm did not change stay running.
//
//   node --test tests/express4-security.test.js       (part of npm test; needs wrk, npm ci)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { prepare, sample } from '../samples/express4-security/live.js';
import { serviceWork, sleep, startService, updateService, wrkLoad, wrkSkip } from './helpers/service.js';

async function call(port, method, path, { body, accept } = {}) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method, redirect: 'manual',
    headers: { ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}), ...(accept ? { accept } : {}) },
    body,
  });
  const text = await res.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, location: res.headers.get('location'), text, json };
}

const XSS = '/go?to=' + encodeURIComponent('javascript:alert(document.cookie)');
const deep = (levels) => `name=deep&url=${encodeURIComponent('https://example.org/')}&tags${'[x]'.repeat(levels)}=1`;

test('express4-security: express 4.19.2 -> 4.20.0 applied live under wrk; both exploits fail after it, nothing dropped', {
  skip: wrkSkip, timeout: 240_000,
}, async (t) => {
  const { work, env } = serviceWork('restack-express4-');
  const log = prepare(work, { env }).join('');
  assert.match(log, /package changed: node_modules\/express \(express@4\.20\.0\)/, log);
  assert.match(log, /package changed: node_modules\/body-parser \(body-parser@1\.20\.3\)/);
  assert.match(log, /package rebound: node_modules\/finalhandler/);
  const { port, pid } = await startService(t, join(work, 'v1/server.js'), ['0'], env);

  // 4.19.2: the link, the stats, and both vulnerabilities.
  assert.equal((await call(port, 'POST', '/links', { body: 'name=docs&url=https%3A%2F%2Fexpressjs.com%2F' })).status, 201);
  const linkV1 = await call(port, 'GET', '/l/docs');
  assert.deepEqual([linkV1.status, linkV1.location], [302, 'https://expressjs.com/']);
  const xssV1 = await call(port, 'GET', XSS, { accept: 'text/html' });
  assert.match(xssV1.text, /<a href="javascript:alert\(document.cookie\)">/, 'express 4.19.2 renders the redirect target as a link');
  const deepV1 = await call(port, 'POST', '/links', { body: deep(40) });
  assert.equal(deepV1.status, 201, `body-parser 1.20.2 parses 40 levels: ${deepV1.text}`);
  const statsV1 = await call(port, 'GET', '/stats');
  assert.equal(statsV1.json.express, '4.19.2');

  const running = wrkLoad(port, 6, join(sample, 'load.lua'));
  await sleep(2000);
  const u = updateService(pid, join(work, 'v1-v2'), env, 'express-4.20.0');
  const report = u.report;
  const { code, out } = await running;

  const problems = [];
  const expect = (ok, what) => { if (!ok) problems.push(what); };
  expect(u.status === 0 && report?.applied === true, `the update applies (exit ${u.status}): ${u.output.slice(0, 2000)}`);
  expect((report?.afterErrors ?? []).length === 0, `the after() hook ran without error: ${JSON.stringify(report?.afterErrors)}`);
  expect(code === 0, `wrk ran (exit ${code}): ${out}`);
  expect(!/Socket errors/.test(out), `no connection refused, reset or timed out under wrk:\n${out}`);
  expect(!/Non-2xx/.test(out), `every request under wrk answered 2xx or 3xx:\n${out}`);
  const byModule = Object.fromEntries((report?.modules ?? []).map((m) => [m.module, m]));
  expect(byModule['node_modules/express/lib/response.js'] !== undefined, 'express/lib/response.js was replaced');
  expect(byModule['node_modules/ms/index.js'] === undefined, 'a package npm did not change (ms) stayed running, not reloaded');
  expect(byModule['server.js']?.carried?.includes('links') && byModule['server.js']?.carried?.includes('redirects'), `server.js carried links and redirects: ${JSON.stringify(byModule['server.js'])}`);

  // 4.20.0: the same link and counters; both exploits fail.
  const linkV2 = await call(port, 'GET', '/l/docs');
  expect(linkV2.status === 302 && linkV2.location === 'https://expressjs.com/', `the link stored before the update redirects: ${linkV2.status} ${linkV2.location}`);
  const xssV2 = await call(port, 'GET', XSS, { accept: 'text/html' });
  expect(xssV2.status === 302 && !/<a /.test(xssV2.text), `express 4.20.0 no longer renders the target as a link: ${xssV2.text}`);
  const deepV2 = await call(port, 'POST', '/links', { body: deep(40) });
  expect(deepV2.status === 400 && /exceeded the depth/.test(deepV2.text), `body-parser 1.20.3 refuses 40 levels: ${deepV2.status} ${deepV2.text.slice(0, 300)}`);
  const shallow = await call(port, 'POST', '/links', { body: deep(3) });
  expect(shallow.status === 201, `a form within the depth still parses: ${shallow.status} ${shallow.text.slice(0, 300)}`);
  const statsV2 = await call(port, 'GET', '/stats');
  expect(statsV2.json?.express === '4.20.0', `the new version reads the new release's package.json: ${statsV2.text}`);
  expect(statsV2.json?.redirects > statsV1.json.redirects + 2, `the redirect counter carried on from v1: ${statsV1.text} -> ${statsV2.text}`);
  expect(statsV2.json?.links >= 3, `links stored before the update are kept: ${statsV2.text}`);

  assert.deepEqual(problems, [], `express4-security live update:\n- ${problems.join('\n- ')}`);
});
