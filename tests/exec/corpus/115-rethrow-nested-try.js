// rethrowing, nested try blocks inside loops and recursion, retry logic with attempt counters
let attempts = 0;
function flaky(id) {
  UPDATE_POINT();
  attempts++;
  if ((id * 5 + attempts * 3) % 7 > 2) throw new Error(`flaky ${id} failed (attempt ${attempts})`);
  return `ok${id}`;
}
function withRetry(fn, max) {
  let lastErr;
  for (let i = 1; i <= max; i++) {
    try {
      return [fn(), i];
    } catch (e) {
      lastErr = e;
      UPDATE_POINT();
      if (i === max) break;
    }
  }
  throw new Error("gave up: " + lastErr.message);
}
for (let id = 1; id <= 5; id++) {
  try {
    const [r, tries] = withRetry(() => flaky(id), 2 + (id % 2));
    console.log(id, r, "tries", tries);
  } catch (e) {
    console.log(id, e.message);
  }
}

// rethrow selectively: only handle certain errors at each level
class Recoverable extends Error {}
class Fatal extends Error {}
function level3(x) {
  if (x % 5 === 0) throw new Fatal("fatal at " + x);
  if (x % 2 === 0) throw new Recoverable("recoverable at " + x);
  return x * 3;
}
function level2(x) {
  try {
    return level3(x);
  } catch (e) {
    if (e instanceof Recoverable) return -x;
    throw e;
  }
}
function level1(list) {
  const out = [];
  for (const x of list) {
    try {
      out.push(level2(x));
    } catch (e) {
      out.push("F");
      if (out.filter((v) => v === "F").length > 1) {
        e.message += " (second fatal)";
        throw e;
      }
    }
  }
  return out;
}
console.log(level1([1, 2, 3, 4, 5, 6, 7]).join(","));
try {
  level1([1, 5, 2, 10, 3]);
} catch (e) {
  console.log(e.constructor.name, e.message);
}

// nested try in a catch block, error inside catch handled by outer
function nestedInCatch() {
  const log = [];
  try {
    try {
      throw new Error("A");
    } catch (a) {
      log.push("caught " + a.message);
      try {
        throw new Error("B from catch");
      } catch (b) {
        log.push("caught " + b.message);
        throw new Error("C rethrown from inner catch");
      } finally {
        log.push("inner finally");
      }
    }
  } catch (c) {
    log.push("outer caught " + c.message);
  }
  return log.join(" | ");
}
console.log(nestedInCatch());

// recursive descent where errors carry the path back up
function walk(node, path = "root") {
  try {
    if (node === null) throw new TypeError("null node");
    if (typeof node !== "object") return node;
    let sum = 0;
    for (const [k, v] of Object.entries(node)) sum += walk(v, path + "." + k);
    return sum;
  } catch (e) {
    if (!e.path) e.path = path;
    throw e;
  }
}
console.log(walk({ a: 1, b: { c: 2, d: { e: 3 } } }));
try {
  walk({ a: 1, b: { c: 2, d: { e: null } } });
} catch (e) {
  UPDATE_POINT();
  console.log(e.message, "at", e.path);
}
