// let, const and class bindings of a switch case, used by closures and by later cases reached by
// falling through: a frame rebuilt in a later case still has them, shared with the closures made
// before the update; entered directly at the later case, they stay uninitialised.
function step(x) { UPDATE_POINT(); return x + 1; }

function fallthrough(k) {
  const fs = [];
  switch (k) {
    case 1:
      let a = 10;
      fs.push(() => a);
    case 2:
      let n = 0;
      for (let i = 0; i < 3; i++) n = step(n);
      if (k === 1) { a += n; fs.push(() => a * 2); }
      fs.push(() => n);
      break;
    default:
      fs.push(() => -1);
  }
  return fs.map((f) => f()).join(',');
}
console.log(fallthrough(1), fallthrough(2), fallthrough(3));

function tdz(k) {
  switch (k) {
    case 'a':
      const label = 'from a';
    // falls through
    case 'b': {
      let n = 0;
      for (let i = 0; i < 2; i++) n = step(n);
      try { return `${label} ${n}`; } catch (e) { return `${e.constructor.name} ${n}`; }
    }
  }
  return 'none';
}
console.log(tdz('a'), tdz('b'), tdz('c'));

function classes(k) {
  switch (k) {
    case 0:
      class Point { constructor(x) { this.x = x; } }
      var make = (x) => new Point(x);
    case 1: {
      let total = 0;
      for (let i = 0; i < 3; i++) total = step(total);
      return make ? make(total).x + ':' + (make(1) instanceof Point) : 'no class';
    }
  }
}
console.log(classes(0), classes(1));

function counter(mode) {
  let out = [];
  switch (mode) {
    case 'up':
      let count = 0;
      const inc = () => ++count;
    case 'down':
      for (let i = 0; i < 4; i++) out.push(step(i));
      if (mode === 'up') { inc(); inc(); out.push(count, inc()); }
  }
  return out.join(' ');
}
console.log(counter('up'), counter('down'));
