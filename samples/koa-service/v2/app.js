'use strict';
/**
 * The Koa app and its routes. Every answer is JSON with `route` (the handler that answered) and
 * the header `x-version` (the version of the code that answered).
 *
 *   GET  /tasks?limit=N&done=B  the first N tasks (default 10), only done or open ones with done   { route: 'list', tasks }
 *   GET  /tasks/:id             one task, 404 if there is none                                     { route: 'get', task }
 *   POST /tasks                 { title, priority? } -> 201 and the new task                       { route: 'create', task }
 *   PUT  /tasks/:id             { title?, priority?, done? } -> the changed task                   { route: 'update', task }
 *   GET  /stats                 counters                                                           { route: 'stats', version, requests, tasks, done }
 *
 * An error answers { route, error } with its status; a path no route has answers 404.
 */
const Koa = require('koa');
const { Router } = require('@koa/router');
const { createTask, findTask, listTasks, counts } = require('./store');
const { presentTask, positiveInt, httpError, readJson } = require('./helpers');

const VERSION = 2;
let requests = 0;

const app = new Koa();
const router = new Router();

// Counts requests, sets x-version, and answers what a handler threw as JSON.
app.use(async (ctx, next) => {
  requests++;
  ctx.set('x-version', String(VERSION));
  try {
    await next();
  } catch (error) {
    ctx.status = error.status || 500;
    ctx.body = { route: ctx.state.route || 'none', error: error.status ? error.message : 'internal error' };
    if (!error.status) console.error(error);
  }
  if (ctx.body === undefined && ctx.status === 404) {
    ctx.body = { route: 'none', error: `no route for ${ctx.method} ${ctx.path}` };
    ctx.status = 404;
  }
});

router.get('/tasks', (ctx) => {
  ctx.state.route = 'list';
  const limit = ctx.query.limit === undefined ? 10 : positiveInt(ctx.query.limit);
  if (limit === null) throw httpError(400, 'limit must be a positive integer');
  const done = ctx.query.done === undefined ? undefined : ctx.query.done === 'true';
  ctx.body = { route: 'list', tasks: listTasks(limit, done).map(presentTask) };
});

router.get('/tasks/:id', (ctx) => {
  ctx.state.route = 'get';
  const task = findTask(positiveInt(ctx.params.id));
  if (!task) throw httpError(404, 'no such task');
  ctx.body = { route: 'get', task: presentTask(task) };
});

router.post('/tasks', async (ctx) => {
  ctx.state.route = 'create';
  const { title, priority = 3 } = await readJson(ctx.req);
  if (typeof title !== 'string' || title === '') throw httpError(400, 'title (a non-empty string) is required');
  if (!Number.isInteger(priority) || priority < 1 || priority > 5) throw httpError(400, 'priority must be an integer from 1 to 5');
  ctx.status = 201;
  ctx.body = { route: 'create', task: presentTask(createTask(title, priority)) };
});

router.put('/tasks/:id', async (ctx) => {
  ctx.state.route = 'update';
  const task = findTask(positiveInt(ctx.params.id));
  if (!task) throw httpError(404, 'no such task');
  const body = await readJson(ctx.req);
  const changes = {};
  if (body.title !== undefined) {
    if (typeof body.title !== 'string' || body.title === '') throw httpError(400, 'title must be a non-empty string');
    changes.title = body.title;
  }
  if (body.priority !== undefined) {
    if (!Number.isInteger(body.priority) || body.priority < 1 || body.priority > 5) throw httpError(400, 'priority must be an integer from 1 to 5');
    changes.priority = body.priority;
  }
  if (body.done !== undefined) {
    if (typeof body.done !== 'boolean') throw httpError(400, 'done must be true or false');
    changes.done = body.done;
  }
  task.update(changes);
  ctx.body = { route: 'update', task: presentTask(task) };
});

router.get('/stats', (ctx) => {
  ctx.state.route = 'stats';
  ctx.body = { route: 'stats', version: VERSION, requests, ...counts() };
});

app.use(router.routes());
app.use(router.allowedMethods());

module.exports = { app, VERSION };
