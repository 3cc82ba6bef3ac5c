// The manifest's format (contract/bundle.ts) and the runtime's reading of it, without a program:
// what a digest covers, which paths a manifest may name, and that a manifest naming a file
// outside the bundle is refused before anything is read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manifestDigest, MANIFEST_FORMAT, signedMessage, validManifestPath } from '../dist/contract/bundle.js';
import { readCheckedFiles } from '../dist/runtime/checkedBundle.js';

const entry = (path, size = 1, sha256 = 'a'.repeat(64)) => ({ path, size, sha256 });

test('the digest covers every path, size and hash, in any order', () => {
  const files = [entry('patch.json'), entry('new/a.js', 2, 'b'.repeat(64)), entry('mapping.js', 3)];
  const digest = manifestDigest(files);
  assert.match(digest, /^[0-9a-f]{64}$/);
  assert.equal(manifestDigest([...files].reverse()), digest);
  for (const changed of [
    [entry('patch.json', 2), files[1], files[2]],
    [entry('patch.json', 1, 'c'.repeat(64)), files[1], files[2]],
    [entry('patch.jso'), files[1], files[2]],
    files.slice(1),
  ]) assert.notEqual(manifestDigest(changed), digest);
});

test('a manifest names only paths inside the bundle', () => {
  for (const ok of ['patch.json', 'new/lib/a.js', 'base/a.js.restack.json']) assert.ok(validManifestPath(ok), ok);
  for (const bad of ['', '/etc/passwd', '../x', 'new/../../x', 'new//a.js', './a', 'new\\a.js', 'a\nb', 'new/']) assert.ok(!validManifestPath(bad), JSON.stringify(bad));
});

test('a signature signs the digest under its own prefix', () => {
  const d = 'f'.repeat(64);
  assert.equal(Buffer.from(signedMessage(d)).toString('utf8'), `restack bundle 1 ${d}`);
});

test('the runtime refuses a manifest that names a file outside the bundle, before reading it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'restack-manifest-'));
  const files = [entry('../outside')];
  writeFileSync(join(dir, 'checked.json'), JSON.stringify({ format: MANIFEST_FORMAT, files, digest: manifestDigest(files) }));
  assert.throws(() => readCheckedFiles(dir), /checked\.json is damaged \(its file list is not one restack check writes\); run `restack check .*` again/);
  writeFileSync(join(dir, 'checked.json'), JSON.stringify({ format: 99, files: [], digest: '' }));
  assert.throws(() => readCheckedFiles(dir), /checked\.json: format 99 is not supported \(expected 1\)/);
});
