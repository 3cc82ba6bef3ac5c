// A workload whose compiled result differs from the native one: the harness must reject it.
export const meta = { name: 'wrong', kind: 'kernel', description: 'answers differently once compiled' };

export function setup() {
  return { n: 10 };
}

export function run({ n }) {
  let s = 0;
  for (let i = 0; i < n; i++) s += i;
  return globalThis[Symbol.for('restack.runtime')] ? s + 1 : s;
}
