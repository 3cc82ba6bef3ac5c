// A break or continue leaving two or three try blocks whose finally blocks call: a frame rebuilt
// inside an inner finally completes the jump through the outer ones.
function spin(n) { let s = 0; for (let i = 0; i < n; i++) s += i; return s; }
const log = [];
function continueTwo(a) {
  for (let i = 0; i < 3; i++) {
    try {
      try { if (i > 0) continue; a += 1; } finally { log.push('in' + spin(2)); }
      a -= 100;
    } finally { log.push('out' + spin(3)); }
  }
  return a;
}
function breakThree(a) {
  outer: for (let j = 0; j < 3; j++) {
    for (let i = 0; i < 3; i++) {
      try {
        try {
          try { if (i === 1) break outer; a += i; } finally { spin(1); a += 10; }
        } finally { spin(2); a += 100; }
        a += 1000;
      } finally { spin(3); a += 10000; }
    }
  }
  return a;
}
function labelledContinue() {
  let s = '';
  rows: for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 3; c++) {
      try {
        try { if (c === r) continue rows; s += r + '' + c; } finally { s += '.'; spin(2); }
      } finally { s += ';'; spin(2); }
    }
  }
  return s;
}
function returnThrough() {
  for (let i = 0; i < 2; i++) {
    try {
      try { return 'r' + i; } finally { spin(2); log.push('f1'); }
    } finally { spin(2); log.push('f2'); }
  }
  return 'none';
}
console.log(continueTwo(10), breakThree(0), labelledContinue(), returnThrough());
console.log(log.join(' '));
