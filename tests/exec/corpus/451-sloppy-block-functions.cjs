// Function declarations in blocks of sloppy code (Annex B), read by closures: Babel lists such a
// declaration among its binding's reassignments, which made the binding boxed in the restore
// function while the declaration still made a plain function ("f4.v is not a function" after a
// rebuild; found by the fuzzer).
function spin(n) { let s = 0; for (let i = 0; i < n; i++) s += i; return s; }

function inLoop(a) {
  const out = [];
  for (let i = 0; i < 3; i++) {
    function f4() { return 4 + i; }
    switch (a) {
      case 0:
        let s5 = spin(3);
        const gs5 = () => s5;
        out.push(f4(), gs5());
        break;
      case 1:
        function f9() { return f4() * 2; }
        out.push(f9(), spin(2));
    }
  }
  return out;
}
console.log(inLoop(0), inLoop(1), inLoop(2));

function inIf(flag) {
  let r = [];
  if (flag) {
    function g() { return 'block ' + spin(3); }
    const read = () => g();
    for (let i = 0; i < 2; i++) r.push(read(), spin(i));
  }
  // Annex B: after the block, the function-level var holds the block's function (or is undefined).
  r.push(typeof g);
  return r;
}
console.log(inIf(true), inIf(false));

function nested(n) {
  const r = [];
  while (n-- > 0) {
    {
      function leaf() { return n * 10; }
      function branch() { return leaf() + spin(2); }
      r.push(branch());
    }
  }
  return r;
}
console.log(nested(3));
