// return inside try with finally: finally runs, can observe and override results
const log = [];
function work(x) {
  let s = 0;
  for (let i = 0; i < x; i++) s += i;
  UPDATE_POINT();
  return s;
}

function simple(x) {
  UPDATE_POINT();
  try {
    return work(x);
  } finally {
    log.push("finally after returning " + x);
    work(3);
  }
}
console.log(simple(10), log.join("; "));

// finally sees the state changed before return, but return value is already computed
function snapshot() {
  let v = 1;
  try {
    return v;
  } finally {
    v = 2;
    log.push("v set to " + v);
  }
}
console.log(snapshot());

// override the return value from finally
function override(flag) {
  try {
    if (flag) throw new Error("boom");
    return "from try";
  } catch (e) {
    return "from catch";
  } finally {
    if (flag === "force") return "from finally";
  }
}
console.log(override(false), override(true), override("force"));

// return from inside loops with finally in each iteration
function search(list, target) {
  let visited = 0;
  for (const item of list) {
    try {
      visited++;
      if (item === target) return `found ${target} after ${visited}`;
    } finally {
      log.push("iter " + item);
      work(item);
    }
  }
  return `not found after ${visited}`;
}
log.length = 0;
console.log(search([4, 8, 15, 16, 23, 42], 16));
console.log(log.join(","));
console.log(search([1, 2], 9));

// nested finally blocks all run on return, innermost first
function layers() {
  const trail = [];
  function inner() {
    try {
      try {
        try {
          return trail.push("ret") && "value";
        } finally {
          trail.push("f1");
        }
      } finally {
        trail.push("f2:" + work(4));
      }
    } finally {
      trail.push("f3");
    }
  }
  const r = inner();
  return r + " " + trail.join(">");
}
console.log(layers());

// generator return through finally
function* gen() {
  try {
    yield 1;
    yield 2;
  } finally {
    log.push("gen cleanup");
  }
}
log.length = 0;
for (const v of gen()) {
  UPDATE_POINT();
  if (v === 1) break;
}
console.log(log.join(","));
