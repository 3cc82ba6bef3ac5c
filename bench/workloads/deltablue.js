// Incremental constraint solving in the DeltaBlue style: a constraint hierarchy with strengths,
// a planner that adds/removes constraints incrementally and extracts execution plans.
export const meta = { name: 'deltablue', kind: 'kernel', description: 'DeltaBlue-style incremental constraint solver: class hierarchy, graph walks' };

class Strength {
  // Lower level = stronger.
  constructor(level, name) {
    this.level = level;
    this.name = name;
  }

  stronger(other) {
    return this.level < other.level;
  }

  weaker(other) {
    return this.level > other.level;
  }

  static weakest(a, b) {
    return a.weaker(b) ? a : b;
  }
}

const REQUIRED = new Strength(0, 'required');
const STRONG_PREFERRED = new Strength(1, 'strongPreferred');
const PREFERRED = new Strength(2, 'preferred');
const STRONG_DEFAULT = new Strength(3, 'strongDefault');
const NORMAL = new Strength(4, 'normal');
const WEAK_DEFAULT = new Strength(5, 'weakDefault');
const WEAKEST = new Strength(6, 'weakest');
const STRENGTHS = [REQUIRED, STRONG_PREFERRED, PREFERRED, STRONG_DEFAULT, NORMAL, WEAK_DEFAULT, WEAKEST];

class Variable {
  constructor(name, value = 0) {
    this.name = name;
    this.value = value;
    this.constraints = [];
    this.determinedBy = null;
    this.mark = 0;
    this.walkStrength = WEAKEST;
    this.stay = true;
  }

  attach(c) {
    this.constraints.push(c);
  }

  detach(c) {
    this.constraints = this.constraints.filter((x) => x !== c);
    if (this.determinedBy === c) this.determinedBy = null;
  }
}

class Constraint {
  constructor(strength) {
    this.strength = strength;
  }

  isInput() {
    return false;
  }

  // Pick a way to satisfy this constraint and, if one exists, make it determine its output.
  // Returns the constraint that got overridden, if any.
  satisfy(mark, planner) {
    this.chooseMethod(mark);
    if (!this.isSatisfied()) {
      if (this.strength === REQUIRED) throw new Error('could not satisfy a required constraint');
      return null;
    }
    this.markInputs(mark);
    const out = this.output();
    const overridden = out.determinedBy;
    overridden?.markUnsatisfied();
    out.determinedBy = this;
    if (!planner.propagateAdd(this, mark)) throw new Error('cycle encountered');
    out.mark = mark;
    return overridden;
  }
}

class UnaryConstraint extends Constraint {
  constructor(v, strength) {
    super(strength);
    this.out = v;
    this.satisfied = false;
  }

  addToGraph() {
    this.out.attach(this);
    this.satisfied = false;
  }

  removeFromGraph() {
    this.out.detach(this);
    this.satisfied = false;
  }

  chooseMethod(mark) {
    this.satisfied = this.out.mark !== mark && this.strength.stronger(this.out.walkStrength);
  }

  isSatisfied() {
    return this.satisfied;
  }

  markUnsatisfied() {
    this.satisfied = false;
  }

  markInputs() {}

  output() {
    return this.out;
  }

  inputsKnown() {
    return true;
  }

  recalculate() {
    this.out.walkStrength = this.strength;
    this.out.stay = !this.isInput();
    if (this.out.stay) this.execute();
  }
}

// Keeps a variable where it is (weakly or strongly, depending on strength).
class StayConstraint extends UnaryConstraint {
  execute() {}
}

// Marks a variable as about to be changed by the outside world.
class EditConstraint extends UnaryConstraint {
  isInput() {
    return true;
  }

  execute() {}
}

const NONE = 0;
const FORWARD = 1;
const BACKWARD = 2;

class BinaryConstraint extends Constraint {
  constructor(a, b, strength) {
    super(strength);
    this.a = a;
    this.b = b;
    this.direction = NONE;
  }

  variables() {
    return [this.a, this.b];
  }

  addToGraph() {
    for (const v of this.variables()) v.attach(this);
    this.direction = NONE;
  }

