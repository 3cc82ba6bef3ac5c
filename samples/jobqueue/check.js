// What a run of samples/jobqueue must have printed, however many live updates (v1 -> v2 -> v3) it
// went through: every job's tile is recomputed natively with the code of the version that tagged it.
//
//   import { checkRun } from './check.js';  checkRun(outputJsonOrObject, { expectVersions: [1, 2, 3] })
//   node samples/jobqueue/check.js <output.json | -> [--expect 1,2,3] [--start-version 1] [--main-version 3] [--atomic]
//
// checkRun returns a summary, or throws a CheckError saying which rule the run broke.
import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as fractal1 from './v1/fractal.js';
import * as fractal2 from './v2/fractal.js';
import * as fractal3 from './v3/fractal.js';
import { CheckError, fail, parseOutput } from '../checking.js';

export { CheckError };

/** Each version's job code, as its work.js runs it. */
const VERSIONS = { 1: fractal1, 2: fractal2, 3: fractal3 };

/** The 64-bit FNV-1a (16 hex digits) of 32-bit row hashes, each as 4 little-endian bytes. */
function digestOfRows(rows) {
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  for (let r = 0; r < rows.length; r++) {
    for (let b = 0; b < 32; b += 8) {
      const x = (lo ^ ((rows[r] >>> b) & 0xff)) >>> 0;
      const p = x * 0x1b3;
      hi = (Math.imul(hi, 0x1b3) + (x << 8) + Math.floor(p / 0x100000000)) >>> 0;
      lo = p >>> 0;
    }
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

/**
 * Version v's tile for a job: its counts, row hashes, digest and iteration count. The digest is
 * also recomputed from the row hashes (the way the handover search does) and must agree.
 */
function tileOf(v, job, params, cache) {
  const key = `${v}:${job}`;
  if (cache.has(key)) return cache.get(key);
  const f = VERSIONS[v];
  const { width } = params;
  const counts = f.renderTile(job, params);
  const rows = new Uint32Array(counts.length / width);
  for (let r = 0; r < rows.length; r++) rows[r] = f.rowHash(counts, r * width, width);
  const digest = f.tileDigest(counts, width);
  if (digestOfRows(rows) !== digest) fail(`internal: v${v}'s tileDigest of job ${job} is not the digest of its row hashes`);
  const tile = { counts, rows, digest, iterations: f.countSum(counts) };
  cache.set(key, tile);
  return tile;
}

/**
 * The splits p in [0, P] for which "pixels [0, p) as version u computes them, [p, P) as version v"
 * gives the iteration count and the digest a worker reported (hashed with v's code, which
 * finished the job). The iteration count of every split comes from a running sum; only the splits
 * that give the reported count are hashed, from the two tiles' row hashes and the one row that
 * holds the split; a split that makes the same tile as the one before (the versions agree on pixel
 * p - 1) has that one's answer. Returns every matching p.
 */
function searchHandover(oldTile, newTile, width, v, want) {
  const A = oldTile.counts;
  const B = newTile.counts;
  const P = A.length;
  const rowHash = VERSIONS[v].rowHash;
  const rows = new Uint32Array(newTile.rows.length);
  const row = new Int32Array(width);
  const matches = [];
  let iterations = newTile.iterations;
  let previous = null;
  for (let p = 0; p <= P; p++) {
    if (p > 0) iterations += A[p - 1] - B[p - 1];
    if (iterations !== want.iterations) {
      previous = null;
      continue;
    }
    let match;
    if (previous !== null && A[p - 1] === B[p - 1]) {
      match = previous;
    } else {
      const r = Math.floor(p / width);
      for (let k = 0; k < rows.length; k++) rows[k] = k < r ? oldTile.rows[k] : newTile.rows[k];
      if (p % width !== 0) {
        const start = r * width;
        for (let c = 0; c < width; c++) row[c] = start + c < p ? A[start + c] : B[start + c];
        rows[r] = rowHash(row, 0, width);
      }
      match = digestOfRows(rows) === want.digest;
    }
    if (match) matches.push(p);
    previous = match;
  }
  return matches;
}

const isCount = (x) => Number.isInteger(x) && x >= 0;

function checkShape(out, options) {
  if (out === null || typeof out !== 'object') fail('the output is not a JSON object');
  const p = out.params;
  if (!p || typeof p !== 'object') fail('the output has no params');
  for (const key of ['workers', 'active', 'jobs', 'burst', 'low', 'width', 'height', 'iters', 'seed']) {
    if (!isCount(p[key])) fail(`params.${key} must be a non-negative integer, got ${JSON.stringify(p[key])}`);
  }
  for (const [key, value] of Object.entries(options.params ?? {})) {
    if (p[key] !== value) fail(`params.${key} is ${JSON.stringify(p[key])}, expected ${JSON.stringify(value)}`);
  }
  if (!(out.mainVersion in VERSIONS)) fail(`unknown mainVersion ${JSON.stringify(out.mainVersion)}`);
  if (options.mainVersion !== undefined && out.mainVersion !== options.mainVersion) {
    fail(`the output was printed by main.js v${out.mainVersion}, expected v${options.mainVersion}`);
  }
  if (!Array.isArray(out.results)) fail('the output has no results array');
  if (!out.totals || typeof out.totals !== 'object') fail('the output has no totals');
  if (!Array.isArray(out.workers)) fail('the output has no workers array');
}

/** Every job once, in job order, by a known worker, with a known version and a digest. */
function checkJobs(out) {
  const { jobs, workers } = out.params;
  if (out.results.length !== jobs) fail(`expected ${jobs} results, got ${out.results.length}`);
  out.results.forEach((r, i) => {
    const where = `result ${i}`;
    if (r === null || typeof r !== 'object') fail(`${where} is not an object`);
    if (r.job !== i) fail(`${where} is job ${JSON.stringify(r.job)}, expected job ${i}: jobs missing, repeated or out of order`);
    if (!Number.isInteger(r.worker) || r.worker < 0 || r.worker >= workers) fail(`job ${i} has unknown worker ${JSON.stringify(r.worker)}`);
    if (!Number.isInteger(r.version) || !(r.version in VERSIONS)) fail(`job ${i} has unknown version ${JSON.stringify(r.version)}`);
    if (typeof r.digest !== 'string') fail(`job ${i} has no digest`);
    if (!isCount(r.iterations)) fail(`job ${i} has no iteration count`);
  });
}

/**
 * Each worker's results in the order it did them (its jobs in increasing order: the queue hands
 * out ids in order), with non-decreasing version tags.
 */
function byWorker(out) {
  const lists = Array.from({ length: out.params.workers }, () => []);
  for (const r of out.results) {
    const list = lists[r.worker];
    const last = list[list.length - 1];
    if (last && r.version < last.version) {
      fail(`worker ${r.worker} tagged job ${r.job} v${r.version} after job ${last.job} v${last.version}: versions must not go backwards`);
    }
    list.push(r);
  }
  return lists;
}

/**
 * In an atomic update every thread moves at the same instant, and the queue hands out job ids in
 * order: a job a worker took after it had finished a job in version >= v was taken after the
 * update to v, so its id is larger than that of every job finished by older code.
 */
function checkAtomic(lists) {
  const versions = [...new Set(lists.flat().map((r) => r.version))].sort((a, b) => a - b);
  for (const v of versions.slice(1)) {
    let oldMax = null;
    let newMin = null;
    for (const list of lists) {
      const first = list.findIndex((r) => r.version >= v);
      for (const r of first < 0 ? list : list.slice(0, first)) if (!oldMax || r.job > oldMax.job) oldMax = r;
      if (first >= 0) for (const r of list.slice(first + 1)) if (!newMin || r.job < newMin.job) newMin = r;
    }
    if (oldMax && newMin && oldMax.job > newMin.job) {
      fail(`job ${oldMax.job} (worker ${oldMax.worker}) was finished by v${oldMax.version} code, but job ${newMin.job} ` +
        `(worker ${newMin.worker}) was taken after that worker had moved to v${v}: an atomic update moves every thread at once`);
    }
  }
}

/**
 * Checks the output of a run (the JSON line main.js prints, as a string or parsed).
 * options.expectVersions: the exact set of version tags the results must show (e.g. [1, 2, 3]);
 * options.startVersion: the version the workers started in (default 1);
 * options.mainVersion: the version whose main.js must have printed the output;
 * options.atomic: the run's updates were atomic (checkAtomic's rule holds);
 * options.params: values params must have (e.g. { jobs: 24 }).
 * Returns { params, jobs, versions, jobsPerVersion, handovers, mainVersion }.
 */
export function checkRun(output, options = {}) {
  const out = parseOutput(output);
  checkShape(out, options);
  checkJobs(out);
  const params = out.params;
  const lists = byWorker(out);
  const seen = [...new Set(out.results.map((r) => r.version))].sort((a, b) => a - b);
  if (options.expectVersions) {
    const want = [...new Set(options.expectVersions)].sort((a, b) => a - b);
    if (want.join() !== seen.join()) fail(`expected jobs tagged with versions [${want}], got [${seen}]`);
  }
  if (options.atomic) checkAtomic(lists);
  const start = options.startVersion ?? 1;
  const cache = new Map();
  const tileParams = { width: params.width, height: params.height, iters: params.iters, seed: params.seed };
  const pixels = params.width * params.height;
  const handovers = [];
  for (const [worker, list] of lists.entries()) {
    let previous = start;
    for (const r of list) {
      if (r.version < previous) fail(`job ${r.job} (worker ${worker}) is tagged v${r.version}, but the run started in v${previous}`);
      const own = tileOf(r.version, r.job, tileParams, cache);
      const exact = own.digest === r.digest && own.iterations === r.iterations;
      if (r.version === previous) {
        if (!exact) fail(`job ${r.job} (worker ${worker}) tagged v${r.version} has digest ${r.digest} and ${r.iterations} iterations, v${r.version} computes ${own.digest} and ${own.iterations}`);
        continue;
      }
      // The worker's first job tagged v after jobs tagged u (or since it started in u): the update
      // may have found it in the middle of this job. Versions between u and v must compute the
      // tile as one of the two, so that "u's pixels, then v's" covers every way it can have gone.
      const u = previous;
      const old = tileOf(u, r.job, tileParams, cache);
      for (let w = u + 1; w < r.version; w++) {
        const mid = tileOf(w, r.job, tileParams, cache).digest;
        if (mid !== old.digest && mid !== own.digest) fail(`job ${r.job} went from v${u} to v${r.version}; v${w} computes it differently from both, which this checker cannot follow`);
      }
      const matches = searchHandover(old, own, params.width, r.version, r);
      if (matches.length === 0) {
        fail(`job ${r.job} (worker ${worker}), the first it finished in v${r.version} after v${u}, has digest ${r.digest} and ${r.iterations} iterations: ` +
          `no split p in [0, ${pixels}] (v${u}'s pixels before p, v${r.version}'s from p) gives them`);
      }
      // same: u and v compute this tile alike; new: the matching splits include 0 (all of it v's,
      // as when the worker was waiting for a job); old: they include P (all of it u's); mixed:
      // the tile holds pixels of both.
      const kind = old.digest === own.digest ? 'same' : matches.includes(0) ? 'new' : matches.includes(pixels) ? 'old' : 'mixed';
      handovers.push({ worker, job: r.job, from: u, to: r.version, kind, split: matches[0], splitMax: matches[matches.length - 1] });
      previous = r.version;
    }
  }
  // The totals main printed, and each worker's own count (its module state, carried through updates).
  const jobsPerVersion = {};
  let iterations = 0;
  for (const r of out.results) {
    jobsPerVersion[r.version] = (jobsPerVersion[r.version] ?? 0) + 1;
    iterations += r.iterations;
  }
  const t = out.totals;
  if (t.jobs !== params.jobs || t.pixels !== params.jobs * pixels || t.iterations !== iterations) {
    fail(`totals ${JSON.stringify({ jobs: t.jobs, pixels: t.pixels, iterations: t.iterations })} do not add up: expected ${JSON.stringify({ jobs: params.jobs, pixels: params.jobs * pixels, iterations })}`);
  }
  if (JSON.stringify(t.byVersion) !== JSON.stringify(jobsPerVersion)) fail(`totals.byVersion is ${JSON.stringify(t.byVersion)}, the results give ${JSON.stringify(jobsPerVersion)}`);
  if (out.workers.length !== params.workers) fail(`expected totals from ${params.workers} workers, got ${out.workers.length}`);
  out.workers.forEach((w, i) => {
    if (!w || w.worker !== i) fail(`workers[${i}] is not worker ${i}'s totals`);
    const mine = lists[i];
    const want = { jobs: mine.length, pixels: mine.length * pixels, iterations: mine.reduce((s, r) => s + r.iterations, 0) };
    const got = { jobs: w.jobs, pixels: w.pixels, iterations: w.iterations };
    if (JSON.stringify(got) !== JSON.stringify(want)) fail(`worker ${i} counted ${JSON.stringify(got)}, its results add up to ${JSON.stringify(want)}`);
    if (out.mainVersion >= 3 && !(w.busyMs === null || (Number.isFinite(w.busyMs) && w.busyMs >= 0))) fail(`worker ${i}'s busyMs is ${JSON.stringify(w.busyMs)}`);
  });
  return { params, jobs: out.results.length, versions: seen, jobsPerVersion, handovers, mainVersion: out.mainVersion };
}

function parseCliOptions(args) {
  const options = {};
  let file;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--expect') options.expectVersions = args[++i].split(',').map(Number);
    else if (args[i] === '--start-version') options.startVersion = Number(args[++i]);
    else if (args[i] === '--main-version') options.mainVersion = Number(args[++i]);
    else if (args[i] === '--atomic') options.atomic = true;
    else if (file === undefined) file = args[i];
    else throw new CheckError(`unexpected argument ${args[i]}`);
  }
  if (file === undefined) throw new CheckError('usage: node check.js <output.json | -> [--expect 1,2,3] [--start-version 1] [--main-version 3] [--atomic]');
  return { file, options };
}

function main(args) {
  try {
    const { file, options } = parseCliOptions(args);
    const text = readFileSync(file === '-' ? 0 : file, 'utf8');
    console.log(JSON.stringify(checkRun(text, options)));
  } catch (e) {
    if (!(e instanceof CheckError) && e.code !== 'ENOENT') throw e;
    console.error(`jobqueue check: FAILED: ${e.message}`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
