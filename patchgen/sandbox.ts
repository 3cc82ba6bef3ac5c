/**
 * Running mapping.ts's top-level code for `restack check` without the caller's privileges.
 *
 * check must evaluate the mapping to see its default export, but whoever runs check (a reviewer,
 * a deploy job) should not run the mapping author's top-level code with its own rights. So the
 * mapping, as mapping.js, is loaded in a child Node process under the permission model, by the
 * very function the program loads it with at the update (contract/mappingModule.ts): the same
 * format, the same `require` (packages resolved from the bundle's directory, restack/patch the
 * running restack's). The child may read only that script, restack's loader and the packages
 * the bundle's directory can resolve (the node_modules directories from it up), and may not
 * write files, start processes or threads, or load addons. It gets an empty environment (no
 * secrets to read), a time limit and an output limit, and sends back the default export as
 * plain JSON, functions and other values that JSON cannot hold replaced by tags: check needs
 * only their kind, never to call them.
 *
 * The network is not covered by Node 20's permission model.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
/** restack's own files the child loads: the mapping loader, restack/patch and what they import. */
const LOADER = fileURLToPath(new URL('../contract/mappingModule.js', import.meta.url));
const RESTACK_PATCH_FILE = fileURLToPath(new URL('./types.js', import.meta.url));
const CONTRACT_DIR = dirname(LOADER);
const PACKAGE_JSON = fileURLToPath(new URL('../../package.json', import.meta.url));

/** How long the mapping's top-level code may run. */
export const SANDBOX_TIMEOUT_MS = 10_000;
/** How much it may print (its own output and the encoded export). */
export const SANDBOX_OUTPUT_BYTES = 16 << 20;

/** A value of the mapping as the child encoded it. */
type Encoded = null | boolean | number | string
  | { $: 'u' } | { $: 'f' } | { $: 'x'; d: string } | { $: 'a'; v: Encoded[] } | { $: 'o'; v: Record<string, Encoded> };

export type SandboxResult =
  | { ok: true; value: unknown }
  | { ok: false; message: string; stack: string; code?: string; permission?: string; resource?: string; name?: string };

/**
 * The child's program: loads mapping.js (its text from argv[1], its place in the bundle argv[2])
 * with the program's loader (argv[3], restack/patch argv[4]) and prints the marker (argv[5]) then
 * its encoded export, or its error, on one line. The mapping's own output comes before.
 */
const EVALUATOR = `
import { readFileSync } from 'node:fs';
const [script, file, loader, types, marker] = process.argv.slice(1);
const seen = new Set();
const enc = (v, depth) => {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : { $: 'x', d: String(v) };
  if (v === undefined) return { $: 'u' };
  if (typeof v === 'function') return { $: 'f' };
  if (typeof v !== 'object' || depth > 64 || seen.has(v)) return { $: 'x', d: typeof v };
  seen.add(v);
  try {
    if (Array.isArray(v)) return { $: 'a', v: v.map((x) => enc(x, depth + 1)) };
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return { $: 'x', d: Object.prototype.toString.call(v) };
    const o = {};
    for (const k of Object.keys(v)) Object.defineProperty(o, k, { value: enc(v[k], depth + 1), enumerable: true });
    return { $: 'o', v: o };
  } finally {
    seen.delete(v);
  }
};
let result;
try {
  const { evaluateMappingScript } = await import(loader);
  const restackPatch = await import(types);
  const value = evaluateMappingScript(readFileSync(script, 'utf8'), file, restackPatch);
  result = { ok: true, value: enc(value, 0) };
} catch (e) {
  result = { ok: false, message: String(e?.message ?? e), stack: String(e?.stack ?? ''), code: e?.code, permission: e?.permission, resource: e?.resource, name: e?.name };
}
// Exits once written: a timer or server the mapping's top level left open must not hold the check.
process.stdout.write('\\n' + marker + JSON.stringify(result) + '\\n', () => process.exit(0));
`;

/** Placeholder for a function of the mapping: check asks only whether there is one. */
function placeholder(): void {}

/** A value the child could not send as JSON (a Map, a class instance, NaN): kept as an object. */
class Opaque {
  constructor(readonly description: string) {}
}

