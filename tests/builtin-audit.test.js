// The runtime calls only builtins it captured when it loaded (decision 0015): the kvstore sample,
// updated v1 -> v4 under spies on every builtin method the program could replace, makes no call of
// a spy from the runtime but the journal's membrane passing a transformer's own calls on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { root } from './helpers/run.js';

test('an update calls no builtin as the program left it (scripts/builtin-audit.js --check)', { timeout: 600_000 }, () => {
  const r = spawnSync(process.execPath, ['scripts/builtin-audit.js', '--check'], { cwd: root, encoding: 'utf8', timeout: 590_000 });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^builtin-audit: 0 calls of 0 replaced builtins from 0 call sites/m);
  // The spies saw the transformers' own iteration: they were in place during the update.
  assert.match(r.stdout, /site\(s\) of the journal's membrane passing a transformer's own call on \([1-9]\d* calls\)/);
});
