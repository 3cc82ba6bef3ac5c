/**
 * `restack update` and `restack status`: the client side of the control channel (see
 * runtime/control.ts for the socket's location, protocol and access control). Exit codes: 0
 * applied (or status shown), 1 rolled back, 2 the program could not be reached, did not answer in
 * time, or answered something that is not the protocol, 3 split: the processes of a tree do not
 * all run the same version, or not all of them answered (the report says which runs what).
 */
import { existsSync, lstatSync } from 'node:fs';
import { connect } from 'node:net';
import { resolve } from 'node:path';
import { checkControlDir, controlDir, ControlError, isAlive, removeSocket, socketPathFor } from '../runtime/control.js';
import { clientWaitMs, STATUS_CLIENT_WAIT_MS } from '../runtime/deadlines.js';
import { formatOldCode, formatReport, wouldApply, type OldCodeReport, type ProcessVersion, type UpdateReport } from '../runtime/report.js';

/** `restack update`'s exit code when the tree is split (see the header). */
export const EXIT_SPLIT = 3;

/** A failure to talk to the program: one line on stderr, exit code 2. */
export class ClientError extends Error {
  /** Nobody listened on the socket (yet: see askListening). */
  refused = false;
}

/**
 * How long a client waits for the socket of a live process to appear: `restack run` starts the
 * program without waiting for its control thread to listen (runtime/run.ts), so a client started
 * at once may come first.
 */
const SOCKET_GRACE_MS = 2000;

/** The socket of `target`: a pid (its socket in this user's directory) or a socket's path. */
async function socketOf(target: string): Promise<string> {
  if (!/^\d+$/.test(target)) {
    const path = resolve(target);
    let st;
    try {
      st = lstatSync(path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new ClientError(code === 'EACCES' || code === 'EPERM'
        ? `cannot reach ${path}: permission denied (the program belongs to another user?)`
        : `cannot reach ${path}: no such socket (give a pid or the path of a control socket)`);
    }
    if (!st.isSocket()) throw new ClientError(`${path} is not a socket: not a restack control socket`);
    return path;
  }
  const pid = Number(target);
  const dir = controlDir();
  if (existsSync(dir)) {
    try {
      checkControlDir(dir);
    } catch (e) {
      throw new ClientError((e as ControlError).message);
    }
  }
  const path = socketPathFor(pid, dir);
  let there = existsSync(path);
  for (const until = Date.now() + SOCKET_GRACE_MS; !there && isAlive(pid) && Date.now() < until;) {
    await new Promise((r) => setTimeout(r, 20));
    there = existsSync(path);
  }
  if (!isAlive(pid)) {
    // Left by a program that was killed: nobody will ever listen there again.
    if (there) removeSocket(path);
    throw new ClientError(`no process ${pid}`);
  }
  if (!there) {
    let mine = true;
    try {
      process.kill(pid, 0);
    } catch {
      mine = false;
    }
    throw new ClientError(mine
      ? `process ${pid} is not a restack program listening for updates (no ${path}): start it with \`restack run\` (without --no-control)`
      : `process ${pid} belongs to another user (permission denied): only its owner can update it`);
  }
  return path;
}

interface Reply { id: unknown; ok: boolean; result?: unknown; error?: string }

function ask(path: string, req: { id: number } & Record<string, unknown>, timeoutMs: number): Promise<Reply> {
  return new Promise((resolveReply, reject) => {
    const socket = connect(path);
    let buffer = '';
    let settled = false;
    const finish = (e: ClientError | null, reply?: Reply): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (e) reject(e);
      else resolveReply(reply as Reply);
    };
    let timer: NodeJS.Timeout | undefined;
    const arm = (what: string): void => {
      clearTimeout(timer);
      timer = setTimeout(() => finish(new ClientError(`${what} from ${path} within ${timeoutMs / 1000} s`)), timeoutMs);
    };
    arm('no answer');
    const notProtocol = `${path} answered something that is not restack's control protocol: not a restack program?`;
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(JSON.stringify(req) + '\n'));
    socket.on('data', (d: string) => {
      buffer += d;
      for (let i = buffer.indexOf('\n'); i >= 0 && !settled; i = buffer.indexOf('\n')) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 1);
        let reply: Reply & { progress?: unknown };
        try {
          reply = JSON.parse(line) as Reply;
        } catch {
          return finish(new ClientError(notProtocol));
        }
        if (typeof reply !== 'object' || reply === null || reply.id !== req.id) return finish(new ClientError(notProtocol));
        if (typeof reply.progress === 'object' && reply.progress !== null) {
          // A process of a rolling update moved (or did not): the program is at work, and the
          // wait starts again (each process may take up to the timeout).
          arm('no news');
          continue;
        }
        if (typeof reply.ok !== 'boolean') return finish(new ClientError(notProtocol));
        return finish(null, reply);
      }
      if (buffer.length > 64 << 20) finish(new ClientError(notProtocol));
    });
    socket.on('close', () => finish(new ClientError(`${path} closed the connection without answering (did the program exit?)`)));
    socket.on('error', (e: NodeJS.ErrnoException) => {
      const why = e.code === 'ENOENT' ? 'no such socket'
        : e.code === 'ECONNREFUSED' ? 'nobody listens there (the program has exited, or it is not a restack program)'
          : e.code === 'EACCES' || e.code === 'EPERM' ? 'permission denied (the program belongs to another user?)'
            : e.code === 'ENOTSOCK' ? 'not a socket'
              : e.message;
      const error = new ClientError(`cannot reach ${path}: ${why}`);
      error.refused = e.code === 'ECONNREFUSED';
      finish(error);
    });
  });
}

