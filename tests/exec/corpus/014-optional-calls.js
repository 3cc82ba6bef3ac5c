// optional chaining: o?.m?.(), a?.[i], calls in optional chains, short-circuiting
const log = [];
function side(v) { log.push(v); return v; }

const objs = [
  null,
  {},
  { m: null },
  { m() { UPDATE_POINT(); return "m:" + side(1); } },
  { m: () => ({ inner: { f: (x) => "inner" + x } }) },
  { arr: [(x) => x * 2, null] },
];
for (const o of objs) {
  UPDATE_POINT();
  console.log(
    String(o?.m?.()),
    String(o?.m?.()?.inner?.f?.(side(2))),
    String(o?.arr?.[0]?.(side(3))),
    String(o?.arr?.[1]?.(side(4))),
  );
}
console.log(log.join(","));
log.length = 0;
// short circuit: arguments not evaluated
const nothing = null;
console.log(nothing?.foo(side("not"))?.bar, nothing?.[side("no")], log.length);

class Node {
  constructor(v, next) { this.v = v; this.next = next; }
  sum() { return this.v + (this.next?.sum() ?? 0); }
  find(v) { return this.v === v ? this : this.next?.find(v); }
}
let list = null;
for (let i = 1; i <= 10; i++) list = new Node(i, list);
console.log(list.sum(), list.find(4)?.sum(), list.find(42)?.sum(), list?.next?.next?.v);

const handlers = { click: (e) => "clicked " + e, hover: undefined };
for (const ev of ["click", "hover", "press"]) {
  UPDATE_POINT();
  console.log(ev, handlers[ev]?.(ev.length) ?? "no handler");
}
function call(fn, ...args) { return fn?.(...args); }
console.log(call(Math.max, 1, 5, 3), call(undefined, 1), call((...a) => a.length, ...[1, 2, 3, 4]));
