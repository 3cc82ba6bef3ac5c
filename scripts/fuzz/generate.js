/**
 * The fuzzer's program generator: from a seed, a small JavaScript program (under 200 lines) that
 * terminates deterministically and prints what it computes, built from the constructs restack
 * transforms: closures over var and let (a var initialised after the closure that reads it),
 * every kind of loop with labels, break and continue, try/catch/finally returning from finally,
 * switch cases with let bindings captured by closures, recursion, generators driven by next,
 * return and throw, async functions and async generators whose interleaving is printed, classes
 * (fields, static blocks, accessors, super calls, derived constructors), destructuring with
 * defaults, spread, optional chains and calls, tagged templates, accessors and Proxy traps that
 * loop while computing a callee, the arguments object, defaults reading earlier parameters and
 * computed keys that call functions.
 *
 * A program is a sequence of features; each feature's bodies are random statements that may call
 * the functions of the features before it, so constructs nest in one another. Termination: every
 * loop has a fresh counter and a constant bound, recursion counts a depth down, and a function
 * only calls functions made before it. A cost estimate (calls times enclosing loop iterations)
 * keeps a run short and its output small.
 */

/** A seeded generator of 32-bit values (mulberry32): the same seed gives the same program. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    pick: (xs) => xs[Math.floor(next() * xs.length)],
  };
}

/** The most a call may cost where it is made (its cost times the iterations around it). */
const COST_LIMIT = 400;
const MAX_LINES = 190;

/**
 * Generates the program of a seed: `{ source, ext }`, ext '.mjs' (an ES module, strict) or
 * '.cjs' (a CommonJS script, sloppy unless it starts with "use strict").
 */
export function generate(seed) {
  const r = rng(seed);
  const module = r.chance(0.5);
  const strict = module || r.chance(0.3);
  const g = new Gen(r, strict);
  const lines = [];
  if (!module && strict) lines.push('"use strict";');
  lines.push('const log = (...a) => console.log(a.map((x) => typeof x === "object" && x !== null ? JSON.stringify(x) : String(x)).join(" "));');
  lines.push('function spin(n) { let s = 0; for (let i = 0; i < n % 16; i++) s += i; return s; }');
  g.fns.push({ name: 'spin', cost: 3 });
  const features = FEATURES.filter((f) => !f.sloppy || !strict);
  const count = r.int(3, 6);
  for (let i = 0; i < count; i++) {
    const feature = r.pick(features);
    const [fns, async] = [g.fns.length, g.async.length];
    const block = feature.make(g);
    if (lines.length + block.length + 2 > MAX_LINES) {
      g.fns.length = fns;
      g.async.length = async;
      break;
    }
    lines.push(...block);
  }
  if (g.async.length) {
    // Async work started by the features, awaited together: its interleaving is printed as it runs.
    lines.push(`Promise.all([${g.async.join(', ')}]).then((v) => log("async", v), (e) => log("async failed", e && e.message));`);
  } else if (r.chance(0.1)) {
    // An uncaught error ends the program; not with async work pending (natively a top-level throw
    // ends the process before that work runs, under restack run some of it runs: docs/fuzzing.md).
    lines.push(`throw new ${r.pick(['TypeError', 'RangeError', 'Error'])}("end " + ${g.expr(g.top(), 1)});`);
  }
  return { source: lines.join('\n') + '\n', ext: module ? '.mjs' : '.cjs' };
}

/** Builds statements and expressions over the names in scope. */
class Gen {
  constructor(r, strict) {
    this.r = r;
    this.strict = strict;
    this.counter = 0;
    /** Functions any later code may call with one number: { name, cost }. */
    this.fns = [];
    /** Promises of async work started at the top level, awaited together at the end. */
    this.async = [];
  }

  name(prefix) {
    return `${prefix}${++this.counter}`;
  }

  /** The context of top-level code. */
  top() {
    return { vars: [], consts: [], fns: [], mult: 1, loops: [], fn: false, gen: false, async: false, depth: 0, cost: { n: 0 } };
  }

