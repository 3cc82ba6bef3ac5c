// finally semantics: overriding returns and throws, finally with loops, completion values
const log = [];
function f1() {
  try {
    return "try";
  } finally {
    log.push("f1 finally");
  }
}
function f2() {
  try {
    throw new Error("lost");
  } finally {
    return "finally wins over throw";
  }
}
function f3() {
  try {
    return "try value";
  } finally {
    throw new Error("finally throw wins over return");
  }
}
function f4() {
  for (let i = 0; i < 5; i++) {
    try {
      if (i === 2) return "returned at " + i;
    } finally {
      log.push("f4 i=" + i);
      if (i === 2) continue; // cancels the return, loop continues
    }
  }
  return "loop ended";
}
function f5() {
  let i = 0;
  while (true) {
    try {
      i++;
      throw new Error("loop error " + i);
    } finally {
      if (i < 3) continue; // swallows the error
      break; // also swallows
    }
  }
  return "escaped after " + i;
}
function f6() {
  UPDATE_POINT();
  let x = 1;
  try {
    x = 2;
    return x; // value captured: 2
  } finally {
    x = 3;
    log.push("f6 x=" + x);
  }
}
function f7() {
  const obj = { v: 1 };
  try {
    return obj;
  } finally {
    obj.v = 99; // mutation is visible through the returned reference
  }
}
for (const f of [f1, f2, f3, f4, f5, f6, f7]) {
  try {
    const r = f();
    console.log("result", typeof r === "object" ? JSON.stringify(r) : r);
  } catch (e) {
    console.log("threw", e.message);
  }
  UPDATE_POINT();
}
console.log(log.join("; "));

// finally runs for each level of recursion during unwinding, in order
const unwind = [];
function rec(n) {
  try {
    if (n === 0) throw new Error("bottom");
    rec(n - 1);
  } finally {
    unwind.push(n);
    if (n === 3) UPDATE_POINT();
  }
}
try {
  rec(6);
} catch (e) {
  console.log(e.message, unwind.join(","));
}

// finally that itself contains try/catch and a loop with function calls
function heavyCleanup(resources) {
  const closed = [];
  try {
    throw new Error("main failed");
  } catch (e) {
    closed.push("handled " + e.message);
  } finally {
    for (const r of resources) {
      try {
        if (r.startsWith("bad")) throw new Error("cannot close " + r);
        closed.push("closed " + r);
      } catch (e) {
        closed.push(e.message);
      }
    }
  }
  return closed.join(", ");
}
console.log(heavyCleanup(["db", "bad-socket", "file"]));
