// The bundle that runs is the bundle that was checked: a file of a checked bundle changed, added
// or removed after `restack check`, a file another user could write, a link to a device or a
// FIFO in place of a file, an unsigned or foreign bundle under --trust: each is refused with the
// file named, promptly, and the program stays on v1 and keeps answering. And check runs
// mapping.ts's top-level code without permission to write files or start processes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, closeSync, constants, cpSync, existsSync, openSync, readFileSync, rmSync, statSync, symlinkSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from './helpers/run.js';
import { workspace } from './helpers/versions.js';
import { liveProgram } from './helpers/live.js';
import { manifestDigest, sha256 } from '../dist/contract/bundle.js';

const ws = workspace('restack-integrity-');
const dir = join(ws.work, 'app');
const source = (v) => `import { createInterface } from 'node:readline';
function describe(n) {
  const twice = n * 2;
  const next = n + 1;
  return '${v} ' + twice + ' ' + next;
}
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line === 'stop') process.exit(0);
  console.log(describe(Number(line)));
});
console.log('ready');
`;
ws.versions(dir, source);
const p = join(dir, 'p');

/** A copy of the checked bundle p, changed by edit(copy) after check. */
function tampered(name, edit) {
  const copy = join(dir, name);
  cpSync(p, copy, { recursive: true });
  edit(copy);
  return copy;
}

const editJson = (file, edit) => {
  const value = JSON.parse(readFileSync(file, 'utf8'));
  edit(value);
  writeFileSync(file, JSON.stringify(value, null, 2) + '\n');
};

function start(runArgs = []) {
  return liveProgram(join(dir, 'c1', 'main.js'), [], ws.env, { runArgs });
}

/** The program still runs v1 and answers on stdin and on its control socket. */
async function stillV1(t) {
  const from = t.stdout.length;
  t.send('20');
  await t.until(/^v1 40 21$/m, from);
  assert.equal(t.status().version, 'initial');
}

function rssKb(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m[1]);
}

