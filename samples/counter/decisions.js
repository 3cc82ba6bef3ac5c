// The decisions a person makes in the mapping.ts `restack patch samples/counter/v2
// samples/counter/v3` writes, as an edit of that file (npm start and the tests apply it to a fresh
// bundle): the CPs with no counterpart are refused, and so is the call of weight, whose
// expression changed from `acc.add(weight(i) % 5)` to `sum += weight(i) % 5 + 1` (a frame there
// holds acc's method where v3 would hold the sum); `sum` comes from the stack transformer, which
// reads the total off the old frame's `acc`.
export function completeV2toV3(mapping) {
  return mapping
    .replace(/0: 'TODO',/, "0: 'refuse',")
    .replace(/2: 'TODO',/, "2: 'refuse',")
    .replace(/3: 'TODO',/, "3: 'refuse',")
    .replace(/5: 'TODO',/, "5: 'refuse',")
    .replace("sum: 'TODO',", "sum: 'transform',")
    .replace(/\/\/ frame\(old: OldFrame<([^>]*'acc'[^>]*)>, next: NewFrame<([^>]*)>\): void \{\n\s*\/\/ \},/,
      'frame(old: OldFrame<$1>, next: NewFrame<$2>): void {\n        next.locals.sum = (old.locals.acc as { total: number }).total;\n      },');
}
