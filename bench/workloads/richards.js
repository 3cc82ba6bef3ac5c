// OS-kernel simulation: a priority scheduler switching between idle, worker, handler and device
// tasks that pass packets through queues. Exercises classes, subclass dispatch and small arrays.
export const meta = { name: 'richards', kind: 'kernel', description: 'Richards-style task scheduler: virtual dispatch, packets, queues' };

const ID_IDLE = 0;
const ID_WORKER = 1;
const ID_HANDLER_A = 2;
const ID_HANDLER_B = 3;
const ID_DEVICE_A = 4;
const ID_DEVICE_B = 5;

const KIND_DEVICE = 'device';
const KIND_WORK = 'work';
const DATA_SIZE = 4;

class Packet {
  constructor(destination, kind) {
    this.destination = destination; // on delivery this becomes the sender's id
    this.kind = kind;
    this.count = 0;
    this.data = new Array(DATA_SIZE).fill(0);
  }
}

class Task {
  constructor(scheduler, id, priority, packets) {
    this.scheduler = scheduler;
    this.id = id;
    this.priority = priority;
    this.queue = [...packets];
    this.waiting = packets.length > 0;
    this.held = false;
    this.next = null; // next task in the scheduler's priority list
  }

  get runnable() {
    return !this.held && (!this.waiting || this.queue.length > 0);
  }

  // Takes the first queued packet if the task was waiting for one, then does one step of work.
  // Returns the task the scheduler should look at next.
  dispatch() {
    let packet = null;
    if (this.waiting && this.queue.length > 0) {
      packet = this.queue.shift();
      this.waiting = false;
    }
    return this.step(packet);
  }

  step() {
    throw new Error(`task ${this.id} has no step`);
  }
}

class IdleTask extends Task {
  constructor(scheduler, id, priority, count) {
    super(scheduler, id, priority, []);
    this.seed = 1;
    this.remaining = count;
  }

  step() {
    if (--this.remaining === 0) return this.scheduler.hold();
    if ((this.seed & 1) === 0) {
      this.seed >>= 1;
      return this.scheduler.release(ID_DEVICE_A);
    }
    this.seed = (this.seed >> 1) ^ 0xd008;
    return this.scheduler.release(ID_DEVICE_B);
  }
}

class WorkerTask extends Task {
  constructor(scheduler, id, priority, packets) {
    super(scheduler, id, priority, packets);
    this.target = ID_HANDLER_A;
    this.letter = 0;
  }

  step(packet) {
    if (!packet) return this.scheduler.wait();
    this.target = this.target === ID_HANDLER_A ? ID_HANDLER_B : ID_HANDLER_A;
    packet.destination = this.target;
    packet.count = 0;
    for (let i = 0; i < DATA_SIZE; i++) {
      this.letter = (this.letter % 26) + 1;
      packet.data[i] = this.letter;
    }
    return this.scheduler.send(packet);
  }
}

class HandlerTask extends Task {
  constructor(scheduler, id, priority, packets) {
    super(scheduler, id, priority, packets);
    this.work = [];
    this.devices = [];
  }

  step(packet) {
    if (packet) (packet.kind === KIND_WORK ? this.work : this.devices).push(packet);
    if (this.work.length > 0) {
      const work = this.work[0];
      if (work.count >= DATA_SIZE) {
        this.work.shift();
        return this.scheduler.send(work);
      }
      if (this.devices.length > 0) {
        const device = this.devices.shift();
        device.count = work.data[work.count++];
        return this.scheduler.send(device);
      }
    }
    return this.scheduler.wait();
  }
}

class DeviceTask extends Task {
  constructor(scheduler, id, priority) {
    super(scheduler, id, priority, []);
    this.waiting = true;
    this.pending = null;
  }

  step(packet) {
    if (!packet) {
      if (!this.pending) return this.scheduler.wait();
      const done = this.pending;
      this.pending = null;
      return this.scheduler.send(done);
    }
    this.pending = packet;
    return this.scheduler.hold();
  }
}

class Scheduler {
  constructor() {
    this.tasks = new Map();
    this.head = null;
    this.current = null;
    this.queueCount = 0;
    this.holdCount = 0;
  }

  // Tasks are kept in a list ordered by descending priority.
  add(task) {
    this.tasks.set(task.id, task);
    if (!this.head || task.priority > this.head.priority) {
      task.next = this.head;
      this.head = task;
      return;
    }
    let at = this.head;
    while (at.next && at.next.priority >= task.priority) at = at.next;
    task.next = at.next;
    at.next = task;
  }

  schedule() {
    this.current = this.head;
    while (this.current) {
      this.current = this.current.runnable ? this.current.dispatch() : this.current.next;
    }
  }

  hold() {
    this.holdCount++;
    this.current.held = true;
    return this.current.next;
  }

  wait() {
    this.current.waiting = true;
    return this.current;
  }

  release(id) {
    const task = this.tasks.get(id);
    task.held = false;
    return task.priority > this.current.priority ? task : this.current;
  }

  // Deliver a packet to its destination; the packet then records who sent it.
  send(packet) {
    const target = this.tasks.get(packet.destination);
    this.queueCount++;
    packet.destination = this.current.id;
    target.queue.push(packet);
    if (target.queue.length === 1 && target.priority > this.current.priority) return target;
    return this.current;
  }
}

function simulate(idleCount) {
  const s = new Scheduler();
  s.add(new IdleTask(s, ID_IDLE, 0, idleCount));
  s.add(new WorkerTask(s, ID_WORKER, 1000, [new Packet(ID_WORKER, KIND_WORK), new Packet(ID_WORKER, KIND_WORK)]));
  const devicePackets = (id) => [1, 2, 3].map(() => new Packet(id, KIND_DEVICE));
  s.add(new HandlerTask(s, ID_HANDLER_A, 2000, devicePackets(ID_DEVICE_A)));
  s.add(new HandlerTask(s, ID_HANDLER_B, 3000, devicePackets(ID_DEVICE_B)));
  s.add(new DeviceTask(s, ID_DEVICE_A, 4000));
  s.add(new DeviceTask(s, ID_DEVICE_B, 5000));
  s.schedule();
  return s;
}

export function setup(size) {
  return { idleCount: size === 'smoke' ? 10000 : 2000000 };
}

export function run({ idleCount }) {
  const { queueCount, holdCount } = simulate(idleCount);
  return `${queueCount}:${holdCount}`;
}