test('a file changed, added or removed after check is refused, named; the program stays on v1', async () => {
  const cases = [
    ['new code', tampered('t-code', (c) => writeFileSync(join(c, 'new/main.js'), readFileSync(join(c, 'new/main.js'), 'utf8').replace("'v2 '", "'evil '"))),
      /t-code\/new\/main\.js changed since it was checked .*run `restack check .*t-code` again/],
    ['mapping.js', tampered('t-mapping', (c) => writeFileSync(join(c, 'mapping.js'), readFileSync(join(c, 'mapping.js'), 'utf8') + 'globalThis.evil = 1;\n')),
      /t-mapping\/mapping\.js changed since it was checked/],
    ['base metadata: two slot names swapped', tampered('t-slots', (c) => editJson(join(c, 'base/main.js.restack.json'), (meta) => {
      const fn = meta.functions.find((f) => f.slots.includes('twice') && f.slots.includes('next'));
      const [a, b] = [fn.slots.indexOf('twice'), fn.slots.indexOf('next')];
      [fn.slots[a], fn.slots[b]] = [fn.slots[b], fn.slots[a]];
    })), /t-slots\/base\/main\.js\.restack\.json changed since it was checked/],
    ["patch.json's base hash removed", tampered('t-base', (c) => editJson(join(c, 'patch.json'), (patch) => {
      for (const b of Object.values(patch.base)) delete b.source;
    })), /t-base\/patch\.json changed since it was checked/],
    ['an extra metadata file', tampered('t-extra', (c) => writeFileSync(join(c, 'new/extra.js.restack.json'), '{}')),
      /t-extra\/new\/extra\.js\.restack\.json is extra: it was not part of the bundle when it was checked/],
    ['a removed file', tampered('t-removed', (c) => rmSync(join(c, 'mapping.ts'))),
      /t-removed\/mapping\.ts is missing, but it was part of the bundle when it was checked/],
    ['the manifest edited', tampered('t-manifest', (c) => editJson(join(c, 'checked.json'), (m) => { m.files[0].size += 1; })),
      /t-manifest\/checked\.json was edited after check/],
    ['no manifest', tampered('t-unchecked', (c) => rmSync(join(c, 'checked.json'))),
      /t-unchecked has not been checked: run `restack check/],
  ];
  const t = start();
  await t.until(/^ready$/m);
  for (const [what, bundle, reason] of cases) {
    const r = t.update(bundle);
    assert.equal(r.applied, false, what);
    assert.match(r.reason, reason, what);
  }
  await stillV1(t);
  // The bundle as checked applies.
  const r = t.update(p);
  assert.equal(r.applied, true, r.reason);
  const from = t.stdout.length;
  t.send('20');
  await t.until(/^v2 40 21$/m, from);
  assert.equal(await t.stop(), 0);
});

/** A copy of p whose patch.json lost its base hashes, with checked.json rewritten to match. */
function rehashed(name) {
  return tampered(name, (c) => {
    editJson(join(c, 'patch.json'), (patch) => { for (const b of Object.values(patch.base)) delete b.source; });
    editJson(join(c, 'checked.json'), (m) => {
      const f = m.files.find((e) => e.path === 'patch.json');
      const bytes = readFileSync(join(c, 'patch.json'));
      Object.assign(f, { size: bytes.length, sha256: sha256(bytes) });
      m.digest = manifestDigest(m.files);
    });
  });
}

test('patch.json without its base hashes is refused by check, and by the runtime even under a manifest rewritten to match', async () => {
  // Who can rewrite checked.json can write the bundle: the runtime's base check is a second fence.
  const check = spawnSync(process.execPath, [cli, 'check', rehashed('t-rehashed-check')], { encoding: 'utf8', env: ws.env });
  assert.equal(check.status, 1);
  assert.match(check.stderr, /patch\.json: the base entry of main\.js has no source hash/);
  const t = start();
  await t.until(/^ready$/m);
  const r = t.update(rehashed('t-rehashed'));
  assert.equal(r.applied, false);
  assert.match(r.reason, /patch\.json's base entry for main\.js has no source hash/);
  await stillV1(t);
  assert.equal(await t.stop(), 0);
});

test('files and directories others could write (or own) and links are refused, with the chmod that fixes them', async () => {
  const file = tampered('t-gw-file', (c) => chmodSync(join(c, 'new/main.js'), 0o664));
  const folder = tampered('t-gw-dir', (c) => chmodSync(join(c, 'new'), 0o777));
  const link = tampered('t-link', (c) => {
    const target = join(dir, 'elsewhere.js');
    cpSync(join(c, 'new/main.js'), target);
    unlinkSync(join(c, 'new/main.js'));
    symlinkSync(target, join(c, 'new/main.js'));
  });
  const t = start();
  await t.until(/^ready$/m);
  let r = t.update(file);
  assert.equal(r.applied, false);
  assert.match(r.reason, /t-gw-file\/new\/main\.js: the file is writable by its group, who could change the code the program runs; `chmod go-w .*t-gw-file\/new\/main\.js`/);
  r = t.update(folder);
  assert.equal(r.applied, false);
  assert.match(r.reason, /t-gw-dir\/new: the directory is writable by its group and others, .*`chmod go-w /);
  r = t.update(link);
  assert.equal(r.applied, false);
  assert.match(r.reason, /t-link\/new\/main\.js is a symbolic link/);
  if (process.getuid() === 0) {
    // Run as root, the test can give a file to another user.
    const owned = tampered('t-owner', (c) => chownSync(join(c, 'new/main.js'), 65534, 65534));
    r = t.update(owned);
    assert.equal(r.applied, false);
    assert.match(r.reason, /t-owner\/new\/main\.js: the file belongs to uid 65534, not to this program's user \(0\) or root/);
  }
  // check refuses them as well, before anyone runs them.
  const c = spawnSync(process.execPath, [cli, 'check', file], { encoding: 'utf8', env: ws.env });
  assert.equal(c.status, 1);
  assert.match(c.stderr, /chmod go-w/);
  await stillV1(t);
  assert.equal(await t.stop(), 0);
});

test('patch.json as a link to /dev/zero or as a FIFO is refused at once; memory does not grow; a FIFO written later applies nothing', async () => {
  const zero = tampered('t-zero', (c) => {
    unlinkSync(join(c, 'patch.json'));
    symlinkSync('/dev/zero', join(c, 'patch.json'));
  });
  const fifo = tampered('t-fifo', (c) => {
    unlinkSync(join(c, 'patch.json'));
    const mk = spawnSync('mkfifo', [join(c, 'patch.json')]);
    assert.equal(mk.status, 0, String(mk.stderr));
  });
  const t = start();
  await t.until(/^ready$/m);
  const pid = Number(t.pid());
  const before = rssKb(pid);
  for (const [bundle, reason] of [[zero, /t-zero\/patch\.json is a symbolic link/], [fifo, /t-fifo\/patch\.json is a FIFO, not a regular file/]]) {
    const started = Date.now();
    const r = t.update(bundle);
    assert.ok(Date.now() - started < 5000, `refused after ${Date.now() - started} ms`);
    assert.equal(r.applied, false);
    assert.match(r.reason, reason);
    await stillV1(t);
  }
  assert.ok(rssKb(pid) < before + 32 * 1024, `RSS grew from ${before} kB to ${rssKb(pid)} kB`);
  // The FIFO's content arrives later: nobody is reading it, and nothing is applied.
  const w = openSync(join(fifo, 'patch.json'), constants.O_RDWR | constants.O_NONBLOCK);
  writeSync(w, readFileSync(join(p, 'patch.json')));
  await new Promise((r) => setTimeout(r, 500));
  closeSync(w);
  await stillV1(t);
  assert.equal(await t.stop(), 0);
});

test('under --trust, a bundle signed by a trusted key applies; unsigned, foreign and bad signatures are refused', async () => {
  const keys = join(ws.work, 'keys');
  ws.restack('keygen', '-o', `${keys}-ours`);
  ws.restack('keygen', '-o', `${keys}-theirs`);
  assert.equal(statSync(`${keys}-ours.key`).mode & 0o777, 0o600);
  const signed = tampered('t-signed', (c) => ws.restack('check', c, '--sign', `${keys}-ours.key`));
  const foreign = tampered('t-foreign', (c) => ws.restack('check', c, '--sign', `${keys}-theirs.key`));
  const bad = tampered('t-badsig', (c) => {
    ws.restack('check', c, '--sign', `${keys}-ours.key`);
    editJson(join(c, 'checked.sig'), (s) => {
      const sig = Buffer.from(s.signature, 'base64');
      sig[0] ^= 1;
      s.signature = sig.toString('base64');
    });
  });
  const t = start(['--trust', `${keys}-ours.pub`]);
  await t.until(/^ready$/m);
  for (const [bundle, reason] of [
    [p, /is not signed, and this program accepts only bundles signed by a key it trusts; sign it with `restack check .* --sign <private key>`/],
    [foreign, /t-foreign is signed by key [0-9a-f]{16}, which this program does not trust/],
    [bad, /t-badsig\/checked\.sig does not verify/],
  ]) {
    const r = t.update(bundle);
    assert.equal(r.applied, false);
    assert.match(r.reason, reason);
  }
  await stillV1(t);
  const r = t.update(signed);
  assert.equal(r.applied, true, r.reason);
  assert.equal(await t.stop(), 0);
  // A key file that is not a public key stops `restack run` before the program starts.
  const wrong = spawnSync(process.execPath, [cli, 'run', '--trust', `${keys}-ours.key`, join(dir, 'c1', 'main.js')], { encoding: 'utf8', env: ws.env, input: 'stop\n' });
  assert.equal(wrong.status, 1);
  assert.match(wrong.stderr, /holds a private key; give --trust the public one/);
  assert.doesNotMatch(wrong.stdout, /ready/);
});

test("check runs mapping.ts's top-level code without permission to write files or start processes", () => {
  const marker = join(ws.work, 'written-by-mapping');
  const cases = [
    ['write', `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, 'x');\n`, /tried to write a file/],
    ['spawn', "import { execSync } from 'node:child_process';\nexecSync('true');\n", /tried to start a child process/],
  ];
  for (const [name, prefix, message] of cases) {
    const bundle = join(dir, `sandbox-${name}`);
    ws.restack('patch', join(dir, 'v1'), join(dir, 'v2'), '-o', bundle);
    const file = join(bundle, 'mapping.ts');
    writeFileSync(file, prefix + readFileSync(file, 'utf8'));
    const c = spawnSync(process.execPath, [cli, 'check', bundle], { encoding: 'utf8', env: ws.env });
    assert.equal(c.status, 1, name);
    assert.match(c.stderr, new RegExp(`mapping\\.ts:\\d+:\\d+: loading the mapping failed: its top-level code ${message.source}`), name);
    assert.ok(!existsSync(join(bundle, 'checked.json')), name);
  }
  assert.ok(!existsSync(marker), 'the mapping wrote its file');
  // A timer left running by the mapping's top level does not hold check until its time limit.
  const bundle = join(dir, 'sandbox-timer');
  ws.restack('patch', join(dir, 'v1'), join(dir, 'v2'), '-o', bundle);
  const file = join(bundle, 'mapping.ts');
  writeFileSync(file, 'setInterval(() => {}, 1000);\n' + readFileSync(file, 'utf8'));
  const started = Date.now();
  ws.restack('check', bundle);
  assert.ok(Date.now() - started < 8000, `check took ${Date.now() - started} ms`);
  assert.ok(existsSync(join(bundle, 'checked.json')));
});

test('a worker thread started with an env of its own still reads bundles with the trusted keys', async () => {
  const wdir = join(ws.work, 'threads');
  ws.versions(wdir, (v) => ({
    'main.js': `import { Worker } from 'node:worker_threads';
import { createInterface } from 'node:readline';
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line === 'stop') process.exit(0);
  const w = new Worker(new URL('./worker.js', import.meta.url), { env: {} });
  w.on('message', (m) => console.log('worker says ' + m));
  w.on('error', (e) => console.log('worker error: ' + e.message));
});
console.log('ready');
`,
    'worker.js': `import { parentPort } from 'node:worker_threads';\nparentPort.postMessage('${v}');\n`,
  }));
  const keys = join(ws.work, 'thread-keys');
  ws.restack('keygen', '-o', `${keys}-ours`);
  ws.restack('keygen', '-o', `${keys}-theirs`);
  const bundle = join(wdir, 'p');
  ws.restack('check', bundle, '--sign', `${keys}-ours.key`);
  const t = liveProgram(join(wdir, 'c1', 'main.js'), [], ws.env, { runArgs: ['--trust', `${keys}-ours.pub`] });
  await t.until(/^ready$/m);
  const r = t.update(bundle);
  assert.equal(r.applied, true, r.reason);
  let from = t.stdout.length;
  t.send('start');
  await t.until(/^worker says v2$/m, from);
  // Signed again by a key the program does not trust: a new worker, which boots from the
  // bundle, refuses it like the program would.
  ws.restack('check', bundle, '--sign', `${keys}-theirs.key`);
  from = t.stdout.length;
  t.send('start');
  await t.until(/^worker (says|error).*$/m, from);
  assert.match(t.stdout.slice(from), /worker error: .*p is signed by key [0-9a-f]{16}, which this program does not trust/);
  assert.equal(await t.stop(), 0);
});
