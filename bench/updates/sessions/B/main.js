// The program the measure of suspended async activations moves between two versions, A and B:
// n sessions, each an async function suspended at an await on a promise of its own that stays
// pending (an idle client connection), with a few live locals. B differs from A in the version a
// session writes into its replies: a session that answers after an update shows which version's
// code it resumed in, and with which locals.
const inboxes = [];
const ended = [];
const replies = [];

/** The next message for session i: a promise that stays pending until send(i, ...). */
function nextMessage(i) {
  return new Promise((resolve) => {
    inboxes[i] = resolve;
  });
}

async function session(i, peer) {
  let served = 0;
  let bytes = 0;
  const opened = i * 3;
  for (;;) {
    const msg = await nextMessage(i);
    if (msg === null) return `${peer} closed after ${served} messages, ${bytes} bytes (B)`;
    served++;
    bytes += msg.length;
    replies.push(`${peer} ${served} ${bytes} ${opened} B`);
  }
}

export function label() {
  return 'B';
}

/** Starts n sessions, each waiting for its first message. */
export function start(n) {
  for (let i = 0; i < n; i++) ended.push(session(i, 'client-' + i));
}

export function send(i, msg) {
  const resolve = inboxes[i];
  inboxes[i] = undefined;
  resolve(msg);
}

/** Ends session i: its promise resolves with what it says at its end. */
export function close(i) {
  send(i, null);
  return ended[i];
}

/** The replies written since the last call. */
export function takeReplies() {
  return replies.splice(0);
}
