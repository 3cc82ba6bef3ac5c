// A derived constructor's frame before its super() call has no `this`: calls and loops in the
// super arguments or before super() reach update points; the frame is never rebuilt there.
class Base {
  #total;
  constructor(name, values) {
    this.name = name;
    let t = 0;
    for (const v of values) t += v;
    this.#total = t;
  }
  get total() { return this.#total; }
}

function squares(n) {
  const out = [];
  for (let i = 1; i <= n; i++) out.push(i * i);
  return out;
}

class Squares extends Base {
  constructor(n) {
    super('squares' + n, squares(n));
    this.n = n;
  }
}

class Prepared extends Base {
  constructor(words) {
    const lengths = [];
    for (const w of words) lengths.push(w.length);
    let label = '';
    for (let i = 0; i < words.length; i++) label += words[i][0];
    super(label, lengths);
    this.count = words.length;
  }
}

class Mapped extends Base {
  field = squares(2).length;
  constructor(cells) {
    super('mapped', cells.map((c) => c.value));
    for (let i = 0; i < 2; i++) this.field += i;
  }
}

class Chosen extends Base {
  constructor(flag) {
    if (flag) {
      super('yes', squares(3));
    } else {
      super('no', squares(4));
    }
    this.flag = flag;
  }
}

class Deeper extends Squares {
  constructor(n) {
    const k = squares(n).length;
    super(k + 1);
    this.deeper = true;
  }
}

const made = [];
for (let i = 1; i <= 4; i++) {
  made.push(new Squares(i), new Prepared(['alpha', 'beta', 'gamma'].slice(0, i)));
  made.push(new Mapped([{ value: i }, { value: 2 * i }]), new Chosen(i % 2 === 0), new Deeper(i));
}
for (const m of made) console.log(m.constructor.name, m.name, m.total, m.n ?? m.count ?? m.field ?? m.flag, m.deeper ?? '');