  removeFromGraph() {
    for (const v of this.variables()) v.detach(this);
    this.direction = NONE;
  }

  chooseMethod(mark) {
    const { a, b, strength } = this;
    const canWrite = (v) => v.mark !== mark && strength.stronger(v.walkStrength);
    if (a.mark === mark) {
      this.direction = canWrite(b) ? FORWARD : NONE;
    } else if (b.mark === mark) {
      this.direction = canWrite(a) ? BACKWARD : NONE;
    } else if (a.walkStrength.weaker(b.walkStrength)) {
      // Overwrite whichever end is held more weakly.
      this.direction = strength.stronger(a.walkStrength) ? BACKWARD : NONE;
    } else {
      this.direction = strength.stronger(b.walkStrength) ? FORWARD : NONE;
    }
  }

  isSatisfied() {
    return this.direction !== NONE;
  }

  markUnsatisfied() {
    this.direction = NONE;
  }

  input() {
    return this.direction === FORWARD ? this.a : this.b;
  }

  output() {
    return this.direction === FORWARD ? this.b : this.a;
  }

  markInputs(mark) {
    this.input().mark = mark;
  }

  inputsKnown(mark) {
    const i = this.input();
    return i.mark === mark || i.stay || i.determinedBy === null;
  }

  inputsStay() {
    return this.input().stay;
  }

  recalculate() {
    const input = this.input();
    const out = this.output();
    out.walkStrength = Strength.weakest(this.strength, input.walkStrength);
    out.stay = this.inputsStay();
    if (out.stay) this.execute();
  }
}

class EqualityConstraint extends BinaryConstraint {
  execute() {
    this.output().value = this.input().value;
  }
}

// dest = src * scale + offset, solvable in either direction.
class ScaleConstraint extends BinaryConstraint {
  constructor(src, scale, offset, dest, strength) {
    super(src, dest, strength);
    this.scale = scale;
    this.offset = offset;
  }

  variables() {
    return [this.a, this.b, this.scale, this.offset];
  }

  markInputs(mark) {
    super.markInputs(mark);
    this.scale.mark = mark;
    this.offset.mark = mark;
  }

  inputsStay() {
    return super.inputsStay() && this.scale.stay && this.offset.stay;
  }

  execute() {
    const { a: src, b: dest, scale, offset } = this;
    if (this.direction === FORWARD) dest.value = src.value * scale.value + offset.value;
    else src.value = (dest.value - offset.value) / scale.value;
  }
}

class Plan {
  constructor() {
    this.steps = [];
  }

  add(c) {
    this.steps.push(c);
  }

  execute() {
    for (const c of this.steps) c.execute();
  }
}

class Planner {
  constructor() {
    this.currentMark = 0;
  }

  newMark() {
    return ++this.currentMark;
  }

  addConstraint(c) {
    c.addToGraph();
    const mark = this.newMark();
    let overridden = c.satisfy(mark, this);
    while (overridden) overridden = overridden.satisfy(mark, this);
    return c;
  }

  removeConstraint(c) {
    if (!c.isSatisfied()) {
      c.removeFromGraph();
      return;
    }
    const out = c.output();
    c.markUnsatisfied();
    c.removeFromGraph();
    const unsatisfied = this.propagateRemove(out);
    // Retry the constraints that lost out, strongest first.
    for (const strength of STRENGTHS) {
      for (const u of unsatisfied) {
        if (u.strength === strength) this.addConstraint(u);
      }
    }
  }

  // Recompute walk strengths downstream of c. False if the walk comes back to a marked variable.
  propagateAdd(c, mark) {
    const todo = [c];
    while (todo.length > 0) {
      const d = todo.pop();
      if (d.output().mark === mark) {
        this.removeConstraint(c);
        return false;
      }
      d.recalculate();
      this.consumersOf(d.output(), todo);
    }
    return true;
  }

