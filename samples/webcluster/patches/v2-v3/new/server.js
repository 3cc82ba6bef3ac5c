"use strict";

const __rsR = globalThis[Symbol.for("restack.runtime")];
if (!__rsR) throw new Error("restack: this module was compiled by restack; run it with `restack run` (or import \"restack/runtime\" first)");
const __rsS = __rsR.S;
const __rsM = __rsR.module(__rsU.url, 1, [__rsRestore0, __rsRestore1, __rsRestore2, __rsRestore3, __rsRestore4], [0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 4, 4, 4, 4], __rsLines, {
  id: "server.js",
  hash: "02fcd2bf8f67b746dd439df9b840c5033dc019d7181a1c618bb6da94e5414b91",
  state: __rsState,
  inits: {
    ITEM: "846daa1ef8063d09",
    stats: "2cebe5842ee142cd"
  }
});
const __rsI0 = __rsU.import("node:http");
const __rsI1 = __rsU.import("./cache.js");
const __rsI2 = __rsU.import("./item.js");
__rsU.exports({
  get startServer() {
    return startServer;
  }
});
const ITEM = __rsU.carry("ITEM", () => /^\/item\/(0|[1-9][0-9]{0,8})$/);
let cache = __rsU.carry("cache", () => null);
let server = __rsU.carry("server", () => null);
const stats = __rsU.carry("stats", () => ({
  requests: 0,
  hits: 0,
  misses: 0,
  notModified: 0,
  evictions: 0,
  renderMs: 0
}));
function startServer({
  port,
  host,
  capacity
}) {
  if (__rsM.o !== 0 && __rsM.up(3, 1)) return __rsM.s(3, [port, host, capacity], this, undefined, undefined, new.target);
  let __rst0 = (0, __rsI1.createCache)(capacity);
  if (__rsS[1] !== 0) return __rsM.s(0, [port, host], this, undefined, undefined, new.target);
  cache = __rst0;
  let __rst1 = __rsI0["default"].createServer(handle);
  if (__rsS[1] !== 0) return __rsM.s(1, [port, host], this, undefined, undefined, new.target);
  server = __rst1;
  server.listen(port, host);
  if (__rsS[1] !== 0) return __rsM.s(2, [], this, undefined, undefined, new.target);
  return server;
}
function handle(req, res) {
  if (__rsM.o !== 0 && __rsM.up(14, 1)) return __rsM.s(14, [req, res], this, undefined, undefined, new.target);
  stats.requests++;
  const q = req.url.indexOf('?');
  const path = q < 0 ? req.url : req.url.slice(0, q);
  let __rst2;
  if (req.method === 'GET') {
    let __rst3 = ITEM.exec(path);
    if (__rsS[1] !== 0) return __rsM.s(4, [req, res,, path], this, undefined, undefined, new.target);
    __rst2 = __rst3;
  } else {
    __rst2 = null;
  }
  const item = __rst2;
  if (item) {
    let __rst4 = serveItem;
    let __rst6 = Number;
    let __rst7 = item[1];
    let __rst5 = __rst6(__rst7);
    if (__rsS[1] !== 0) return __rsM.s(5, [req, res,,,,,, __rst4], this, undefined, undefined, new.target);
    __rst4(req, res, __rst5);
    if (__rsS[1] !== 0) return __rsM.s(6, [], this, undefined, undefined, new.target);
  } else {
    if (req.method === 'GET' && path === '/stats') {
      let __rst8 = send;
      let __rst10 = JSON;
      let __rst11 = __rst10.stringify;
      let __rst12 = statsOf();
      if (__rsS[1] !== 0) return __rsM.s(7, [, res,,,,,,,,,, __rst8, __rst10, __rst11], this, undefined, undefined, new.target);
      if (typeof __rst11 !== "function") {
        __rsR.notCallable("JSON.stringify");
      }
      let __rst9 = __rst11.call(__rst10, __rst12);
      if (__rsS[1] !== 0) return __rsM.s(8, [, res,,,,,,,,,, __rst8], this, undefined, undefined, new.target);
      __rst8(res, 200, __rst9);
      if (__rsS[1] !== 0) return __rsM.s(9, [], this, undefined, undefined, new.target);
    } else {
      if (req.method === 'GET' && path === '/version') {
        let __rst13 = send;
        let __rst15 = JSON;
        let __rst16 = __rst15.stringify;
        let __rst17 = {
          version: 3,
          pid: process.pid
        };
        if (typeof __rst16 !== "function") {
          __rsR.notCallable("JSON.stringify");
        }
        let __rst14 = __rst16.call(__rst15, __rst17);
        if (__rsS[1] !== 0) return __rsM.s(10, [, res,,,,,,,,,,,,,,, __rst13], this, undefined, undefined, new.target);
        __rst13(res, 200, __rst14);
        if (__rsS[1] !== 0) return __rsM.s(11, [], this, undefined, undefined, new.target);
      } else {
        let __rst18 = send;
        let __rst20 = JSON;
        let __rst21 = __rst20.stringify;
        let __rst22 = {
          error: 'not found'
        };
        if (typeof __rst21 !== "function") {
          __rsR.notCallable("JSON.stringify");
        }
        let __rst19 = __rst21.call(__rst20, __rst22);
        if (__rsS[1] !== 0) return __rsM.s(12, [, res,,,,,,,,,,,,,,,,,,,, __rst18], this, undefined, undefined, new.target);
        __rst18(res, 404, __rst19);
        if (__rsS[1] !== 0) return __rsM.s(13, [], this, undefined, undefined, new.target);
      }
    }
  }
}
function serveItem(req, res, n) {
  if (__rsM.o !== 0 && __rsM.up(23, 1)) return __rsM.s(23, [req, res, n], this, undefined, undefined, new.target);
  let __rst23 = (0, __rsI1.cacheGet)(cache, n);
  if (__rsS[1] !== 0) return __rsM.s(15, [req, res, n], this, undefined, undefined, new.target);
  let entry = __rst23;
  if (entry === undefined) {
    stats.misses++;
    let __rst24 = performance.now();
    if (__rsS[1] !== 0) return __rsM.s(16, [req, res, n], this, undefined, undefined, new.target);
    const t0 = __rst24;
    let __rst25 = (0, __rsI2.renderItem)(n);
    if (__rsS[1] !== 0) return __rsM.s(17, [req, res, n,,,, t0], this, undefined, undefined, new.target);
    const body = __rst25;
    let __rst26 = stats;
    let __rst27 = __rst26.renderMs;
    let __rst28 = performance.now();
    if (__rsS[1] !== 0) return __rsM.s(18, [req, res, n,,,, t0,, body, __rst26, __rst27], this, undefined, undefined, new.target);
    __rst26.renderMs = __rst27 + (__rst28 - t0);
    let __rst29 = (0, __rsI2.etagOf)(body);
    if (__rsS[1] !== 0) return __rsM.s(19, [req, res, n,,,,,, body], this, undefined, undefined, new.target);
    entry = {
      body,
      etag: __rst29,
      hits: 0
    };
    let __rst30 = stats;
    let __rst31 = __rst30.evictions;
    let __rst32 = (0, __rsI1.cacheSet)(cache, n, entry);
    if (__rsS[1] !== 0) return __rsM.s(20, [req, res,,, entry,,,,,,,,, __rst30, __rst31], this, undefined, undefined, new.target);
    __rst30.evictions = __rst31 + __rst32;
  } else {
    stats.hits++;
    entry.hits++;
  }
  if (req.headers['if-none-match'] === entry.etag) {
    stats.notModified++;
    let __rst33 = send;
    let __rst34 = {
      etag: entry.etag
    };
    __rst33(res, 304, '', __rst34);
    if (__rsS[1] !== 0) return __rsM.s(21, [], this, undefined, undefined, new.target);
  } else {
    let __rst35 = send;
    let __rst36 = entry.body;
    let __rst37 = {
      etag: entry.etag
    };
    __rst35(res, 200, __rst36, __rst37);
    if (__rsS[1] !== 0) return __rsM.s(22, [], this, undefined, undefined, new.target);
  }
}
function statsOf() {
  let __rsx = false;
  if (__rsM.o !== 0 && __rsM.up(26, 1)) return __rsM.s(26, [], this, undefined, undefined, new.target);
  let hottest = null;
  let __rst38 = cache.map;
  let __rst39 = __rsR.array(__rst38);
  let __rst40 = __rst39 !== null ? null : __rsR.iter(__rst38);
  let __rst41 = 0;
  let __rst42 = 1;
  try {
    for (;;) {
      __rst42 = 1;
      let __rst_value44;
      if (__rst39 !== null) {
        if (__rst41 >= __rst39.length) {
          break;
        }
        __rst_value44 = __rst39[__rst41];
        __rst41++;
      } else {
        let __rst_step43 = __rst40.next();
        if (__rsS[1] !== 0) return __rsx = true, __rsM.s(24, [hottest,, __rst39, __rst40, __rst41, __rst42], this, undefined, undefined, new.target);
        if (__rst_step43 === null || typeof __rst_step43 !== "object" && typeof __rst_step43 !== "function") {
          __rsR.notResult(__rst_step43);
        }
        if (__rst_step43.done) {
          break;
        }
        __rst_value44 = __rst_step43.value;
      }
      __rst42 = 0;
      const [id, entry] = __rst_value44;
      if (__rsS[0] !== 0 && __rsM.up(25)) return __rsx = true, __rsM.s(25, [hottest,, __rst39, __rst40, __rst41, __rst42,,, id, entry], this, undefined, undefined, new.target);
      if (hottest === null || entry.hits > hottest.hits) {
        hottest = {
          id,
          hits: entry.hits
        };
      }
    }
  } catch (__rst_err45) {
    if (__rsx) throw __rst_err45;
    if (__rst42 === 0 && __rst40 !== null) {
      __rsR.closeAfterThrow(__rst40);
    }
    __rst42 = 1;
    throw __rst_err45;
  } finally {
    if (__rsS[1] === 0 && !__rsx) {
      if (__rst42 === 0 && __rst40 !== null) {
        __rsR.close(__rst40);
      }
    }
  }
  return {
    version: 3,
    pid: process.pid,
    ...stats,
    renderMs: Math.round(stats.renderMs * 1000) / 1000,
    size: cache.map.size,
    capacity: cache.capacity,
    hottest
  };
}
function send(res, status, body, headers = {}) {
  if (__rsM.o !== 0 && __rsM.up(30, 1)) return __rsM.s(30, [res, status, body, headers], this, undefined, undefined, new.target);
  let __rst46 = res.writeHead;
  let __rst47 = Buffer.byteLength(body);
  let __rst49 = String;
  let __rst50 = process.pid;
  let __rst48 = __rst49(__rst50);
  if (__rsS[1] !== 0) return __rsM.s(27, [res, status, body, headers, __rst46, __rst47], this, undefined, undefined, new.target);
  let __rst51 = {
    'content-type': 'application/json',
    'content-length': __rst47,
    'x-version': '3',
    'x-worker': __rst48,
    ...headers
  };
  if (typeof __rst46 !== "function") {
    __rsR.notCallable("res.writeHead");
  }
  __rst46.call(res, status, __rst51);
  if (__rsS[1] !== 0) return __rsM.s(28, [res,, body], this, undefined, undefined, new.target);
  res.end(body);
  if (__rsS[1] !== 0) return __rsM.s(29, [], this, undefined, undefined, new.target);
}
function __rsRestore0(__rsRec) {
  var __rsL = __rsRec.l,
    __rsT = __rsRec.cp,
    __rsMode = true,
    __rsSelf = __rsRec.s,
    __rsEnv = __rsRec.e,
    __rsArgs = __rsRec.a,
    __rsNT = __rsRec.n,
    __rsQ;
  var port = __rsL[0],
    host = __rsL[1],
    capacity = __rsL[2];
  if (!__rsMode && __rsM.o !== 0 && __rsM.up(3, 1)) return __rsM.z(3, [port, host, capacity], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  if (__rsMode && __rsT === 3) {
    __rsMode = false;
    __rsM.d();
  }
  let __rst0 = __rsMode ? __rsT === 0 ? (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsL[3] : (0, __rsI1.createCache)(capacity);
  if (__rsS[1] !== 0) return __rsM.z(0, [port, host], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  if (!__rsMode) {
    cache = __rst0;
  }
  let __rst1 = __rsMode ? __rsT === 1 ? (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsL[4] : __rsI0["default"].createServer(handle);
  if (__rsS[1] !== 0) return __rsM.z(1, [port, host], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  if (!__rsMode) {
    server = __rst1;
  }
  __rsMode ? __rsT === 2 && (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : server.listen(port, host);
  if (__rsS[1] !== 0) return __rsM.z(2, [], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  if (!__rsMode) {
    return __rsR.made(server, __rsSelf, __rsNT);
  }
  return __rsR.made(void 0, __rsSelf, __rsNT);
}
function __rsRestore1(__rsRec) {
  var __rsL = __rsRec.l,
    __rsT = __rsRec.cp,
    __rsMode = true,
    __rsSelf = __rsRec.s,
    __rsEnv = __rsRec.e,
    __rsArgs = __rsRec.a,
    __rsNT = __rsRec.n,
    __rsQ;
  var req = __rsL[0],
    res = __rsL[1];
  if (!__rsMode && __rsM.o !== 0 && __rsM.up(14, 1)) return __rsM.z(14, [req, res], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  if (__rsMode && __rsT === 14) {
    __rsMode = false;
    __rsM.d();
  }
  if (!__rsMode) {
    stats.requests++;
  }
  const q = __rsMode ? __rsL[2] : req.url.indexOf('?');
  const path = __rsMode ? __rsL[3] : q < 0 ? req.url : req.url.slice(0, q);
  let __rst2 = __rsMode ? __rsL[4] : void 0;
  if (!__rsMode || __rsT === 4) {
    if (__rsMode ? __rsT === 4 : req.method === 'GET') {
      let __rst3 = __rsMode ? __rsT === 4 ? (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsL[5] : ITEM.exec(path);
      if (__rsS[1] !== 0) return __rsM.z(4, [req, res,, path], __rsSelf, __rsEnv, __rsArgs, __rsNT);
      if (!__rsMode) {
        __rst2 = __rst3;
      }
    } else {
      if (!__rsMode) {
        __rst2 = null;
      }
    }
  }
  const item = __rsMode ? __rsL[6] : __rst2;
  if (!__rsMode || __rsT >= 5 && __rsT <= 13) {
    if (__rsMode ? __rsT >= 5 && __rsT <= 6 : item) {
      let __rst4 = __rsMode ? __rsL[7] : serveItem;
      let __rst6 = __rsMode ? __rsL[8] : Number;
      let __rst7 = __rsMode ? __rsL[9] : item[1];
      let __rst5 = __rsMode ? __rsT === 5 ? (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsL[10] : __rst6(__rst7);
      if (__rsS[1] !== 0) return __rsM.z(5, [req, res,,,,,, __rst4], __rsSelf, __rsEnv, __rsArgs, __rsNT);
      __rsMode ? __rsT === 6 && (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rst4(req, res, __rst5);
      if (__rsS[1] !== 0) return __rsM.z(6, [], __rsSelf, __rsEnv, __rsArgs, __rsNT);
    } else {
      if (!__rsMode || __rsT >= 7 && __rsT <= 13) {
        if (__rsMode ? __rsT >= 7 && __rsT <= 9 : req.method === 'GET' && path === '/stats') {
          let __rst8 = __rsMode ? __rsL[11] : send;
          let __rst10 = __rsMode ? __rsL[12] : JSON;
          let __rst11 = __rsMode ? __rsL[13] : __rst10.stringify;
          let __rst12 = __rsMode ? __rsT === 7 ? (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsL[14] : statsOf();
          if (__rsS[1] !== 0) return __rsM.z(7, [, res,,,,,,,,,, __rst8, __rst10, __rst11], __rsSelf, __rsEnv, __rsArgs, __rsNT);
          if (!__rsMode) {
            if (typeof __rst11 !== "function") {
              __rsR.notCallable("JSON.stringify");
            }
          }
          let __rst9 = __rsMode ? __rsT === 8 ? (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsL[15] : __rst11.call(__rst10, __rst12);
          if (__rsS[1] !== 0) return __rsM.z(8, [, res,,,,,,,,,, __rst8], __rsSelf, __rsEnv, __rsArgs, __rsNT);
          __rsMode ? __rsT === 9 && (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rst8(res, 200, __rst9);
          if (__rsS[1] !== 0) return __rsM.z(9, [], __rsSelf, __rsEnv, __rsArgs, __rsNT);
        } else {
          if (!__rsMode || __rsT >= 10 && __rsT <= 13) {
            if (__rsMode ? __rsT >= 10 && __rsT <= 11 : req.method === 'GET' && path === '/version') {
              let __rst13 = __rsMode ? __rsL[16] : send;
              let __rst15 = __rsMode ? __rsL[17] : JSON;
              let __rst16 = __rsMode ? __rsL[18] : __rst15.stringify;
              let __rst17 = __rsMode ? __rsL[19] : {
                version: 3,
                pid: process.pid
              };
              if (!__rsMode) {
                if (typeof __rst16 !== "function") {
                  __rsR.notCallable("JSON.stringify");
                }
              }
              let __rst14 = __rsMode ? __rsT === 10 ? (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsL[20] : __rst16.call(__rst15, __rst17);
              if (__rsS[1] !== 0) return __rsM.z(10, [, res,,,,,,,,,,,,,,, __rst13], __rsSelf, __rsEnv, __rsArgs, __rsNT);
              __rsMode ? __rsT === 11 && (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rst13(res, 200, __rst14);
              if (__rsS[1] !== 0) return __rsM.z(11, [], __rsSelf, __rsEnv, __rsArgs, __rsNT);
            } else {
              let __rst18 = __rsMode ? __rsL[21] : send;
              let __rst20 = __rsMode ? __rsL[22] : JSON;
              let __rst21 = __rsMode ? __rsL[23] : __rst20.stringify;
              let __rst22 = __rsMode ? __rsL[24] : {
                error: 'not found'
              };
              if (!__rsMode) {
                if (typeof __rst21 !== "function") {
                  __rsR.notCallable("JSON.stringify");
                }
              }
              let __rst19 = __rsMode ? __rsT === 12 ? (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsL[25] : __rst21.call(__rst20, __rst22);
              if (__rsS[1] !== 0) return __rsM.z(12, [, res,,,,,,,,,,,,,,,,,,,, __rst18], __rsSelf, __rsEnv, __rsArgs, __rsNT);
              __rsMode ? __rsT === 13 && (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rst18(res, 404, __rst19);
              if (__rsS[1] !== 0) return __rsM.z(13, [], __rsSelf, __rsEnv, __rsArgs, __rsNT);
            }
          }
        }
      }
    }
  }
  return __rsR.made(void 0, __rsSelf, __rsNT);
}
function __rsRestore2(__rsRec) {
  var __rsL = __rsRec.l,
    __rsT = __rsRec.cp,
    __rsMode = true,
    __rsSelf = __rsRec.s,
    __rsEnv = __rsRec.e,
    __rsArgs = __rsRec.a,
    __rsNT = __rsRec.n,
    __rsQ;
  var req = __rsL[0],
    res = __rsL[1],
    n = __rsL[2];
  if (!__rsMode && __rsM.o !== 0 && __rsM.up(23, 1)) return __rsM.z(23, [req, res, n], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  if (__rsMode && __rsT === 23) {
    __rsMode = false;
    __rsM.d();
  }
  let __rst23 = __rsMode ? __rsT === 15 ? (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsL[3] : (0, __rsI1.cacheGet)(cache, n);
  if (__rsS[1] !== 0) return __rsM.z(15, [req, res, n], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  let entry = __rsMode ? __rsL[4] : __rst23;
  if (!__rsMode || __rsT >= 16 && __rsT <= 20) {
    if (__rsMode ? __rsT >= 16 && __rsT <= 20 : entry === undefined) {
      if (!__rsMode) {
        stats.misses++;
      }
      let __rst24 = __rsMode ? __rsT === 16 ? (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsL[5] : performance.now();
      if (__rsS[1] !== 0) return __rsM.z(16, [req, res, n], __rsSelf, __rsEnv, __rsArgs, __rsNT);
      const t0 = __rsMode ? __rsL[6] : __rst24;
      let __rst25 = __rsMode ? __rsT === 17 ? (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsL[7] : (0, __rsI2.renderItem)(n);
      if (__rsS[1] !== 0) return __rsM.z(17, [req, res, n,,,, t0], __rsSelf, __rsEnv, __rsArgs, __rsNT);
      const body = __rsMode ? __rsL[8] : __rst25;
      let __rst26 = __rsMode ? __rsL[9] : stats;
      let __rst27 = __rsMode ? __rsL[10] : __rst26.renderMs;
      let __rst28 = __rsMode ? __rsT === 18 ? (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsL[11] : performance.now();
      if (__rsS[1] !== 0) return __rsM.z(18, [req, res, n,,,, t0,, body, __rst26, __rst27], __rsSelf, __rsEnv, __rsArgs, __rsNT);
      if (!__rsMode) {
        __rst26.renderMs = __rst27 + (__rst28 - t0);
      }
      let __rst29 = __rsMode ? __rsT === 19 ? (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsL[12] : (0, __rsI2.etagOf)(body);
      if (__rsS[1] !== 0) return __rsM.z(19, [req, res, n,,,,,, body], __rsSelf, __rsEnv, __rsArgs, __rsNT);
      if (!__rsMode) {
        entry = {
          body,
          etag: __rst29,
          hits: 0
        };
      }
      let __rst30 = __rsMode ? __rsL[13] : stats;
      let __rst31 = __rsMode ? __rsL[14] : __rst30.evictions;
      let __rst32 = __rsMode ? __rsT === 20 ? (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsL[15] : (0, __rsI1.cacheSet)(cache, n, entry);
      if (__rsS[1] !== 0) return __rsM.z(20, [req, res,,, entry,,,,,,,,, __rst30, __rst31], __rsSelf, __rsEnv, __rsArgs, __rsNT);
      if (!__rsMode) {
        __rst30.evictions = __rst31 + __rst32;
      }
    } else {
      if (!__rsMode) {
        stats.hits++;
      }
      if (!__rsMode) {
        entry.hits++;
      }
    }
  }
  if (!__rsMode || __rsT >= 21 && __rsT <= 22) {
    if (__rsMode ? __rsT === 21 : req.headers['if-none-match'] === entry.etag) {
      if (!__rsMode) {
        stats.notModified++;
      }
      let __rst33 = __rsMode ? __rsL[16] : send;
      let __rst34 = __rsMode ? __rsL[17] : {
        etag: entry.etag
      };
      __rsMode ? __rsT === 21 && (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rst33(res, 304, '', __rst34);
      if (__rsS[1] !== 0) return __rsM.z(21, [], __rsSelf, __rsEnv, __rsArgs, __rsNT);
    } else {
      let __rst35 = __rsMode ? __rsL[18] : send;
      let __rst36 = __rsMode ? __rsL[19] : entry.body;
      let __rst37 = __rsMode ? __rsL[20] : {
        etag: entry.etag
      };
      __rsMode ? __rsT === 22 && (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rst35(res, 200, __rst36, __rst37);
      if (__rsS[1] !== 0) return __rsM.z(22, [], __rsSelf, __rsEnv, __rsArgs, __rsNT);
    }
  }
  return __rsR.made(void 0, __rsSelf, __rsNT);
}
function __rsRestore3(__rsRec) {
  var __rsL = __rsRec.l,
    __rsT = __rsRec.cp,
    __rsMode = true,
    __rsSelf = __rsRec.s,
    __rsEnv = __rsRec.e,
    __rsArgs = __rsRec.a,
    __rsNT = __rsRec.n,
    __rsQ;
  let __rsx = false;
  if (!__rsMode && __rsM.o !== 0 && __rsM.up(26, 1)) return __rsM.z(26, [], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  if (__rsMode && __rsT === 26) {
    __rsMode = false;
    __rsM.d();
  }
  let hottest = __rsMode ? __rsL[0] : null;
  let __rst38 = __rsMode ? __rsL[1] : cache.map;
  let __rst39 = __rsMode ? __rsL[2] : __rsR.array(__rst38);
  let __rst40 = __rsMode ? __rsL[3] : __rst39 !== null ? null : __rsR.iter(__rst38);
  let __rst41 = __rsMode ? __rsL[4] : 0;
  let __rst42 = __rsMode ? __rsL[5] : 1;
  if (!__rsMode || __rsT >= 24 && __rsT <= 25) {
    try {
      if (!__rsMode || __rsT >= 24 && __rsT <= 25) {
        for (;;) {
          if (!__rsMode) {
            __rst42 = 1;
          }
          let __rst_value44 = __rsMode ? __rsL[6] : void 0;
          if (!__rsMode || __rsT === 24) {
            if (__rsMode ? false : __rst39 !== null) {
              if (!__rsMode) {
                if (__rst41 >= __rst39.length) {
                  break;
                }
              }
              if (!__rsMode) {
                __rst_value44 = __rst39[__rst41];
              }
              if (!__rsMode) {
                __rst41++;
              }
            } else {
              let __rst_step43 = __rsMode ? __rsT === 24 ? (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsL[7] : __rst40.next();
              if (__rsS[1] !== 0) return __rsx = true, __rsM.z(24, [hottest,, __rst39, __rst40, __rst41, __rst42], __rsSelf, __rsEnv, __rsArgs, __rsNT);
              if (!__rsMode) {
                if (__rst_step43 === null || typeof __rst_step43 !== "object" && typeof __rst_step43 !== "function") {
                  __rsR.notResult(__rst_step43);
                }
              }
              if (!__rsMode) {
                if (__rst_step43.done) {
                  break;
                }
              }
              if (!__rsMode) {
                __rst_value44 = __rst_step43.value;
              }
            }
          }
          if (!__rsMode) {
            __rst42 = 0;
          }
          let id = __rsMode ? __rsL[8] : void 0,
            entry = __rsMode ? __rsL[9] : void 0;
          if (!__rsMode) {
            [id, entry] = __rst_value44;
          }
          if (!__rsMode && __rsS[0] !== 0 && __rsM.up(25)) return __rsx = true, __rsM.z(25, [hottest,, __rst39, __rst40, __rst41, __rst42,,, id, entry], __rsSelf, __rsEnv, __rsArgs, __rsNT);
          if (__rsMode && __rsT === 25) {
            __rsMode = false;
            __rsM.d();
          }
          if (!__rsMode) {
            if (hottest === null || entry.hits > hottest.hits) {
              hottest = {
                id,
                hits: entry.hits
              };
            }
          }
        }
      }
    } catch (__rsEx) {
      let __rst_err45 = __rsMode ? __rsL[10] : __rsEx;
      if (!__rsMode) {
        if (__rsx) throw __rst_err45;
      }
      if (!__rsMode) {
        if (__rst42 === 0 && __rst40 !== null) {
          __rsR.closeAfterThrow(__rst40);
        }
      }
      if (!__rsMode) {
        __rst42 = 1;
      }
      if (!__rsMode) {
        throw __rst_err45;
      }
    } finally {
      if (!__rsMode) {
        if (__rsS[1] === 0 && !__rsx) {
          if (__rst42 === 0 && __rst40 !== null) {
            __rsR.close(__rst40);
          }
        }
      }
    }
  }
  if (!__rsMode) {
    return __rsR.made({
      version: 3,
      pid: process.pid,
      ...stats,
      renderMs: Math.round(stats.renderMs * 1000) / 1000,
      size: cache.map.size,
      capacity: cache.capacity,
      hottest
    }, __rsSelf, __rsNT);
  }
  return __rsR.made(void 0, __rsSelf, __rsNT);
}
function __rsRestore4(__rsRec) {
  var __rsL = __rsRec.l,
    __rsT = __rsRec.cp,
    __rsMode = true,
    __rsSelf = __rsRec.s,
    __rsEnv = __rsRec.e,
    __rsArgs = __rsRec.a,
    __rsNT = __rsRec.n,
    __rsQ;
  var res = __rsL[0],
    status = __rsL[1],
    body = __rsL[2],
    headers = __rsL[3];
  if (!__rsMode && __rsM.o !== 0 && __rsM.up(30, 1)) return __rsM.z(30, [res, status, body, headers], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  if (__rsMode && __rsT === 30) {
    __rsMode = false;
    __rsM.d();
  }
  let __rst46 = __rsMode ? __rsL[4] : res.writeHead;
  let __rst47 = __rsMode ? __rsL[5] : Buffer.byteLength(body);
  let __rst49 = __rsMode ? __rsL[6] : String;
  let __rst50 = __rsMode ? __rsL[7] : process.pid;
  let __rst48 = __rsMode ? __rsT === 27 ? (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsL[8] : __rst49(__rst50);
  if (__rsS[1] !== 0) return __rsM.z(27, [res, status, body, headers, __rst46, __rst47], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  let __rst51 = __rsMode ? __rsL[9] : {
    'content-type': 'application/json',
    'content-length': __rst47,
    'x-version': '3',
    'x-worker': __rst48,
    ...headers
  };
  if (!__rsMode) {
    if (typeof __rst46 !== "function") {
      __rsR.notCallable("res.writeHead");
    }
  }
  __rsMode ? __rsT === 28 && (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rst46.call(res, status, __rst51);
  if (__rsS[1] !== 0) return __rsM.z(28, [res,, body], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  __rsMode ? __rsT === 29 && (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : res.end(body);
  if (__rsS[1] !== 0) return __rsM.z(29, [], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  return __rsR.made(void 0, __rsSelf, __rsNT);
}
function __rsState() {
  return {
    get "ITEM"() {
      return ITEM;
    },
    get "cache"() {
      return cache;
    },
    get "server"() {
      return server;
    },
    get "stats"() {
      return stats;
    }
  };
}
function __rsLines() { return [[40,43,46,57,68,70,77,82,84,98,100,112,114,122,127,130,135,138,147,160,168,192,242,254,256,276,281,286,317,334,336,344,351,353,370,372,386,388,415,423,426,431,436,447,470,478,527,628,642,644],[0,1,2,4,5,6,7,8,9,10,11,12,13,15,16,17,18,19,20,21,22,24,27,28,29,0,1,2,4,5,6,7,8,9,10,11,12,13,15,16,17,18,19,20,21,22,24,27,28,29],[39,41,44,47,51,58,69,71,78,83,85,99,101,113,115,121,123,128,131,136,139,148,161,169,174,193,204,237,243,255,257,271,277,282,287,304,318,335,337,345,352,354,371,373,387,389,410,416,424,427,432,437,448,471,479,494,528,552,619,629,643,645],[]]; }
