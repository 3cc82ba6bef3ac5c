// custom error hierarchies: subclassing Error, cause, instanceof dispatch, AggregateError
class AppError extends Error {
  constructor(message, options) {
    UPDATE_POINT();
    super(message, options);
    this.name = this.constructor.name;
  }
  get isAppError() { return true; }
}
class ValidationError extends AppError {
  constructor(field, problem) {
    super(`${field}: ${problem}`);
    this.field = field;
  }
}
class NotFoundError extends AppError {
  constructor(kind, id) {
    super(`${kind} ${id} not found`);
    this.kind = kind;
    this.id = id;
  }
}
class WrappedError extends AppError {}

const db = { users: { 1: { name: "ann", age: 30 }, 2: { name: "", age: -4 } } };
function loadUser(id) {
  const u = db.users[id];
  if (!u) throw new NotFoundError("user", id);
  return u;
}
function validateUser(u) {
  const problems = [];
  if (!u.name) problems.push(new ValidationError("name", "must not be empty"));
  if (u.age < 0) problems.push(new ValidationError("age", "must be non-negative"));
  if (problems.length === 1) throw problems[0];
  if (problems.length > 1) throw new AggregateError(problems, "multiple problems");
  return u;
}
function process(id) {
  try {
    const u = validateUser(loadUser(id));
    return "ok " + u.name;
  } catch (e) {
    UPDATE_POINT();
    if (e instanceof NotFoundError) return `404 ${e.kind}#${e.id}`;
    if (e instanceof AggregateError) return "422 " + e.errors.map((x) => x.field).join("+") + " (" + e.message + ")";
    throw new WrappedError("processing failed for " + id, { cause: e });
  }
}
for (const id of [1, 2, 3]) {
  try {
    console.log(id, process(id));
  } catch (e) {
    console.log(id, e.name, e.message, "cause:", e.cause?.constructor.name);
  }
}
db.users[4] = { name: "", age: 1 };
try {
  process(4);
} catch (e) {
  const c = e.cause;
  console.log(e instanceof AppError, e instanceof Error, e.isAppError, c instanceof ValidationError, c.field, c.message, c.name);
}

// errors thrown across several layers with finally bookkeeping
const trail = [];
function layer(n) {
  try {
    if (n === 0) throw new ValidationError("depth", "bottom reached");
    return layer(n - 1);
  } finally {
    trail.push(n);
  }
}
try {
  layer(5);
} catch (e) {
  console.log(e.message, trail.join(""), String(e).startsWith("ValidationError"));
}
// error-like objects and non-Error throws
for (const thrower of [() => { throw "a string"; }, () => { throw 42; }, () => { throw { code: "E1" }; }, () => { throw null; }]) {
  try {
    thrower();
  } catch (e) {
    UPDATE_POINT();
    console.log(typeof e, e instanceof Error, JSON.stringify(e));
  }
}
