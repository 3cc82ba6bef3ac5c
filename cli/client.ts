/**
 * `restack update` and `restack status`: the client side of the control channel (see
 * runtime/channel.ts). Exit codes: 0 applied (or status shown), 1 rolled back, 2 the program could
 * not be reached or did not answer.
 */
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { resolve } from 'node:path';
import { socketPathFor, socketDir } from '../runtime/channel.js';
import { formatReport, type UpdateReport } from '../runtime/report.js';

export class ClientError extends Error {}

function socketOf(target: string): string {
  if (/^\d+$/.test(target)) {
    const path = socketPathFor(Number(target), socketDir());
    if (!existsSync(path)) {
      let alive = true;
      try {
        process.kill(Number(target), 0);
      } catch (e) {
        alive = (e as NodeJS.ErrnoException).code === 'EPERM';
      }
      throw new ClientError(alive
        ? `process ${target} has no restack control socket (${path}): is it running under \`restack run\`, started by this user?`
        : `no process ${target}`);
    }
    return path;
  }
  return resolve(target);
}

function ask(path: string, req: object, timeoutMs: number): Promise<{ ok: boolean; result?: unknown; error?: string }> {
  return new Promise((resolveReply, reject) => {
    const socket = connect(path);
    let buffer = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new ClientError(`no answer from ${path} in ${timeoutMs / 1000} s`));
    }, timeoutMs);
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(JSON.stringify(req) + '\n'));
    socket.on('data', (d: string) => {
      buffer += d;
      const i = buffer.indexOf('\n');
      if (i < 0) return;
      clearTimeout(timer);
      socket.end();
      try {
        resolveReply(JSON.parse(buffer.slice(0, i)) as { ok: boolean; result?: unknown; error?: string });
      } catch {
        reject(new ClientError(`${path} answered something that is not restack's protocol`));
      }
    });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const why = e.code === 'ENOENT' ? 'no such socket'
        : e.code === 'ECONNREFUSED' ? 'nobody listens there (the program has exited?)'
          : e.code === 'EACCES' ? 'permission denied (the program belongs to another user?)'
            : e.message;
      reject(new ClientError(`cannot reach ${path}: ${why}`));
    });
  });
}

export async function updateCommand(target: string, patchDir: string, opts: { json?: boolean; timeout: number }): Promise<number> {
  const reply = await ask(socketOf(target), {
    id: 1, type: 'update', patchDir: resolve(patchDir), options: { timeoutMs: opts.timeout * 1000 },
  }, opts.timeout * 1000 + 5000);
  if (!reply.ok) throw new ClientError(`the program refused the request: ${reply.error}`);
  const report = reply.result as UpdateReport;
  process.stdout.write(opts.json ? JSON.stringify(report, null, 2) + '\n' : formatReport(report) + '\n');
  return report.applied ? 0 : 1;
}

export async function statusCommand(target: string, opts: { json?: boolean }): Promise<number> {
  const reply = await ask(socketOf(target), { id: 1, type: 'status' }, 10_000);
  if (!reply.ok) throw new ClientError(`the program refused the request: ${reply.error}`);
  const s = reply.result as { pid: number; version: string; updates: number; modules: Array<{ id: string }>; pending: string | null; stats: { captures: number }; lastReport: UpdateReport | null };
  if (opts.json) {
    process.stdout.write(JSON.stringify(s, null, 2) + '\n');
    return 0;
  }
  process.stdout.write(`restack: pid ${s.pid} runs version ${s.version} (${s.updates} update${s.updates === 1 ? '' : 's'} applied)` +
    `${s.pending ? `; update to ${s.pending} pending` : ''}\n  modules: ${s.modules.map((m) => m.id).join(', ') || '(none registered)'}\n`);
  if (s.lastReport) process.stdout.write(`  last update:\n${formatReport(s.lastReport).replace(/^/gm, '    ')}\n`);
  return 0;
}
