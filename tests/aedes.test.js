// samples/aedes end to end: the MQTT broker aedes, released 1.0.2 compiled and running under
// `restack run`, updated live to 1.1.1 and then to 1.1.3 (`restack update <pid>`, the bundles
// samples/aedes/prepare.js writes with the committed mapping files), under real clients: the
// `mqtt` package (MQTT.js) and Debian's mosquitto_pub / mosquitto_sub.
//
// What must hold (issue 22, item 6):
// - clients connected to 1.0.2 (subscribers and publishers, QoS 0 and 1, a keepalive) keep their
//   connections through both updates and go on publishing and receiving;
// - a NEW connection after each update works: subscribe, publish, receive (MQTT.js and mosquitto);
// - QoS 1 messages published continuously during the updates arrive exactly once (counted per id)
//   at a subscriber connected since 1.0.2, MQTT.js's and mosquitto_sub's;
// - subscriptions made on 1.0.2 and a retained message published on 1.0.2 survive;
// - the 1.1.1 security fix is in effect on the live broker: a 150-level topic published by a client
//   connected before the update and by a new one is rejected and the broker lives on, while the
//   same publish kills a 1.0.2 broker (shown first, on the same compiled tree).
//
//   node --test tests/aedes.test.js        (part of npm test; needs Debian's mosquitto-clients)
//
// The test does not stop at the first problem: it records every check that fails, goes on as far
// as the broker lives, and fails at the end with the whole list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import mqtt from 'mqtt';
import { prepare, VERSIONS } from '../samples/aedes/prepare.js';

const cli = fileURLToPath(new URL('../bin/restack.js', import.meta.url));
const haveMosquitto = spawnSync('mosquitto_pub', ['--help']).error === undefined && spawnSync('mosquitto_sub', ['--help']).error === undefined;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const DEEP = Array.from({ length: 150 }, (_, i) => `l${i}`).join('/');

