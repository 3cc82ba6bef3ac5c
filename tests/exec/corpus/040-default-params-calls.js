// default parameters that call functions, read earlier parameters and closures
const log = [];
let idCounter = 0;
function nextId() {
  idCounter++;
  log.push("nextId");
  UPDATE_POINT();
  return idCounter;
}
function now() { log.push("now"); return 1000 + idCounter; }

function makeRecord(name, id = nextId(), created = now(), tags = [name.slice(0, 2), id]) {
  UPDATE_POINT();
  return `${name}#${id}@${created}[${tags}]`;
}
console.log(makeRecord("alpha"));
console.log(makeRecord("beta", 99));
console.log(makeRecord("gamma", undefined, 5));
console.log(makeRecord("delta", null, undefined, ["t"]));
console.log(log.join(","));

// defaults evaluated every call, in their own scope
function collect(item, bucket = []) {
  bucket.push(item);
  return bucket;
}
console.log(collect(1).length, collect(2).length, collect(3, [0, 0]).length);

// default referring to a closure variable that changes
let multiplier = 2;
const scale = (x, m = multiplier) => x * m;
const results = [];
for (let i = 1; i <= 4; i++) {
  results.push(scale(i));
  multiplier += i;
}
console.log(results.join(","));

// default params calling recursive functions
function fib(n, memo = new Map()) {
  if (n < 2) return n;
  if (memo.has(n)) return memo.get(n);
  const r = fib(n - 1, memo) + fib(n - 2, memo);
  memo.set(n, r);
  return r;
}
function report(n, value = fib(n), text = `fib(${n})=${value}`) { return text; }
console.log(report(30), report(10, 0), report(5, undefined, "custom"));

// defaults with arrow functions that capture other params
function counter(start = 0, step = 1, next = () => (start += step)) {
  const vals = [];
  for (let i = 0; i < 4; i++) vals.push(next());
  return vals.join(" ");
}
console.log(counter(), counter(10, 5), counter(1, 2, () => "fixed"));

// default params in class methods and constructors
class Conn {
  constructor(host = "localhost", port = host === "localhost" ? 8080 : 443, id = nextId()) {
    UPDATE_POINT();
    this.url = `${host}:${port}#${id}`;
  }
  send(msg, retries = this.url.length % 4) {
    return `${msg} x${retries}`;
  }
}
console.log(new Conn().url, new Conn("example").url, new Conn("h", 1, "x").url);
console.log(new Conn().send("ping"), new Conn("abc").send("pong", 0));
