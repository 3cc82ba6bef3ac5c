// object rest/spread in functions that update immutable state in loops (reducer style)
function reducer(state, action) {
  UPDATE_POINT();
  switch (action.type) {
    case "add": {
      const { [action.id]: existing = { qty: 0 }, ...others } = state.items;
      return { ...state, items: { ...others, [action.id]: { ...existing, qty: existing.qty + action.qty } }, version: state.version + 1 };
    }
    case "remove": {
      const { [action.id]: _removed, ...rest } = state.items;
      return { ...state, items: rest, version: state.version + 1 };
    }
    case "rename": {
      const { items, ...meta } = state;
      return { ...meta, name: action.name, items, version: state.version + 1 };
    }
    default:
      return state;
  }
}
const actions = [];
let x = 3;
for (let i = 0; i < 30; i++) {
  x = (x * 17 + 5) % 31;
  if (x % 5 === 0) actions.push({ type: "remove", id: "p" + (x % 4) });
  else if (x % 7 === 0) actions.push({ type: "rename", name: "cart" + i });
  else actions.push({ type: "add", id: "p" + (x % 4), qty: x % 3 + 1 });
}
let state = { name: "cart", items: {}, version: 0 };
const history = [state];
actions.forEach((a, i) => {
  state = reducer(state, a);
  history.push(state);
  if (i % 6 === 5) {
    UPDATE_POINT();
    console.log(i, JSON.stringify(state));
  }
});
console.log(history.length, history[0] === history[1], history.every((h, i) => i === 0 || h.version === history[i - 1].version + 1 || h === history[i - 1]));
console.log(JSON.stringify(history[0]));

// rest excludes only the named keys, copies own enumerable props including symbols
const sym = Symbol("s");
const src = { a: 1, b: 2, c: 3, [sym]: "symval" };
Object.defineProperty(src, "hidden", { value: 4, enumerable: false });
const { a, ...rest } = src;
console.log(a, JSON.stringify(rest), rest[sym], "hidden" in rest);

// spread does not copy prototype or getters as getters
class P { constructor() { this.own = 1; } get computed() { return 42; } method() {} }
const copied = { ...new P() };
console.log(JSON.stringify(copied), "method" in copied, "computed" in copied);

// nested defaults merging via spread in a recursive function
function deepMerge(base, over) {
  const out = { ...base };
  for (const [k, v] of Object.entries(over)) {
    UPDATE_POINT();
    out[k] = v && typeof v === "object" && !Array.isArray(v) && base[k] && typeof base[k] === "object" ? deepMerge(base[k], v) : v;
  }
  return out;
}
const defaults = { server: { host: "localhost", port: 80, tls: { enabled: false, cert: null } }, debug: false, tags: ["a"] };
const cfg = deepMerge(defaults, { server: { port: 8443, tls: { enabled: true } }, tags: ["b", "c"], extra: 1 });
console.log(JSON.stringify(cfg));
console.log(JSON.stringify(defaults));
