// Call-heavy: naive recursive Fibonacci. Two calls and two call-site checks per activation, almost
// no other work: the worst case for instrumented call sites.
export const meta = { name: 'fib', kind: 'kernel', description: 'recursive calls, nothing else (worst case for call-site checks)' };

function fib(n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

export function setup(size) {
  return { n: size === 'smoke' ? 18 : 30 };
}

export function run({ n }) {
  return fib(n);
}
