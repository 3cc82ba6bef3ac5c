"use strict";

const __rsR = globalThis[Symbol.for("restack.runtime")];
if (!__rsR) throw new Error("restack: this module was compiled by restack; run it with `restack run` (or import \"restack/runtime\" first)");
const __rsS = __rsR.S;
const __rsM = __rsR.module(__rsU.url, 1, [__rsRestore0, __rsRestore1, __rsRestore2], [0, 0, 1, 2, 2, 2, 2, 2], __rsLines, {
  id: "cache.js",
  hash: "19cdb22a0f24d2fd91ca20155c64aa329fdc1fa3d769d49bcba415687e78fad5",
  state: __rsState,
  inits: {}
});
__rsU.exports({
  get createCache() {
    return createCache;
  },
  get cacheGet() {
    return cacheGet;
  },
  get cacheSet() {
    return cacheSet;
  }
});
function createCache(capacity) {
  if (__rsM.o !== 0 && __rsM.up(1, 1)) return __rsM.s(1, [capacity], this, undefined, undefined, new.target);
  let __rst0 = new Map();
  if (__rsS[1] !== 0) return __rsM.s(0, [capacity], this, undefined, undefined, new.target);
  return {
    capacity,
    map: __rst0
  };
}
function cacheGet(cache, key) {
  if (__rsM.o !== 0 && __rsM.up(2, 1)) return __rsM.s(2, [cache, key], this, undefined, undefined, new.target);
  const value = cache.map.get(key);
  if (value !== undefined) {
    cache.map.delete(key);
    cache.map.set(key, value);
  }
  return value;
}
function cacheSet(cache, key, value) {
  if (__rsM.o !== 0 && __rsM.up(7, 1)) return __rsM.s(7, [cache, key, value], this, undefined, undefined, new.target);
  let evicted = 0;
  cache.map.delete(key);
  cache.map.set(key, value);
  while (cache.map.size > cache.capacity) {
    if (__rsS[0] !== 0 && __rsM.up(3)) return __rsM.s(3, [cache,,, evicted], this, undefined, undefined, new.target);
    let __rst1 = cache.map;
    let __rst2 = __rst1.delete;
    let __rst5 = cache.map;
    let __rst4 = __rst5.keys();
    if (__rsS[1] !== 0) return __rsM.s(4, [cache,,, evicted, __rst1, __rst2], this, undefined, undefined, new.target);
    let __rst3 = __rst4.next();
    if (__rsS[1] !== 0) return __rsM.s(5, [cache,,, evicted, __rst1, __rst2], this, undefined, undefined, new.target);
    let __rst6 = __rst3.value;
    if (typeof __rst2 !== "function") {
      __rsR.notCallable("cache.map.delete");
    }
    __rst2.call(__rst1, __rst6);
    if (__rsS[1] !== 0) return __rsM.s(6, [cache,,, evicted], this, undefined, undefined, new.target);
    evicted++;
  }
  return evicted;
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
  var capacity = __rsL[0];
  if (!__rsMode && __rsM.o !== 0 && __rsM.up(1, 1)) return __rsM.z(1, [capacity], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  if (__rsMode && __rsT === 1) {
    __rsMode = false;
    __rsM.d();
  }
  let __rst0 = __rsMode ? __rsT === 0 ? (__rsMode = false, __rsQ = __rsR.pop(), __rsR.constructed(__rsQ, __rsQ.f(__rsQ))) : __rsL[1] : new Map();
  if (__rsS[1] !== 0) return __rsM.z(0, [capacity], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  if (!__rsMode) {
    return __rsR.made({
      capacity,
      map: __rst0
    }, __rsSelf, __rsNT);
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
  var cache = __rsL[0],
    key = __rsL[1];
  if (!__rsMode && __rsM.o !== 0 && __rsM.up(2, 1)) return __rsM.z(2, [cache, key], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  if (__rsMode && __rsT === 2) {
    __rsMode = false;
    __rsM.d();
  }
  const value = __rsMode ? __rsL[2] : cache.map.get(key);
  if (!__rsMode) {
    if (value !== undefined) {
      cache.map.delete(key);
      cache.map.set(key, value);
    }
  }
  if (!__rsMode) {
    return __rsR.made(value, __rsSelf, __rsNT);
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
  var cache = __rsL[0],
    key = __rsL[1],
    value = __rsL[2];
  if (!__rsMode && __rsM.o !== 0 && __rsM.up(7, 1)) return __rsM.z(7, [cache, key, value], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  if (__rsMode && __rsT === 7) {
    __rsMode = false;
    __rsM.d();
  }
  let evicted = __rsMode ? __rsL[3] : 0;
  if (!__rsMode) {
    cache.map.delete(key);
  }
  if (!__rsMode) {
    cache.map.set(key, value);
  }
  if (!__rsMode || __rsT >= 3 && __rsT <= 6) {
    while (__rsMode || cache.map.size > cache.capacity) {
      if (!__rsMode && __rsS[0] !== 0 && __rsM.up(3)) return __rsM.z(3, [cache,,, evicted], __rsSelf, __rsEnv, __rsArgs, __rsNT);
      if (__rsMode && __rsT === 3) {
        __rsMode = false;
        __rsM.d();
      }
      let __rst1 = __rsMode ? __rsL[4] : cache.map;
      let __rst2 = __rsMode ? __rsL[5] : __rst1.delete;
      let __rst5 = __rsMode ? __rsL[6] : cache.map;
      let __rst4 = __rsMode ? __rsT === 4 ? (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsL[7] : __rst5.keys();
      if (__rsS[1] !== 0) return __rsM.z(4, [cache,,, evicted, __rst1, __rst2], __rsSelf, __rsEnv, __rsArgs, __rsNT);
      let __rst3 = __rsMode ? __rsT === 5 ? (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsL[8] : __rst4.next();
      if (__rsS[1] !== 0) return __rsM.z(5, [cache,,, evicted, __rst1, __rst2], __rsSelf, __rsEnv, __rsArgs, __rsNT);
      let __rst6 = __rsMode ? __rsL[9] : __rst3.value;
      if (!__rsMode) {
        if (typeof __rst2 !== "function") {
          __rsR.notCallable("cache.map.delete");
        }
      }
      __rsMode ? __rsT === 6 && (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rst2.call(__rst1, __rst6);
      if (__rsS[1] !== 0) return __rsM.z(6, [cache,,, evicted], __rsSelf, __rsEnv, __rsArgs, __rsNT);
      if (!__rsMode) {
        evicted++;
      }
    }
  }
  if (!__rsMode) {
    return __rsR.made(evicted, __rsSelf, __rsNT);
  }
  return __rsR.made(void 0, __rsSelf, __rsNT);
}
function __rsState() {
  return {};
}
function __rsLines() { return [[25,51,53,59,80,152,154,162],[0,4,5,6,0,4,5,6],[24,26,33,42,47,52,54,60,75,81,101,130,144,153,155,163],[]]; }
