// try/catch/finally with calls in try, catch and finally
const log = [];
function risky(n) {
  log.push("risky" + n);
  if (n % 3 === 0) throw new Error("bad " + n);
  return n * 2;
}
function cleanup(n) {
  log.push("cleanup" + n);
  UPDATE_POINT();
}
function recover(e, n) {
  UPDATE_POINT();
  log.push("recover(" + e.message + ")");
  return -n;
}

function attempt(n) {
  let result;
  try {
    result = risky(n) + risky(n + 1);
  } catch (e) {
    result = recover(e, n);
  } finally {
    cleanup(n);
  }
  return result;
}
const results = [];
for (let i = 1; i <= 6; i++) results.push(attempt(i));
console.log(results.join(","));
console.log(log.join(" "));
log.length = 0;

// nested try blocks, rethrow, finally ordering
function nested(mode) {
  try {
    try {
      log.push("inner-try");
      if (mode === "inner") throw new TypeError("inner failure");
      if (mode === "outer") return "returned-from-inner";
    } catch (e) {
      log.push("inner-catch:" + e.constructor.name);
      if (mode === "inner") throw new RangeError("converted");
    } finally {
      log.push("inner-finally");
    }
    log.push("between");
    return "normal";
  } catch (e) {
    log.push("outer-catch:" + e.message);
    return "caught";
  } finally {
    log.push("outer-finally");
  }
}
for (const m of ["none", "inner", "outer"]) {
  log.length = 0;
  console.log(m, nested(m), log.join(" > "));
}

// catch without binding, exception in finally replaces exception
function swallow() {
  try {
    JSON.parse("{");
  } catch {
    return "no binding";
  }
}
console.log(swallow());
function replaced() {
  try {
    try {
      throw new Error("first");
    } finally {
      throw new Error("second");
    }
  } catch (e) {
    return e.message;
  }
}
console.log(replaced());

// try/catch in a loop accumulating with update points in the catch
let errors = 0;
let sum = 0;
for (let i = 0; i < 20; i++) {
  try {
    if (i % 4 === 1) null.prop;
    sum += i;
  } catch (e) {
    errors++;
    UPDATE_POINT();
    sum -= e instanceof TypeError ? 1 : 100;
  }
}
console.log(sum, errors);
