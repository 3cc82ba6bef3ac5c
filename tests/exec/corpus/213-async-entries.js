// Async functions of every form with nothing to await: promises whatever update point their entry
// is, their rejections asynchronous, their order of settling as native.
const log = [];
class Store {
  constructor() { this.items = new Map(); }
  async get(k) { return this.items.get(k); }
  async set(k, v) { this.items.set(k, v); return this; }
  static async create() { return new Store(); }
}
const ops = {
  async double(x) { return x * 2; },
  triple: async (x) => x * 3,
  fail: async function () { throw new TypeError('no'); },
};
async function sequence() {
  const s = await Store.create();
  await s.set('a', 1);
  const got = s.get('a');
  log.push(`get is promise ${got instanceof Promise}`);
  return [await got, await ops.double(await got), await ops.triple(2)];
}
function ordering() {
  const out = [];
  for (let i = 0; i < 3; i++) {
    ops.double(i).then((v) => out.push('double ' + v));
    Promise.resolve(i).then((v) => out.push('plain ' + v));
    ops.fail().catch((e) => out.push('fail ' + e.constructor.name));
  }
  return new Promise((r) => setTimeout(() => r(out), 5));
}
sequence().then((v) => console.log(v, log)).then(ordering).then((out) => console.log(out.join(', ')));
