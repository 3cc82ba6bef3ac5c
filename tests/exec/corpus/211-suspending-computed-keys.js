// `yield` and `await` in the computed keys of methods, accessors, class members and properties:
// evaluated by the function that defines them, in order, each a point where it suspends.
const tick = (v) => new Promise((r) => setImmediate(() => r(v)));
const order = [];
const key = async (v) => { await tick(); order.push('key ' + v); return 'k' + v; };

async function objectKeys(v) {
  const o = {
    [await key(v)]: 1,
    [await key(v + 1)]() { return 'method'; },
    get [await key(v + 2)]() { return 'getter'; },
    set [await key(v + 3)](x) { order.push('set ' + x); },
    async [await key(v + 4)]() { return 'async method'; },
    *[await key(v + 5)]() { yield 'generator method'; },
  };
  o['k' + (v + 3)] = 'value';
  return [Object.keys(o).join(), o['k' + (v + 1)](), o['k' + (v + 2)], await o['k' + (v + 4)](), [...o['k' + (v + 5)]()].join()];
}

async function classKeys() {
  class C {
    [await key('m')]() { return 'cm'; }
    static [await key('s')]() { return 'cs'; }
    static [await key('f')] = 'field';
  }
  return [Object.getOwnPropertyNames(C.prototype).join(), C.ks(), C.kf];
}

function* generatorKeys() {
  const o = { [yield 'a']() { return 1; }, get [yield 'b']() { return 2; }, [yield 'c']: 3 };
  const C = class { [yield 'd']() { return 4; } static [yield* ['e']]() { return 5; } };
  return [Object.keys(o).join(), Object.getOwnPropertyNames(C.prototype).join(), Object.getOwnPropertyNames(C).filter((n) => n.startsWith('v')).join()];
}
function drive() {
  const out = [];
  for (let round = 0; round < 2; round++) {
    const g = generatorKeys();
    let r = g.next();
    let i = 0;
    const seen = [];
    while (!r.done) { seen.push(r.value); r = g.next('v' + i++); }
    out.push(seen.join('') + ' ' + JSON.stringify(r.value));
  }
  return out;
}
console.log(drive());

async function* asyncGeneratorKeys() {
  const o = { [yield 'first']() {}, [await key('ag')]() {}, [yield 'second']: 0 };
  yield Object.keys(o).join();
}

(async () => {
  console.log(await objectKeys(1));
  console.log(await classKeys());
  const seen = [];
  const ag = asyncGeneratorKeys();
  let r = await ag.next();
  let i = 0;
  while (!r.done) { seen.push(r.value); r = await ag.next('n' + i++); }
  console.log(seen.join(' | '));
  console.log(order.join(', '));
})();
