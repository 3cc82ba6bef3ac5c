// A prepared bundle packed into one SharedArrayBuffer for many threads (runtime/patch.ts
// packPatch / unpackPatch): the header is JSON, the V8 code caches follow it as bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { packPatch, unpackPatch } from '../../dist/runtime/patch.js';

const bytes = (...values) => new Uint8Array(values);

function prepared() {
  return {
    data: {
      dir: '/srv/app/patches/v1-v2',
      given: 'patches/v1-v2',
      patch: { format: 1, base: { hash: 'abc' }, baseDir: 'base', new: { dir: 'new' } },
      mapping: { file: '/srv/app/patches/v1-v2/mapping.js', script: 'module.exports = {};', cachedData: bytes(1, 2, 3) },
      base: [{ protocol: 1, module: 'a.js', functions: [] }],
      modules: [
        { meta: { module: 'a.js' }, file: '/srv/app/new/a.js', rel: 'a.js', code: 'x();', url: 'file:///srv/app/new/a.js?restack=r1', cachedData: bytes(9, 8, 7, 6) },
        { meta: { module: 'b.js' }, file: '/srv/app/new/b.js', rel: 'b.js', code: 'y();', cachedData: undefined },
        { meta: { module: 'c.js' }, file: '/srv/app/new/c.js', rel: 'c.js', code: 'z();', cachedData: bytes() },
      ],
      readMs: 1.5,
    },
  };
}

test('a bundle with code caches comes back equal, its caches copied out of the shared memory', () => {
  const original = prepared();
  const buffer = packPatch(original);
  assert.ok(buffer instanceof SharedArrayBuffer);
  const back = unpackPatch(buffer);
  assert.deepEqual(back, original);
  for (const c of [back.data.mapping.cachedData, back.data.modules[0].cachedData]) {
    assert.ok(c instanceof Uint8Array);
    assert.ok(!(c.buffer instanceof SharedArrayBuffer), 'a cache must not alias the shared buffer');
  }
});

test('layout: the header length, the header, then the caches in order', () => {
  const buffer = packPatch(prepared());
  const length = new DataView(buffer).getUint32(0);
  const header = JSON.parse(Buffer.from(buffer, 4, length).toString('utf8'));
  assert.deepEqual(header.data.mapping.cachedData, { at: 0, length: 3 });
  assert.deepEqual(header.data.modules.map((m) => m.cachedData), [{ at: 3, length: 4 }, undefined, { at: 7, length: 0 }]);
  assert.equal(buffer.byteLength, 4 + length + 7);
  assert.deepEqual([...new Uint8Array(buffer, 4 + length)], [1, 2, 3, 9, 8, 7, 6]);
});

test('a bundle that could not be read travels as its error', () => {
  const error = { error: 'patches/v9 is not a patch directory (no patch.json; write one with `restack patch`)' };
  assert.deepEqual(unpackPatch(packPatch(error)), error);
});
