// async methods in classes: static async, async getters-via-methods, private async methods, super calls
class Repository {
  #store = new Map();
  #ops = 0;
  async #delay() {
    await null;
    this.#ops++;
  }
  async save(key, value) {
    await this.#delay();
    this.#store.set(key, structuredClone(value));
    return this.#store.size;
  }
  async load(key) {
    await this.#delay();
    if (!this.#store.has(key)) throw new Error(`missing ${key}`);
    return structuredClone(this.#store.get(key));
  }
  async keys() {
    await this.#delay();
    return [...this.#store.keys()].sort();
  }
  get ops() { return this.#ops; }
  static async create(seed) {
    const r = new this();
    for (const [k, v] of Object.entries(seed)) {
      await r.save(k, v);
      UPDATE_POINT();
    }
    return r;
  }
}
class CachedRepository extends Repository {
  #cache = new Map();
  hits = 0;
  async load(key) {
    if (this.#cache.has(key)) {
      this.hits++;
      return this.#cache.get(key);
    }
    const v = await super.load(key);
    this.#cache.set(key, v);
    return v;
  }
  async save(key, value) {
    this.#cache.delete(key);
    return super.save(key, value);
  }
}

const repo = await CachedRepository.create({ a: { n: 1 }, b: { n: 2, list: [1, 2] }, c: { n: 3 } });
console.log((await repo.keys()).join(","), repo.ops, repo instanceof Repository);
const loaded = [];
for (const k of ["a", "b", "a", "c", "a", "b"]) loaded.push((await repo.load(k)).n);
console.log(loaded.join(","), "hits", repo.hits, "ops", repo.ops);
await repo.save("a", { n: 100 });
console.log((await repo.load("a")).n, repo.hits);
try {
  UPDATE_POINT();
  await repo.load("zzz");
} catch (e) {
  console.log(e.message);
}

// the loaded objects are copies: mutating them does not affect the store
const b1 = await repo.load("b");
b1.list.push(99);
const fresh = await Repository.prototype.load.call(repo, "b");
console.log(JSON.stringify(b1), JSON.stringify(fresh));

// async arrow functions as class fields capturing this
class Counter {
  count = 0;
  incLater = async (n) => {
    for (let i = 0; i < n; i++) {
      UPDATE_POINT();
      await null;
      this.count++;
    }
    return this.count;
  };
}
const c = new Counter();
const [r1, r2] = await Promise.all([c.incLater(3), c.incLater(2)]);
console.log(r1, r2, c.count);
