// UPDATE_POINT() in unusual places: getters, setters, default params, field initializers, static blocks,
// before super(), catch/finally, generator bodies, between awaits, sort comparators, valueOf, tags
const log = [];
function up(label) {
  UPDATE_POINT();
  log.push(label);
  return label.length;
}
class Base {
  constructor(tag) {
    UPDATE_POINT();
    this.tag = tag;
  }
}
class Thing extends Base {
  field = up("field-init");
  static total = 0;
  static {
    UPDATE_POINT();
    Thing.total = up("static-block");
  }
  #v = 0;
  constructor(v = up("default-param")) {
    UPDATE_POINT(); // before super()
    super("thing" + v);
    UPDATE_POINT(); // after super()
    this.#v = v;
  }
  get v() {
    UPDATE_POINT();
    return this.#v;
  }
  set v(x) {
    UPDATE_POINT();
    this.#v = x * 2;
  }
  valueOf() {
    UPDATE_POINT();
    return this.#v;
  }
}
const things = [new Thing(3), new Thing(), new Thing(1)];
things[0].v = 10;
console.log(things.map((t) => `${t.tag}:${t.v}:${t.field}`).join(" "), Thing.total);
things.sort((a, b) => {
  UPDATE_POINT();
  return a - b; // valueOf with an update point inside
});
console.log(things.map((t) => +t).join(","));

function risky(n) {
  try {
    if (n % 2) throw new Error("odd" + n);
    UPDATE_POINT();
    return "even" + n;
  } catch (e) {
    UPDATE_POINT();
    return "caught " + e.message;
  } finally {
    UPDATE_POINT();
    log.push("finally" + n);
  }
}
console.log([1, 2, 3].map(risky).join(" | "));

function* gen(n) {
  for (let i = 0; i < n; i++) {
    UPDATE_POINT();
    const got = yield i * i;
    UPDATE_POINT();
    if (got) log.push("gen got " + got);
  }
  UPDATE_POINT();
  return "gen done";
}
const g = gen(3);
const steps = [g.next().value, g.next("a").value, g.next().value, g.next("b").value];
console.log(steps.join(","));

async function asyncWork(xs) {
  let total = 0;
  for (const x of xs) {
    UPDATE_POINT();
    total += await x;
    UPDATE_POINT();
  }
  return total;
}
console.log(await asyncWork([1, Promise.resolve(2), 3]));

function tag(strings, ...vals) {
  UPDATE_POINT();
  return strings.raw.join("|") + vals.map((v) => v * 2).join("");
}
console.log(tag`a${1}b${2}c`);

const obj = {
  get computed() {
    let s = 0;
    for (let i = 0; i < 5; i++) {
      UPDATE_POINT();
      s += i;
    }
    return s;
  },
  [(UPDATE_POINT(), "dyn") + "Key"]: up("computed-key"),
};
console.log(obj.computed, obj.dynKey);
const arr = [3, 1, 2].map((x) => {
  UPDATE_POINT();
  return [x, ...[x * 10].map((y) => (UPDATE_POINT(), y + 1))];
});
console.log(JSON.stringify(arr));
const text = "a-b-c".replace(/-/g, () => {
  UPDATE_POINT();
  return "+";
});
console.log(text, JSON.parse('{"x":[1,2]}', (k, v) => (UPDATE_POINT(), Array.isArray(v) ? v.length : v)).x);
console.log(log.join(" "));
