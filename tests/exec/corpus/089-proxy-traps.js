// Proxy traps: user handlers called by the engine for get/set/has/deleteProperty/apply/construct/ownKeys
const log = [];
function validatorProxy(target, schema) {
  UPDATE_POINT();
  return new Proxy(target, {
    get(t, key, receiver) {
      if (typeof key === "string") log.push("get " + key);
      return Reflect.get(t, key, receiver);
    },
    set(t, key, value) {
      const type = schema[key];
      if (!type) throw new TypeError(`unknown field ${String(key)}`);
      if (typeof value !== type) throw new TypeError(`${String(key)} must be ${type}`);
      UPDATE_POINT();
      log.push(`set ${key}=${value}`);
      t[key] = value;
      return true;
    },
    has(t, key) {
      log.push("has " + String(key));
      return key in t && !String(key).startsWith("_");
    },
    deleteProperty(t, key) {
      log.push("delete " + String(key));
      return delete t[key];
    },
    ownKeys(t) {
      return Reflect.ownKeys(t).filter((k) => !String(k).startsWith("_"));
    },
  });
}
const user = validatorProxy({ _secret: 1 }, { name: "string", age: "number" });
user.name = "ann";
user.age = 30;
for (const [k, v] of [["age", "old"], ["email", "x@y"]]) {
  try {
    user[k] = v;
  } catch (e) {
    UPDATE_POINT();
    log.push(e.constructor.name + ": " + e.message);
  }
}
console.log(user.name, user.age, "name" in user, "_secret" in user, Object.keys(user).join(","));
delete user.age;
console.log(JSON.stringify(user));
console.log(log.join("\n"));
log.length = 0;

// apply and construct traps on functions
function sum(...xs) { let s = 0; for (const x of xs) s += x; return s; }
const counted = new Proxy(sum, {
  apply(target, thisArg, args) {
    log.push(`call(${args.join(",")})`);
    return target.apply(thisArg, args) * 10;
  },
});
console.log(counted(1, 2, 3), counted.call(null, 4), [1, 2].map((x) => counted(x, x)).join(","));
class Point { constructor(x, y) { this.x = x; this.y = y; } }
const TrackedPoint = new Proxy(Point, {
  construct(target, args, newTarget) {
    log.push("new " + args.join(","));
    return Reflect.construct(target, args.map((a) => a * 2), newTarget);
  },
});
const p = new TrackedPoint(1, 2);
console.log(p.x, p.y, p instanceof Point, log.join(" "));

// default values proxy and negative array indices
const withDefault = (obj, dflt) => new Proxy(obj, { get: (t, k) => (k in t ? t[k] : typeof dflt === "function" ? dflt(k) : dflt) });
const counts = withDefault({}, 0);
for (const w of "a b a c b a".split(" ")) counts[w] = counts[w] + 1;
console.log(JSON.stringify(counts), counts.zzz);
const negArray = (arr) => new Proxy(arr, {
  get(t, k, r) {
    if (typeof k === "string" && /^-\d+$/.test(k)) k = String(t.length + Number(k));
    return Reflect.get(t, k, r);
  },
});
const na = negArray([10, 20, 30, 40]);
console.log(na[-1], na[-4], na[0], na.length, na.map((x) => x / 10).join(""));

// proxies intercepting for-in/Object.keys via ownKeys + getOwnPropertyDescriptor
const virtual = new Proxy({}, {
  ownKeys: () => ["v1", "v2", "v3"],
  getOwnPropertyDescriptor: (t, k) => ({ value: k.toUpperCase(), enumerable: true, configurable: true }),
  get: (t, k) => (typeof k === "string" ? k.toUpperCase() + "!" : undefined),
});
const seen = [];
for (const k in virtual) seen.push(k + "=" + virtual[k]);
console.log(seen.join(" "), Object.keys(virtual).length);
