// Async request handling: each request goes through a chain of async functions (parse, auth,
// cache lookup, a fan-out of lookups with Promise.all, render), awaiting resolved promises and
// values, with try/catch around awaits; many activations, each suspended a few times.
export const meta = { name: 'asyncflow', kind: 'kernel', description: 'chains of async functions, Promise.all fan-out, try/catch across awaits' };

class Store {
  constructor(size) {
    this.rows = new Map();
    for (let i = 0; i < size; i++) this.rows.set(`user:${i}`, { id: i, name: `user ${i}`, score: (i * 7919) % 1000, tags: [i % 3, i % 5] });
  }

  async get(key) {
    const row = this.rows.get(key);
    return row === undefined ? null : row;
  }

  async getMany(keys) {
    return Promise.all(keys.map((k) => this.get(k)));
  }
}

async function parse(raw) {
  const [verb, path, token] = raw.split(' ');
  if (!path.startsWith('/')) throw new Error(`bad path ${path}`);
  return { verb, path, token };
}

async function authenticate(req, store) {
  const user = await store.get(`user:${Number(req.token) % 500}`);
  if (user === null) throw new Error('unknown user');
  return user;
}

async function render(user, friends) {
  let total = user.score;
  for (const f of friends) if (f !== null) total += f.score;
  return `${user.name}:${friends.length}:${total}`;
}

async function handle(raw, store) {
  try {
    const req = await parse(raw);
    const user = await authenticate(req, store);
    const ids = user.tags.map((t, i) => `user:${(user.id + t * 31 + i) % 700}`);
    const friends = await store.getMany(ids);
    return await render(user, friends);
  } catch (e) {
    return `error ${e.message}`;
  }
}

export function setup(size) {
  let seed = 42;
  const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
  const requests = [];
  const count = size === 'smoke' ? 2000 : 60000;
  for (let i = 0; i < count; i++) {
    const bad = rand() < 0.05;
    requests.push(`GET ${bad ? 'nope' : '/profile'} ${Math.floor(rand() * 1e6)}`);
  }
  return { store: new Store(600), requests };
}

export async function run(state) {
  let digest = 0;
  // In batches of 64 concurrent requests, as a server with that many clients would see them.
  for (let i = 0; i < state.requests.length; i += 64) {
    const batch = state.requests.slice(i, i + 64).map((r) => handle(r, state.store));
    for (const out of await Promise.all(batch)) {
      for (let k = 0; k < out.length; k++) digest = (digest * 31 + out.charCodeAt(k)) >>> 0;
    }
  }
  return digest;
}
