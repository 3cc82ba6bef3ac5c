// a closure created inside a loop before a call, and invoked after the call returns
function heavy(n) {
  let s = 0;
  for (let i = 0; i < n; i++) {
    s = (s * 31 + i) % 65521;
    if (i % 100 === 0) UPDATE_POINT();
  }
  return s;
}

function run() {
  const results = [];
  for (let i = 0; i < 6; i++) {
    let local = i * 10;
    const cl = (extra) => {
      local += extra;
      return local;
    };
    const h = heavy(100 + i * 50); // capture can happen here while cl is live
    results.push(cl(h % 10));
    results.push(cl(1));
  }
  return results;
}
console.log(run().join(","));

function pipeline() {
  const stages = [];
  let shared = 1;
  for (const factor of [2, 3, 5]) {
    const stage = (x) => x * factor + shared;
    shared += heavy(factor * 7) % 3;
    stages.push(stage);
  }
  let v = 1;
  for (const s of stages) {
    v = s(v);
    UPDATE_POINT();
  }
  return [v, shared];
}
console.log(JSON.stringify(pipeline()));

function outer() {
  let count = 0;
  const inc = () => ++count;
  const before = inc();
  const h = heavy(300);
  const after = inc();
  function inner() {
    const x = inc();
    UPDATE_POINT();
    return x + inc();
  }
  return [before, h, after, inner(), count];
}
console.log(JSON.stringify(outer()));
