#!/usr/bin/env node
/**
 * Which builtins the runtime calls as the program left them: the kvstore sample under
 * `restack run`, with every method of the language's builtins (their constructors' statics and
 * prototypes, the iterator and generator prototypes, Reflect, JSON, Math, Promise) replaced by a
 * spy before the program's first line, serves a few clients and is updated v1 -> v2 -> v3 -> v4
 * (state, stack and instance transformers, the journal, forwarded calls). A spy called directly
 * from restack's runtime (dist/runtime, dist/contract) records where; a call from the program, a
 * transformer or Node's own code is not counted. The report lists the call sites, most called
 * first: each is a place where a program that replaces that builtin (a polyfill, a spy, a
 * compiled function with update points) changes what the runtime does.
 *
 *   node scripts/builtin-audit.js [--json] [--check]
 *
 * Calls the journal's membrane makes on a transformer's behalf are listed apart: a transformer
 * reading an old Map through the membrane (`for (const [k, v] of old.map)`) calls the program's
 * iterator, as it would without restack, and the membrane's trap passes that call on (FORWARDED).
 * With --check the script fails if any other site is listed.
 *
 * The spies run the original builtin: the program behaves as without them, and every update must
 * still apply (the script fails otherwise).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyUpdate, prepare, RespClient, startServer, stopServer } from '../samples/kvstore/live.js';

const argv = process.argv.slice(2);
/** The journal membrane's traps: what they call is the transformer's own operation, passed on. */
const FORWARDED = [{ file: 'runtime/update/journal.js', fns: new Set(['Object.get', 'Object.apply', 'Object.next', 'Proxy.builtin']) }];
const forwarded = (at, fn) => FORWARDED.some((f) => at.startsWith(`${f.file}:`) && f.fns.has(fn));
const work = mkdtempSync(join(tmpdir(), 'restack-builtin-audit-'));
const record = join(work, 'audit.json');

// The program's entry: spies first (restack's runtime is loaded by then: its own captured
// builtins are the originals), then the compiled server. At exit the records go to a file.
const SPIES = String.raw`
const originals = { apply: Reflect.apply, define: Object.defineProperty, describe: Object.getOwnPropertyDescriptor,
  ownKeys: Reflect.ownKeys, getProto: Object.getPrototypeOf, Error, exec: RegExp.prototype.exec, mapGet: Map.prototype.get,
  mapSet: Map.prototype.set, writeFile: (await import('node:fs')).writeFileSync };
const sites = new Map();
let inside = false;
const RUNTIME = /\/dist\/((?:runtime|contract)\/[^:)]+):(\d+):\d+/;
function callerOf(stack) {
  // Frame 0 is the message, 1 the spy: the first frame with a file after it is the caller.
  const lines = stack.split('\n');
  for (let i = 2; i < lines.length; i++) {
    if (/\((?:<anonymous>|native)\)$|at <anonymous>$/.test(lines[i])) continue;
    return lines[i];
  }
  return '';
}
function spy(target, key, name, kind) {
  const d = originals.describe(target, key);
  if (!d || !d.configurable) return;
  const original = kind === 'get' ? d.get : d.value;
  if (typeof original !== 'function') return;
  const wrapper = {
    [name](...args) {
      if (!inside) {
        inside = true;
        try {
          // The runtime may be inside its own structured stack capture (a prepareStackTrace of
          // its own): the spy's text stack must not go through it.
          const limit = originals.Error.stackTraceLimit;
          const prepare = originals.Error.prepareStackTrace;
          originals.Error.stackTraceLimit = 12;
          originals.Error.prepareStackTrace = undefined;
          const stack = new originals.Error().stack;
          originals.Error.stackTraceLimit = limit;
          originals.Error.prepareStackTrace = prepare;
          const caller = callerOf(stack);
          const m = originals.apply(originals.exec, RUNTIME, [caller]);
          if (m) {
            const fn = /at (?:new )?([^ ]+) \(/.exec(caller);
            const site = name + '\t' + m[1] + ':' + m[2] + '\t' + (fn ? fn[1] : '');
            originals.apply(originals.mapSet, sites, [site, (originals.apply(originals.mapGet, sites, [site]) ?? 0) + 1]);
          }
        } finally {
          inside = false;
        }
      }
      return new.target ? Reflect.construct(original, args, new.target) : originals.apply(original, this, args);
    },
  }[name];
  originals.define(target, key, kind === 'get' ? { ...d, get: wrapper } : { ...d, value: wrapper });
}
const keyName = (k) => (typeof k === 'symbol' ? '[' + k.description + ']' : k);
function spyAll(obj, label) {
  for (const key of originals.ownKeys(obj)) {
    if (key === 'constructor' || key === 'caller' || key === 'callee' || key === 'arguments') continue;
    const d = originals.describe(obj, key);
    if (d.get) spy(obj, key, label + '.' + keyName(key) + ' (getter)', 'get');
    else if (typeof d.value === 'function' && !/^[A-Z]/.test(String(keyName(key)))) spy(obj, key, label + '.' + keyName(key), 'value');
  }
}
const roots = { Object, Function, Array, String, Number, Boolean, Symbol, BigInt, Promise, Map, Set, WeakMap, WeakSet, WeakRef,
  RegExp, Date, Error, ArrayBuffer, DataView, Uint8Array, TypedArray: Object.getPrototypeOf(Uint8Array) };
const plain = [];
for (const [name, C] of Object.entries(roots)) {
  plain.push([C, name]);
  if (C.prototype) plain.push([C.prototype, name + '.prototype']);
}
plain.push([Reflect, 'Reflect'], [JSON, 'JSON'], [Math, 'Math']);
const gen = Object.getPrototypeOf(function* () {});
plain.push(
  [Object.getPrototypeOf([][Symbol.iterator]()), '%ArrayIteratorPrototype%'],
  [Object.getPrototypeOf(new Map().entries()), '%MapIteratorPrototype%'],
  [Object.getPrototypeOf(new Set().values()), '%SetIteratorPrototype%'],
  [Object.getPrototypeOf(''[Symbol.iterator]()), '%StringIteratorPrototype%'],
  [Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())), '%IteratorPrototype%'],
  [gen.prototype, '%GeneratorPrototype%'],
  [Object.getPrototypeOf(async function* () {}).prototype, '%AsyncGeneratorPrototype%'],
);
// Spied last: the spies' own machinery (Reflect.apply, property descriptors) is captured above.
for (const [obj, label] of plain) spyAll(obj, label);
process.on('exit', () => {
  inside = true;
  originals.writeFile(process.env.AUDIT_RECORD, JSON.stringify([...sites]));
});
`;

