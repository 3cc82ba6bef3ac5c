"use strict";

const __rsR = globalThis[Symbol.for("restack.runtime")];
if (!__rsR) throw new Error("restack: this module was compiled by restack; run it with `restack run` (or import \"restack/runtime\" first)");
const __rsS = __rsR.S;
const __rsM = __rsR.module(__rsU.url, 1, [__rsRestore0, __rsRestore1, __rsRestore3, __rsRestore4, __rsRestore5, __rsRestore6, __rsRestore7, __rsRestore8], [0, 0, 0, 0, 0, 0, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 4, 4, 5, 5, 5, 6, 6, 6, 6, 7, 7, 7], __rsLines, {
  id: "main.js",
  hash: "5c94d4f727c301a2a262514574e07b40c7c7796380ac15680d0665020b855d0b",
  state: __rsState,
  inits: {
    USAGE: "c07e4deea87bdb06",
    HOST: "8d352c3e04e21e12",
    STOP_GRACE_MS: "0f8eb4b72b6e0c9e",
    params: "78c3b891abc9512f",
    listening: "1ae36cea42d69792"
  }
});
const __rsI0 = __rsU.import("node:cluster");
const __rsI1 = __rsU.import("./server.js");
const USAGE = __rsU.carry("USAGE", () => 'usage: main.js [--port P] [--workers N] [--capacity C]');
const HOST = __rsU.carry("HOST", () => '127.0.0.1');
const STOP_GRACE_MS = __rsU.carry("STOP_GRACE_MS", () => 5000);
function parseArgs(argv) {
  if (__rsM.o !== 0 && __rsM.up(13, 1)) return __rsM.s(13, [argv], this, undefined, undefined, new.target);
  const params = {
    port: 0,
    workers: 2,
    capacity: 500
  };
  for (let i = 0; i < argv.length; i += 2) {
    if (__rsS[0] !== 0 && __rsM.up(8)) return __rsM.s(8, [argv, params, i], this, undefined, undefined, new.target);
    let __rst1 = argv[i];
    let __rst2 = __rst1.replace;
    let __rst3 = /^--/;
    if (typeof __rst2 !== "function") {
      __rsR.notCallable("argv[i].replace");
    }
    let __rst0 = __rst2.call(__rst1, __rst3, '');
    if (__rsS[1] !== 0) return __rsM.s(9, [argv, params, i], this, undefined, undefined, new.target);
    const name = __rst0;
    let __rst5 = Number;
    let __rst6 = argv[i + 1];
    let __rst4 = __rst5(__rst6);
    if (__rsS[1] !== 0) return __rsM.s(10, [argv, params, i,,,,, name], this, undefined, undefined, new.target);
    const value = __rst4;
    if (!(name in params) || !Number.isInteger(value) || value < 0) {
      let __rst8 = Error;
      let __rst9 = `${USAGE} (bad argument ${argv[i]} ${argv[i + 1]})`;
      let __rst7 = new __rst8(__rst9);
      if (__rsS[1] !== 0) return __rsM.s(11, [], this, undefined, undefined, new.target);
      throw __rst7;
    }
    params[name] = value;
  }
  if (params.workers < 1 || params.capacity < 1 || params.port > 65535) {
    let __rst11 = Error;
    let __rst12 = `${USAGE} (workers and capacity at least 1, port at most 65535)`;
    let __rst10 = new __rst11(__rst12);
    if (__rsS[1] !== 0) return __rsM.s(12, [], this, undefined, undefined, new.target);
    throw __rst10;
  }
  return params;
}
const params = __rsU.carry("params", () => parseArgs(process.argv.slice(2)));
const listening = __rsU.carry("listening", () => new Set());
let announced = __rsU.carry("announced", () => false);
let stopping = __rsU.carry("stopping", () => false);
function startPrimary() {
  if (__rsM.o !== 0 && __rsM.up(20, 1)) return __rsM.s(20, [], this, undefined, undefined, new.target);
  __rsI0["default"].on('listening', onListening);
  if (__rsS[1] !== 0) return __rsM.s(14, [], this, undefined, undefined, new.target);
  __rsI0["default"].on('exit', onExit);
  if (__rsS[1] !== 0) return __rsM.s(15, [], this, undefined, undefined, new.target);
  process.on('SIGTERM', stop);
  if (__rsS[1] !== 0) return __rsM.s(16, [], this, undefined, undefined, new.target);
  process.on('SIGINT', stop);
  if (__rsS[1] !== 0) return __rsM.s(17, [], this, undefined, undefined, new.target);
  for (let i = 0; i < params.workers; i++) {
    if (__rsS[0] !== 0 && __rsM.up(18)) return __rsM.s(18, [i], this, undefined, undefined, new.target);
    __rsI0["default"].fork();
    if (__rsS[1] !== 0) return __rsM.s(19, [i], this, undefined, undefined, new.target);
  }
}
function onListening(worker, address) {
  if (__rsM.o !== 0 && __rsM.up(22, 1)) return __rsM.s(22, [worker, address], this, undefined, undefined, new.target);
  listening.add(worker.id);
  if (!announced && listening.size === params.workers) {
    announced = true;
    let __rst13 = console;
    let __rst14 = __rst13.log;
    let __rst15 = `listening ${address.port}`;
    if (typeof __rst14 !== "function") {
      __rsR.notCallable("console.log");
    }
    __rst14.call(__rst13, __rst15);
    if (__rsS[1] !== 0) return __rsM.s(21, [], this, undefined, undefined, new.target);
  }
}
function onExit(worker, code, signal) {
  if (__rsM.o !== 0 && __rsM.up(25, 1)) return __rsM.s(25, [worker, code, signal], this, undefined, undefined, new.target);
  listening.delete(worker.id);
  if (stopping || worker.exitedAfterDisconnect) {
    return;
  }
  let __rst16 = console;
  let __rst17 = __rst16.error;
  let __rst18 = `worker ${worker.process.pid} exited (${signal ?? `code ${code}`}), starting another`;
  if (typeof __rst17 !== "function") {
    __rsR.notCallable("console.error");
  }
  __rst17.call(__rst16, __rst18);
  if (__rsS[1] !== 0) return __rsM.s(23, [], this, undefined, undefined, new.target);
  __rsI0["default"].fork();
  if (__rsS[1] !== 0) return __rsM.s(24, [], this, undefined, undefined, new.target);
}
function stop() {
  if (__rsM.o !== 0 && __rsM.up(29, 1)) return __rsM.s(29, [], this, undefined, undefined, new.target);
  if (stopping) {
    return;
  }
  stopping = true;
  let __rst20 = setTimeout;
  let __rst21 = () => {
    let __rsx = false;
    if (__rsM.o !== 0 && __rsM.up(5, 1)) return __rsM.s(5, []);
    let __rst26 = Object;
    let __rst27 = __rst26.values;
    let __rst28 = __rsI0["default"].workers;
    if (typeof __rst27 !== "function") {
      __rsR.notCallable("Object.values");
    }
    let __rst25 = __rst27.call(__rst26, __rst28);
    if (__rsS[1] !== 0) return __rsM.s(0, []);
    let __rst29 = __rsR.array(__rst25);
    let __rst30 = __rst29 !== null ? null : __rsR.iter(__rst25);
    let __rst31 = 0;
    let __rst32 = 1;
    try {
      for (;;) {
        __rst32 = 1;
        let __rst_value34;
        if (__rst29 !== null) {
          if (__rst31 >= __rst29.length) {
            break;
          }
          __rst_value34 = __rst29[__rst31];
          __rst31++;
        } else {
          let __rst_step33 = __rst30.next();
          if (__rsS[1] !== 0) return __rsx = true, __rsM.s(1, [,,,, __rst29, __rst30, __rst31, __rst32]);
          if (__rst_step33 === null || typeof __rst_step33 !== "object" && typeof __rst_step33 !== "function") {
            __rsR.notResult(__rst_step33);
          }
          if (__rst_step33.done) {
            break;
          }
          __rst_value34 = __rst_step33.value;
        }
        __rst32 = 0;
        const worker = __rst_value34;
        if (__rsS[0] !== 0 && __rsM.up(2)) return __rsx = true, __rsM.s(2, [,,,, __rst29, __rst30, __rst31, __rst32,,, worker]);
        let __rst35 = worker.process;
        __rst35.kill('SIGKILL');
        if (__rsS[1] !== 0) return __rsx = true, __rsM.s(3, [,,,, __rst29, __rst30, __rst31, __rst32]);
      }
    } catch (__rst_err36) {
      if (__rsx) throw __rst_err36;
      if (__rst32 === 0 && __rst30 !== null) {
        __rsR.closeAfterThrow(__rst30);
      }
      __rst32 = 1;
      throw __rst_err36;
    } finally {
      if (__rsS[1] === 0 && !__rsx) {
        if (__rst32 === 0 && __rst30 !== null) {
          __rsR.close(__rst30);
        }
      }
    }
    process.exit(0);
    if (__rsS[1] !== 0) return __rsM.s(4, []);
  };
  let __rst19 = __rst20(__rst21, STOP_GRACE_MS);
  if (__rsS[1] !== 0) return __rsM.s(26, [], this, undefined, undefined, new.target);
  __rst19.unref();
  if (__rsS[1] !== 0) return __rsM.s(27, [], this, undefined, undefined, new.target);
  let __rst22 = __rsI0["default"];
  let __rst23 = __rst22.disconnect;
  let __rst24 = () => {
    if (__rsM.o !== 0 && __rsM.up(7, 1)) return __rsM.s(7, []);
    let __rst37 = process.exit(0);
    if (__rsS[1] !== 0) return __rsM.s(6, []);
    return __rst37;
  };
  if (typeof __rst23 !== "function") {
    __rsR.notCallable("cluster.disconnect");
  }
  __rst23.call(__rst22, __rst24);
  if (__rsS[1] !== 0) return __rsM.s(28, [], this, undefined, undefined, new.target);
}
function startWorker() {
  if (__rsM.o !== 0 && __rsM.up(32, 1)) return __rsM.s(32, [], this, undefined, undefined, new.target);
  let __rst38 = process;
  let __rst39 = __rst38.on;
  let __rst40 = () => {};
  if (typeof __rst39 !== "function") {
    __rsR.notCallable("process.on");
  }
  __rst39.call(__rst38, 'SIGINT', __rst40);
  if (__rsS[1] !== 0) return __rsM.s(30, [], this, undefined, undefined, new.target);
  let __rst41 = __rsI1.startServer;
  let __rst42 = {
    port: params.port,
    host: HOST,
    capacity: params.capacity
  };
  __rst41(__rst42);
  if (__rsS[1] !== 0) return __rsM.s(31, [], this, undefined, undefined, new.target);
}
if (__rsU.boot) if (__rsI0["default"].isPrimary) startPrimary();else startWorker();
function __rsRestore0(__rsRec) {
  var __rsL = __rsRec.l,
    __rsT = __rsRec.cp,
    __rsMode = true,
    __rsSelf = __rsRec.s,
    __rsEnv = __rsRec.e,
    __rsArgs = __rsRec.a,
    __rsNT = __rsRec.n,
    __rsQ;
  let __rsx = false;
  if (!__rsMode && __rsM.o !== 0 && __rsM.up(5, 1)) return __rsM.z(5, [], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  if (__rsMode && __rsT === 5) {
    __rsMode = false;
    __rsM.d();
  }
  let __rst26 = __rsMode ? __rsL[0] : Object;
  let __rst27 = __rsMode ? __rsL[1] : __rst26.values;
  let __rst28 = __rsMode ? __rsL[2] : __rsI0["default"].workers;
  if (!__rsMode) {
    if (typeof __rst27 !== "function") {
      __rsR.notCallable("Object.values");
    }
  }
  let __rst25 = __rsMode ? __rsT === 0 ? (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsL[3] : __rst27.call(__rst26, __rst28);
  if (__rsS[1] !== 0) return __rsM.z(0, [], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  let __rst29 = __rsMode ? __rsL[4] : __rsR.array(__rst25);
  let __rst30 = __rsMode ? __rsL[5] : __rst29 !== null ? null : __rsR.iter(__rst25);
  let __rst31 = __rsMode ? __rsL[6] : 0;
  let __rst32 = __rsMode ? __rsL[7] : 1;
  if (!__rsMode || __rsT >= 1 && __rsT <= 3) {
    try {
      if (!__rsMode || __rsT >= 1 && __rsT <= 3) {
        for (;;) {
          if (!__rsMode) {
            __rst32 = 1;
          }
          let __rst_value34 = __rsMode ? __rsL[8] : void 0;
          if (!__rsMode || __rsT === 1) {
            if (__rsMode ? false : __rst29 !== null) {
              if (!__rsMode) {
                if (__rst31 >= __rst29.length) {
                  break;
                }
              }
              if (!__rsMode) {
                __rst_value34 = __rst29[__rst31];
              }
              if (!__rsMode) {
                __rst31++;
              }
            } else {
              let __rst_step33 = __rsMode ? __rsT === 1 ? (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsL[9] : __rst30.next();
              if (__rsS[1] !== 0) return __rsx = true, __rsM.z(1, [,,,, __rst29, __rst30, __rst31, __rst32], __rsSelf, __rsEnv, __rsArgs, __rsNT);
              if (!__rsMode) {
                if (__rst_step33 === null || typeof __rst_step33 !== "object" && typeof __rst_step33 !== "function") {
                  __rsR.notResult(__rst_step33);
                }
              }
              if (!__rsMode) {
                if (__rst_step33.done) {
                  break;
                }
              }
              if (!__rsMode) {
                __rst_value34 = __rst_step33.value;
              }
            }
          }
          if (!__rsMode) {
            __rst32 = 0;
          }
          const worker = __rsMode ? __rsL[10] : __rst_value34;
          if (!__rsMode && __rsS[0] !== 0 && __rsM.up(2)) return __rsx = true, __rsM.z(2, [,,,, __rst29, __rst30, __rst31, __rst32,,, worker], __rsSelf, __rsEnv, __rsArgs, __rsNT);
          if (__rsMode && __rsT === 2) {
            __rsMode = false;
            __rsM.d();
          }
          let __rst35 = __rsMode ? __rsL[11] : worker.process;
          __rsMode ? __rsT === 3 && (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rst35.kill('SIGKILL');
          if (__rsS[1] !== 0) return __rsx = true, __rsM.z(3, [,,,, __rst29, __rst30, __rst31, __rst32], __rsSelf, __rsEnv, __rsArgs, __rsNT);
        }
      }
    } catch (__rsEx) {
      let __rst_err36 = __rsMode ? __rsL[12] : __rsEx;
      if (!__rsMode) {
        if (__rsx) throw __rst_err36;
      }
      if (!__rsMode) {
        if (__rst32 === 0 && __rst30 !== null) {
          __rsR.closeAfterThrow(__rst30);
        }
      }
      if (!__rsMode) {
        __rst32 = 1;
      }
      if (!__rsMode) {
        throw __rst_err36;
      }
    } finally {
      if (!__rsMode) {
        if (__rsS[1] === 0 && !__rsx) {
          if (__rst32 === 0 && __rst30 !== null) {
            __rsR.close(__rst30);
          }
        }
      }
    }
  }
  __rsMode ? __rsT === 4 && (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : process.exit(0);
  if (__rsS[1] !== 0) return __rsM.z(4, [], __rsSelf, __rsEnv, __rsArgs, __rsNT);
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
  if (!__rsMode && __rsM.o !== 0 && __rsM.up(7, 1)) return __rsM.z(7, [], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  if (__rsMode && __rsT === 7) {
    __rsMode = false;
    __rsM.d();
  }
  let __rst37 = __rsMode ? __rsT === 6 ? (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsL[0] : process.exit(0);
  if (__rsS[1] !== 0) return __rsM.z(6, [], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  if (!__rsMode) {
    return __rst37;
  }
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
  var argv = __rsL[0];
  if (!__rsMode && __rsM.o !== 0 && __rsM.up(13, 1)) return __rsM.z(13, [argv], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  if (__rsMode && __rsT === 13) {
    __rsMode = false;
    __rsM.d();
  }
  const params = __rsMode ? __rsL[1] : {
    port: 0,
    workers: 2,
    capacity: 500
  };
  if (!__rsMode || __rsT >= 8 && __rsT <= 11) {
    for (let i = __rsMode ? __rsL[2] : 0; __rsMode || i < argv.length; i += 2) {
      if (!__rsMode && __rsS[0] !== 0 && __rsM.up(8)) return __rsM.z(8, [argv, params, i], __rsSelf, __rsEnv, __rsArgs, __rsNT);
      if (__rsMode && __rsT === 8) {
        __rsMode = false;
        __rsM.d();
      }
      let __rst1 = __rsMode ? __rsL[3] : argv[i];
      let __rst2 = __rsMode ? __rsL[4] : __rst1.replace;
      let __rst3 = __rsMode ? __rsL[5] : /^--/;
      if (!__rsMode) {
        if (typeof __rst2 !== "function") {
          __rsR.notCallable("argv[i].replace");
        }
      }
      let __rst0 = __rsMode ? __rsT === 9 ? (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsL[6] : __rst2.call(__rst1, __rst3, '');
      if (__rsS[1] !== 0) return __rsM.z(9, [argv, params, i], __rsSelf, __rsEnv, __rsArgs, __rsNT);
      const name = __rsMode ? __rsL[7] : __rst0;
      let __rst5 = __rsMode ? __rsL[8] : Number;
      let __rst6 = __rsMode ? __rsL[9] : argv[i + 1];
      let __rst4 = __rsMode ? __rsT === 10 ? (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsL[10] : __rst5(__rst6);
      if (__rsS[1] !== 0) return __rsM.z(10, [argv, params, i,,,,, name], __rsSelf, __rsEnv, __rsArgs, __rsNT);
      const value = __rsMode ? __rsL[11] : __rst4;
      if (!__rsMode || __rsT === 11) {
        if (__rsMode ? __rsT === 11 : !(name in params) || !Number.isInteger(value) || value < 0) {
          let __rst8 = __rsMode ? __rsL[12] : Error;
          let __rst9 = __rsMode ? __rsL[13] : `${USAGE} (bad argument ${argv[i]} ${argv[i + 1]})`;
          let __rst7 = __rsMode ? __rsT === 11 ? (__rsMode = false, __rsQ = __rsR.pop(), __rsR.constructed(__rsQ, __rsQ.f(__rsQ))) : __rsL[14] : new __rst8(__rst9);
          if (__rsS[1] !== 0) return __rsM.z(11, [], __rsSelf, __rsEnv, __rsArgs, __rsNT);
          if (!__rsMode) {
            throw __rst7;
          }
        }
      }
      if (!__rsMode) {
        params[name] = value;
      }
    }
  }
  if (!__rsMode || __rsT === 12) {
    if (__rsMode ? __rsT === 12 : params.workers < 1 || params.capacity < 1 || params.port > 65535) {
      let __rst11 = __rsMode ? __rsL[15] : Error;
      let __rst12 = __rsMode ? __rsL[16] : `${USAGE} (workers and capacity at least 1, port at most 65535)`;
      let __rst10 = __rsMode ? __rsT === 12 ? (__rsMode = false, __rsQ = __rsR.pop(), __rsR.constructed(__rsQ, __rsQ.f(__rsQ))) : __rsL[17] : new __rst11(__rst12);
      if (__rsS[1] !== 0) return __rsM.z(12, [], __rsSelf, __rsEnv, __rsArgs, __rsNT);
      if (!__rsMode) {
        throw __rst10;
      }
    }
  }
  if (!__rsMode) {
    return __rsR.made(params, __rsSelf, __rsNT);
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
  if (!__rsMode && __rsM.o !== 0 && __rsM.up(20, 1)) return __rsM.z(20, [], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  if (__rsMode && __rsT === 20) {
    __rsMode = false;
    __rsM.d();
  }
  __rsMode ? __rsT === 14 && (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsI0["default"].on('listening', onListening);
  if (__rsS[1] !== 0) return __rsM.z(14, [], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  __rsMode ? __rsT === 15 && (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsI0["default"].on('exit', onExit);
  if (__rsS[1] !== 0) return __rsM.z(15, [], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  __rsMode ? __rsT === 16 && (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : process.on('SIGTERM', stop);
  if (__rsS[1] !== 0) return __rsM.z(16, [], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  __rsMode ? __rsT === 17 && (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : process.on('SIGINT', stop);
  if (__rsS[1] !== 0) return __rsM.z(17, [], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  if (!__rsMode || __rsT >= 18 && __rsT <= 19) {
    for (let i = __rsMode ? __rsL[0] : 0; __rsMode || i < params.workers; i++) {
      if (!__rsMode && __rsS[0] !== 0 && __rsM.up(18)) return __rsM.z(18, [i], __rsSelf, __rsEnv, __rsArgs, __rsNT);
      if (__rsMode && __rsT === 18) {
        __rsMode = false;
        __rsM.d();
      }
      __rsMode ? __rsT === 19 && (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsI0["default"].fork();
      if (__rsS[1] !== 0) return __rsM.z(19, [i], __rsSelf, __rsEnv, __rsArgs, __rsNT);
    }
  }
  return __rsR.made(void 0, __rsSelf, __rsNT);
}
function __rsRestore5(__rsRec) {
  var __rsL = __rsRec.l,
    __rsT = __rsRec.cp,
    __rsMode = true,
    __rsSelf = __rsRec.s,
    __rsEnv = __rsRec.e,
    __rsArgs = __rsRec.a,
    __rsNT = __rsRec.n,
    __rsQ;
  var worker = __rsL[0],
    address = __rsL[1];
  if (!__rsMode && __rsM.o !== 0 && __rsM.up(22, 1)) return __rsM.z(22, [worker, address], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  if (__rsMode && __rsT === 22) {
    __rsMode = false;
    __rsM.d();
  }
  if (!__rsMode) {
    listening.add(worker.id);
  }
  if (!__rsMode || __rsT === 21) {
    if (__rsMode ? __rsT === 21 : !announced && listening.size === params.workers) {
      if (!__rsMode) {
        announced = true;
      }
      let __rst13 = __rsMode ? __rsL[2] : console;
      let __rst14 = __rsMode ? __rsL[3] : __rst13.log;
      let __rst15 = __rsMode ? __rsL[4] : `listening ${address.port}`;
      if (!__rsMode) {
        if (typeof __rst14 !== "function") {
          __rsR.notCallable("console.log");
        }
      }
      __rsMode ? __rsT === 21 && (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rst14.call(__rst13, __rst15);
      if (__rsS[1] !== 0) return __rsM.z(21, [], __rsSelf, __rsEnv, __rsArgs, __rsNT);
    }
  }
  return __rsR.made(void 0, __rsSelf, __rsNT);
}
function __rsRestore6(__rsRec) {
  var __rsL = __rsRec.l,
    __rsT = __rsRec.cp,
    __rsMode = true,
    __rsSelf = __rsRec.s,
    __rsEnv = __rsRec.e,
    __rsArgs = __rsRec.a,
    __rsNT = __rsRec.n,
    __rsQ;
  var worker = __rsL[0],
    code = __rsL[1],
    signal = __rsL[2];
  if (!__rsMode && __rsM.o !== 0 && __rsM.up(25, 1)) return __rsM.z(25, [worker, code, signal], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  if (__rsMode && __rsT === 25) {
    __rsMode = false;
    __rsM.d();
  }
  if (!__rsMode) {
    listening.delete(worker.id);
  }
  if (!__rsMode) {
    if (stopping || worker.exitedAfterDisconnect) {
      return __rsR.made(void 0, __rsSelf, __rsNT);
    }
  }
  let __rst16 = __rsMode ? __rsL[3] : console;
  let __rst17 = __rsMode ? __rsL[4] : __rst16.error;
  let __rst18 = __rsMode ? __rsL[5] : `worker ${worker.process.pid} exited (${signal ?? `code ${code}`}), starting another`;
  if (!__rsMode) {
    if (typeof __rst17 !== "function") {
      __rsR.notCallable("console.error");
    }
  }
  __rsMode ? __rsT === 23 && (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rst17.call(__rst16, __rst18);
  if (__rsS[1] !== 0) return __rsM.z(23, [], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  __rsMode ? __rsT === 24 && (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsI0["default"].fork();
  if (__rsS[1] !== 0) return __rsM.z(24, [], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  return __rsR.made(void 0, __rsSelf, __rsNT);
}
function __rsRestore7(__rsRec) {
  var __rsL = __rsRec.l,
    __rsT = __rsRec.cp,
    __rsMode = true,
    __rsSelf = __rsRec.s,
    __rsEnv = __rsRec.e,
    __rsArgs = __rsRec.a,
    __rsNT = __rsRec.n,
    __rsQ;
  if (!__rsMode && __rsM.o !== 0 && __rsM.up(29, 1)) return __rsM.z(29, [], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  if (__rsMode && __rsT === 29) {
    __rsMode = false;
    __rsM.d();
  }
  if (!__rsMode) {
    if (stopping) {
      return __rsR.made(void 0, __rsSelf, __rsNT);
    }
  }
  if (!__rsMode) {
    stopping = true;
  }
  let __rst20 = __rsMode ? __rsL[0] : setTimeout;
  let __rst21 = __rsMode ? __rsL[1] : () => {
    let __rsx = false;
    if (__rsM.o !== 0 && __rsM.up(5, 1)) return __rsM.s(5, []);
    let __rst26 = Object;
    let __rst27 = __rst26.values;
    let __rst28 = __rsI0["default"].workers;
    if (typeof __rst27 !== "function") {
      __rsR.notCallable("Object.values");
    }
    let __rst25 = __rst27.call(__rst26, __rst28);
    if (__rsS[1] !== 0) return __rsM.s(0, []);
    let __rst29 = __rsR.array(__rst25);
    let __rst30 = __rst29 !== null ? null : __rsR.iter(__rst25);
    let __rst31 = 0;
    let __rst32 = 1;
    try {
      for (;;) {
        __rst32 = 1;
        let __rst_value34;
        if (__rst29 !== null) {
          if (__rst31 >= __rst29.length) {
            break;
          }
          __rst_value34 = __rst29[__rst31];
          __rst31++;
        } else {
          let __rst_step33 = __rst30.next();
          if (__rsS[1] !== 0) return __rsx = true, __rsM.s(1, [,,,, __rst29, __rst30, __rst31, __rst32]);
          if (__rst_step33 === null || typeof __rst_step33 !== "object" && typeof __rst_step33 !== "function") {
            __rsR.notResult(__rst_step33);
          }
          if (__rst_step33.done) {
            break;
          }
          __rst_value34 = __rst_step33.value;
        }
        __rst32 = 0;
        const worker = __rst_value34;
        if (__rsS[0] !== 0 && __rsM.up(2)) return __rsx = true, __rsM.s(2, [,,,, __rst29, __rst30, __rst31, __rst32,,, worker]);
        let __rst35 = worker.process;
        __rst35.kill('SIGKILL');
        if (__rsS[1] !== 0) return __rsx = true, __rsM.s(3, [,,,, __rst29, __rst30, __rst31, __rst32]);
      }
    } catch (__rst_err36) {
      if (__rsx) throw __rst_err36;
      if (__rst32 === 0 && __rst30 !== null) {
        __rsR.closeAfterThrow(__rst30);
      }
      __rst32 = 1;
      throw __rst_err36;
    } finally {
      if (__rsS[1] === 0 && !__rsx) {
        if (__rst32 === 0 && __rst30 !== null) {
          __rsR.close(__rst30);
        }
      }
    }
    process.exit(0);
    if (__rsS[1] !== 0) return __rsM.s(4, []);
  };
  let __rst19 = __rsMode ? __rsT === 26 ? (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rsL[2] : __rst20(__rst21, STOP_GRACE_MS);
  if (__rsS[1] !== 0) return __rsM.z(26, [], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  __rsMode ? __rsT === 27 && (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rst19.unref();
  if (__rsS[1] !== 0) return __rsM.z(27, [], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  let __rst22 = __rsMode ? __rsL[3] : __rsI0["default"];
  let __rst23 = __rsMode ? __rsL[4] : __rst22.disconnect;
  let __rst24 = __rsMode ? __rsL[5] : () => {
    if (__rsM.o !== 0 && __rsM.up(7, 1)) return __rsM.s(7, []);
    let __rst37 = process.exit(0);
    if (__rsS[1] !== 0) return __rsM.s(6, []);
    return __rst37;
  };
  if (!__rsMode) {
    if (typeof __rst23 !== "function") {
      __rsR.notCallable("cluster.disconnect");
    }
  }
  __rsMode ? __rsT === 28 && (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rst23.call(__rst22, __rst24);
  if (__rsS[1] !== 0) return __rsM.z(28, [], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  return __rsR.made(void 0, __rsSelf, __rsNT);
}
function __rsRestore8(__rsRec) {
  var __rsL = __rsRec.l,
    __rsT = __rsRec.cp,
    __rsMode = true,
    __rsSelf = __rsRec.s,
    __rsEnv = __rsRec.e,
    __rsArgs = __rsRec.a,
    __rsNT = __rsRec.n,
    __rsQ;
  if (!__rsMode && __rsM.o !== 0 && __rsM.up(32, 1)) return __rsM.z(32, [], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  if (__rsMode && __rsT === 32) {
    __rsMode = false;
    __rsM.d();
  }
  let __rst38 = __rsMode ? __rsL[0] : process;
  let __rst39 = __rsMode ? __rsL[1] : __rst38.on;
  let __rst40 = __rsMode ? __rsL[2] : () => {};
  if (!__rsMode) {
    if (typeof __rst39 !== "function") {
      __rsR.notCallable("process.on");
    }
  }
  __rsMode ? __rsT === 30 && (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rst39.call(__rst38, 'SIGINT', __rst40);
  if (__rsS[1] !== 0) return __rsM.z(30, [], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  let __rst41 = __rsMode ? __rsL[3] : __rsI1.startServer;
  let __rst42 = __rsMode ? __rsL[4] : {
    port: params.port,
    host: HOST,
    capacity: params.capacity
  };
  __rsMode ? __rsT === 31 && (__rsMode = false, __rsQ = __rsR.pop(), __rsQ.f(__rsQ)) : __rst41(__rst42);
  if (__rsS[1] !== 0) return __rsM.z(31, [], __rsSelf, __rsEnv, __rsArgs, __rsNT);
  return __rsR.made(void 0, __rsSelf, __rsNT);
}
function __rsState() {
  return {
    get "USAGE"() {
      return USAGE;
    },
    get "HOST"() {
      return HOST;
    },
    get "STOP_GRACE_MS"() {
      return STOP_GRACE_MS;
    },
    get "params"() {
      return params;
    },
    get "listening"() {
      return listening;
    },
    get "announced"() {
      return announced;
    },
    get "stopping"() {
      return stopping;
    }
  };
}
function __rsLines() { return [[38,43,49,58,70,72,74,76,80,95,111,113,132,149,163,180,183,185,191,198,209,217,244,272,299,329,346,387,392,399,415,441,443,445,447,456,494,533,535,571,588,602,619,622,624,630,639,665,673],[9,10,11,12,14,15,16,17,19,21,23,24,0,1,3,4,26,27,6,28,30,31,0,1,3,4,6,9,10,11,12,14,15,16,17,19,21,23,24,0,1,3,4,26,27,6,28,30,31],[24,31,39,44,50,59,69,71,73,75,77,79,81,85,96,100,112,114,117,125,133,150,161,164,181,184,186,190,192,199,202,210,218,231,245,273,293,300,330,341,347,362,374,388,393,400,416,436,442,444,446,448,451,457,473,495,512,534,536,548,564,572,589,600,603,620,623,625,629,631,640,652,666,674],[]]; }
