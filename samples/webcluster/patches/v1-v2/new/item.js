"use strict";

const __rsR = globalThis[Symbol.for("restack.runtime")];
if (!__rsR) throw new Error("restack: this module was compiled by restack; run it with `restack run` (or import \"restack/runtime\" first)");
const __rsS = __rsR.S;
const __rsM = __rsR.module(__rsU.url, 1, [__rsRestore0, __rsRestore1, __rsRestore2, __rsRestore3], [0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3], __rsLines, {
  id: "item.js",
  hash: "1c3cb76a3fdb945d023f55b6de47e1b39230f5aa3d343da81773844cd1cc43fa",
  state: __rsState,
  inits: {
    ADJECTIVES: "b0c04cb66aa7af60",
    NOUNS: "1021fceef711da43",
    TAGS: "6dd8c2d9afdae99a",
    ROUNDS: "d55d01d0341ed0ba"
  }
});
__rsU.exports({
  get renderItem() {
    return renderItem;
  },
  get etagOf() {
    return etagOf;
  }
});
const ADJECTIVES = __rsU.carry("ADJECTIVES", () => ['amber', 'brisk', 'copper', 'dusky', 'eager', 'frosty', 'gentle', 'hollow', 'ivory', 'jolly', 'keen', 'lunar', 'mellow', 'nimble', 'olive', 'plain']);
const NOUNS = __rsU.carry("NOUNS", () => ['anchor', 'bucket', 'candle', 'drum', 'easel', 'flute', 'globe', 'hammock', 'inkwell', 'jug', 'kettle', 'lantern', 'mirror', 'needle', 'oar', 'pulley']);
const TAGS = __rsU.carry("TAGS", () => ['garden', 'kitchen', 'office', 'outdoor', 'vintage', 'handmade', 'gift', 'travel', 'kids', 'sale', 'new', 'bulk']);
const ROUNDS = __rsU.carry("ROUNDS", () => 60000);
function nextRandom(rng) {
  if (__rsM.o !== 0 && __rsM.up(2, 1)) return __rsM.s(2, [rng], this, undefined, undefined, new.target);
  rng.state = rng.state + 0x6d2b79f5 >>> 0;
  let z = rng.state;
  let __rst1 = Math;
  let __rst2 = __rst1.imul;
  let __rst3 = z ^ z >>> 15;
  let __rst4 = z | 1;
  if (typeof __rst2 !== "function") {
    __rsR.notCallable("Math.imul");
  }
  let __rst0 = __rst2.call(__rst1, __rst3, __rst4);
  if (__rsS[1] !== 0) return __rsM.s(0, [], this, undefined, undefined, new.target);
  z = __rst0;
  let __rst5 = z;
  let __rst6 = z;
  let __rst8 = Math;
  let __rst9 = __rst8.imul;
  let __rst10 = z ^ z >>> 7;
  let __rst11 = z | 61;
  if (typeof __rst9 !== "function") {
    __rsR.notCallable("Math.imul");
  }
  let __rst7 = __rst9.call(__rst8, __rst10, __rst11);
  if (__rsS[1] !== 0) return __rsM.s(1, [,,,,,,, __rst5, __rst6], this, undefined, undefined, new.target);
  z = __rst5 ^ __rst6 + __rst7;
  return ((z ^ z >>> 14) >>> 0) / 4294967296;
}
function pick(rng, list) {
  if (__rsM.o !== 0 && __rsM.up(5, 1)) return __rsM.s(5, [rng, list], this, undefined, undefined, new.target);
  let __rst13 = Math;
  let __rst14 = __rst13.floor;
  let __rst15 = nextRandom(rng);
  if (__rsS[1] !== 0) return __rsM.s(3, [, list, __rst13, __rst14], this, undefined, undefined, new.target);
  let __rst16 = __rst15 * list.length;
  if (typeof __rst14 !== "function") {
    __rsR.notCallable("Math.floor");
  }
  let __rst12 = __rst14.call(__rst13, __rst16);
  if (__rsS[1] !== 0) return __rsM.s(4, [, list], this, undefined, undefined, new.target);
  return list[__rst12];
}
function renderItem(n) {
  if (__rsM.o !== 0 && __rsM.up(15, 1)) return __rsM.s(15, [n], this, undefined, undefined, new.target);
  let __rst18 = Math;
  let __rst19 = __rst18.imul;
  let __rst20 = n + 1;
  if (typeof __rst19 !== "function") {
    __rsR.notCallable("Math.imul");
  }
  let __rst17 = __rst19.call(__rst18, __rst20, 0x9e3779b9);
  if (__rsS[1] !== 0) return __rsM.s(6, [n], this, undefined, undefined, new.target);
  const rng = {
    state: (__rst17 ^ 0x5bd1e995) >>> 0
  };
  let __rst21 = pick(rng, ADJECTIVES);
  if (__rsS[1] !== 0) return __rsM.s(7, [n,,,,, rng], this, undefined, undefined, new.target);
  let __rst22 = pick(rng, NOUNS);
  if (__rsS[1] !== 0) return __rsM.s(8, [n,,,,, rng, __rst21], this, undefined, undefined, new.target);
  const name = `${__rst21} ${__rst22}`;
  let __rst24 = Math;
  let __rst25 = __rst24.floor;
  let __rst26 = nextRandom(rng);
  if (__rsS[1] !== 0) return __rsM.s(9, [n,,,,, rng,,, name, __rst24, __rst25], this, undefined, undefined, new.target);
  let __rst27 = __rst26 * 99901;
  if (typeof __rst25 !== "function") {
    __rsR.notCallable("Math.floor");
  }
  let __rst23 = __rst25.call(__rst24, __rst27);
  if (__rsS[1] !== 0) return __rsM.s(10, [n,,,,, rng,,, name], this, undefined, undefined, new.target);
  const price = 99 + __rst23;
  const tags = [];
  while (tags.length < 3) {
    if (__rsS[0] !== 0 && __rsM.up(11)) return __rsM.s(11, [n,,,,, rng,,, name,,,,,, price, tags], this, undefined, undefined, new.target);
    let __rst28 = pick(rng, TAGS);
    if (__rsS[1] !== 0) return __rsM.s(12, [n,,,,, rng,,, name,,,,,, price, tags], this, undefined, undefined, new.target);
    const tag = __rst28;
    if (!tags.includes(tag)) {
      tags.push(tag);
    }
  }
  let h = rng.state ^ n | 1;
  for (let i = 0; i < ROUNDS; i++) {
    if (__rsS[0] !== 0 && __rsM.up(13)) return __rsM.s(13, [n,,,,,,,, name,,,,,, price, tags,,, h, i], this, undefined, undefined, new.target);
    h ^= h << 13;
    h ^= h >>> 17;
    h ^= h << 5;
    h ^= name.charCodeAt(i % name.length);
  }
  const digest = (h >>> 0).toString(16).padStart(8, '0');
  let __rst30 = JSON;
  let __rst31 = __rst30.stringify;
  let __rst32 = {
    id: n,
    name,
    price,
    tags,
    digest
  };
  if (typeof __rst31 !== "function") {
    __rsR.notCallable("JSON.stringify");
  }
  let __rst29 = __rst31.call(__rst30, __rst32);
  if (__rsS[1] !== 0) return __rsM.s(14, [], this, undefined, undefined, new.target);
  return __rst29;
}
function etagOf(body) {
  if (__rsM.o !== 0 && __rsM.up(17, 1)) return __rsM.s(17, [body], this, undefined, undefined, new.target);
  let h = 0x811c9dc5;
  for (let i = 0; i < body.length; i++) {
    if (__rsS[0] !== 0 && __rsM.up(16)) return __rsM.s(16, [body, h, i], this, undefined, undefined, new.target);
    h ^= body.charCodeAt(i);
    h = h + (h << 1) + (h << 4) + (h << 7) + (h << 8) + (h << 24) >>> 0;
  }
  return `"${h.toString(16).padStart(8, '0')}"`;
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
  var rng = __rsL[0];
  if (!__rsMode && __rsM.o !== 0 && __rsM.up(2, 1)) return __rsM.z(2, [rng], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  if (__rsMode && __rsT === 2) {
    __rsMode = false;
    __rsM.d();
  }
  if (!__rsMode) {
    rng.state = rng.state + 0x6d2b79f5 >>> 0;
  }
  let z = __rsMode ? __rsL[1] : rng.state;
  let __rst1 = __rsMode ? __rsL[2] : Math;
  let __rst2 = __rsMode ? __rsL[3] : __rst1.imul;
  let __rst3 = __rsMode ? __rsL[4] : z ^ z >>> 15;
  let __rst4 = __rsMode ? __rsL[5] : z | 1;
  if (!__rsMode) {
    if (typeof __rst2 !== "function") {
      __rsR.notCallable("Math.imul");
    }
  }
  let __rst0 = __rsMode ? __rsT === 0 ? (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsL[6] : __rst2.call(__rst1, __rst3, __rst4);
  if (__rsS[1] !== 0) return __rsM.z(0, [], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  if (!__rsMode) {
    z = __rst0;
  }
  let __rst5 = __rsMode ? __rsL[7] : z;
  let __rst6 = __rsMode ? __rsL[8] : z;
  let __rst8 = __rsMode ? __rsL[9] : Math;
  let __rst9 = __rsMode ? __rsL[10] : __rst8.imul;
  let __rst10 = __rsMode ? __rsL[11] : z ^ z >>> 7;
  let __rst11 = __rsMode ? __rsL[12] : z | 61;
  if (!__rsMode) {
    if (typeof __rst9 !== "function") {
      __rsR.notCallable("Math.imul");
    }
  }
  let __rst7 = __rsMode ? __rsT === 1 ? (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsL[13] : __rst9.call(__rst8, __rst10, __rst11);
  if (__rsS[1] !== 0) return __rsM.z(1, [,,,,,,, __rst5, __rst6], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  if (!__rsMode) {
    z = __rst5 ^ __rst6 + __rst7;
  }
  if (!__rsMode) {
    return __rsR.made(((z ^ z >>> 14) >>> 0) / 4294967296, __rsSelf, __rsNT);
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
  var rng = __rsL[0],
    list = __rsL[1];
  if (!__rsMode && __rsM.o !== 0 && __rsM.up(5, 1)) return __rsM.z(5, [rng, list], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  if (__rsMode && __rsT === 5) {
    __rsMode = false;
    __rsM.d();
  }
  let __rst13 = __rsMode ? __rsL[2] : Math;
  let __rst14 = __rsMode ? __rsL[3] : __rst13.floor;
  let __rst15 = __rsMode ? __rsT === 3 ? (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsL[4] : nextRandom(rng);
  if (__rsS[1] !== 0) return __rsM.z(3, [, list, __rst13, __rst14], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  let __rst16 = __rsMode ? __rsL[5] : __rst15 * list.length;
  if (!__rsMode) {
    if (typeof __rst14 !== "function") {
      __rsR.notCallable("Math.floor");
    }
  }
  let __rst12 = __rsMode ? __rsT === 4 ? (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsL[6] : __rst14.call(__rst13, __rst16);
  if (__rsS[1] !== 0) return __rsM.z(4, [, list], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  if (!__rsMode) {
    return __rsR.made(list[__rst12], __rsSelf, __rsNT);
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
  var n = __rsL[0];
  if (!__rsMode && __rsM.o !== 0 && __rsM.up(15, 1)) return __rsM.z(15, [n], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  if (__rsMode && __rsT === 15) {
    __rsMode = false;
    __rsM.d();
  }
  let __rst18 = __rsMode ? __rsL[1] : Math;
  let __rst19 = __rsMode ? __rsL[2] : __rst18.imul;
  let __rst20 = __rsMode ? __rsL[3] : n + 1;
  if (!__rsMode) {
    if (typeof __rst19 !== "function") {
      __rsR.notCallable("Math.imul");
    }
  }
  let __rst17 = __rsMode ? __rsT === 6 ? (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsL[4] : __rst19.call(__rst18, __rst20, 0x9e3779b9);
  if (__rsS[1] !== 0) return __rsM.z(6, [n], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  const rng = __rsMode ? __rsL[5] : {
    state: (__rst17 ^ 0x5bd1e995) >>> 0
  };
  let __rst21 = __rsMode ? __rsT === 7 ? (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsL[6] : pick(rng, ADJECTIVES);
  if (__rsS[1] !== 0) return __rsM.z(7, [n,,,,, rng], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  let __rst22 = __rsMode ? __rsT === 8 ? (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsL[7] : pick(rng, NOUNS);
  if (__rsS[1] !== 0) return __rsM.z(8, [n,,,,, rng, __rst21], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  const name = __rsMode ? __rsL[8] : `${__rst21} ${__rst22}`;
  let __rst24 = __rsMode ? __rsL[9] : Math;
  let __rst25 = __rsMode ? __rsL[10] : __rst24.floor;
  let __rst26 = __rsMode ? __rsT === 9 ? (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsL[11] : nextRandom(rng);
  if (__rsS[1] !== 0) return __rsM.z(9, [n,,,,, rng,,, name, __rst24, __rst25], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  let __rst27 = __rsMode ? __rsL[12] : __rst26 * 99901;
  if (!__rsMode) {
    if (typeof __rst25 !== "function") {
      __rsR.notCallable("Math.floor");
    }
  }
  let __rst23 = __rsMode ? __rsT === 10 ? (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsL[13] : __rst25.call(__rst24, __rst27);
  if (__rsS[1] !== 0) return __rsM.z(10, [n,,,,, rng,,, name], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  const price = __rsMode ? __rsL[14] : 99 + __rst23;
  const tags = __rsMode ? __rsL[15] : [];
  if (!__rsMode || __rsT >= 11 && __rsT <= 12) {
    while (__rsMode || tags.length < 3) {
      if (!__rsMode && __rsS[0] !== 0 && __rsM.up(11)) return __rsM.z(11, [n,,,,, rng,,, name,,,,,, price, tags], __rsSelf, __rsEnv, __rsArgs, __rsNT);
      if (__rsMode && __rsT === 11) {
        __rsMode = false;
        __rsM.d();
      }
      let __rst28 = __rsMode ? __rsT === 12 ? (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsL[16] : pick(rng, TAGS);
      if (__rsS[1] !== 0) return __rsM.z(12, [n,,,,, rng,,, name,,,,,, price, tags], __rsSelf, __rsEnv, __rsArgs, __rsNT);
      const tag = __rsMode ? __rsL[17] : __rst28;
      if (!__rsMode) {
        if (!tags.includes(tag)) {
          tags.push(tag);
        }
      }
    }
  }
  let h = __rsMode ? __rsL[18] : rng.state ^ n | 1;
  if (!__rsMode || __rsT === 13) {
    for (let i = __rsMode ? __rsL[19] : 0; __rsMode || i < ROUNDS; i++) {
      if (!__rsMode && __rsS[0] !== 0 && __rsM.up(13)) return __rsM.z(13, [n,,,,,,,, name,,,,,, price, tags,,, h, i], __rsSelf, __rsEnv, __rsArgs, __rsNT);
      if (__rsMode && __rsT === 13) {
        __rsMode = false;
        __rsM.d();
      }
      if (!__rsMode) {
        h ^= h << 13;
      }
      if (!__rsMode) {
        h ^= h >>> 17;
      }
      if (!__rsMode) {
        h ^= h << 5;
      }
      if (!__rsMode) {
        h ^= name.charCodeAt(i % name.length);
      }
    }
  }
  const digest = __rsMode ? __rsL[20] : (h >>> 0).toString(16).padStart(8, '0');
  let __rst30 = __rsMode ? __rsL[21] : JSON;
  let __rst31 = __rsMode ? __rsL[22] : __rst30.stringify;
  let __rst32 = __rsMode ? __rsL[23] : {
    id: n,
    name,
    price,
    tags,
    digest
  };
  if (!__rsMode) {
    if (typeof __rst31 !== "function") {
      __rsR.notCallable("JSON.stringify");
    }
  }
  let __rst29 = __rsMode ? __rsT === 14 ? (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsL[24] : __rst31.call(__rst30, __rst32);
  if (__rsS[1] !== 0) return __rsM.z(14, [], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  if (!__rsMode) {
    return __rsR.made(__rst29, __rsSelf, __rsNT);
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
  var body = __rsL[0];
  if (!__rsMode && __rsM.o !== 0 && __rsM.up(17, 1)) return __rsM.z(17, [body], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  if (__rsMode && __rsT === 17) {
    __rsMode = false;
    __rsM.d();
  }
  let h = __rsMode ? __rsL[1] : 0x811c9dc5;
  if (!__rsMode || __rsT === 16) {
    for (let i = __rsMode ? __rsL[2] : 0; __rsMode || i < body.length; i++) {
      if (!__rsMode && __rsS[0] !== 0 && __rsM.up(16)) return __rsM.z(16, [body, h, i], __rsSelf, __rsEnv, __rsArgs, __rsNT);
      if (__rsMode && __rsT === 16) {
        __rsMode = false;
        __rsM.d();
      }
      if (!__rsMode) {
        h ^= body.charCodeAt(i);
      }
      if (!__rsMode) {
        h = h + (h << 1) + (h << 4) + (h << 7) + (h << 8) + (h << 24) >>> 0;
      }
    }
  }
  if (!__rsMode) {
    return __rsR.made(`"${h.toString(16).padStart(8, '0')}"`, __rsSelf, __rsNT);
  }
  return __rsR.made(void 0, __rsSelf, __rsNT);
}
function __rsState() {
  return {
    get "ADJECTIVES"() {
      return ADJECTIVES;
    },
    get "NOUNS"() {
      return NOUNS;
    },
    get "TAGS"() {
      return TAGS;
    },
    get "ROUNDS"() {
      return ROUNDS;
    }
  };
}
function __rsLines() { return [[40,52,61,67,79,84,86,91,97,103,131,173,189,217,225,255,260,262,267,275,286,333],[0,1,3,4,6,7,8,9,10,12,14,0,1,3,4,6,7,8,9,10,12,14],[30,41,53,58,62,68,72,80,85,87,92,98,102,104,112,132,136,139,155,174,190,210,218,226,242,256,261,263,268,276,281,287,299,334,350,358],[]]; }