  /** A context for the body of a new function with these parameters. */
  body(ctx, params, kind = {}) {
    return { vars: [...params], consts: [], fns: [...ctx.fns], mult: 1, loops: [], fn: true, gen: !!kind.gen, async: !!kind.async, depth: ctx.depth + 1, cost: { n: 1 } };
  }

  int() {
    return String(this.r.pick([0, 1, 2, 3, 5, 7, 10, 42, -1, 100]));
  }

  /** A readable name in scope, or a literal. */
  atom(ctx) {
    const names = [...ctx.vars, ...ctx.consts];
    return names.length && this.r.chance(0.75) ? this.r.pick(names) : this.int();
  }

  /** A call of an earlier function in scope whose cost fits here, or null. */
  call(ctx, arg) {
    const ok = [...this.fns, ...ctx.fns].filter((f) => f.cost * ctx.mult <= COST_LIMIT && f.name !== ctx.self);
    if (!ok.length) return null;
    const f = this.r.pick(ok);
    ctx.cost.n += f.cost * ctx.mult;
    return `${f.name}(${arg})`;
  }

  /** A numeric expression. */
  expr(ctx, depth = 0) {
    const r = this.r;
    if (depth > 2) return this.atom(ctx);
    const a = () => this.expr(ctx, depth + 1);
    switch (r.int(0, 11)) {
      case 0: case 1: return this.atom(ctx);
      case 2: return `(${a()} ${r.pick(['+', '-', '*', '%', '&', '|', '^'])} ${a()})`;
      case 3: return `(${a()} ${r.pick(['<', '>', '===', '!=='])} ${a()} ? ${a()} : ${a()})`;
      case 4: return this.call(ctx, a()) ?? this.atom(ctx);
      case 5: return `[${a()}, ${a()}, ...[${a()}]][${r.int(0, 2)}]`;
      case 6: return `(${a()}, ${a()})`;
      case 7: return `(({ p: { q: ${a()} } })?.${r.pick(['p', 'x'])}?.q ?? ${a()})`;
      case 8: return `Math.max(...[${a()}, ${a()}], ${a()})`;
      case 9: return `\`\${${a()}}\`.length`;
      case 10: return ctx.async && r.chance(0.6) ? `(await ${r.pick([a(), `Promise.resolve(${a()})`])})` : this.atom(ctx);
      default: {
        const c = this.call(ctx, a());
        return c ? `(${c} % 1000)` : this.atom(ctx);
      }
    }
  }

  /** Up to n random statements. */
  stmts(ctx, n) {
    const out = [];
    const count = this.r.int(1, n);
    for (let i = 0; i < count; i++) out.push(...this.stmt(ctx));
    return out;
  }

