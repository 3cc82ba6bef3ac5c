// Runs the compiled version A of bench/updates/sessions with n sessions suspended at an await (idle
// client connections), applies updates A -> B -> A -> ... between events, and prints the reports'
// timings as JSON on stdout. Fails (exit 1) unless every update moved every session and every
// session then answers in the running version with its locals intact.
//   node --expose-gc driver.mjs <runtime index.js> <compiled main.js> <AB> <BA> <sessions> <updates>
import { pathToFileURL } from 'node:url';

const [runtimeIndex, mainFile, ab, ba, sessionsArg, updatesArg] = process.argv.slice(2);
const { requestUpdateTo } = await import(pathToFileURL(runtimeIndex).href);
const m = await import(pathToFileURL(mainFile).href);
const n = Number(sessionsArg);
const updates = Number(updatesArg);
const KEYS = ['requestToPointMs', 'loadMs', 'captureMs', 'mapMs', 'rebuildMs', 'pauseMs'];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function fail(why) {
  process.stderr.write(`sessions driver (${n} sessions): ${why}\n`);
  process.exit(1);
}

// What each session has received, as the driver counts it: the session's own locals must agree.
const served = new Int32Array(n);
const bytes = new Int32Array(n);
const message = (i, k) => 'm'.repeat(1 + ((i + k) % 7));

/** Sends a message to each of `which`, lets the sessions run, and checks each one's reply. */
async function exchange(which, version, k) {
  for (const i of which) {
    const msg = message(i, k);
    served[i]++;
    bytes[i] += msg.length;
    m.send(i, msg);
  }
  await new Promise(setImmediate);
  const replies = m.takeReplies();
  if (replies.length !== which.length) fail(`${which.length} messages sent, ${replies.length} replies`);
  const expected = new Set(which.map((i) => `client-${i} ${served[i]} ${bytes[i]} ${i * 3} ${version}`));
  for (const r of replies) {
    if (!expected.delete(r)) fail(`unexpected reply '${r}' (running version ${version})`);
  }
}

const all = Array.from({ length: n }, (_, i) => i);
m.start(n);
await exchange(all, 'A', 0);
// Idle connections stay idle: by the first update the sessions have been suspended long enough to
// be held as an idle program's are (the runtime's aging takes two seconds).
await sleep(2500);

const table = [];
let version = 'A';
// The runtime's timers do not keep a program alive; the sessions' promises do not either.
const alive = setInterval(() => {}, 1000);
for (let k = 0; k < updates; k++) {
  const to = k % 2 === 0 ? 'B' : 'A';
  // Garbage of the updates before is not this one's: collected first, the collector's background
  // work (sweeping) given time to end.
  globalThis.gc?.();
  await sleep(50);
  const report = await new Promise((resolve) => {
    requestUpdateTo(to === 'B' ? ab : ba, { label: to }, resolve);
    // The update applies from an immediate that does not keep the event loop awake: requested
    // from a timer's callback (here), it would wait for the loop's next event.
    setImmediate(() => {});
  });
  if (!report.applied) fail(`update ${k + 1} to ${to} was rolled back: ${report.reason}`);
  let moved = 0;
  for (const f of report.frames) if (f.suspended && f.to !== null) moved++;
  if (moved !== n) fail(`update ${k + 1} moved ${moved} suspended activations, not ${n}`);
  version = to;
  table.push(Object.fromEntries(KEYS.map((key) => [key, report.timings[key]])));
  // A few sessions answer right after each update, in the version it brought.
  await exchange([...new Set([k % n, (k * 7919 + 1) % n, n - 1 - (k % n)])], version, k + 1);
}
// Every session is alive, resumes in the running version (its generator rebuilt there from its
// record), and has its locals; then it goes on in that generator.
await exchange(all, version, updates + 1);
await exchange(all, version, updates + 2);
// A few end: their results come from the running version's code too.
for (const i of [...new Set([0, n >> 1, n - 1])]) {
  const said = await m.close(i);
  const want = `client-${i} closed after ${served[i]} messages, ${bytes[i]} bytes (${version})`;
  if (said !== want) fail(`session ${i} ended with '${said}', expected '${want}'`);
}
clearInterval(alive);
process.stdout.write(JSON.stringify({ sessions: n, version, timings: table }) + '\n');
