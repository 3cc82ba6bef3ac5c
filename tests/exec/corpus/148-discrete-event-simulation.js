// discrete-event simulation of a bank with tellers: event queue ordered by time, seeded arrivals
class EventQueue {
  constructor() { this.heap = []; this.seq = 0; }
  push(time, kind, data) {
    const e = { time, kind, data, seq: this.seq++ };
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      UPDATE_POINT();
      const p = (i - 1) >> 1;
      if (this.#less(h[p], h[i])) break;
      [h[p], h[i]] = [h[i], h[p]];
      i = p;
    }
  }
  #less(a, b) { return a.time < b.time || (a.time === b.time && a.seq < b.seq); }
  pop() {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length) {
      h[0] = last;
      let i = 0;
      for (;;) {
        let m = i;
        const l = 2 * i + 1, r = l + 1;
        if (l < h.length && this.#less(h[l], h[m])) m = l;
        if (r < h.length && this.#less(h[r], h[m])) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i], h[m]];
        i = m;
      }
    }
    return top;
  }
  get size() { return this.heap.length; }
}
function simulate(tellers, customers, seed) {
  let s = seed;
  const rnd = (lo, hi) => {
    s = (s * 48271) % 2147483647;
    return lo + (s % (hi - lo + 1));
  };
  const q = new EventQueue();
  let t = 0;
  for (let i = 0; i < customers; i++) {
    t += rnd(1, 6);
    q.push(t, "arrive", { id: i, service: rnd(3, 12) });
  }
  const free = Array.from({ length: tellers }, (_, i) => i);
  const line = [];
  const waits = [];
  const served = new Array(tellers).fill(0);
  let maxLine = 0, now = 0, events = 0;
  const startService = (cust, teller) => {
    waits.push(now - cust.arrived);
    served[teller]++;
    q.push(now + cust.service, "depart", { teller, id: cust.id });
  };
  while (q.size) {
    UPDATE_POINT();
    const e = q.pop();
    now = e.time;
    events++;
    if (events % 25 === 0) UPDATE_POINT();
    if (e.kind === "arrive") {
      const cust = { ...e.data, arrived: now };
      if (free.length) startService(cust, free.shift());
      else {
        line.push(cust);
        maxLine = Math.max(maxLine, line.length);
      }
    } else {
      if (line.length) startService(line.shift(), e.data.teller);
      else {
        free.push(e.data.teller);
        free.sort((a, b) => a - b);
      }
    }
  }
  const avg = waits.reduce((a, b) => a + b, 0) / waits.length;
  return { tellers, end: now, events, avgWait: avg.toFixed(2), maxWait: Math.max(...waits), maxLine, served: served.join("/") };
}
for (const tellers of [1, 2, 3, 4]) console.log(JSON.stringify(simulate(tellers, 60, 12345)));
console.log(JSON.stringify(simulate(2, 200, 999)));