  /** One statement (as lines), chosen among those this context allows. */
  stmt(ctx) {
    const r = this.r;
    const deep = ctx.depth > 3;
    const choice = r.int(0, deep ? 5 : 17);
    const target = () => (ctx.vars.length ? r.pick(ctx.vars) : null);
    switch (choice) {
      case 0: {
        const v = this.name('v');
        const kind = r.pick(['let', 'var', 'const']);
        const line = `${kind} ${v} = ${this.expr(ctx)};`;
        (kind === 'const' ? ctx.consts : ctx.vars).push(v);
        return [line];
      }
      case 1: case 2: {
        const t = target();
        if (!t) return this.stmt({ ...ctx, depth: ctx.depth + 1 });
        return [`${t} ${r.pick(['=', '+=', '-=', '^='])} ${this.expr(ctx)} % 1000;`];
      }
      case 3: {
        ctx.cost.n += ctx.mult;
        return [`log(${JSON.stringify(this.name('p'))}, ${this.expr(ctx)});`];
      }
      case 4: {
        if (ctx.gen) {
          const t = target();
          return [`${t ? t + ' = ' : ''}yield ${this.expr(ctx)};`];
        }
        if (ctx.loops.length && r.chance(0.7)) {
          const label = r.pick(ctx.loops);
          const word = label.noContinue || r.chance(0.5) ? 'break' : 'continue';
          return [`if (${this.expr(ctx)} ${r.pick(['>', '<'])} ${this.int()}) ${word}${label.name && r.chance(0.6) ? ' ' + label.name : ''};`];
        }
        if (ctx.fn && r.chance(0.3)) return [`if (${this.expr(ctx)} > ${this.int()}) return ${this.expr(ctx)};`];
        return [`log("t", typeof ${this.atom(ctx)});`];
      }
      case 5: {
        const c = this.call(ctx, this.expr(ctx));
        return c ? [`log("c", ${c});`] : this.stmt(ctx);
      }
      case 6: return [`if (${this.expr(ctx)} ${r.pick(['>', '<', '==='])} ${this.int()}) {`, ...indent(this.stmts(this.sub(ctx), 3)), '} else {', ...indent(this.stmts(this.sub(ctx), 2)), '}'];
      case 7: case 8: return this.loop(ctx);
      case 9: return this.tryStmt(ctx);
      case 10: return this.switchStmt(ctx);
      case 11: {
        // A closure over a binding, called after the binding changes.
        const t = target() ?? this.atom(ctx);
        const c = this.name('k');
        const sub = this.sub(ctx, { async: false, gen: false });
        return [`const ${c} = () => ${t} + ${this.expr(sub)};`, ...this.stmts(ctx, 2), `log("k", ${c}());`];
      }
      case 12: {
        // A nested function declaration, callable after it.
        const f = this.name('f');
        const inner = this.body(ctx, ['a']);
        inner.self = f;
        const body = this.stmts(inner, 3);
        const ret = this.expr(inner);
        ctx.fns.push({ name: f, cost: inner.cost.n + 1 });
        return [`function ${f}(a) {`, ...indent([...body, `return ${ret};`]), '}', `log("n", ${this.call(ctx, this.expr(ctx)) ?? f + '(1)'});`];
      }
      case 13: {
        // Destructuring with defaults.
        const [x, y] = [this.name('d'), this.name('d')];
        const lines = r.chance(0.5)
          ? [`let { ${x} = ${this.expr(ctx)}, q: ${y} = ${this.expr(ctx)} } = { ${x}: ${r.pick(['undefined', this.expr(ctx)])} };`]
          : [`let [${x} = ${this.expr(ctx)}, , ...${y}] = [${r.pick(['undefined', this.expr(ctx)])}, 1, ${this.expr(ctx)}];`, `${y} = ${y}.length;`];
        ctx.vars.push(x, y);
        return lines;
      }
      case 14: {
        // Closures made in a loop, each over its own iteration's binding (or a shared var).
        const [fs, i] = [this.name('fs'), this.name('i')];
        const n = r.int(2, 4);
        return [`const ${fs} = [];`, `for (${r.pick(['let', 'var'])} ${i} = 0; ${i} < ${n}; ${i}++) ${fs}.push(() => ${i} * ${this.atom(ctx)});`, `log("fs", ${fs}.map((f) => f()));`];
      }
      case 15: {
        if (!ctx.gen) return this.stmt(ctx);
        return [`yield* ${r.pick([`[${this.expr(ctx)}, ${this.expr(ctx)}]`, `(function* () { yield ${this.int()}; return ${this.int()}; })()`])};`];
      }
      case 16: {
        const t = `${this.name('tg')}`;
        return [`const ${t} = (s, ...v) => s.raw.join("|") + v.join(",");`, `log(${t}\`a\${${this.expr(ctx)}}b\${${this.expr(ctx)}}\`);`];
      }
      default: {
        // An object whose getter loops before it returns the method called on it.
        const o = this.name('o');
        ctx.cost.n += 5 * ctx.mult;
        return [`const ${o} = { n: ${this.atom(ctx)}, get m() { spin(${r.int(1, 4)}); return function (x) { return this.n + x; }; } };`,
          `log("m", ${o}.m(${this.expr(ctx)}), ${o}.m?.(${this.expr(ctx)}), ${o}.z?.(${this.expr(ctx)}));`];
      }
    }
  }

