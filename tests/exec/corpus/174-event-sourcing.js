// event sourcing: an append-only event log, projections rebuilt by replay, snapshots, and time travel
class EventStore {
  #events = [];
  #subscribers = [];
  append(type, data) {
    const e = Object.freeze({ seq: this.#events.length + 1, type, data: Object.freeze({ ...data }) });
    this.#events.push(e);
    for (const s of this.#subscribers) s(e);
    return e.seq;
  }
  subscribe(fn) { this.#subscribers.push(fn); }
  *replay(fromSeq = 1, toSeq = Infinity) {
    for (const e of this.#events) {
      UPDATE_POINT();
      if (e.seq < fromSeq) continue;
      if (e.seq > toSeq) return;
      yield e;
    }
  }
  get length() { return this.#events.length; }
}
const handlers = {
  AccountOpened: (s, d) => ({ ...s, [d.id]: { owner: d.owner, balance: 0, tx: 0 } }),
  Deposited: (s, d) => ({ ...s, [d.id]: { ...s[d.id], balance: s[d.id].balance + d.amount, tx: s[d.id].tx + 1 } }),
  Withdrawn: (s, d) => ({ ...s, [d.id]: { ...s[d.id], balance: s[d.id].balance - d.amount, tx: s[d.id].tx + 1 } }),
  AccountClosed: (s, d) => {
    const { [d.id]: _closed, ...rest } = s;
    return rest;
  },
};
function project(events, initial = {}) {
  let state = initial;
  let n = 0;
  for (const e of events) {
    const h = handlers[e.type];
    if (!h) throw new TypeError("no handler for " + e.type);
    state = h(state, e.data);
    if (++n % 10 === 0) UPDATE_POINT();
  }
  return state;
}
const store = new EventStore();
const live = { state: {}, applied: 0 };
store.subscribe((e) => {
  live.state = handlers[e.type](live.state, e.data);
  live.applied++;
});
store.append("AccountOpened", { id: "a1", owner: "ann" });
store.append("AccountOpened", { id: "b2", owner: "bob" });
let seed = 4;
for (let i = 0; i < 30; i++) {
  seed = (seed * 131 + 17) % 1013;
  const id = seed % 2 ? "a1" : "b2";
  if (seed % 5 === 0 && live.state[id].balance > 50) store.append("Withdrawn", { id, amount: 50 });
  else store.append("Deposited", { id, amount: seed % 40 });
}
store.append("AccountOpened", { id: "c3", owner: "cyd" });
store.append("Deposited", { id: "c3", amount: 7 });
store.append("AccountClosed", { id: "b2" });
const rebuilt = project(store.replay());
console.log(JSON.stringify(rebuilt));
console.log(JSON.stringify(rebuilt) === JSON.stringify(live.state), live.applied, store.length);
// snapshot at seq 20, then replay the rest from the snapshot
const snapshot = project(store.replay(1, 20));
const fromSnapshot = project(store.replay(21), snapshot);
console.log(JSON.stringify(snapshot));
console.log(JSON.stringify(fromSnapshot) === JSON.stringify(rebuilt));
// time travel: balances of a1 after every 8th event
const history = [];
for (let seq = 2; seq <= store.length; seq += 8) history.push(`${seq}:${project(store.replay(1, seq)).a1?.balance}`);
console.log(history.join(" "));
// events are immutable
const first = store.replay().next().value;
try {
  first.data.owner = "mallory";
} catch (e) {
  console.log(e.constructor.name, first.data.owner);
}
try {
  project([{ type: "Unknown", data: {} }]);
} catch (e) {
  UPDATE_POINT();
  console.log(e.message);
}