  propagateRemove(out) {
    out.determinedBy = null;
    out.walkStrength = WEAKEST;
    out.stay = true;
    const unsatisfied = [];
    const todo = [out];
    while (todo.length > 0) {
      const v = todo.pop();
      for (const c of v.constraints) {
        if (!c.isSatisfied()) unsatisfied.push(c);
      }
      for (const next of v.constraints) {
        if (next !== v.determinedBy && next.isSatisfied()) {
          next.recalculate();
          todo.push(next.output());
        }
      }
    }
    return unsatisfied;
  }

  consumersOf(v, into) {
    for (const c of v.constraints) {
      if (c !== v.determinedBy && c.isSatisfied()) into.push(c);
    }
    return into;
  }

  makePlan(sources) {
    const mark = this.newMark();
    const plan = new Plan();
    const todo = [...sources];
    while (todo.length > 0) {
      const c = todo.shift();
      const out = c.output();
      if (out.mark !== mark && c.inputsKnown(mark)) {
        plan.add(c);
        out.mark = mark;
        this.consumersOf(out, todo);
      }
    }
    return plan;
  }

  planFor(constraints) {
    return this.makePlan(constraints.filter((c) => c.isInput() && c.isSatisfied()));
  }

  // Set v to each value through an edit constraint, re-running the plan each time.
  edit(v, values) {
    const edit = this.addConstraint(new EditConstraint(v, PREFERRED));
    const plan = this.planFor([edit]);
    for (const value of values) {
      v.value = value;
      plan.execute();
    }
    this.removeConstraint(edit);
  }
}

function check(ok, what) {
  if (!ok) throw new Error(`deltablue: ${what}`);
}

// A chain v0 = v1 = ... = vn, then drive v0 and watch vn follow.
function chainTest(n) {
  const planner = new Planner();
  const vars = Array.from({ length: n + 1 }, (_, i) => new Variable(`v${i}`));
  for (let i = 0; i < n; i++) planner.addConstraint(new EqualityConstraint(vars[i], vars[i + 1], REQUIRED));
  const first = vars[0];
  const last = vars[n];
  planner.addConstraint(new StayConstraint(last, STRONG_DEFAULT));
  const edit = planner.addConstraint(new EditConstraint(first, PREFERRED));
  const plan = planner.planFor([edit]);
  let sum = 0;
  for (let i = 0; i < 100; i++) {
    first.value = i;
    plan.execute();
    check(last.value === i, `chain: last is ${last.value}, expected ${i}`);
    sum += last.value;
  }
  return sum;
}

// n pairs dst_i = src_i * scale + offset, edited from both ends and through the shared terms.
function projectionTest(n) {
  const planner = new Planner();
  const scale = new Variable('scale', 10);
  const offset = new Variable('offset', 1000);
  const dests = [];
  let src = null;
  let dst = null;
  for (let i = 0; i < n; i++) {
    src = new Variable(`src${i}`, i);
    dst = new Variable(`dst${i}`, i);
    dests.push(dst);
    planner.addConstraint(new StayConstraint(src, NORMAL));
    planner.addConstraint(new ScaleConstraint(src, scale, offset, dst, REQUIRED));
  }
  const repeat = (value) => new Array(10).fill(value);

  planner.edit(src, repeat(17));
  check(dst.value === 1170, `projection 1: ${dst.value}`);
  planner.edit(dst, repeat(1050));
  check(src.value === 5, `projection 2: ${src.value}`);
  planner.edit(scale, repeat(5));
  for (let i = 0; i < n - 1; i++) check(dests[i].value === i * 5 + 1000, `projection 3 at ${i}`);
  planner.edit(offset, repeat(2000));
  for (let i = 0; i < n - 1; i++) check(dests[i].value === i * 5 + 2000, `projection 4 at ${i}`);
  return dests.reduce((s, d) => s + d.value, 0) + src.value;
}

export function setup(size) {
  return size === 'smoke' ? { n: 100, rounds: 2 } : { n: 100, rounds: 3000 };
}

export function run({ n, rounds }) {
  let chain = 0;
  let projection = 0;
  for (let r = 0; r < rounds; r++) {
    chain += chainTest(n + (r % 7));
    projection += projectionTest(n + (r % 5));
  }
  return `${chain}:${projection}`;
}
