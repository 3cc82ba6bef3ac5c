'use strict';
/** What the handlers share: how a task is shown, reading ids and JSON bodies. */

/** A body larger than this is refused (413). */
const MAX_BODY = 16 * 1024;

/** What the API shows of a task, with its revision. */
function presentTask(task) {
  return { id: task.id, title: task.title, priority: task.priority, done: task.done, revision: task.revision, createdAt: new Date(task.createdAt).toISOString() };
}

/** A positive integer from a path or query parameter, or null. */
function positiveInt(text) {
  if (typeof text !== 'string' || !/^[1-9][0-9]{0,8}$/.test(text)) return null;
  return Number(text);
}

/** An Error that the error middleware of app.js answers with `status` and its message. */
function httpError(status, message) {
  const error = new Error(message);
  error.status = status;
  return error;
}

/**
 * The request's body parsed as a JSON object. Throws an httpError: 415 when the content type is
 * not JSON, 413 when the body is larger than MAX_BODY, 400 when it is not a JSON object.
 */
async function readJson(req) {
  if (!/^application\/json\b/.test(req.headers['content-type'] || '')) throw httpError(415, 'the body must be JSON (content-type: application/json)');
  req.setEncoding('utf8');
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > MAX_BODY) throw httpError(413, `the body is larger than ${MAX_BODY} bytes`);
  }
  let body;
  try {
    body = JSON.parse(text);
  } catch (e) {
    throw httpError(400, `the body is not JSON: ${e.message}`);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw httpError(400, 'the body must be a JSON object');
  return body;
}

module.exports = { presentTask, positiveInt, httpError, readJson };
