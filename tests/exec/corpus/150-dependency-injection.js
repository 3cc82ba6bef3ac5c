// a dependency-injection container: registration, lazy singletons, recursive resolution, cycle detection
class Container {
  #providers = new Map();
  #singletons = new Map();
  #resolving = [];
  log = [];
  register(name, deps, factory, { singleton = true } = {}) {
    this.#providers.set(name, { deps, factory, singleton });
    return this;
  }
  resolve(name) {
    if (this.#singletons.has(name)) return this.#singletons.get(name);
    const p = this.#providers.get(name);
    if (!p) throw new Error(`no provider for ${name}` + (this.#resolving.length ? ` (needed by ${this.#resolving.at(-1)})` : ""));
    if (this.#resolving.includes(name)) throw new Error("cycle: " + [...this.#resolving, name].join(" -> "));
    this.#resolving.push(name);
    try {
      const args = p.deps.map((d) => this.resolve(d));
      UPDATE_POINT();
      const instance = p.factory(...args);
      this.log.push("created " + name);
      if (p.singleton) this.#singletons.set(name, instance);
      return instance;
    } finally {
      UPDATE_POINT();
      this.#resolving.pop();
    }
  }
}
class Config { constructor() { this.dbUrl = "mem://test"; this.level = "debug"; } }
class Logger {
  constructor(config) { this.level = config.level; this.lines = []; }
  info(msg) { this.lines.push(`[${this.level}] ${msg}`); }
}
class Database {
  constructor(config, logger) {
    this.url = config.dbUrl;
    this.rows = new Map();
    this.logger = logger;
    logger.info("db connected to " + this.url);
  }
  insert(table, row) {
    if (!this.rows.has(table)) this.rows.set(table, []);
    this.rows.get(table).push(row);
    this.logger.info(`insert into ${table}`);
    return this.rows.get(table).length;
  }
}
class UserService {
  constructor(db, logger, idGen) { this.db = db; this.logger = logger; this.idGen = idGen; }
  create(name) {
    const id = this.idGen();
    this.db.insert("users", { id, name });
    return id;
  }
}
let counter = 0;
const c = new Container()
  .register("config", [], () => new Config())
  .register("logger", ["config"], (cfg) => new Logger(cfg))
  .register("db", ["config", "logger"], (cfg, log) => new Database(cfg, log))
  .register("idGen", [], () => () => `u${++counter}`, { singleton: false })
  .register("users", ["db", "logger", "idGen"], (db, log, id) => new UserService(db, log, id));
const users = c.resolve("users");
console.log(users.create("ann"), users.create("bob"), c.resolve("users") === users, c.resolve("idGen") !== c.resolve("idGen"));
console.log(c.log.join(", "));
console.log(c.resolve("logger").lines.join(" | "));
// missing and cyclic dependencies
c.register("a", ["b"], (b) => ({ b })).register("b", ["c"], (x) => ({ x })).register("c", ["a"], (a) => ({ a }));
c.register("needsMissing", ["ghost"], (g) => g);
for (const name of ["a", "needsMissing", "nothing"]) {
  try {
    c.resolve(name);
  } catch (e) {
    UPDATE_POINT();
    console.log(e.message);
  }
}
// after a failed resolution, the container is still usable
console.log(c.resolve("db").insert("events", { type: "after-error" }));