  /** A context for a nested block: its own bindings, the enclosing ones still visible. */
  sub(ctx, extra = {}) {
    return { ...ctx, vars: [...ctx.vars], consts: [...ctx.consts], fns: [...ctx.fns], depth: ctx.depth + 1, ...extra };
  }

  loop(ctx) {
    const r = this.r;
    const n = r.int(1, 4);
    const i = this.name('i');
    const label = r.chance(0.3) ? this.name('L') : null;
    const inner = this.sub(ctx, { mult: ctx.mult * n });
    const head = label ? `${label}: ` : '';
    const kind = r.int(0, 5);
    let lines;
    if (kind === 0) {
      inner.loops = [...ctx.loops, { name: label }];
      inner.consts.push(i);
      lines = [`${head}for (let ${i} = 0; ${i} < ${n}; ${i}++) {`, ...indent(this.stmts(inner, 3)), '}'];
    } else if (kind === 1) {
      // The counter steps first, so that continue cannot skip it.
      inner.loops = [...ctx.loops, { name: label }];
      lines = [`let ${i} = 0;`, `${head}while (${i} < ${n}) {`, ...indent([`${i}++;`, ...this.stmts(inner, 3)]), '}'];
    } else if (kind === 2) {
      inner.loops = [...ctx.loops, { name: label }];
      lines = [`let ${i} = 0;`, `${head}do {`, ...indent([`${i}++;`, ...this.stmts(inner, 3)]), `} while (${i} < ${n});`];
    } else if (kind === 3) {
      inner.loops = [...ctx.loops, { name: label }];
      inner.consts.push(`${i}.length`);
      const keys = Array.from({ length: n }, (_, k) => `${String.fromCharCode(97 + k)}: ${k}`);
      lines = [`${head}for (const ${i} in { ${keys.join(', ')} }) {`, ...indent(this.stmts(inner, 3)), '}'];
    } else if (kind === 4) {
      inner.loops = [...ctx.loops, { name: label }];
      inner.consts.push(i);
      const items = Array.from({ length: n }, () => this.expr(ctx));
      lines = [`${head}for (${r.pick(['const', 'let', 'var'])} ${i} of [${items.join(', ')}]) {`, ...indent(this.stmts(inner, 3)), '}'];
    } else {
      // Two nested loops, the inner continuing or breaking the outer by its label.
      const [outer, j] = [label ?? this.name('L'), this.name('j')];
      const m = r.int(1, 3);
      inner.loops = [...ctx.loops, { name: outer }];
      inner.consts.push(i);
      const innermost = this.sub(inner, { mult: inner.mult * m });
      innermost.loops = [...inner.loops, { name: null }];
      innermost.consts.push(j);
      lines = [`${outer}: for (let ${i} = 0; ${i} < ${n}; ${i}++) {`,
        ...indent([`for (let ${j} = 0; ${j} < ${m}; ${j}++) {`, ...indent([`if (${j} === ${r.int(0, 2)}) ${r.pick(['continue', 'break'])} ${outer};`, ...this.stmts(innermost, 2)]), '}', ...this.stmts(inner, 2)]), '}'];
    }
    return lines;
  }

  tryStmt(ctx) {
    const r = this.r;
    const e = this.name('e');
    const inner = this.sub(ctx);
    const lines = ['try {', ...indent([...this.stmts(inner, 2), `if (${this.expr(inner)} ${r.pick(['>', '<'])} ${this.int()}) throw new ${r.pick(['Error', 'RangeError'])}("x" + ${this.atom(inner)});`, ...this.stmts(inner, 1)])];
    lines.push(`} catch (${e}) {`, ...indent([`log("caught", ${e}.name, ${e}.message);`, ...this.stmts(this.sub(ctx), 1)]));
    if (r.chance(0.6)) {
      const fin = this.sub(ctx);
      const body = this.stmts(fin, 2);
      // A return in finally overrides the try's completion; only where a function holds it.
      if (ctx.fn && !ctx.gen && r.chance(0.4)) body.push(`if (${this.expr(fin)} > ${this.int()}) return ${this.expr(fin)};`);
      lines.push('} finally {', ...indent(body));
    }
    lines.push('}');
    return lines;
  }

