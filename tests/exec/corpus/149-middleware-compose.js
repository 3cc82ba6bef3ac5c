// koa-style middleware composition: async next() chains, onion ordering, error handling middleware
function compose(middleware) {
  UPDATE_POINT();
  return function (ctx) {
    let index = -1;
    function dispatch(i) {
      if (i <= index) return Promise.reject(new Error("next() called multiple times"));
      index = i;
      const fn = middleware[i];
      if (!fn) return Promise.resolve();
      try {
        return Promise.resolve(fn(ctx, () => dispatch(i + 1)));
      } catch (err) {
        return Promise.reject(err);
      }
    }
    return dispatch(0);
  };
}
const trace = [];
const errorHandler = async (ctx, next) => {
  try {
    await next();
  } catch (e) {
    ctx.status = e.status || 500;
    ctx.body = { error: e.message };
    trace.push("handled " + e.message);
  }
};
const timer = async (ctx, next) => {
  trace.push(`> timer ${ctx.path}`);
  const started = ctx.clock;
  await next();
  ctx.headers["x-steps"] = String(ctx.clock - started);
  trace.push(`< timer ${ctx.path}`);
};
const auth = async (ctx, next) => {
  trace.push("> auth");
  if (ctx.path.startsWith("/admin") && ctx.user !== "root") {
    const err = new Error("forbidden");
    err.status = 403;
    throw err;
  }
  await next();
  trace.push("< auth");
};
const routes = {
  "/": () => ({ hello: "world" }),
  "/sum": (ctx) => {
    let s = 0;
    for (const v of ctx.query.split(",").map(Number)) {
      s += v;
      ctx.clock++;
      UPDATE_POINT();
    }
    return { sum: s };
  },
  "/admin/stats": () => ({ users: 3 }),
  "/boom": () => {
    throw new Error("handler exploded");
  },
};
const router = async (ctx, next) => {
  trace.push("> router");
  const handler = routes[ctx.path];
  if (!handler) {
    ctx.status = 404;
    ctx.body = { error: "not found" };
  } else {
    await null;
    ctx.body = handler(ctx);
    ctx.status = 200;
  }
  await next();
  trace.push("< router");
};
const app = compose([errorHandler, timer, auth, router]);
const requests = [
  { path: "/" },
  { path: "/sum", query: "1,2,3,4,5" },
  { path: "/admin/stats", user: "guest" },
  { path: "/admin/stats", user: "root" },
  { path: "/missing" },
  { path: "/boom" },
];
for (const req of requests) {
  trace.length = 0;
  const ctx = { ...req, headers: {}, clock: 0, status: 0, body: null };
  await app(ctx);
  console.log(req.path, ctx.status, JSON.stringify(ctx.body), JSON.stringify(ctx.headers));
  console.log("   ", trace.join(" "));
}
// calling next twice is rejected
const bad = compose([async (ctx, next) => { await next(); await next(); }]);
try {
  await bad({});
} catch (e) {
  UPDATE_POINT();
  console.log(e.message);
}
// synchronous middleware mixed with async ones
const mixed = compose([
  (ctx, next) => { ctx.log.push(1); return next().then(() => ctx.log.push(6)); },
  async (ctx, next) => { ctx.log.push(2); await next(); ctx.log.push(5); },
  (ctx, next) => { ctx.log.push(3); ctx.log.push(4); },
]);
const mctx = { log: [] };
await mixed(mctx);
console.log(mctx.log.join(""));
