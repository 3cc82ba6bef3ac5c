// a table-driven state machine parsing a mini protocol, with entry/exit actions and guards
const transcript = [];
function act(name) {
  return (ctx, ch) => {
    transcript.push(name);
    UPDATE_POINT();
    return ctx;
  };
}
const machine = {
  initial: "idle",
  states: {
    idle: {
      on: {
        "<": { to: "tag", do: (ctx) => { ctx.tag = ""; return ctx; } },
        default: { to: "idle", do: (ctx, ch) => { ctx.text += ch; return ctx; } },
      },
    },
    tag: {
      enter: act("enter-tag"),
      exit: act("exit-tag"),
      on: {
        ">": { to: "idle", do: (ctx) => { ctx.tags.push(ctx.tag); return ctx; } },
        "/": { to: "closing", guard: (ctx) => ctx.tag === "" },
        default: { to: "tag", do: (ctx, ch) => { ctx.tag += ch; return ctx; } },
      },
    },
    closing: {
      enter: act("enter-closing"),
      on: {
        ">": {
          to: "idle",
          do: (ctx) => {
            const open = ctx.tags.pop();
            if (open !== ctx.tag) ctx.errors.push(`mismatch ${open}/${ctx.tag}`);
            ctx.closed.push(ctx.tag);
            return ctx;
          },
        },
        default: { to: "closing", do: (ctx, ch) => { ctx.tag += ch; return ctx; } },
      },
    },
  },
};

function run(input) {
  UPDATE_POINT();
  let state = machine.initial;
  let ctx = { text: "", tag: "", tags: [], closed: [], errors: [] };
  let transitions = 0;
  for (const ch of input) {
    const def = machine.states[state];
    let t = def.on[ch];
    if (t && t.guard && !t.guard(ctx, ch)) t = null;
    t = t || def.on.default;
    if (t.to !== state) {
      if (def.exit) ctx = def.exit(ctx, ch);
      transitions++;
    }
    if (t.do) ctx = t.do(ctx, ch);
    if (t.to !== state && machine.states[t.to].enter) ctx = machine.states[t.to].enter(ctx, ch);
    state = t.to;
  }
  return { state, transitions, ...ctx };
}
for (const input of ["<a>hi<b>there</b></a>", "<x><y>oops</x></y>", "plain text", "<open>unterminated"]) {
  transcript.length = 0;
  const r = run(input);
  console.log(JSON.stringify(r));
  console.log(transcript.join(","));
}

// generator-based state machine: traffic light with timed states
function* trafficLight() {
  const durations = { green: 3, yellow: 1, red: 2 };
  const order = ["green", "yellow", "red"];
  let i = 0;
  for (;;) {
    UPDATE_POINT();
    const s = order[i % 3];
    for (let t = 0; t < durations[s]; t++) yield `${s}${t}`;
    i++;
  }
}
const light = trafficLight();
const seq = [];
for (let k = 0; k < 14; k++) seq.push(light.next().value);
console.log(seq.join(" "));
