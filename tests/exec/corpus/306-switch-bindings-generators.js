// Switch-case bindings shared across cases in generators and async functions, in a loop, and in
// nested switches: rebuilt at a yield, an await or an update point in a later case.
function step(x) { UPDATE_POINT(); return x + 1; }

function* tokens(kinds) {
  for (const kind of kinds) {
    switch (kind) {
      case 'word':
        const prefix = 'w:';
        let count = 0;
        const tag = () => prefix + count;
      case 'num':
        if (kind === 'word') count = step(count);
        yield kind === 'word' ? tag() : 'n';
        if (kind === 'word') { count = step(count); yield tag(); }
        break;
      default:
        yield '?';
    }
  }
}
console.log([...tokens(['word', 'num', 'x', 'word'])].join(' '));

async function fetchAll(ids) {
  const out = [];
  for (const id of ids) {
    switch (id % 3) {
      case 0: {
        out.push('zero');
        break;
      }
      case 1:
        const base = id * 100;
        const show = (v) => `${base}+${v}`;
      case 2: {
        const v = await Promise.resolve(step(id));
        out.push(id % 3 === 1 ? show(v) : 'two' + v);
      }
    }
  }
  return out.join(',');
}
fetchAll([1, 2, 3, 4]).then((r) => console.log(r));

function nestedSwitch(a, b) {
  switch (a) {
    case 'x':
      let outer = 'ox';
    case 'y':
      switch (b) {
        case 1:
          let inner = 'i1';
          const get = () => (a === 'x' ? outer : 'no-outer') + '/' + inner;
        case 2: {
          let n = 0;
          for (let i = 0; i < 3; i++) n = step(n);
          return b === 1 ? get() + n : 'b2:' + n + (a === 'x' ? outer : '');
        }
      }
  }
  return 'none';
}
console.log(nestedSwitch('x', 1), nestedSwitch('x', 2), nestedSwitch('y', 1), nestedSwitch('y', 2), nestedSwitch('z', 1));
