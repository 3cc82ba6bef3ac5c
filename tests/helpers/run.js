// Runs programs natively and through restack, for the exec tests and scripts.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const cli = `${root}bin/restack.js`;
export const shim = `${root}dist/runtime/shim.js`;

/** Runs a command; resolves with { code, stdout, stderr } (never rejects on exit code). */
export function run(cmd, args, { timeoutMs = 120_000, cwd, input } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.end(input ?? '');
  });
}

export const runNative = (file, opts) => run(process.execPath, ['--import', shim, file], opts);
export const runCompiled = (file, extra = [], opts) => run(process.execPath, ['--stack-size=4000', cli, 'run', ...extra, file], opts);
