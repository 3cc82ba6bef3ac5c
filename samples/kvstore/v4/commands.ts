/**
 * Command execution: one function per command, dispatched by name. Each returns its reply,
 * already encoded in RESP.
 */
import { OK, QUEUED, NIL, EMPTY_ARRAY, array, bulk, bulkArray, error, integer, simple } from './resp.js';
import { DATABASES, WrongTypeError, dbs, exists, flush, getList, getString, keyCount, lookup, matchingKeys, remove, setString, typeOf, type Db } from './store.js';
import { serverInfo } from './info.js';
import { List } from './list.js';
import { clientList } from './server.js';

export const VERSION = '4';

/** What a connection remembers between its commands. */
export interface Session {
  /** Selected database. */
  db: number;
  /** The transaction opened by MULTI, or null. */
  tx: Transaction | null;
}

export interface Transaction {
  /** Commands queued since MULTI. */
  commands: string[][];
  /** A command could not be queued (unknown, or wrong number of arguments): EXEC refuses to run. */
  aborted: boolean;
}

export function newSession(): Session {
  return { db: 0, tx: null };
}

/** Number of arguments including the command name; negative: at least that many. */
const ARITY: Record<string, number> = {
  ping: -1, echo: 2, get: 2, set: -3, expire: 3, pexpire: 3, ttl: 2, pttl: 2, persist: 2, del: -2, exists: -2, incr: 2, decr: 2, incrby: 3, decrby: 3,
  mget: -2, mset: -3, keys: 2, dbsize: 1, flushdb: 1, flushall: 1, select: 2, multi: 1, exec: 1,
  discard: 1, config: -2, info: -1, type: 2, lpush: -3, rpush: -3, lpop: 2, rpop: 2, llen: 2,
  lrange: 4, lindex: 3, client: -2,
};

const WRONG_INTEGER = error('ERR value is not an integer or out of range');

export function execute(session: Session, args: string[]): string {
  const name = args[0].toLowerCase();
  const arity = ARITY[name];
  const tx = session.tx;
  let refused: string | null = null;
  if (arity === undefined) {
    refused = error(`ERR unknown command '${args[0]}', with args beginning with: ${args.slice(1, 4).map((a) => `'${a}'`).join(' ')}`);
  } else if (arity > 0 ? args.length !== arity : args.length < -arity) {
    refused = error(`ERR wrong number of arguments for '${name}' command`);
  }
  if (refused !== null) {
    // As Redis 2.6.5 and later: a command that cannot be queued fails the whole transaction.
    if (tx !== null) tx.aborted = true;
    return refused;
  }
  if (tx !== null && name !== 'exec' && name !== 'discard' && name !== 'multi') {
    tx.commands.push(args);
    return QUEUED;
  }
  return run(session, name, args);
}

function run(session: Session, name: string, args: string[]): string {
  try {
    return runCommand(session, name, args);
  } catch (err) {
    if (err instanceof WrongTypeError) return error(err.message);
    throw err;
  }
}

function runCommand(session: Session, name: string, args: string[]): string {
  const db = dbs[session.db];
  switch (name) {
    case 'get': return bulk(getString(db, args[1]));
    case 'set': return set(db, args);
    case 'expire': return expire(db, args[1], args[2], 1000);
    case 'pexpire': return expire(db, args[1], args[2], 1);
    case 'ttl': return integer(ttl(db, args[1], 1000));
    case 'pttl': return integer(ttl(db, args[1], 1));
    case 'persist': return integer(persist(db, args[1]));
    case 'incr': return incrBy(db, args[1], 1);
    case 'decr': return incrBy(db, args[1], -1);
    case 'incrby': return incrByArg(db, args[1], args[2], 1);
    case 'decrby': return incrByArg(db, args[1], args[2], -1);
    case 'del': return integer(deleteKeys(db, args));
    case 'exists': return integer(countExisting(db, args));
    case 'mget': return mget(db, args);
    case 'mset': return mset(db, args);
    case 'ping': return args.length > 1 ? bulk(args[1]) : simple('PONG');
    case 'echo': return bulk(args[1]);
    case 'keys': return bulkArray(matchingKeys(db, args[1]));
    case 'dbsize': return integer(keyCount(db));
    case 'flushdb': flush(db); return OK;
    case 'flushall': for (let i = 0; i < DATABASES; i++) flush(dbs[i]); return OK;
    case 'select': return select(session, args[1]);
    case 'multi': return multi(session);
    case 'exec': return exec(session);
    case 'discard': return discard(session);
    case 'config': return config(args);
    case 'type': return simple(typeOf(db, args[1]));
    case 'lpush': return integer(push(db, args, true));
    case 'rpush': return integer(push(db, args, false));
    case 'lpop': return bulk(pop(db, args[1], true));
    case 'rpop': return bulk(pop(db, args[1], false));
    case 'llen': return integer(listLength(db, args[1]));
    case 'lrange': return lrange(db, args);
    case 'lindex': return lindex(db, args);
    case 'client': return client(args);
    case 'info': return bulk(serverInfo(VERSION, args.length > 1 ? args[1] : 'default'));
    default: return error(`ERR unknown command '${args[0]}'`);
  }
}

