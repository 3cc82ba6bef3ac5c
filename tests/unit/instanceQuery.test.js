// Finding a class's live instances through the in-process inspector (runtime/update/instances.ts):
// synchronous, in the main thread and in a worker thread (each its own heap), prototype objects
// of subclasses found by the query too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { queryInstances } from '../../dist/runtime/update/instances.js';

const probe = `
class Base {}
class Sub extends Base {}
const keep = [];
for (let i = 0; i < 300; i++) keep.push(i % 3 ? new Base() : new Sub());
for (let i = 0; i < 100; i++) new Base();
const found = queryInstances(Base.prototype, 'm.js#Base');
return { found: found.length, sub: found.includes(Sub.prototype), base: found.includes(Base.prototype), kept: keep.every((k) => found.includes(k)) };
`;

test('in the main thread: every live instance, subclass prototypes among them, not the prototype itself', () => {
  const r = new Function('queryInstances', probe)(queryInstances);
  // 300 kept instances and Sub.prototype (filtered by the caller); the 100 dropped ones were collected.
  assert.deepEqual(r, { found: 301, sub: true, base: false, kept: true });
});

test('in a worker thread: its own instances', async () => {
  const url = new URL('../../dist/runtime/update/instances.js', import.meta.url).href;
  const w = new Worker(`import(${JSON.stringify(url)}).then(({ queryInstances }) => {
    const { parentPort } = require('node:worker_threads');
    parentPort.postMessage(new Function('queryInstances', ${JSON.stringify(probe)})(queryInstances));
  });`, { eval: true });
  const r = await new Promise((resolve, reject) => { w.once('message', resolve); w.once('error', reject); });
  await w.terminate();
  assert.deepEqual(r, { found: 301, sub: true, base: false, kept: true });
});