function decode(e: Encoded): unknown {
  if (e === null || typeof e !== 'object') return e;
  switch (e.$) {
    case 'u': return undefined;
    case 'f': return placeholder;
    case 'x': return new Opaque(e.d);
    case 'a': return e.v.map(decode);
    case 'o': {
      const o: Record<string, unknown> = {};
      // defineProperty: a key '__proto__' stays a key.
      for (const [k, v] of Object.entries(e.v)) Object.defineProperty(o, k, { value: decode(v), enumerable: true, writable: true, configurable: true });
      return o;
    }
  }
}

/** The flag that turns the permission model on (Node 20 and 21: experimental). */
function permissionFlag(): string {
  return process.allowedNodeEnvironmentFlags.has('--permission') ? '--permission' : '--experimental-permission';
}

/** The node_modules directories Node looks in for a package required from a file of `dir`. */
function packageDirs(dir: string): string[] {
  const paths = (require('node:module') as { _nodeModulePaths(d: string): string[] })._nodeModulePaths(dir);
  return paths.filter((p) => existsSync(p));
}

/**
 * Loads mapping.js (the text in `script`, a temporary file) as the program will, as if it were
 * `mappingFile` (where the update loads it from: its bundle's mapping.js); returns its
 * `module.exports` (shape only), never throws for the mapping's own errors.
 */
export function evaluateInSandbox(script: string, mappingFile: string): Promise<SandboxResult> {
  const marker = `restack-sandbox-${randomBytes(12).toString('hex')}:`;
  const reads = [script, `${CONTRACT_DIR}/*`, RESTACK_PATCH_FILE, PACKAGE_JSON, ...packageDirs(dirname(mappingFile)).map((d) => join(d, '*'))];
  const args = [permissionFlag(), ...reads.map((r) => `--allow-fs-read=${r}`), '--no-warnings', '--input-type=module', '-e', EVALUATOR,
    script, mappingFile, pathToFileURL(LOADER).href, pathToFileURL(RESTACK_PATCH_FILE).href, marker];
  return new Promise((resolveResult, reject) => {
    const child = spawn(process.execPath, args, { env: {}, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let size = 0;
    let stderr = '';
    let why: string | null = null;
    const stop = (reason: string): void => {
      why ??= reason;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => stop(`did not finish within ${SANDBOX_TIMEOUT_MS / 1000} s (does its top-level code loop?)`), SANDBOX_TIMEOUT_MS);
    child.stdout.on('data', (d: Buffer) => {
      size += d.length;
      if (size > SANDBOX_OUTPUT_BYTES) stop(`printed more than ${SANDBOX_OUTPUT_BYTES >> 20} MB`);
      else chunks.push(d);
    });
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < 4096) stderr += d.toString('utf8');
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const out = Buffer.concat(chunks).toString('utf8');
      const at = out.lastIndexOf(`\n${marker}`);
      if (why || at < 0) {
        const message = why ?? (code === 13 ? 'did not finish: its top-level code awaits something that never settles'
          : `ended without a result (exit ${code ?? signal})${stderr.trim() ? `: ${stderr.trim().split('\n').slice(0, 5).join(' | ')}` : ''}`);
        resolveResult({ ok: false, message, stack: '' });
        return;
      }
      const line = out.slice(at + marker.length + 1).split('\n')[0];
      const result = JSON.parse(line) as SandboxResult & { value?: Encoded };
      resolveResult(result.ok ? { ...result, value: decode(result.value as Encoded) } : result);
    });
  });
}

/** The sentence for an error the permission model raised, or null. */
export function deniedAction(r: { code?: string; permission?: string; resource?: string }): string | null {
  if (r.code !== 'ERR_ACCESS_DENIED') return null;
  const at = r.resource ? ` (${r.resource})` : '';
  switch (r.permission) {
    case 'FileSystemWrite': return `write a file${at}`;
    case 'FileSystemRead': return `read a file${at}`;
    case 'ChildProcess': return 'start a child process';
    case 'WorkerThreads': return 'start a worker thread';
    default: return `use ${r.permission ?? 'a denied API'}${at}`;
  }
}
