// closures created inside catch and finally blocks capturing the error binding and loop variables
const handlers = [];
for (let i = 0; i < 5; i++) {
  UPDATE_POINT();
  try {
    if (i % 2) throw new Error("odd " + i);
    handlers.push(() => "ok " + i);
  } catch (err) {
    const stamp = i * 100;
    handlers.push(() => `${err.message} @${stamp}`);
    UPDATE_POINT();
  } finally {
    const captured = i;
    handlers.push(() => "finally " + captured);
  }
}
console.log(handlers.map((h) => h()).join(" | "));

// the catch parameter is per-catch: closures see the right error even after reassignment
const errs = [];
for (const msg of ["a", "b", "c"]) {
  try {
    throw new Error(msg);
  } catch (e) {
    errs.push(() => e.message);
    e = { message: e.message.toUpperCase() }; // rebinding the catch variable
    errs.push(() => e.message);
  }
}
console.log(errs.map((f) => f()).join(","));

// closure in finally mutating a variable that the try block returned earlier
function tricky() {
  let value = "initial";
  let later;
  try {
    return () => value;
  } finally {
    later = () => { value = "mutated by finally closure"; };
    later();
  }
}
console.log(tricky()());

// retry helper that records closures for each failure and replays them later
function withRecorder(task, attempts) {
  const journal = [];
  for (let n = 1; n <= attempts; n++) {
    try {
      const r = task(n);
      journal.push(() => `attempt ${n}: success ${r}`);
      break;
    } catch (e) {
      const reason = e.message;
      journal.push(() => `attempt ${n}: failed (${reason})`);
    } finally {
      journal.push(() => `attempt ${n}: cleanup`);
    }
  }
  return journal;
}
const journal = withRecorder((n) => {
  if (n < 3) throw new Error("try again " + n);
  return n * 7;
}, 5);
console.log(journal.map((f) => f()).join("\n"));

// destructured catch bindings captured by closures
const fromDestructured = [];
for (const code of [404, 500]) {
  try {
    throw { code, info: { retry: code >= 500 } };
  } catch ({ code: c, info: { retry } }) {
    fromDestructured.push(() => `${c}:${retry}`);
  }
}
console.log(fromDestructured.map((f) => f()).join(" "));
// generator closures created in catch
function* gen() {
  try {
    yield 1;
    throw new Error("inside generator");
  } catch (e) {
    UPDATE_POINT();
    const f = () => "closure saw " + e.message;
    yield f;
  }
}
const g = gen();
g.next();
console.log(g.next().value());
