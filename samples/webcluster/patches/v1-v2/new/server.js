"use strict";

const __rsR = globalThis[Symbol.for("restack.runtime")];
if (!__rsR) throw new Error("restack: this module was compiled by restack; run it with `restack run` (or import \"restack/runtime\" first)");
const __rsS = __rsR.S;
const __rsM = __rsR.module(__rsU.url, 1, [__rsRestore0, __rsRestore1, __rsRestore2, __rsRestore3, __rsRestore4], [0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 4, 4, 4, 4], __rsLines, {
  id: "server.js",
  hash: "2da87854bb415021aa3ed7581933706e4d2cabe440a409e207c00d38dcbd6f43",
  state: __rsState,
  inits: {
    ITEM: "846daa1ef8063d09"
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
let requests = __rsU.carry("requests", () => 0);
let hits = __rsU.carry("hits", () => 0);
let misses = __rsU.carry("misses", () => 0);
let notModified = __rsU.carry("notModified", () => 0);
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
  requests++;
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
          version: 2,
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
  if (__rsM.o !== 0 && __rsM.up(21, 1)) return __rsM.s(21, [req, res, n], this, undefined, undefined, new.target);
  let __rst23 = (0, __rsI1.cacheGet)(cache, n);
  if (__rsS[1] !== 0) return __rsM.s(15, [req, res, n], this, undefined, undefined, new.target);
  let entry = __rst23;
  if (entry === undefined) {
    misses++;
    let __rst24 = (0, __rsI2.renderItem)(n);
    if (__rsS[1] !== 0) return __rsM.s(16, [req, res, n], this, undefined, undefined, new.target);
    const body = __rst24;
    let __rst25 = (0, __rsI2.etagOf)(body);
    if (__rsS[1] !== 0) return __rsM.s(17, [req, res, n,,,, body], this, undefined, undefined, new.target);
    entry = {
      body,
      etag: __rst25,
      hits: 0
    };
    (0, __rsI1.cacheSet)(cache, n, entry);
    if (__rsS[1] !== 0) return __rsM.s(18, [req, res,,, entry], this, undefined, undefined, new.target);
  } else {
    hits++;
    entry.hits++;
  }
  if (req.headers['if-none-match'] === entry.etag) {
    notModified++;
    let __rst26 = send;
    let __rst27 = {
      etag: entry.etag
    };
    __rst26(res, 304, '', __rst27);
    if (__rsS[1] !== 0) return __rsM.s(19, [], this, undefined, undefined, new.target);
  } else {
    let __rst28 = send;
    let __rst29 = entry.body;
    let __rst30 = {
      etag: entry.etag
    };
    __rst28(res, 200, __rst29, __rst30);
    if (__rsS[1] !== 0) return __rsM.s(20, [], this, undefined, undefined, new.target);
  }
}
function statsOf() {
  let __rsx = false;
  if (__rsM.o !== 0 && __rsM.up(24, 1)) return __rsM.s(24, [], this, undefined, undefined, new.target);
  let hottest = null;
  let __rst31 = cache.map;
  let __rst32 = __rsR.array(__rst31);
  let __rst33 = __rst32 !== null ? null : __rsR.iter(__rst31);
  let __rst34 = 0;
  let __rst35 = 1;
  try {
    for (;;) {
      __rst35 = 1;
      let __rst_value37;
      if (__rst32 !== null) {
        if (__rst34 >= __rst32.length) {
          break;
        }
        __rst_value37 = __rst32[__rst34];
        __rst34++;
      } else {
        let __rst_step36 = __rst33.next();
        if (__rsS[1] !== 0) return __rsx = true, __rsM.s(22, [hottest,, __rst32, __rst33, __rst34, __rst35], this, undefined, undefined, new.target);
        if (__rst_step36 === null || typeof __rst_step36 !== "object" && typeof __rst_step36 !== "function") {
          __rsR.notResult(__rst_step36);
        }
        if (__rst_step36.done) {
          break;
        }
        __rst_value37 = __rst_step36.value;
      }
      __rst35 = 0;
      const [id, entry] = __rst_value37;
      if (__rsS[0] !== 0 && __rsM.up(23)) return __rsx = true, __rsM.s(23, [hottest,, __rst32, __rst33, __rst34, __rst35,,, id, entry], this, undefined, undefined, new.target);
      if (hottest === null || entry.hits > hottest.hits) {
        hottest = {
          id,
          hits: entry.hits
        };
      }
    }
  } catch (__rst_err38) {
    if (__rsx) throw __rst_err38;
    if (__rst35 === 0 && __rst33 !== null) {
      __rsR.closeAfterThrow(__rst33);
    }
    __rst35 = 1;
    throw __rst_err38;
  } finally {
    if (__rsS[1] === 0 && !__rsx) {
      if (__rst35 === 0 && __rst33 !== null) {
        __rsR.close(__rst33);
      }
    }
  }
  return {
    version: 2,
    pid: process.pid,
    requests,
    hits,
    misses,
    notModified,
    evictions: cache.evictions,
    size: cache.map.size,
    capacity: cache.capacity,
    hottest
  };
}
function send(res, status, body, headers = {}) {
  if (__rsM.o !== 0 && __rsM.up(28, 1)) return __rsM.s(28, [res, status, body, headers], this, undefined, undefined, new.target);
  let __rst39 = res.writeHead;
  let __rst40 = Buffer.byteLength(body);
  let __rst42 = String;
  let __rst43 = process.pid;
  let __rst41 = __rst42(__rst43);
  if (__rsS[1] !== 0) return __rsM.s(25, [res, status, body, headers, __rst39, __rst40], this, undefined, undefined, new.target);
  let __rst44 = {
    'content-type': 'application/json',
    'content-length': __rst40,
    'x-version': '2',
    'x-worker': __rst41,
    ...headers
  };
  if (typeof __rst39 !== "function") {
    __rsR.notCallable("res.writeHead");
  }
  __rst39.call(res, status, __rst44);
  if (__rsS[1] !== 0) return __rsM.s(26, [res,, body], this, undefined, undefined, new.target);
  res.end(body);
  if (__rsS[1] !== 0) return __rsM.s(27, [], this, undefined, undefined, new.target);
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
    requests++;
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
                version: 2,
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
  if (!__rsMode && __rsM.o !== 0 && __rsM.up(21, 1)) return __rsM.z(21, [req, res, n], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  if (__rsMode && __rsT === 21) {
    __rsMode = false;
    __rsM.d();
  }
  let __rst23 = __rsMode ? __rsT === 15 ? (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsL[3] : (0, __rsI1.cacheGet)(cache, n);
  if (__rsS[1] !== 0) return __rsM.z(15, [req, res, n], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  let entry = __rsMode ? __rsL[4] : __rst23;
  if (!__rsMode || __rsT >= 16 && __rsT <= 18) {
    if (__rsMode ? __rsT >= 16 && __rsT <= 18 : entry === undefined) {
      if (!__rsMode) {
        misses++;
      }
      let __rst24 = __rsMode ? __rsT === 16 ? (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsL[5] : (0, __rsI2.renderItem)(n);
      if (__rsS[1] !== 0) return __rsM.z(16, [req, res, n], __rsSelf, __rsEnv, __rsArgs, __rsNT);
      const body = __rsMode ? __rsL[6] : __rst24;
      let __rst25 = __rsMode ? __rsT === 17 ? (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsL[7] : (0, __rsI2.etagOf)(body);
      if (__rsS[1] !== 0) return __rsM.z(17, [req, res, n,,,, body], __rsSelf, __rsEnv, __rsArgs, __rsNT);
      if (!__rsMode) {
        entry = {
          body,
          etag: __rst25,
          hits: 0
        };
      }
      __rsMode ? __rsT === 18 && (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : (0, __rsI1.cacheSet)(cache, n, entry);
      if (__rsS[1] !== 0) return __rsM.z(18, [req, res,,, entry], __rsSelf, __rsEnv, __rsArgs, __rsNT);
    } else {
      if (!__rsMode) {
        hits++;
      }
      if (!__rsMode) {
        entry.hits++;
      }
    }
  }
  if (!__rsMode || __rsT >= 19 && __rsT <= 20) {
    if (__rsMode ? __rsT === 19 : req.headers['if-none-match'] === entry.etag) {
      if (!__rsMode) {
        notModified++;
      }
      let __rst26 = __rsMode ? __rsL[8] : send;
      let __rst27 = __rsMode ? __rsL[9] : {
        etag: entry.etag
      };
      __rsMode ? __rsT === 19 && (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rst26(res, 304, '', __rst27);
      if (__rsS[1] !== 0) return __rsM.z(19, [], __rsSelf, __rsEnv, __rsArgs, __rsNT);
    } else {
      let __rst28 = __rsMode ? __rsL[10] : send;
      let __rst29 = __rsMode ? __rsL[11] : entry.body;
      let __rst30 = __rsMode ? __rsL[12] : {
        etag: entry.etag
      };
      __rsMode ? __rsT === 20 && (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rst28(res, 200, __rst29, __rst30);
      if (__rsS[1] !== 0) return __rsM.z(20, [], __rsSelf, __rsEnv, __rsArgs, __rsNT);
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
  if (!__rsMode && __rsM.o !== 0 && __rsM.up(24, 1)) return __rsM.z(24, [], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  if (__rsMode && __rsT === 24) {
    __rsMode = false;
    __rsM.d();
  }
  let hottest = __rsMode ? __rsL[0] : null;
  let __rst31 = __rsMode ? __rsL[1] : cache.map;
  let __rst32 = __rsMode ? __rsL[2] : __rsR.array(__rst31);
  let __rst33 = __rsMode ? __rsL[3] : __rst32 !== null ? null : __rsR.iter(__rst31);
  let __rst34 = __rsMode ? __rsL[4] : 0;
  let __rst35 = __rsMode ? __rsL[5] : 1;
  if (!__rsMode || __rsT >= 22 && __rsT <= 23) {
    try {
      if (!__rsMode || __rsT >= 22 && __rsT <= 23) {
        for (;;) {
          if (!__rsMode) {
            __rst35 = 1;
          }
          let __rst_value37 = __rsMode ? __rsL[6] : void 0;
          if (!__rsMode || __rsT === 22) {
            if (__rsMode ? false : __rst32 !== null) {
              if (!__rsMode) {
                if (__rst34 >= __rst32.length) {
                  break;
                }
              }
              if (!__rsMode) {
                __rst_value37 = __rst32[__rst34];
              }
              if (!__rsMode) {
                __rst34++;
              }
            } else {
              let __rst_step36 = __rsMode ? __rsT === 22 ? (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsL[7] : __rst33.next();
              if (__rsS[1] !== 0) return __rsx = true, __rsM.z(22, [hottest,, __rst32, __rst33, __rst34, __rst35], __rsSelf, __rsEnv, __rsArgs, __rsNT);
              if (!__rsMode) {
                if (__rst_step36 === null || typeof __rst_step36 !== "object" && typeof __rst_step36 !== "function") {
                  __rsR.notResult(__rst_step36);
                }
              }
              if (!__rsMode) {
                if (__rst_step36.done) {
                  break;
                }
              }
              if (!__rsMode) {
                __rst_value37 = __rst_step36.value;
              }
            }
          }
          if (!__rsMode) {
            __rst35 = 0;
          }
          let id = __rsMode ? __rsL[8] : void 0,
            entry = __rsMode ? __rsL[9] : void 0;
          if (!__rsMode) {
            [id, entry] = __rst_value37;
          }
          if (!__rsMode && __rsS[0] !== 0 && __rsM.up(23)) return __rsx = true, __rsM.z(23, [hottest,, __rst32, __rst33, __rst34, __rst35,,, id, entry], __rsSelf, __rsEnv, __rsArgs, __rsNT);
          if (__rsMode && __rsT === 23) {
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
      let __rst_err38 = __rsMode ? __rsL[10] : __rsEx;
      if (!__rsMode) {
        if (__rsx) throw __rst_err38;
      }
      if (!__rsMode) {
        if (__rst35 === 0 && __rst33 !== null) {
          __rsR.closeAfterThrow(__rst33);
        }
      }
      if (!__rsMode) {
        __rst35 = 1;
      }
      if (!__rsMode) {
        throw __rst_err38;
      }
    } finally {
      if (!__rsMode) {
        if (__rsS[1] === 0 && !__rsx) {
          if (__rst35 === 0 && __rst33 !== null) {
            __rsR.close(__rst33);
          }
        }
      }
    }
  }
  if (!__rsMode) {
    return __rsR.made({
      version: 2,
      pid: process.pid,
      requests,
      hits,
      misses,
      notModified,
      evictions: cache.evictions,
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
  if (!__rsMode && __rsM.o !== 0 && __rsM.up(28, 1)) return __rsM.z(28, [res, status, body, headers], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  if (__rsMode && __rsT === 28) {
    __rsMode = false;
    __rsM.d();
  }
  let __rst39 = __rsMode ? __rsL[4] : res.writeHead;
  let __rst40 = __rsMode ? __rsL[5] : Buffer.byteLength(body);
  let __rst42 = __rsMode ? __rsL[6] : String;
  let __rst43 = __rsMode ? __rsL[7] : process.pid;
  let __rst41 = __rsMode ? __rsT === 25 ? (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsL[8] : __rst42(__rst43);
  if (__rsS[1] !== 0) return __rsM.z(25, [res, status, body, headers, __rst39, __rst40], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  let __rst44 = __rsMode ? __rsL[9] : {
    'content-type': 'application/json',
    'content-length': __rst40,
    'x-version': '2',
    'x-worker': __rst41,
    ...headers
  };
  if (!__rsMode) {
    if (typeof __rst39 !== "function") {
      __rsR.notCallable("res.writeHead");
    }
  }
  __rsMode ? __rsT === 26 && (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rst39.call(res, status, __rst44);
  if (__rsS[1] !== 0) return __rsM.z(26, [res,, body], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  __rsMode ? __rsT === 27 && (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : res.end(body);
  if (__rsS[1] !== 0) return __rsM.z(27, [], __rsSelf, __rsEnv, __rsArgs, __rsNT);
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
    get "requests"() {
      return requests;
    },
    get "hits"() {
      return hits;
    },
    get "misses"() {
      return misses;
    },
    get "notModified"() {
      return notModified;
    }
  };
}
function __rsLines() { return [[35,38,41,52,63,65,72,77,79,93,95,107,109,117,122,125,132,144,152,176,229,241,243,263,268,273,304,321,323,331,338,340,357,359,373,375,402,410,413,422,442,450,499,603,617,619],[0,1,2,4,5,6,7,8,9,10,11,12,13,15,16,17,18,19,20,22,25,26,27,0,1,2,4,5,6,7,8,9,10,11,12,13,15,16,17,18,19,20,22,25,26,27],[34,36,39,42,46,53,64,66,73,78,80,94,96,108,110,116,118,123,126,133,145,153,158,177,188,224,230,242,244,258,264,269,274,291,305,322,324,332,339,341,358,360,374,376,397,403,411,414,423,443,451,466,500,524,594,604,618,620],[]]; }
