// Small immutable value objects: a method call and an allocation per step.
export const meta = { name: 'vectors', kind: 'kernel', description: 'small objects allocated in a loop through methods' };

class Vec {
  constructor(x, y) {
    this.x = x;
    this.y = y;
  }

  add(o) {
    return new Vec(this.x + o.x, this.y + o.y);
  }

  len() {
    return Math.hypot(this.x, this.y);
  }
}

export function setup(size) {
  return { n: size === 'smoke' ? 20000 : 3000000 };
}

export function run({ n }) {
  let acc = new Vec(0, 0);
  let s = 0;
  for (let i = 0; i < n; i++) {
    acc = acc.add(new Vec(i % 7, i % 3));
    s += acc.len() % 10;
  }
  return s.toFixed(3);
}