  switchStmt(ctx) {
    const r = this.r;
    const lines = [`switch (${this.expr(ctx)} % 3) {`];
    const cases = r.int(1, 3);
    for (let c = 0; c < cases; c++) {
      const inner = this.sub(ctx);
      const v = this.name('s');
      inner.vars.push(v);
      const body = [`let ${v} = ${this.expr(ctx)};`, `const g${v} = () => ${v};`, ...this.stmts(inner, 2), `log("case", g${v}());`];
      if (r.chance(0.7)) body.push('break;');
      lines.push(`  case ${r.pick([c, -c])}: {`, ...indent(indent(body)), '  }');
    }
    lines.push('  default:', ...indent([`log("default", ${this.atom(ctx)});`]), '}');
    return lines;
  }

  /** A top-level function: `function name(params) { body }`, registered as callable with one number. */
  fnDecl(prefix, make) {
    const f = this.name(prefix);
    const ctx = this.body(this.top(), ['a']);
    ctx.self = f;
    const lines = make(f, ctx);
    this.fns.push({ name: f, cost: ctx.cost.n + 1 });
    return lines;
  }
}

function indent(lines) {
  return lines.map((l) => `  ${l}`);
}

/** The program's features: each returns its lines, and may add callable functions. */
const FEATURES = [
  {
    name: 'closures', make(g) {
      // A closure declared before the var it reads is initialised, with update points between.
      return g.fnDecl('cl', (f, ctx) => {
        const m = g.name('m');
        const k = g.name('k');
        const before = g.stmts(g.sub(ctx), 3);
        return [`function ${f}(a) {`, ...indent([`function ${k}() { return ${m}.x + a; }`, ...before, `var ${m} = { x: ${g.expr(ctx)} };`, `let r = ${k}();`, ...g.stmts(g.sub(ctx, { vars: [...ctx.vars, 'r'] }), 2), 'return r;']), '}', `log("cl", ${f}(${g.int()}));`];
      });
    },
  },
  {
    name: 'loops', make(g) {
      return g.fnDecl('lp', (f, ctx) => {
        ctx.vars.push('acc');
        const body = g.loop(ctx);
        return [`function ${f}(a) {`, ...indent(['let acc = a;', ...body, ...g.loop(ctx), 'return acc;']), '}', `log("lp", ${f}(${g.int()}));`];
      });
    },
  },
  {
    name: 'try-finally', make(g) {
      return g.fnDecl('tf', (f, ctx) => {
        const body = g.tryStmt(ctx);
        return [`function ${f}(a) {`, ...indent([...body, `return ${g.expr(ctx)};`]), '}', `log("tf", ${f}(${g.int()}), ${f}(${g.int()}));`];
      });
    },
  },
  {
    name: 'switch', make(g) {
      return g.fnDecl('sw', (f, ctx) => [`function ${f}(a) {`, ...indent([...g.switchStmt(ctx), `return ${g.expr(ctx)};`]), '}', `log("sw", ${f}(0), ${f}(1), ${f}(2));`]);
    },
  },
  {
    name: 'recursion', make(g) {
      const f = g.name('rec');
      const ctx = g.body(g.top(), ['acc']);
      ctx.consts.push('n');
      ctx.self = f;
      const depth = g.r.int(3, 25);
      const body = g.stmts(g.sub(ctx, { mult: depth }), 2);
      const lines = [`function ${f}(n, acc) {`, ...indent(['if (n <= 0) return acc;', ...body, `return ${f}(n - 1, (acc + ${g.expr(ctx)}) % 10007);`]), '}', `log("rec", ${f}(${depth}, 0));`];
      g.fns.push({ name: `((x) => ${f}(${depth}, x))`, cost: depth * (ctx.cost.n + 1) });
      return lines;
    },
  },
  {
    name: 'generator', make(g) {
      const f = g.name('gen');
      const ctx = g.body(g.top(), ['a'], { gen: true });
      const inner = g.sub(ctx);
      const body = g.stmts(inner, 4);
      const r = g.r;
      const it = g.name('it');
      const lines = [`function* ${f}(a) {`, ...indent(['try {', ...indent([...body, `yield ${g.expr(inner)};`, ...g.stmts(inner, 2)]), '} finally {', `  log("gen finally", a);`, '}', `return ${g.expr(ctx)};`]), '}'];
      lines.push(`log("spread", [...${f}(${g.int()})]);`);
      lines.push(`const ${it} = ${f}(${g.int()});`, `log(JSON.stringify(${it}.next()), JSON.stringify(${it}.next(${g.int()})));`);
      lines.push(r.pick([`log(JSON.stringify(${it}.return(${g.int()})));`, `try { log(JSON.stringify(${it}.throw(new Error("thrown")))); } catch (e) { log("gen threw", e.message); }`, `for (const x of ${it}) log("of", x);`]));
      return lines;
    },
  },
  {
    name: 'async', make(g) {
      // Two async functions run interleaved; the order of their prints is part of the output.
      const lines = [];
      const names = [];
      for (let k = 0; k < 2; k++) {
        const f = g.name('as');
        const ctx = g.body(g.top(), ['a'], { async: true });
        const body = g.stmts(ctx, 3);
        lines.push(`async function ${f}(a) {`, ...indent([`log("${f} start", a);`, ...body, `await null;`, `log("${f} mid");`, ...g.stmts(ctx, 2), `return ${g.expr(ctx)};`]), '}');
        names.push(f);
      }
      const p = g.name('pr');
      lines.push(`const ${p} = [${names.map((n) => `${n}(${g.int()})`).join(', ')}];`, `log("sync after async");`);
      g.async.push(`...${p}`);
      return lines;
    },
  },
  {
    name: 'async-generator', make(g) {
      const f = g.name('ag');
      const ctx = g.body(g.top(), ['a'], { async: true, gen: true });
      const body = g.stmts(ctx, 3);
      const run = g.name('run');
      const lines = [`async function* ${f}(a) {`, ...indent([...body, `yield ${g.expr(ctx)};`, `yield* [${g.int()}, ${g.int()}];`, `return a;`]), '}',
        `async function ${run}() {`, '  const got = [];', `  for await (const x of ${f}(${g.int()})) { got.push(x); ${g.r.chance(0.3) ? 'if (got.length > 2) break;' : ''} }`, '  log("for await", got);', '  return got.length;', '}'];
      g.async.push(`${run}()`);
      return lines;
    },
  },
  {
    name: 'classes', make(g) {
      const [base, derived] = [g.name('B'), g.name('D')];
      const ctx = g.body(g.top(), ['v']);
      const mctx = g.body(g.top(), ['x']);
      mctx.vars.push('t');
      const method = g.stmts(mctx, 3);
      const ret = g.r.chance(0.2) ? `if (v === ${g.int()}) return { replaced: v, m: (x) => x };` : '';
      const lines = [
        `class ${base} {`,
        `  f = ${g.expr(g.top())};`,
        `  static count = 0;`,
        `  static { ${base}.count = spin(${g.r.int(1, 4)}); }`,
        `  constructor(v) { ${g.stmts(ctx, 1).join(' ')} this.v = v; }`,
        `  get dbl() { let s = 0; for (const k of [1, 2]) s += k * this.v; return s; }`,
        `  set dbl(x) { this.v = x / 2; }`,
        `  m(x) {`, ...indent(indent(['let t = this.v;', ...method, 'return t + x;'])), '  }',
        '}',
        `class ${derived} extends ${base} {`,
        `  #p = ${g.int()};`,
        `  constructor(v) { super(v + 1); ${ret} this.w = this.#p; }`,
        `  m(x) { for (let k = 0; k < 2; k++) x += super.m(k); return x; }`,
        `  static make(v) { return new this(v); }`,
        '}',
        `{ const o = ${derived}.make(${g.int()}); log("cls", o.m(${g.int()}), o.dbl, ${base}.count, o.f, o.w, o instanceof ${base}); o.dbl = 8; log(o.v); }`,
      ];
      g.fns.push({ name: `((x) => new ${derived}(x).m(1))`, cost: 3 * (mctx.cost.n + 2) });
      return lines;
    },
  },
  {
    name: 'proxy', make(g) {
      const p = g.name('px');
      const lines = [`const ${p} = new Proxy({ base: ${g.int()} }, {`,
        '  get(t, k) { let s = 0; for (let i = 0; i < 3; i++) s += i; if (k === "calc") return (x) => t.base + x + s; return k in t ? t[k] : String(k); },',
        '  has(t, k) { spin(2); return k === "base"; },',
        '});',
        `log("px", ${p}.calc(${g.expr(g.top())}), ${p}.base, ${p}.other, "base" in ${p}, ${p}.calc?.(1));`];
      g.fns.push({ name: `((x) => ${p}.calc(x))`, cost: 6 });
      return lines;
    },
  },
  {
    name: 'params', make(g) {
      // Defaults that read earlier parameters, a rest parameter and spread arguments.
      return g.fnDecl('pa', (f, ctx) => {
        ctx.vars.push('b');
        const body = g.stmts(ctx, 3);
        return [`function ${f}(a, b = a * 2, c = () => a + b, ...rest) {`, ...indent([...body, 'return a + b + c() + rest.length;']), '}',
          `log("pa", ${f}(1), ${f}(...[2, 3]), ${f}(1, undefined, undefined, 4, 5));`];
      });
    },
  },
  {
    name: 'arguments', sloppy: true, make(g) {
      // Sloppy mode: a parameter and its arguments slot alias each other.
      return g.fnDecl('ar', (f, ctx) => {
        const body = g.stmts(ctx, 2);
        return [`function ${f}(a) {`, ...indent(['arguments[0] = a + 1;', ...body, 'a += 1;', 'return arguments[0] + arguments.length;']), '}', `log("ar", ${f}(${g.int()}), ${f}(1, 2));`];
      });
    },
  },
  {
    name: 'computed-keys', make(g) {
      const k = g.name('key');
      const o = g.name('ck');
      return [`function ${k}(n) { let s = ""; for (let i = 0; i < n; i++) s += String.fromCharCode(97 + i); return s; }`,
        `const ${o} = { [${k}(${g.r.int(1, 3)})]: ${g.expr(g.top())}, [${k}(2) + "m"](x) { return x + spin(2); }, get [${k}(1) + "g"]() { return spin(3); } };`,
        `log("ck", Object.keys(${o}), ${o}[${k}(2) + "m"](${g.int()}), ${o}.ag);`,
        `class C${o} { static [${k}(3)]() { return spin(2); } [${k}(1)]() { return ${k}(2); } }`,
        `log("ckc", C${o}.abc(), new C${o}().a());`];
    },
  },
  {
    name: 'templates', make(g) {
      // A template's strings object is one object per call site: a cache keyed by it hits.
      const [tag, cache, f] = [g.name('tag'), g.name('cache'), g.name('tt')];
      g.fns.push({ name: f, cost: 5 });
      return [`const ${cache} = new Map();`,
        `function ${tag}(s, ...v) { if (!${cache}.has(s)) ${cache}.set(s, ${cache}.size); spin(2); return ${cache}.get(s) + ":" + v.join(","); }`,
        `function ${f}(a) { let out = ""; for (let i = 0; i < 2; i++) out += ${tag}\`x\${a}y\${i}\`; return out.length + ${cache}.size; }`,
        `log("tt", ${f}(1), ${f}(2), ${tag}\`z\`, ${cache}.size);`];
    },
  },
  {
    name: 'with-eval', sloppy: true, make(g) {
      return g.fnDecl('we', (f, ctx) => {
        const body = g.stmts(g.sub(ctx), 2);
        return [`function ${f}(a) {`, ...indent(['var w = { a: a + 1, z: 5 };', 'let r = 0;', 'with (w) {', ...indent([...body, 'r = (() => a + z)();']), '}', 'r += eval("a * 2");', 'return r;']), '}', `log("we", ${f}(${g.int()}));`];
      });
    },
  },
];
