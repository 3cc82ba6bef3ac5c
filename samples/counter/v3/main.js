// A counting job updated live (npm start, tests/update.test.js): each version changes what an iteration adds.
import { weight } from './lib.js';

let processed = 0;

export class Acc {
  constructor() { this.total = 0; }
  add(x) { this.total += x; }
  label() { return 'v3'; }
}

const keeper = new Acc();

function run(n) {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += weight(i) % 5 + 1;
    processed++;
    globalThis.__at?.(i);
  }
  return { total: sum, processed, label: keeper.label() };
}

console.log(JSON.stringify(run(Number(process.argv[2] ?? 20000))));
