"use strict";

const __rsR = globalThis[Symbol.for("restack.runtime")];
if (!__rsR) throw new Error("restack: this module was compiled by restack; run it with `restack run` (or import \"restack/runtime\" first)");
const __rsS = __rsR.S;
const __rsM = __rsR.module(__rsU.url, 1, [__rsRestore0, __rsRestore1, __rsRestore2, __rsRestore3, __rsRestore4], [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 4, 4], __rsLines, {
  id: "item.js",
  hash: "2b9677d20541b008df01bb6d1b63cffe0ec0922faa103737b34045acb2aba442",
  state: __rsState,
  inits: {
    ADJECTIVES: "b0c04cb66aa7af60",
    NOUNS: "1021fceef711da43",
    TAGS: "6dd8c2d9afdae99a",
    ROUNDS: "d55d01d0341ed0ba"
  }
});
__rsU.exports({
  get formatPrice() {
    return formatPrice;
  },
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
function formatPrice(cents) {
  if (__rsM.o !== 0 && __rsM.up(8, 1)) return __rsM.s(8, [cents], this, undefined, undefined, new.target);
  let __rst17 = Math.floor(cents / 100);
  let __rst20 = String;
  let __rst21 = cents % 100;
  let __rst19 = __rst20(__rst21);
  if (__rsS[1] !== 0) return __rsM.s(6, [, __rst17], this, undefined, undefined, new.target);
  let __rst18 = __rst19.padStart(2, '0');
  if (__rsS[1] !== 0) return __rsM.s(7, [, __rst17], this, undefined, undefined, new.target);
  return `${__rst17}.${__rst18} EUR`;
}
function renderItem(n) {
  if (__rsM.o !== 0 && __rsM.up(19, 1)) return __rsM.s(19, [n], this, undefined, undefined, new.target);
  let __rst23 = Math;
  let __rst24 = __rst23.imul;
  let __rst25 = n + 1;
  if (typeof __rst24 !== "function") {
    __rsR.notCallable("Math.imul");
  }
  let __rst22 = __rst24.call(__rst23, __rst25, 0x9e3779b9);
  if (__rsS[1] !== 0) return __rsM.s(9, [n], this, undefined, undefined, new.target);
  const rng = {
    state: (__rst22 ^ 0x5bd1e995) >>> 0
  };
  let __rst26 = pick(rng, ADJECTIVES);
  if (__rsS[1] !== 0) return __rsM.s(10, [n,,,,, rng], this, undefined, undefined, new.target);
  let __rst27 = pick(rng, NOUNS);
  if (__rsS[1] !== 0) return __rsM.s(11, [n,,,,, rng, __rst26], this, undefined, undefined, new.target);
  const name = `${__rst26} ${__rst27}`;
  let __rst29 = Math;
  let __rst30 = __rst29.floor;
  let __rst31 = nextRandom(rng);
  if (__rsS[1] !== 0) return __rsM.s(12, [n,,,,, rng,,, name, __rst29, __rst30], this, undefined, undefined, new.target);
  let __rst32 = __rst31 * 99901;
  if (typeof __rst30 !== "function") {
    __rsR.notCallable("Math.floor");
  }
  let __rst28 = __rst30.call(__rst29, __rst32);
  if (__rsS[1] !== 0) return __rsM.s(13, [n,,,,, rng,,, name], this, undefined, undefined, new.target);
  const price = 99 + __rst28;
  let __rst33 = formatPrice(price);
  if (__rsS[1] !== 0) return __rsM.s(14, [n,,,,, rng,,, name,,,,,, price], this, undefined, undefined, new.target);
  const priceText = __rst33;
  const tags = [];
  while (tags.length < 3) {
    if (__rsS[0] !== 0 && __rsM.up(15)) return __rsM.s(15, [n,,,,, rng,,, name,,,,,, price,, priceText, tags], this, undefined, undefined, new.target);
    let __rst34 = pick(rng, TAGS);
    if (__rsS[1] !== 0) return __rsM.s(16, [n,,,,, rng,,, name,,,,,, price,, priceText, tags], this, undefined, undefined, new.target);
    const tag = __rst34;
    if (!tags.includes(tag)) {
      tags.push(tag);
    }
  }
  let h = rng.state ^ n | 1;
  for (let i = 0; i < ROUNDS; i++) {
    if (__rsS[0] !== 0 && __rsM.up(17)) return __rsM.s(17, [n,,,,,,,, name,,,,,, price,, priceText, tags,,, h, i], this, undefined, undefined, new.target);
    h ^= h << 13;
    h ^= h >>> 17;
    h ^= h << 5;
    h ^= name.charCodeAt(i % name.length);
  }
  const digest = (h >>> 0).toString(16).padStart(8, '0');
  let __rst36 = JSON;
  let __rst37 = __rst36.stringify;
  let __rst38 = {
    id: n,
    name,
    price,
    priceText,
    tags,
    digest
  };
  if (typeof __rst37 !== "function") {
    __rsR.notCallable("JSON.stringify");
  }
  let __rst35 = __rst37.call(__rst36, __rst38);
  if (__rsS[1] !== 0) return __rsM.s(18, [], this, undefined, undefined, new.target);
  return __rst35;
}
function etagOf(body) {
  if (__rsM.o !== 0 && __rsM.up(21, 1)) return __rsM.s(21, [body], this, undefined, undefined, new.target);
  let h = 0x811c9dc5;
  for (let i = 0; i < body.length; i++) {
    if (__rsS[0] !== 0 && __rsM.up(20)) return __rsM.s(20, [body, h, i], this, undefined, undefined, new.target);
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
  var cents = __rsL[0];
  if (!__rsMode && __rsM.o !== 0 && __rsM.up(8, 1)) return __rsM.z(8, [cents], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  if (__rsMode && __rsT === 8) {
    __rsMode = false;
    __rsM.d();
  }
  let __rst17 = __rsMode ? __rsL[1] : Math.floor(cents / 100);
  let __rst20 = __rsMode ? __rsL[2] : String;
  let __rst21 = __rsMode ? __rsL[3] : cents % 100;
  let __rst19 = __rsMode ? __rsT === 6 ? (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsL[4] : __rst20(__rst21);
  if (__rsS[1] !== 0) return __rsM.z(6, [, __rst17], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  let __rst18 = __rsMode ? __rsT === 7 ? (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsL[5] : __rst19.padStart(2, '0');
  if (__rsS[1] !== 0) return __rsM.z(7, [, __rst17], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  if (!__rsMode) {
    return __rsR.made(`${__rst17}.${__rst18} EUR`, __rsSelf, __rsNT);
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
  var n = __rsL[0];
  if (!__rsMode && __rsM.o !== 0 && __rsM.up(19, 1)) return __rsM.z(19, [n], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  if (__rsMode && __rsT === 19) {
    __rsMode = false;
    __rsM.d();
  }
  let __rst23 = __rsMode ? __rsL[1] : Math;
  let __rst24 = __rsMode ? __rsL[2] : __rst23.imul;
  let __rst25 = __rsMode ? __rsL[3] : n + 1;
  if (!__rsMode) {
    if (typeof __rst24 !== "function") {
      __rsR.notCallable("Math.imul");
    }
  }
  let __rst22 = __rsMode ? __rsT === 9 ? (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsL[4] : __rst24.call(__rst23, __rst25, 0x9e3779b9);
  if (__rsS[1] !== 0) return __rsM.z(9, [n], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  const rng = __rsMode ? __rsL[5] : {
    state: (__rst22 ^ 0x5bd1e995) >>> 0
  };
  let __rst26 = __rsMode ? __rsT === 10 ? (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsL[6] : pick(rng, ADJECTIVES);
  if (__rsS[1] !== 0) return __rsM.z(10, [n,,,,, rng], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  let __rst27 = __rsMode ? __rsT === 11 ? (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsL[7] : pick(rng, NOUNS);
  if (__rsS[1] !== 0) return __rsM.z(11, [n,,,,, rng, __rst26], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  const name = __rsMode ? __rsL[8] : `${__rst26} ${__rst27}`;
  let __rst29 = __rsMode ? __rsL[9] : Math;
  let __rst30 = __rsMode ? __rsL[10] : __rst29.floor;
  let __rst31 = __rsMode ? __rsT === 12 ? (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsL[11] : nextRandom(rng);
  if (__rsS[1] !== 0) return __rsM.z(12, [n,,,,, rng,,, name, __rst29, __rst30], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  let __rst32 = __rsMode ? __rsL[12] : __rst31 * 99901;
  if (!__rsMode) {
    if (typeof __rst30 !== "function") {
      __rsR.notCallable("Math.floor");
    }
  }
  let __rst28 = __rsMode ? __rsT === 13 ? (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsL[13] : __rst30.call(__rst29, __rst32);
  if (__rsS[1] !== 0) return __rsM.z(13, [n,,,,, rng,,, name], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  const price = __rsMode ? __rsL[14] : 99 + __rst28;
  let __rst33 = __rsMode ? __rsT === 14 ? (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsL[15] : formatPrice(price);
  if (__rsS[1] !== 0) return __rsM.z(14, [n,,,,, rng,,, name,,,,,, price], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  const priceText = __rsMode ? __rsL[16] : __rst33;
  const tags = __rsMode ? __rsL[17] : [];
  if (!__rsMode || __rsT >= 15 && __rsT <= 16) {
    while (__rsMode || tags.length < 3) {
      if (!__rsMode && __rsS[0] !== 0 && __rsM.up(15)) return __rsM.z(15, [n,,,,, rng,,, name,,,,,, price,, priceText, tags], __rsSelf, __rsEnv, __rsArgs, __rsNT);
      if (__rsMode && __rsT === 15) {
        __rsMode = false;
        __rsM.d();
      }
      let __rst34 = __rsMode ? __rsT === 16 ? (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsL[18] : pick(rng, TAGS);
      if (__rsS[1] !== 0) return __rsM.z(16, [n,,,,, rng,,, name,,,,,, price,, priceText, tags], __rsSelf, __rsEnv, __rsArgs, __rsNT);
      const tag = __rsMode ? __rsL[19] : __rst34;
      if (!__rsMode) {
        if (!tags.includes(tag)) {
          tags.push(tag);
        }
      }
    }
  }
  let h = __rsMode ? __rsL[20] : rng.state ^ n | 1;
  if (!__rsMode || __rsT === 17) {
    for (let i = __rsMode ? __rsL[21] : 0; __rsMode || i < ROUNDS; i++) {
      if (!__rsMode && __rsS[0] !== 0 && __rsM.up(17)) return __rsM.z(17, [n,,,,,,,, name,,,,,, price,, priceText, tags,,, h, i], __rsSelf, __rsEnv, __rsArgs, __rsNT);
      if (__rsMode && __rsT === 17) {
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
  const digest = __rsMode ? __rsL[22] : (h >>> 0).toString(16).padStart(8, '0');
  let __rst36 = __rsMode ? __rsL[23] : JSON;
  let __rst37 = __rsMode ? __rsL[24] : __rst36.stringify;
  let __rst38 = __rsMode ? __rsL[25] : {
    id: n,
    name,
    price,
    priceText,
    tags,
    digest
  };
  if (!__rsMode) {
    if (typeof __rst37 !== "function") {
      __rsR.notCallable("JSON.stringify");
    }
  }
  let __rst35 = __rsMode ? __rsT === 18 ? (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsL[26] : __rst37.call(__rst36, __rst38);
  if (__rsS[1] !== 0) return __rsM.z(18, [], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  if (!__rsMode) {
    return __rsR.made(__rst35, __rsSelf, __rsNT);
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
  var body = __rsL[0];
  if (!__rsMode && __rsM.o !== 0 && __rsM.up(21, 1)) return __rsM.z(21, [body], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  if (__rsMode && __rsT === 21) {
    __rsMode = false;
    __rsM.d();
  }
  let h = __rsMode ? __rsL[1] : 0x811c9dc5;
  if (!__rsMode || __rsT === 20) {
    for (let i = __rsMode ? __rsL[2] : 0; __rsMode || i < body.length; i++) {
      if (!__rsMode && __rsS[0] !== 0 && __rsM.up(20)) return __rsM.z(20, [body, h, i], __rsSelf, __rsEnv, __rsArgs, __rsNT);
      if (__rsMode && __rsT === 20) {
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
function __rsLines() { return [[43,55,64,70,79,81,93,98,100,105,111,114,120,149,191,207,235,243,268,270,300,305,307,312,320,323,334,382],[0,1,3,4,6,7,9,10,11,12,13,14,16,18,0,1,3,4,6,7,9,10,11,12,13,14,16,18],[33,44,56,61,65,71,75,80,82,86,94,99,101,106,112,115,119,121,129,150,154,157,173,192,208,228,236,244,260,269,271,287,301,306,308,313,321,324,329,335,347,383,399,407],[]]; }
