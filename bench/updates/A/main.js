// The program the update measures move between two versions, A and B (B differs in label only,
// a function never on the stack): every frame on the stack maps to itself, and each update still
// loads, evaluates and commits a whole version.
let ticks = 0;

export function label() {
  return 'A';
}

function descend(depth, n) {
  if (depth > 1) return descend(depth - 1, n) + 1;
  let s = 0;
  for (let i = 0; i < n; i++) {
    s = (s + i * 7) % 1000003;
    ticks++;
    globalThis.__tick(i);
  }
  return s;
}

export function main(depth, n) {
  return { result: descend(depth, n), ticks, label: label() };
}
