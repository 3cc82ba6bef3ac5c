// Closures made by frames that identity updates rebuild show the text of their source, the same
// for every closure of one function; sloppy arguments.callee in a rebuilt frame is the function.
function step(x) { UPDATE_POINT(); return x + 1; }

function makeAll(n) {
  const made = [];
  for (let i = 0; i < n; i++) {
    step(i);
    made.push(function adder(x) { return x + i; });
    made.push((y) => /* arrow */ y * i);
    made.push({ m() { return i; } }.m);
    made.push(class Local { get v() { return i; } });
  }
  return made;
}
const made = makeAll(3);
for (const f of made) console.log(f.toString());
console.log(new Set(made.map(String)).size);

function callee(k) {
  let text = '';
  for (let i = 0; i < k; i++) text = step(i) + ':' + arguments.callee.toString().length;
  return text;
}
console.log(callee(3));

function nested(a) {
  function inner(b) {
    let r = 0;
    for (let i = 0; i < b; i++) r = step(r);
    return r + inner.toString().length;
  }
  let t = 0;
  for (let i = 0; i < a; i++) t += inner(2);
  return t + ':' + nested.toString().split('\n').length;
}
console.log(nested(2));

// Identical functions print identically (whatever update points each has).
const twins = [function t(a) { return a; }, function t(a) { return a; }];
console.log(twins[0].toString() === twins[1].toString(), String(twins[0]));
// Parameter names read off the text, as dependency-injection containers do.
function service(logger, db, $config) { for (const x of [1]) step(x); return [logger, db, $config]; }
const params = (fn) => fn.toString().match(/\(([^)]*)\)/)[1].split(',').map((s) => s.trim());
console.log(params(service).join('|'));
// A function shipped as text and evaluated again (as Puppeteer's page.evaluate does).
const shipped = new Function(`return (${((a, b) => { let s = a; for (let i = 0; i < b; i++) s += i; return s; }).toString()})(2, 4);`);
console.log(shipped());