/** `restack run --announce <work>/v1/broker.js --port 0`: resolves once it listens. */
function startBroker(work, env) {
  const child = spawn(process.execPath, [cli, 'run', '--announce', join(work, 'v1/broker.js'), '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const b = { child, stdout: '', stderr: '', exit: null };
  child.stdout.setEncoding('utf8').on('data', (d) => { b.stdout += d; });
  child.stderr.setEncoding('utf8').on('data', (d) => { b.stderr += d; });
  b.exited = new Promise((resolve) => child.on('exit', (code, signal) => { b.exit = { code, signal }; resolve(b.exit); }));
  b.alive = () => b.exit === null;
  b.ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the broker did not start:\n${b.stdout}${b.stderr}`)), 20000);
    const check = () => {
      const port = /listening (\d+)/.exec(b.stdout);
      const pid = /control socket .* \(pid (\d+)\)/.exec(b.stderr);
      if (port && pid) {
        clearTimeout(timer);
        b.port = Number(port[1]);
        b.pid = Number(pid[1]);
        resolve(b);
      }
    };
    child.stdout.on('data', check);
    child.stderr.on('data', check);
    b.exited.then(() => { clearTimeout(timer); reject(new Error(`the broker exited before listening:\n${b.stdout}${b.stderr}`)); });
  });
  return b;
}

function stopBroker(b) {
  if (b.pid) try { process.kill(b.pid, 'SIGKILL'); } catch { /* gone */ }
  b.child.kill('SIGKILL');
}

/** An MQTT.js client that records what it receives, whether it lost its connection, and errors. */
async function client(port, id, opts = {}) {
  const c = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { clientId: id, keepalive: 30, reconnectPeriod: 0, connectTimeout: 3000, ...opts });
  const state = { c, id, received: [], closed: 0, errors: [] };
  c.on('message', (topic, payload, packet) => state.received.push({ topic, payload: payload.toString(), qos: packet.qos, retain: packet.retain }));
  c.on('close', () => { state.closed++; });
  c.on('error', (e) => state.errors.push(e.message));
  return state;
}

/** Resolves with the first message received on `topic` after now, or null after ms. */
function nextMessage(state, topic, ms = 2000) {
  const from = state.received.length;
  return new Promise((resolve) => {
    const started = Date.now();
    const poll = () => {
      const m = state.received.slice(from).find((x) => x.topic === topic);
      if (m) return resolve(m);
      if (Date.now() - started > ms) return resolve(null);
      setTimeout(poll, 10);
    };
    poll();
  });
}

/** Runs a mosquitto client to completion (a new connection); resolves with { code, stdout, stderr }. */
function mosquitto(cmd, args, ms = 5000) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('exit', (code, signal) => { clearTimeout(timer); resolve({ code, signal, stdout, stderr }); });
  });
}

function update(pid, dir, label, env) {
  const u = spawnSync(process.execPath, [cli, 'update', '--json', '--label', label, String(pid), dir], { env, encoding: 'utf8', timeout: 30000 });
  let report = null;
  try { report = JSON.parse(u.stdout); } catch { /* not JSON: the message is in the output */ }
  return { code: u.status, report, text: `${u.stdout}${u.stderr}` };
}

test(`aedes ${VERSIONS.v1} -> ${VERSIONS.v2} -> ${VERSIONS.v3} live under MQTT.js and mosquitto clients`, {
  skip: !haveMosquitto && !process.env.CI && 'mosquitto-clients is not installed (.ci/run installs it)', timeout: 90_000,
}, async (t) => {
  const work = mkdtempSync(join(tmpdir(), 'restack-aedes-'));
  const xdg = join(work, 'xdg');
  mkdirSync(xdg, { mode: 0o700 });
  const env = { ...process.env, XDG_RUNTIME_DIR: xdg };
  prepare(work, { env });

  const problems = [];
  /** The broker's last error, as Node printed it (the line naming it and the stack's first frames). */
  const crash = () => {
    const m = /\n(\S*Error[^\n]*)\n((?:\s+at [^\n]*\n){0,4})/.exec(broker.stderr ?? '');
    return m ? `${m[1]}\n${m[2]}` : broker.stderr.slice(-600);
  };
  const expect = (ok, what) => { if (!ok) problems.push(what); return ok; };
  const clients = [];
  const brokers = [];
  t.after(async () => {
    for (const s of clients) s.c.end(true);
    for (const b of brokers) stopBroker(b);
  });

  // 1.0.2 dies on a 150-level topic (qlobber throws `too many words` out of the publish path):
  // shown on the compiled tree the test updates, so a broker that survives later owes it to the update.
  const doomed = startBroker(work, env);
  brokers.push(doomed);
  await doomed.ready;
  const deep0 = await mosquitto('mosquitto_pub', ['-p', String(doomed.port), '-t', DEEP, '-m', 'deep', '-q', '0']);
  await Promise.race([doomed.exited, sleep(3000)]);
  assert.ok(!doomed.alive(), `a 150-level topic kills the ${VERSIONS.v1} broker (mosquitto_pub: ${JSON.stringify(deep0)})`);
  assert.match(doomed.stderr, /too many words/);

  const broker = startBroker(work, env);
  brokers.push(broker);
  await broker.ready;
  const { port, pid } = broker;

  // Connected to 1.0.2 and kept to the end.
  const subQ1 = await client(port, 'sub-q1');
  await subQ1.c.subscribeAsync('e2e/q1/#', { qos: 1 });
  const subQ0 = await client(port, 'sub-q0');
  await subQ0.c.subscribeAsync('e2e/q0/#', { qos: 0 });
  const pub = await client(port, 'pub');
  const deepOld = [await client(port, 'deep-old-1'), await client(port, 'deep-old-2')];
  clients.push(subQ1, subQ0, pub, ...deepOld);
  const mosqSub = spawn('mosquitto_sub', ['-p', String(port), '-i', 'mosq-sub', '-k', '30', '-q', '1', '-t', 'e2e/q1/#', '-t', 'e2e/mosq/#', '-F', '%t %p'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let mosqLines = '';
  let mosqExit = null;
  mosqSub.stdout.setEncoding('utf8').on('data', (d) => { mosqLines += d; });
  mosqSub.on('exit', (code, signal) => { mosqExit = { code, signal }; });
  t.after(() => mosqSub.kill('SIGKILL'));
  await pub.c.publishAsync('e2e/retained/config', 'kept-from-1.0.2', { qos: 1, retain: true });
  await sleep(300);

  // QoS 1 messages from the start to the end, each with its id; and QoS 0 ones alongside.
  const acked = new Set();
  const failedPublishes = [];
  let publishing = true;
  const stream = (async () => {
    for (let id = 0; publishing; id++) {
      pub.c.publishAsync('e2e/q1/stream', String(id), { qos: 1 }).then(() => acked.add(id), (e) => failedPublishes.push(`${id}: ${e.message}`));
      if (id % 10 === 0) pub.c.publish('e2e/q0/stream', String(id), { qos: 0 });
      await sleep(4);
    }
  })();

  /** The checks made after each update (and once before, to prove the checks themselves). */
  const checkLive = async (stage) => {
    expect(broker.alive(), `${stage}: the broker is running (exit: ${JSON.stringify(broker.exit)}; stderr: ${crash()})`);
    if (!broker.alive()) return;
    for (const s of [subQ1, subQ0, pub]) expect(s.closed === 0 && s.c.connected, `${stage}: ${s.id} (connected to ${VERSIONS.v1}) is still connected`);
    expect(mosqExit === null, `${stage}: mosquitto_sub (connected to ${VERSIONS.v1}) is still connected (exit: ${JSON.stringify(mosqExit)})`);
    // Subscriptions made on 1.0.2, through publishes by a client of 1.0.2.
    const tag = `${stage}-${Date.now()}`;
    const q0 = nextMessage(subQ0, 'e2e/q0/check');
    pub.c.publish('e2e/q0/check', tag, { qos: 0 });
    expect((await q0)?.payload === tag, `${stage}: a QoS 0 publish by an old client reaches an old QoS 0 subscription`);
    const seenBy = mosqLines.length;
    const q1 = nextMessage(subQ1, 'e2e/q1/check');
    await pub.c.publishAsync('e2e/q1/check', tag, { qos: 1 }).catch((e) => problems.push(`${stage}: QoS 1 publish: ${e.message}`));
    expect((await q1)?.payload === tag, `${stage}: a QoS 1 publish by an old client reaches an old QoS 1 subscription`);
    await sleep(100);
    expect(mosqLines.slice(seenBy).includes(`e2e/q1/check ${tag}`), `${stage}: mosquitto_sub (old) receives it too`);
    // A new connection: subscribe, publish, receive; and the retained message published on 1.0.2.
    let fresh = null;
    try {
      fresh = await client(port, `new-${stage}`);
      clients.push(fresh);
      const retained = nextMessage(fresh, 'e2e/retained/config');
      await fresh.c.subscribeAsync(['e2e/retained/#', 'e2e/new/#'], { qos: 1 });
      const r = await retained;
      expect(r?.payload === 'kept-from-1.0.2' && r.retain, `${stage}: a new client gets the message retained on ${VERSIONS.v1} (got ${JSON.stringify(r)})`);
      const own = nextMessage(fresh, 'e2e/new/echo');
      await fresh.c.publishAsync('e2e/new/echo', tag, { qos: 1 });
      expect((await own)?.payload === tag, `${stage}: a new client receives its own QoS 1 publish`);
      const toOld = nextMessage(subQ1, 'e2e/q1/from-new');
      fresh.c.publish('e2e/q1/from-new', tag, { qos: 1 });
      expect((await toOld)?.payload === tag, `${stage}: an old subscriber receives a new client's publish`);
    } catch (e) {
      problems.push(`${stage}: a new MQTT.js connection failed: ${e.message}`);
    }
    const mosqBefore = mosqLines.length;
    const mp = await mosquitto('mosquitto_pub', ['-p', String(port), '-t', 'e2e/mosq/hello', '-m', tag, '-q', '1']);
    expect(mp.code === 0, `${stage}: mosquitto_pub (a new connection) publishes at QoS 1 (${JSON.stringify(mp)})`);
    const ms = await mosquitto('mosquitto_sub', ['-p', String(port), '-t', 'e2e/retained/#', '-C', '1', '-W', '3', '-F', '%t %p']);
    expect(ms.stdout.trim() === 'e2e/retained/config kept-from-1.0.2', `${stage}: mosquitto_sub (a new connection) gets the retained message (${JSON.stringify(ms)})`);
    await sleep(100);
    expect(mosqLines.slice(mosqBefore).includes(`e2e/mosq/hello ${tag}`), `${stage}: mosquitto_sub (old) receives mosquitto_pub's (new) message`);
    expect(broker.alive(), `${stage}: the broker is still running after the checks (stderr: ${crash()})`);
  };

  /**
   * What the update report says the mapping's instance transformers and after() hooks did: the one
   * live broker and every client connected at the time (6 connected to 1.0.2, and the new ones of
   * the checks before) were transformed, and no after() hook threw.
   */
  const checkReport = (stage, report) => {
    if (!report?.applied) return;
    const transformed = (cls) => report.instances?.find((r) => r.class === cls)?.transformed;
    expect(transformed('aedes.js#Aedes') === 1, `${stage}: the instance transformer of the broker ran on the live broker (${JSON.stringify(report.instances)})`);
    expect(transformed('lib/client.js#Client') >= 6, `${stage}: the instance transformer of Client ran on every connected client (${JSON.stringify(report.instances)})`);
    expect((report.afterErrors ?? []).length === 0, `${stage}: no after() hook or top-level statement threw after the commit: ${JSON.stringify(report.afterErrors)}`);
  };

  /** A 150-level topic from a client connected before the update and from a new one. */
  const checkDeepTopic = async (stage, old) => {
    if (!broker.alive()) return;
    old.c.publish(DEEP, 'deep', { qos: 0 });
    await sleep(500);
    expect(broker.alive(), `${stage}: a 150-level topic from a client connected to ${VERSIONS.v1} does not kill the broker (stderr: ${crash()})`);
    if (!broker.alive()) return;
    const mp = await mosquitto('mosquitto_pub', ['-p', String(port), '-t', DEEP, '-m', 'deep', '-q', '1']);
    await sleep(500);
    expect(broker.alive(), `${stage}: a 150-level topic from a new client (mosquitto_pub: exit ${mp.code}) does not kill the broker (stderr: ${crash()})`);
    if (!broker.alive()) return;
    for (const s of [subQ1, subQ0, pub]) expect(s.closed === 0, `${stage}: ${s.id} keeps its connection while another client sends a 150-level topic`);
  };

  await sleep(1500);
  await checkLive(VERSIONS.v1);
  const r2 = update(pid, join(work, 'v1-v2'), VERSIONS.v2, env);
  expect(r2.code === 0 && r2.report?.applied === true, `update to ${VERSIONS.v2} applies (exit ${r2.code}): ${r2.text.slice(0, 1500)}`);
  checkReport(VERSIONS.v2, r2.report);
  await sleep(1000);
  await checkLive(VERSIONS.v2);
  await checkDeepTopic(VERSIONS.v2, deepOld[0]);
  await sleep(500);
  if (broker.alive()) {
    const r3 = update(pid, join(work, 'v2-v3'), VERSIONS.v3, env);
    expect(r3.code === 0 && r3.report?.applied === true, `update to ${VERSIONS.v3} applies (exit ${r3.code}): ${r3.text.slice(0, 1500)}`);
    checkReport(VERSIONS.v3, r3.report);
    await sleep(1000);
    await checkLive(VERSIONS.v3);
    await checkDeepTopic(VERSIONS.v3, deepOld[1]);
  }

  // Every QoS 1 message acknowledged by the broker arrives exactly once at both old subscribers.
  publishing = false;
  await stream;
  await sleep(1500);
  if (broker.alive()) {
    const count = (ids) => {
      const n = new Map();
      for (const id of ids) n.set(id, (n.get(id) ?? 0) + 1);
      return n;
    };
    const viaMqttJs = count(subQ1.received.filter((m) => m.topic === 'e2e/q1/stream').map((m) => Number(m.payload)));
    const viaMosq = count([...mosqLines.matchAll(/^e2e\/q1\/stream (\d+)$/gm)].map((m) => Number(m[1])));
    for (const [who, n] of [['MQTT.js', viaMqttJs], ['mosquitto_sub', viaMosq]]) {
      const lost = [...acked].filter((id) => !n.has(id));
      const dup = [...n].filter(([, k]) => k > 1).map(([id]) => id);
      expect(lost.length === 0, `${who}: ${lost.length} of ${acked.size} acknowledged QoS 1 messages lost (${lost.slice(0, 10).join(', ')})`);
      expect(dup.length === 0, `${who}: ${dup.length} QoS 1 messages delivered more than once (${dup.slice(0, 10).join(', ')})`);
    }
    expect(acked.size > 200, `the publisher had ${acked.size} QoS 1 messages acknowledged`);
    expect(failedPublishes.length === 0, `QoS 1 publishes failed: ${failedPublishes.slice(0, 5).join('; ')}`);
  }
  assert.deepEqual(problems, [], `aedes live updates:\n- ${problems.join('\n- ')}`);
});
