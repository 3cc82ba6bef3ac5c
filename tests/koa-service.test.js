// samples/koa-service end to end: the CommonJS Koa service, v1 compiled and running under
// `restack run`, updated live to v2 (`restack update <pid>`, the bundle samples/koa-service/live.js
// writes with the committed mapping file) while wrk (Debian's, installed by .ci/run) sends GET, POST
// and PUT requests that both versions answer with 2xx.
//
// What must hold (issue 23, item 4): no request fails during the update (0 socket errors, 0 answers
// outside 2xx); the tasks v1 stored are still there, with v2's field `revision` (the instance
// transformer ran on each); the PUT handler's fix answers (a done task can be reopened); the renamed
// helper shows each task (its answers have `revision`, which v1's did not show); every answer is
// x-version 2, the request counter carried on.
//
//   node --test tests/koa-service.test.js       (part of npm test; needs wrk)
//
// The checks after the update are all made, and the test fails with the list of those that did not
// hold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { prepare, sample } from '../samples/koa-service/live.js';
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

test('koa-service: v1 -> v2 under wrk, tasks carried with the new field, the handler fix, the renamed helper', {
  skip: wrkSkip, timeout: 90_000,
}, async (t) => {
  const { work, env } = serviceWork('restack-koa-service-');
  prepare(work, { env });
  const { port, pid } = await startService(t, join(work, 'v1/main.js'), ['--port', '0'], env);

  // v1: three tasks (wrk reads 1 and 2 and marks 3 done), and what v1 answers, so the checks below
  // tell the versions apart.
  for (const title of ['write the report', 'review the patch', 'ship it']) {
    const r = await call(port, 'POST', '/tasks', { title, priority: 2 });
    assert.equal(r.status, 201, r.text);
  }
  assert.deepEqual(Object.keys((await call(port, 'GET', '/tasks/1')).json.task), ['id', 'title', 'priority', 'done', 'createdAt'], 'v1 shows no revision');
  assert.equal((await call(port, 'PUT', '/tasks/1', { done: true })).json?.task?.done, true);
  const reopenV1 = await call(port, 'PUT', '/tasks/1', { done: false });
  assert.deepEqual([reopenV1.status, reopenV1.version, reopenV1.json?.task?.done], [200, '1', true], 'v1 has the bug v2 fixes: a done task is not reopened');
  const statsV1 = await call(port, 'GET', '/stats');
  assert.equal(statsV1.json?.version, 1, statsV1.text);

  const running = wrkLoad(port, 6, join(sample, 'load.lua'));
  await sleep(2000);
  const u = updateService(pid, join(work, 'v1-v2'), env, 'v2');
  const report = u.report;
  const problems = [];
  const expect = (ok, what) => { if (!ok) problems.push(what); };
  expect(u.status === 0 && report?.applied === true, `the update applies (exit ${u.status}): ${u.output.slice(0, 1500)}`);
  expect((report?.afterErrors ?? []).length === 0, `nothing threw after the commit: ${JSON.stringify(report?.afterErrors)}`);
  const byModule = Object.fromEntries((report?.modules ?? []).map((m) => [m.module, m]));
  expect(['tasks', 'nextId'].every((v) => byModule['store.js']?.carried.includes(v)) && byModule['app.js']?.carried.includes('requests'),
    `store.js carries tasks and nextId, app.js requests: ${JSON.stringify(report?.modules)}`);
  const transformed = report?.instances?.find((r) => r.class === 'store.js#Task')?.transformed;
  expect(transformed >= 3, `the instance transformer ran on every task v1 made (at least the 3 made before wrk): ${JSON.stringify(report?.instances)}`);
  const { code, out } = await running;

  expect(code === 0, `wrk ran (exit ${code}): ${out}`);
  expect(!/Socket errors/.test(out), `no connection refused, reset or timed out under wrk:\n${out}`);
  expect(!/Non-2xx/.test(out), `every request under wrk answered 2xx:\n${out}`);
  const requests = Number(/(\d+) requests in/.exec(out)?.[1]);

  // State carried: the tasks v1 stored, with the field v2 added, shown by the renamed helper.
  const list = await call(port, 'GET', '/tasks?limit=3');
  const shown = (list.json?.tasks ?? []).map((task) => [task.id, task.title, task.done, task.revision]);
  expect(list.status === 200 && list.json?.route === 'list'
    && JSON.stringify(shown) === JSON.stringify([[1, 'write the report', true, 1], [2, 'review the patch', false, 1], [3, 'ship it', true, 1]]),
  `the tasks v1 stored are there, each with revision 1 (task 3 marked done by wrk's PUTs, which v1 answered): ${list.status} ${list.text}`);
  // The handler fix: a done task is reopened, a new revision.
  const reopen = await call(port, 'PUT', '/tasks/1', { done: false });
  expect(reopen.status === 200 && reopen.json?.route === 'update' && reopen.json.task?.done === false && reopen.json.task?.revision === 2,
    `PUT /tasks/1 { done: false } reopens the task v1 could not (revision 2): ${reopen.status} ${reopen.text}`);
  const badDone = await call(port, 'PUT', '/tasks/1', { done: 'yes' });
  expect(badDone.status === 400 && badDone.json?.route === 'update', `PUT with a done that is not a boolean answers v2's 400: ${badDone.status} ${badDone.text}`);
  const one = await call(port, 'GET', '/tasks/1');
  expect(one.status === 200 && one.json?.route === 'get' && one.json.task?.done === false && one.json.task?.revision === 2, `GET /tasks/1 shows the reopened task: ${one.status} ${one.text}`);
  // A task made by v2: the new constructor's field, through presentTask.
  const created = await call(port, 'POST', '/tasks', { title: 'after the update' });
  expect(created.status === 201 && created.json?.route === 'create' && created.json.task?.revision === 1 && created.json.task?.priority === 3,
    `POST /tasks answers with the new task and its revision: ${created.status} ${created.text}`);
  const stats = await call(port, 'GET', '/stats');
  expect(stats.status === 200 && stats.json?.route === 'stats' && stats.json.version === 2 && stats.json.requests > statsV1.json.requests + requests
    && stats.json.tasks === created.json?.task?.id,
  `GET /stats answers v2, the request counter carried on (v1 ${statsV1.json.requests}, wrk ${requests}) and every task counted: ${stats.status} ${stats.text}`);
  const missing = await call(port, 'GET', '/tasks/999999');
  expect(missing.status === 404 && missing.json?.route === 'get', `GET of a task that does not exist answers 404: ${missing.status} ${missing.text}`);
  const nowhere = await call(port, 'GET', '/nowhere');
  expect(nowhere.status === 404 && nowhere.json?.route === 'none', `a path no route has answers the JSON 404: ${nowhere.status} ${nowhere.text}`);
  for (const r of [list, reopen, badDone, one, created, stats, missing, nowhere]) {
    expect(r.version === '2', `every answer after the update is v2's (x-version ${r.version}: ${r.text.slice(0, 200)})`);
  }

  assert.deepEqual(problems, [], `koa-service live update:\n- ${problems.join('\n- ')}`);
});
