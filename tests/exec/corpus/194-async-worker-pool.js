// an async worker pool with a concurrency limit processing tasks with already-resolved awaits; deterministic order
const events = [];
function task(id, steps) {
  UPDATE_POINT();
  return async () => {
    events.push(`start ${id}`);
    let acc = id;
    for (let s = 0; s < steps; s++) {
      await null; // yield to other workers
      acc = (acc * 31 + s) % 1009;
      UPDATE_POINT();
    }
    if (id === 4) throw new Error(`task ${id} failed`);
    events.push(`end ${id}`);
    return acc;
  };
}
async function pool(tasks, limit) {
  const results = new Array(tasks.length);
  let next = 0;
  let active = 0;
  let maxActive = 0;
  async function worker(wid) {
    while (next < tasks.length) {
      const i = next++;
      active++;
      maxActive = Math.max(maxActive, active);
      try {
        results[i] = { ok: true, value: await tasks[i](), worker: wid };
      } catch (e) {
        results[i] = { ok: false, error: e.message, worker: wid };
      } finally {
        active--;
      }
    }
  }
  await Promise.all(Array.from({ length: limit }, (_, w) => worker(w)));
  return { results, maxActive };
}
const tasks = [3, 1, 4, 1, 5, 9, 2, 6].map((steps, id) => task(id, steps));
for (const limit of [1, 3]) {
  events.length = 0;
  const { results, maxActive } = await pool(tasks, limit);
  console.log(`limit ${limit}: maxActive=${maxActive}`);
  console.log(results.map((r, i) => `${i}:${r.ok ? r.value : "ERR(" + r.error + ")"}@w${r.worker}`).join(" "));
  console.log(events.join(", "));
}

// a promise-based semaphore guarding a shared counter
class Semaphore {
  constructor(n) { this.n = n; this.waiting = []; }
  async acquire() {
    if (this.n > 0) {
      this.n--;
      return;
    }
    await new Promise((resolve) => this.waiting.push(resolve));
  }
  release() {
    const next = this.waiting.shift();
    if (next) next();
    else this.n++;
  }
}
const sem = new Semaphore(2);
let inside = 0, peak = 0;
const order = [];
async function guarded(id) {
  UPDATE_POINT();
  await sem.acquire();
  inside++;
  peak = Math.max(peak, inside);
  order.push(`+${id}`);
  for (let i = 0; i < id % 3 + 1; i++) await null;
  order.push(`-${id}`);
  inside--;
  sem.release();
  return id * id;
}
const squares = await Promise.all([1, 2, 3, 4, 5].map(guarded));
console.log(squares.join(","), "peak", peak, order.join(" "));
