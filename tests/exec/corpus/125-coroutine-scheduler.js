// cooperative multitasking with generators: a round-robin scheduler, channels, sleeping tasks
class Scheduler {
  constructor() {
    UPDATE_POINT();
    this.ready = [];
    this.sleeping = [];
    this.time = 0;
    this.log = [];
    this.nextId = 1;
  }
  spawn(name, genFn, ...args) {
    const task = { id: this.nextId++, name, it: genFn(...args), value: undefined };
    this.ready.push(task);
    return task.id;
  }
  run(maxTicks = 1000) {
    while ((this.ready.length || this.sleeping.length) && this.time < maxTicks) {
      if (!this.ready.length) {
        // advance time to the earliest sleeper
        this.sleeping.sort((a, b) => a.until - b.until || a.task.id - b.task.id);
        this.time = this.sleeping[0].until;
      }
      this.sleeping = this.sleeping.filter((s) => {
        if (s.until <= this.time) {
          this.ready.push(s.task);
          return false;
        }
        return true;
      });
      const task = this.ready.shift();
      if (!task) continue;
      const step = task.it.next(task.value);
      UPDATE_POINT();
      task.value = undefined;
      if (step.done) {
        this.log.push(`t${this.time} ${task.name} finished -> ${step.value}`);
        continue;
      }
      const cmd = step.value;
      if (cmd && cmd.sleep) this.sleeping.push({ task, until: this.time + cmd.sleep });
      else if (cmd && cmd.recv) {
        const ch = cmd.recv;
        if (ch.buffer.length) {
          task.value = ch.buffer.shift();
          this.ready.push(task);
        } else ch.waiting.push(task);
      } else if (cmd && cmd.send) {
        const [ch, v] = cmd.send;
        if (ch.waiting.length) {
          const r = ch.waiting.shift();
          r.value = v;
          this.ready.push(r);
        } else ch.buffer.push(v);
        this.ready.push(task);
      } else this.ready.push(task);
      this.time++;
    }
    return this.log;
  }
}
const chan = () => ({ buffer: [], waiting: [] });

function* producer(name, ch, n) {
  for (let i = 1; i <= n; i++) {
    yield { send: [ch, `${name}${i}`] };
    yield { sleep: 2 };
  }
  yield { send: [ch, null] };
  return `${name} sent ${n}`;
}
function* consumer(ch, expectedEnds, out) {
  let ends = 0, count = 0;
  while (ends < expectedEnds) {
    const v = yield { recv: ch };
    if (v === null) ends++;
    else {
      count++;
      out.push(v);
    }
  }
  return `consumed ${count}`;
}
function* ticker(n) {
  let s = 0;
  for (let i = 0; i < n; i++) {
    UPDATE_POINT();
    s += i;
    yield;
  }
  return `ticker sum ${s}`;
}
const s = new Scheduler();
const ch = chan();
const received = [];
s.spawn("consumer", consumer, ch, 2, received);
s.spawn("p", producer, "p", ch, 4);
s.spawn("q", producer, "q", ch, 3);
s.spawn("tick", ticker, 6);
const log = s.run();
console.log(log.join("\n"));
console.log(received.join(" "), "time", s.time);
