// Runs the FFT job live: compiles v1, prepares the patches v1 -> v2 -> v3 -> v4 (bundles written by
// `restack patch`, keeping the completed mapping files of samples/fft/patches, then validated by
// `restack check`), starts the job under `restack run` and applies each patch through
// `restack update <pid>` when the job's progress (its stderr) reaches a given pass. Used by
// `npm start` and by tests/fft-live.test.js.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareSample } from '../prepare.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'bin/restack.js');
const sample = join(root, 'samples/fft');

export const PATCHES = ['v1-v2', 'v2-v3', 'v3-v4'];

/**
 * Compiles v1 into work/v1 and writes the bundles into work/<patch> (samples/prepare.js). edit(name,
 * text) may change a committed mapping before it is used (the tests make variants of it). Returns
 * the outputs of `restack patch` and `restack check`, in order.
 */
export function prepare(work, { edit } = {}) {
  return prepareSample(sample, work, PATCHES, { edit });
}

/**
 * Starts work/v1/main.js under `restack run` with args, and applies patches[i] once the job reports
 * progress in pass schedule[i] (the job prints `block b/B pass p` every 50 blocks). onReport(name,
 * text) gets each `restack update` output as it comes (JSON with json: true). Resolves with
 * { stdout, stderr, code, reports: [{ name, code, text }] } once the job exits.
 */
export function runLive(work, { args, schedule, json = false, env = process.env, onStart, onReport }) {
  const child = spawn(process.execPath, [cli, 'run', '--announce', join(work, 'v1/main.js'), ...args], {
    env, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let pid = null;
  let next = 0;
  let busy = false;
  const reports = [];
  const sent = [];
  const apply = () => {
    if (busy || pid === null || next >= PATCHES.length) return;
    const m = /pass (\d+)\n(?![\s\S]*pass)/.exec(stderr);
    if (!m || Number(m[1]) < schedule[next]) return;
    const name = PATCHES[next++];
    busy = true;
    const label = name.split('-')[1];
    const update = spawn(process.execPath, [cli, 'update', ...(json ? ['--json'] : []), '--label', label, pid, join(work, name)], {
      env, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    update.stdout.on('data', (d) => { text += d; });
    update.stderr.on('data', (d) => { text += d; });
    sent.push(new Promise((resolve) => update.on('exit', (code) => {
      reports.push({ name, code, text });
      onReport?.(name, text, code);
      busy = false;
      resolve();
      apply();
    })));
  };
  child.stdout.on('data', (d) => { stdout += d; });
  child.stderr.on('data', (d) => {
    stderr += d;
    if (pid === null) {
      const m = /restack: control socket \S+ \(pid (\d+)\)/.exec(stderr);
      if (m) { pid = m[1]; onStart?.(pid); }
    }
    apply();
  });
  return new Promise((resolve) => child.on('exit', async (code, signal) => {
    await Promise.all(sent);
    resolve({ code, signal, stdout, stderr, reports });
  }));
}