/**
 * ask(), again while the socket refuses connections, for up to SOCKET_GRACE_MS: a socket that
 * exists is bound, and may be about to listen (a program that has just started).
 */
async function askListening(path: string, req: { id: number } & Record<string, unknown>, timeoutMs: number): Promise<Reply> {
  const until = Date.now() + SOCKET_GRACE_MS;
  for (;;) {
    try {
      return await ask(path, req, timeoutMs);
    } catch (e) {
      if (!(e instanceof ClientError && e.refused) || Date.now() >= until) throw e;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

function isReport(v: unknown): v is UpdateReport {
  const r = v as UpdateReport | null;
  return typeof r === 'object' && r !== null && typeof r.applied === 'boolean' && typeof r.timings === 'object' && r.timings !== null && Array.isArray(r.frames);
}

export async function updateCommand(target: string, patchDir: string, opts: { json?: boolean; timeout: number; label?: string; mode?: 'atomic' | 'wait-free'; processes?: 'coordinated' | 'rolling'; dryRun?: boolean }): Promise<number> {
  const path = await socketOf(target);
  const timeoutMs = opts.timeout * 1000;
  // The program waits up to the timeout for an update point where every frame can move; the
  // client gives it longer to decide, collect its processes' reports and answer. A rolling update
  // of several processes sends a progress note as each one is done, and the wait starts again at
  // each: it outlasts the program's own wait for a child that does not answer (deadlines.ts).
  const reply = await askListening(path, { id: 1, type: 'update', patchDir: resolve(patchDir), options: { timeoutMs, ...(opts.label ? { label: opts.label } : {}), ...(opts.mode && opts.mode !== 'atomic' ? { mode: opts.mode } : {}), ...(opts.processes ? { processes: opts.processes } : {}), ...(opts.dryRun ? { dryRun: true } : {}) } }, clientWaitMs(timeoutMs));
  if (!reply.ok) throw new ClientError(`the program refused the request: ${reply.error}`);
  if (!isReport(reply.result)) throw new ClientError(`${path} answered with something that is not an update report`);
  const report = reply.result;
  process.stdout.write(opts.json ? JSON.stringify(report, null, 2) + '\n' : formatReport(report) + '\n');
  // A dry run succeeds when the update would have applied everywhere.
  if (opts.dryRun) return wouldApply(report) ? 0 : 1;
  if (report.outcome === 'split') return EXIT_SPLIT;
  return report.applied ? 0 : 1;
}

interface Status {
  pid?: number;
  version?: string;
  updates?: number;
  modules?: Array<{ id: string }>;
  pending?: string | null;
  phase?: string | null;
  stats?: { captures?: number; maxPauseMs?: number; oldStateConflicts?: number };
  /** What still runs old code after the updates, with the calls each function's old code ran. */
  oldCode?: OldCodeReport;
  lastReport?: UpdateReport | null;
  threads?: Array<{ thread: number; name: string }>;
  processes?: Array<Status & { error?: string; silent?: boolean; silentSince?: number }>;
  silent?: boolean;
  silentSince?: number;
  error?: string;
  /** The last update of the process tree, kept current as late answers come. */
  lastTree?: { outcome: string; decision?: string; from: string; to: string; versions: ProcessVersion[] } | null;
}

/** "not answering since <time> (<n> s)" for a silent process. */
function silence(since: number | undefined, error: string | undefined): string {
  const when = since === undefined ? '' : ` since ${new Date(since).toISOString()} (${((Date.now() - since) / 1000).toFixed(1)} s)`;
  return `not answering${when}${error ? `: ${error}` : ''}`;
}

export async function statusCommand(target: string, opts: { json?: boolean }): Promise<number> {
  const path = await socketOf(target);
  const reply = await askListening(path, { id: 1, type: 'status' }, STATUS_CLIENT_WAIT_MS);
  if (!reply.ok) throw new ClientError(`the program refused the request: ${reply.error}`);
  if (opts.json) {
    process.stdout.write(JSON.stringify(reply.result, null, 2) + '\n');
    return 0;
  }
  if (typeof reply.result !== 'object' || reply.result === null) throw new ClientError(`${path} answered with something that is not a status`);
  const s = reply.result as Status;
  const lines: string[] = [];
  const updates = s.updates === undefined ? '' : ` (${s.updates} update${s.updates === 1 ? '' : 's'} applied)`;
  lines.push(s.silent
    ? `restack: pid ${s.pid ?? '?'}: its main thread is ${silence(s.silentSince, s.error)}; version ${s.version ?? '?'} as its coordinator knows it`
    : `restack: pid ${s.pid ?? '?'} runs version ${s.version ?? '?'}${updates}${s.pending ? `; update to ${s.pending} pending${s.phase ? ` (${s.phase})` : ''}` : ''}`);
  if (s.modules) lines.push(`  modules: ${s.modules.map((m) => m.id).join(', ') || '(none registered)'}`);
  if (s.stats?.captures !== undefined) {
    lines.push(`  captures: ${s.stats.captures}${s.stats.maxPauseMs !== undefined ? `, longest pause ${s.stats.maxPauseMs.toFixed(3)} ms` : ''}`);
  }
  if (s.oldCode && Array.isArray(s.oldCode.functions) && Array.isArray(s.oldCode.unshared)) {
    formatOldCode(s.oldCode, lines);
    if (s.stats?.oldStateConflicts) lines.push(`    ${s.stats.oldStateConflicts} time${s.stats.oldStateConflicts === 1 ? '' : 's'} old code and new code it called directly both changed a shared variable (the old code's value was kept)`);
  }
  if (s.threads?.length) lines.push(`  worker threads: ${s.threads.map((t) => `${t.thread} (${t.name})`).join(', ')}`);
  for (const p of s.processes ?? []) {
    lines.push(p.silent
      ? `  child process ${p.pid ?? '?'}: ${silence(p.silentSince, p.error)}`
      : p.error
      ? `  child process ${p.pid ?? '?'}: ${p.error}`
      : `  child process ${p.pid ?? '?'} runs version ${p.version ?? '?'}${p.updates === undefined ? '' : ` (${p.updates} update${p.updates === 1 ? '' : 's'} applied)`}${p.threads?.length ? `, ${p.threads.length} worker thread${p.threads.length === 1 ? '' : 's'}` : ''}`);
    // Its own children follow it (they are listed in its status).
    for (const q of p.processes ?? []) {
      lines.push(q.silent ? `    child process ${q.pid ?? '?'} (of ${p.pid}): ${silence(q.silentSince, q.error)}` : `    child process ${q.pid ?? '?'} (of ${p.pid}) runs version ${q.version ?? '?'}`);
    }
  }
  if (s.lastTree) {
    const t = s.lastTree;
    lines.push(`  last update of the process tree: ${t.from} -> ${t.to} ${t.outcome}${t.decision ? ` (decision: ${t.decision})` : ''}: ` +
      t.versions.map((v) => `${v.pid} ${v.state === 'answered' ? v.version ?? '?' : v.state === 'exited' ? 'exited' : 'unknown'}`).join(', '));
  }
  if (s.lastReport && isReport(s.lastReport)) lines.push(`  last update:\n${formatReport(s.lastReport).replace(/^/gm, '    ')}`);
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}
