// counters shared between several closures, mutated from different places
function makeCounter(start) {
  let count = start;
  let history = [];
  const api = {
    inc(by = 1) { count += by; history.push("+" + by); return count; },
    dec(by = 1) { count -= by; history.push("-" + by); return count; },
    reset() { const old = count; count = start; history = []; return old; },
    get value() { return count; },
    log() { return history.join(""); },
  };
  return api;
}

const c1 = makeCounter(0);
const c2 = makeCounter(100);
for (let i = 0; i < 10; i++) {
  c1.inc(i);
  if (i % 3 === 0) c2.dec(i);
  if (i % 4 === 0) UPDATE_POINT();
}
console.log(c1.value, c2.value, c1.log(), c2.log());
console.log(c1.reset(), c1.value, c1.log());

// closures in different scopes sharing a variable from an outer function
function bank() {
  let balance = 0;
  let ops = 0;
  const deposit = (n) => { balance += n; ops++; };
  const withdraw = (n) => {
    if (n > balance) return false;
    balance -= n;
    ops++;
    return true;
  };
  function interest(rate) {
    for (let m = 0; m < 12; m++) {
      deposit(Math.floor((balance * rate) / 1200));
      UPDATE_POINT();
    }
  }
  return { deposit, withdraw, interest, report: () => `${balance}/${ops}` };
}
const b = bank();
b.deposit(1000);
console.log(b.withdraw(1500), b.withdraw(300), b.report());
b.interest(12);
console.log(b.report());

// closures capturing loop counter of an enclosing function plus shared state
function scheduler() {
  let tick = 0;
  const tasks = [];
  for (let id = 0; id < 4; id++) {
    UPDATE_POINT();
    let runs = 0;
    tasks.push(() => {
      runs++;
      tick += id + 1;
      return `t${id}:${runs}@${tick}`;
    });
  }
  const out = [];
  for (let round = 0; round < 3; round++) {
    for (let k = tasks.length - 1; k >= 0; k--) {
      if ((round + k) % 2 === 0) out.push(tasks[k]());
    }
  }
  return out.join(" ");
}
console.log(scheduler());