/** A 64-bit signed decimal integer that is also a safe JavaScript integer, else null. */
export function parseInteger(text: string): number | null {
  if (!/^-?(0|[1-9][0-9]{0,18})$/.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : null;
}

function incrBy(db: Db, key: string, by: number): string {
  const current = lookup(db, key);
  let n: number | null = 0;
  if (current !== null) {
    if (typeof current.value !== 'string') throw new WrongTypeError();
    n = parseInteger(current.value);
  }
  if (n === null) return WRONG_INTEGER;
  const next = n + by;
  if (!Number.isSafeInteger(next)) return error('ERR increment or decrement would overflow');
  // The counter keeps its expiry (v2 wrote a new entry without one).
  setString(db, key, String(next), current === null ? 0 : current.expiresAt);
  return integer(next);
}

/** SET key value [NX | XX] [EX seconds | PX milliseconds | KEEPTTL] */
function set(db: Db, args: string[]): string {
  let expiresAt = 0;
  let keepTtl = false;
  let condition = '';
  for (let i = 3; i < args.length; i++) {
    const option = args[i].toLowerCase();
    if ((option === 'nx' || option === 'xx') && condition === '') condition = option;
    else if ((option === 'ex' || option === 'px') && expiresAt === 0 && !keepTtl && i + 1 < args.length) {
      const amount = parseInteger(args[++i]);
      if (amount === null) return WRONG_INTEGER;
      if (amount <= 0) return error("ERR invalid expire time in 'set' command");
      expiresAt = Date.now() + amount * (option === 'ex' ? 1000 : 1);
    } else if (option === 'keepttl' && expiresAt === 0) keepTtl = true;
    else return error('ERR syntax error');
  }
  const current = lookup(db, args[1]);
  if ((condition === 'nx' && current !== null) || (condition === 'xx' && current === null)) return NIL;
  if (keepTtl && current !== null) expiresAt = current.expiresAt;
  setString(db, args[1], args[2], expiresAt);
  return OK;
}

/** EXPIRE / PEXPIRE: unit is 1000 for seconds, 1 for milliseconds. */
function expire(db: Db, key: string, amount: string, unit: number): string {
  const n = parseInteger(amount);
  if (n === null) return WRONG_INTEGER;
  const entry = lookup(db, key);
  if (entry === null) return integer(0);
  if (n <= 0) {
    remove(db, key);
    return integer(1);
  }
  entry.expiresAt = Date.now() + n * unit;
  return integer(1);
}

/** Time to live in the given unit (rounded up), -1 for a key without expiry, -2 for no key. */
function ttl(db: Db, key: string, unit: number): number {
  const entry = lookup(db, key);
  if (entry === null) return -2;
  if (entry.expiresAt === 0) return -1;
  return Math.ceil((entry.expiresAt - Date.now()) / unit);
}

function persist(db: Db, key: string): number {
  const entry = lookup(db, key);
  if (entry === null || entry.expiresAt === 0) return 0;
  entry.expiresAt = 0;
  return 1;
}

function incrByArg(db: Db, key: string, amount: string, sign: number): string {
  const by = parseInteger(amount);
  if (by === null) return WRONG_INTEGER;
  return incrBy(db, key, sign * by);
}

function deleteKeys(db: Db, args: string[]): number {
  let deleted = 0;
  for (let i = 1; i < args.length; i++) {
    if (remove(db, args[i])) deleted++;
  }
  return deleted;
}

function countExisting(db: Db, args: string[]): number {
  let count = 0;
  for (let i = 1; i < args.length; i++) {
    if (exists(db, args[i])) count++;
  }
  return count;
}

function mget(db: Db, args: string[]): string {
  const values: Array<string | null> = [];
  for (let i = 1; i < args.length; i++) values.push(getString(db, args[i]));
  return bulkArray(values);
}

function mset(db: Db, args: string[]): string {
  if (args.length % 2 !== 1) return error("ERR wrong number of arguments for 'mset' command");
  for (let i = 1; i < args.length; i += 2) setString(db, args[i], args[i + 1], 0);
  return OK;
}

function select(session: Session, index: string): string {
  const n = parseInteger(index);
  if (n === null) return WRONG_INTEGER;
  if (n < 0 || n >= DATABASES) return error('ERR DB index is out of range');
  session.db = n;
  return OK;
}

function multi(session: Session): string {
  if (session.tx !== null) return error('ERR MULTI calls can not be nested');
  session.tx = { commands: [], aborted: false };
  return OK;
}

/** Runs the queued commands one after the other, with nothing in between. */
function exec(session: Session): string {
  'restack atomic';
  const tx = session.tx;
  if (tx === null) return error('ERR EXEC without MULTI');
  session.tx = null;
  if (tx.aborted) return error('EXECABORT Transaction discarded because of previous errors.');
  const replies: string[] = [];
  for (let i = 0; i < tx.commands.length; i++) replies.push(run(session, tx.commands[i][0].toLowerCase(), tx.commands[i]));
  return array(replies);
}

function discard(session: Session): string {
  if (session.tx === null) return error('ERR DISCARD without MULTI');
  session.tx = null;
  return OK;
}

/** LPUSH / RPUSH key value [value ...]: the list's length after. */
function push(db: Db, args: string[], front: boolean): number {
  const existing = getList(db, args[1]);
  const list = existing ?? new List();
  for (let i = 2; i < args.length; i++) {
    if (front) list.pushFront(args[i]);
    else list.pushBack(args[i]);
  }
  if (existing === null) setString(db, args[1], list, 0);
  return list.length;
}

function pop(db: Db, key: string, front: boolean): string | null {
  const list = getList(db, key);
  if (list === null) return null;
  const value = front ? list.popFront() : list.popBack();
  if (list.length === 0) remove(db, key);
  return value;
}

function listLength(db: Db, key: string): number {
  const list = getList(db, key);
  return list === null ? 0 : list.length;
}

function lrange(db: Db, args: string[]): string {
  const start = parseInteger(args[2]);
  const stop = parseInteger(args[3]);
  if (start === null || stop === null) return WRONG_INTEGER;
  const list = getList(db, args[1]);
  return bulkArray(list === null ? [] : list.range(start, stop));
}

function lindex(db: Db, args: string[]): string {
  const index = parseInteger(args[2]);
  if (index === null) return WRONG_INTEGER;
  const list = getList(db, args[1]);
  return bulk(list === null ? null : list.at(index));
}

/** Just enough of CONFIG GET for clients that ask (redis-benchmark asks for save and appendonly). */
function config(args: string[]): string {
  if (args[1].toLowerCase() !== 'get' || args.length !== 3) return error('ERR only CONFIG GET <parameter> is supported');
  const known: Record<string, string> = { save: '', appendonly: 'no', databases: String(DATABASES) };
  const name = args[2].toLowerCase();
  return name in known ? bulkArray([name, known[name]]) : EMPTY_ARRAY;
}

function client(args: string[]): string {
  if (args[1].toLowerCase() === 'list' && args.length === 2) return bulk(clientList());
  return error(`ERR unknown subcommand '${args[1]}'. Try CLIENT LIST.`);
}
