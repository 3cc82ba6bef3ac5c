"use strict";
// CommonJS: node:events EventEmitter calling listeners from native code; once, prepend, error events, removal
const EventEmitter = require("node:events");

class Job extends EventEmitter {
  constructor(name, steps) {
    UPDATE_POINT();
    super();
    this.name = name;
    this.steps = steps;
  }
  run() {
    this.emit("start", this.name);
    let total = 0;
    for (let i = 0; i < this.steps; i++) {
      total += i * i;
      this.emit("progress", i, total);
    }
    this.emit("done", total);
    return total;
  }
}
const log = [];
const job = new Job("squares", 6);
job.on("start", (name) => log.push("start " + name));
job.on("progress", function (i, total) {
  UPDATE_POINT();
  if (i % 2 === 0) log.push(`p${i}=${total}/${this.name}`);
});
job.prependListener("progress", (i) => { if (i === 0) log.push("first listener"); });
job.once("done", (t) => log.push("done once " + t));
job.on("done", (t) => log.push("done always " + t));
job.run();
job.run();
console.log(log.join("\n"));
console.log(job.listenerCount("done"), job.listenerCount("progress"), job.eventNames().join(","));

// removing listeners during emit: the current emit uses a snapshot
const em = new EventEmitter();
const out = [];
function a() { out.push("a"); em.removeListener("x", b); }
function b() { out.push("b"); }
em.on("x", a);
em.on("x", b);
em.emit("x");
em.emit("x");
console.log(out.join(""));

// error events: throw when unhandled, delivered when handled
try {
  em.emit("error", new Error("nobody listens"));
} catch (e) {
  UPDATE_POINT();
  console.log("thrown:", e.message);
}
em.on("error", (e) => console.log("handled:", e.message));
em.emit("error", new Error("somebody listens"));

// listeners that emit other events recursively
const chain = new EventEmitter();
const seq = [];
chain.on("count", (n) => {
  seq.push(n);
  if (n > 0) chain.emit("count", n - 1);
  else chain.emit("finished", seq.length);
});
chain.on("finished", (len) => seq.push("fin" + len));
chain.emit("count", 5);
console.log(seq.join(" "));

// EventEmitter.once returns a promise; newListener events
const em2 = new EventEmitter();
const added = [];
em2.on("newListener", (ev) => added.push(ev));
em2.on("ping", () => {});
em2.once("pong", () => {});
(async () => {
  const p = EventEmitter.once(em2, "ready");
  em2.emit("ready", 42, "extra");
  const args = await p;
  console.log("once resolved with", JSON.stringify(args), added.join(","));
})();
