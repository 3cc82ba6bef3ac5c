// closures stored in arrays, objects and maps; dispatch tables
function makeOps() {
  let calls = 0;
  const ops = {
    "+": (a, b) => (calls++, a + b),
    "-": (a, b) => (calls++, a - b),
    "*": (a, b) => (calls++, a * b),
    "/": (a, b) => (calls++, Math.trunc(a / b)),
    "%": function (a, b) { calls++; return a % b; },
  };
  ops.count = () => calls;
  return ops;
}
const ops = makeOps();
const program = [["+", 3, 4], ["*", 6, 7], ["-", 10, 25], ["/", 100, 7], ["%", 100, 7]];
for (const [op, a, b] of program) {
  UPDATE_POINT();
  console.log(op, a, b, ops[op](a, b));
}
console.log("calls", ops.count());

// array of closures forming a pipeline
const pipeline = [];
for (let i = 1; i <= 5; i++) {
  if (i % 2) pipeline.push((x) => x * i);
  else pipeline.push((x) => x + i);
}
let v = 1;
for (const f of pipeline) v = f(v);
console.log("pipeline", v);
console.log("reduced", pipeline.reduce((acc, f) => f(acc), 2));

// map of event -> list of handlers
const handlers = new Map();
function on(ev, fn) {
  UPDATE_POINT();
  if (!handlers.has(ev)) handlers.set(ev, []);
  handlers.get(ev).push(fn);
}
function emit(ev, payload) {
  const out = [];
  for (const h of handlers.get(ev) || []) {
    out.push(h(payload));
    UPDATE_POINT();
  }
  return out;
}
let total = 0;
on("add", (n) => (total += n));
on("add", (n) => `added ${n}`);
on("mul", (n) => (total *= n));
for (let i = 1; i < 5; i++) on("tick", () => i * total);
console.log(JSON.stringify(emit("add", 5)), JSON.stringify(emit("mul", 3)), JSON.stringify(emit("add", 1)));
console.log(JSON.stringify(emit("tick")), JSON.stringify(emit("none")));

// nested objects of closures referencing each other
const machine = {
  state: "idle",
  transitions: {
    idle: { start: () => "running" },
    running: { pause: () => "paused", stop: () => "idle" },
    paused: { resume: () => "running", stop: () => "idle" },
  },
  send(ev) {
    const t = this.transitions[this.state][ev];
    if (t) this.state = t();
    return this.state;
  },
};
console.log(["start", "pause", "start", "resume", "stop", "stop", "start"].map((e) => machine.send(e)).join(" "));
