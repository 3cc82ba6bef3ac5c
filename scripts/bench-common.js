// What the benchmark scripts share: summary statistics, the sections they write into
// docs/benchmarks.md, and the two versions (A and B) some of them update a program between.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../bin/restack.js', import.meta.url));

/**
 * A fresh `out` directory with its own control-socket directory (XDG_RUNTIME_DIR of this process
 * and its children), version A of `src` compiled into out/A and the checked patches A -> B
 * (out/AB) and B -> A (out/BA). `name` prefixes the message of a restack command that fails.
 */
export function buildVersions(name, src, out) {
  const restack = (...args) => {
    const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: process.env });
    if (r.status !== 0) {
      process.stderr.write(`${name}: restack ${args.join(' ')} failed\n${r.stdout}${r.stderr}`);
      process.exit(1);
    }
  };
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'xdg'), { recursive: true, mode: 0o700 });
  process.env.XDG_RUNTIME_DIR = join(out, 'xdg');
  restack('compile', join(src, 'A'), '-o', join(out, 'A'), '--quiet');
  restack('patch', join(src, 'A'), join(src, 'B'), '-o', join(out, 'AB'));
  restack('patch', join(src, 'B'), join(src, 'A'), '-o', join(out, 'BA'));
  restack('check', join(out, 'AB'));
  restack('check', join(out, 'BA'));
}

/** Ends a program started with `restack run` (its pid, as announced) and the child that ran it. */
export function stopRun(pid, child) {
  try {
    process.kill(Number(pid), 'SIGKILL');
  } catch {
    // Already gone.
  }
  child.kill('SIGKILL');
}

/** Median of numbers (NaN for none). */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function geomean(xs) {
  return Math.exp(xs.reduce((sum, x) => sum + Math.log(x), 0) / xs.length);
}

/**
 * Replaces the text between `<!-- name:begin -->` and `<!-- name:end -->` in the docs file with
 * body, or appends the section under `## heading` when the file has no such markers yet.
 */
export function writeDocsSection(docs, name, heading, body) {
  const begin = `<!-- ${name}:begin -->`;
  const end = `<!-- ${name}:end -->`;
  const text = readFileSync(docs, 'utf8');
  const section = `${begin}\n${body}\n${end}`;
  const a = text.indexOf(begin);
  const b = text.indexOf(end);
  writeFileSync(docs, a >= 0 && b > a
    ? text.slice(0, a) + section + text.slice(b + end.length)
    : `${text.trimEnd()}\n\n## ${heading}\n\n${section}\n`);
}
