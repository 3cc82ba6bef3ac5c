// Call-heavy: recursive fib(30), two calls and two checks per activation (the worst case for call-site checks).
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
console.log(fib(30));