const failures = [];
try {
  const main = prepare(work);
  writeFileSync(join(work, 'v1', 'audit-entry.mjs'), `${SPIES}\nawait import(${JSON.stringify(main)});\n`);
  process.env.AUDIT_RECORD = record;
  const server = await startServer(join(work, 'v1', 'audit-entry.mjs'));
  try {
    const client = await RespClient.open(server.port);
    for (let i = 0; i < 50; i++) await client.send('SET', `key:${i}`, `value ${i}`);
    await client.send('LPUSH', 'list', 'a', 'b', 'c');
    await client.send('HSET', 'hash', 'f', 'v');
    await client.send('MULTI');
    await client.send('INCR', 'counter');
    for (const [patch, label] of [['v1-v2', 'v2'], ['v2-v3', 'v3'], ['v3-v4', 'v4']]) {
      const u = await applyUpdate(server.pid, join(work, patch), label);
      if (!u.report?.applied) failures.push(`${patch}: ${u.text.slice(0, 500)}`);
      if (client.closed) break;
      await client.send('GET', 'key:1');
    }
    if (!client.closed) await client.send('EXEC');
    client.socket.end();
    if (client.closed) failures.push(`the server closed the connection:\n${server.output().stdout}${server.output().stderr}`);
  } finally {
    await stopServer(server);
  }
  const all = JSON.parse(readFileSync(record, 'utf8')).sort((a, b) => b[1] - a[1]).map(([s, n]) => [...s.split('\t'), n]);
  const sites = all.filter(([, at, fn]) => !forwarded(at, fn));
  const passedOn = all.filter(([, at, fn]) => forwarded(at, fn));
  const builtins = new Set(sites.map(([name]) => name));
  const files = new Set(sites.map(([, at]) => at.replace(/:\d+$/, '')));
  const calls = sites.reduce((n, s) => n + s[3], 0);
  const line = ([name, at, fn, n]) => `${String(n).padStart(7)}  ${name.padEnd(44)} ${at}${fn ? ` (${fn})` : ''}\n`;
  if (argv.includes('--json')) process.stdout.write(`${JSON.stringify({ sites, forwarded: passedOn }, null, 1)}\n`);
  else {
    process.stdout.write(`builtin-audit: ${calls} calls of ${builtins.size} replaced builtins from ${sites.length} call sites in ${files.size} runtime files\n`);
    for (const s of sites) process.stdout.write(line(s));
    process.stdout.write(`and ${passedOn.length} site(s) of the journal's membrane passing a transformer's own call on (${passedOn.reduce((n, s) => n + s[3], 0)} calls):\n`);
    for (const s of passedOn) process.stdout.write(line(s));
  }
  if (argv.includes('--check') && sites.length) failures.push(`the runtime called ${sites.length} replaced builtin(s) (above)`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (failures.length) {
  process.stderr.write(`builtin-audit: updates that did not apply:\n${failures.join('\n')}\n`);
  process.exitCode = 1;
}
