// samples/express-app end to end: the TypeScript Express service, v1 compiled and running under
// `restack run`, updated live to v2 (`restack update <pid>`, the bundle samples/express-app/live.js
// writes with the committed mapping file) while wrk (Debian's, installed by .ci/run) sends GET
// requests over the routes both versions have.
//
// What must hold (issue 22, item 6): no request fails during the update (0 socket errors, 0
// answers outside 2xx); after it, the route v2 added before the others answers; every old route
// answers with its own handler (each answer names its route) in v2 (x-version 2, v2's 404 fix);
// items stored by v1 and by v2 have v2's field `revision`.
//
//   node --test tests/express-app.test.js       (part of npm test; needs wrk)
//
// The checks after the update are all made, and the test fails with the list of those that did not
// hold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { prepare, sample } from '../samples/express-app/live.js';
import { serviceWork, sleep, startService, updateService, wrkLoad, wrkSkip } from './helpers/service.js';

async function call(port, method, path, body) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* not JSON: kept as text */ }
  return { status: res.status, version: res.headers.get('x-version'), json, text };
}

test('express-app: v1 -> v2 under wrk, every route its own handler, the new route and field', {
  skip: wrkSkip, timeout: 90_000,
}, async (t) => {
  const { work, env } = serviceWork('restack-express-app-');
  prepare(work, { env });
  const { port, pid } = await startService(t, join(work, 'v1/main.js'), ['--port', '0'], env);

  // v1: a few items, and what v1 answers (so the checks below tell the versions apart).
  for (const [name, quantity] of [['bolt', 10], ['nut', 20], ['washer', 30]]) {
    const r = await call(port, 'POST', '/items', { name, quantity });
    assert.equal(r.status, 201, r.text);
  }
  const missingV1 = await call(port, 'GET', '/items/999');
  assert.deepEqual([missingV1.status, missingV1.version, missingV1.json], [200, '1', { route: 'get', item: null }], 'v1 has the bug v2 fixes');
  assert.equal((await call(port, 'GET', '/health')).status, 404, 'v1 has no /health');

  const running = wrkLoad(port, 6, join(sample, 'load.lua'));
  await sleep(2000);
  const u = updateService(pid, join(work, 'v1-v2'), env, 'v2');
  const report = u.report;
  const problems = [];
  const expect = (ok, what) => { if (!ok) problems.push(what); };
  expect(u.status === 0 && report?.applied === true, `the update applies (exit ${u.status}): ${u.output.slice(0, 1500)}`);
  expect((report?.afterErrors ?? []).length === 0, `no after() hook or top-level statement threw after the commit: ${JSON.stringify(report?.afterErrors)}`);
  const { code, out } = await running;

  expect(code === 0, `wrk ran (exit ${code}): ${out}`);
  expect(!/Socket errors/.test(out), `no connection refused, reset or timed out under wrk:\n${out}`);
  expect(!/Non-2xx/.test(out), `every request under wrk answered 2xx:\n${out}`);

  // After the update: the new route, each old route by its own handler, in v2.
  const health = await call(port, 'GET', '/health');
  expect(health.status === 200 && health.json?.route === 'health' && health.json?.ok === true, `GET /health (added in v2, before the other routes) answers: ${health.status} ${health.text}`);
  const list = await call(port, 'GET', '/items?limit=2');
  expect(list.status === 200 && list.json?.route === 'list' && list.json.items?.length === 2, `GET /items?limit=2 answers with its own handler: ${list.status} ${list.text}`);
  const one = await call(port, 'GET', '/items/1');
  expect(one.status === 200 && one.json?.route === 'get' && one.json.item?.name === 'bolt', `GET /items/1 answers with its own handler: ${one.status} ${one.text}`);
  const missing = await call(port, 'GET', '/items/999');
  expect(missing.status === 404 && missing.json?.route === 'get', `GET /items/999 answers v2's 404 (the handler fix): ${missing.status} ${missing.text}`);
  const created = await call(port, 'POST', '/items', { name: 'gear', quantity: 5 });
  expect(created.status === 201 && created.json?.route === 'create' && created.json.item?.revision === 1, `POST /items answers with its own handler and v2's field: ${created.status} ${created.text}`);
  const stats = await call(port, 'GET', '/stats');
  expect(stats.status === 200 && stats.json?.route === 'stats' && stats.json.version === 2 && stats.json.items === 4, `GET /stats answers with its own handler in v2: ${stats.status} ${stats.text}`);
  const nowhere = await call(port, 'GET', '/nowhere');
  expect(nowhere.status === 404 && nowhere.json?.route === 'none', `an unknown path reaches the 404 fallback: ${nowhere.status} ${nowhere.text}`);
  for (const r of [health, list, one, missing, created, stats, nowhere]) {
    if (r.status !== 404 || r.json?.route) expect(r.version === '2', `every answer after the update is v2's (x-version ${r.version}: ${r.text.slice(0, 200)})`);
  }
  // Items stored by v1 and by v2 all have the field v2 added.
  const all = await call(port, 'GET', '/items');
  const revisions = (all.json?.items ?? []).map((i) => [i.name, i.revision]);
  expect(JSON.stringify(revisions) === JSON.stringify([['bolt', 1], ['nut', 1], ['washer', 1], ['gear', 1]]), `items stored by v1 and v2 have revision: ${all.text}`);

  assert.deepEqual(problems, [], `express-app live update:\n- ${problems.join('\n- ')}`);
});
